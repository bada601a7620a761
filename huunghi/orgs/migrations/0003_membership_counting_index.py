"""An index for counting members on a date at scale (`selectors.member_counts`): the memberships
of a union's organizations read from the index alone, without visiting rows scattered over the
table (bench/reports.py: one union's count on 1,000,000 memberships).

Raw SQL, so the models' state (and `makemigrations`) is unchanged; both SQLite and PostgreSQL."""

from django.db import migrations

INDEX = "orgs_membership_counting"


class Migration(migrations.Migration):
    dependencies = [("orgs", "0002_members_personal_data")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON orgs_membership (organization_id, joined_on, left_on, person_id, id)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]

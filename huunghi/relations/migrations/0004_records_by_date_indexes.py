"""Indexes for counting delegations and events of a period (`stats.relations_stats_many`) by
start date: on 100,000 of each (bench/reports.py) PostgreSQL reads a year through them, for one
union as for the whole country.

Raw SQL, so the models' state (and `makemigrations`) is unchanged; both SQLite and PostgreSQL."""

from django.db import migrations

INDEXES = {
    "relations_delegation_starts": "relations_delegation (starts_on)",
    "relations_event_starts": "relations_event (starts_on)",
}


class Migration(migrations.Migration):
    dependencies = [("relations", "0003_partner_ordering")]

    operations = [
        migrations.RunSQL(f"CREATE INDEX IF NOT EXISTS {name} ON {target}", f"DROP INDEX IF EXISTS {name}")
        for name, target in INDEXES.items()
    ]

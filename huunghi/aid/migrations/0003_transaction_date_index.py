"""An index for summing the money movements of a period (`aggregates.aid_totals_many`): by item
and date (one union's items in a year).

Raw SQL, so the models' state (and `makemigrations`) is unchanged; both SQLite and PostgreSQL."""

from django.db import migrations

INDEX = "aid_aidtransaction_aid_date"


class Migration(migrations.Migration):
    dependencies = [("aid", "0002_type_of_aid_label")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON aid_aidtransaction (aid_id, date)", f"DROP INDEX IF EXISTS {INDEX}"
        ),
    ]

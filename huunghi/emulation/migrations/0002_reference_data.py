from django.db import migrations


def load(apps, schema_editor):
    from huunghi.emulation.reference import load_reference

    load_reference(apps.get_model("emulation", "AwardForm"), apps.get_model("emulation", "BasicSalary"))


class Migration(migrations.Migration):
    dependencies = [("emulation", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

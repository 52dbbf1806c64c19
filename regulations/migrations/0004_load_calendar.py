from django.db import migrations


def load(apps, schema_editor):
    from regulations.seed import load_calendar

    load_calendar(apps)


class Migration(migrations.Migration):
    dependencies = [("regulations", "0003_load_regulation_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

from django.db import migrations


def load(apps, schema_editor):
    from regulations.seed import load_regulation_data

    load_regulation_data(apps)


class Migration(migrations.Migration):
    dependencies = [("regulations", "0002_talent_levels_items_params")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

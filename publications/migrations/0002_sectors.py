from django.db import migrations

from publications.sectors import ensure_default_sectors


def create_sectors(apps, schema_editor):
    ensure_default_sectors(apps.get_model("publications", "Sector"))


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]

    operations = [migrations.RunPython(create_sectors, migrations.RunPython.noop)]

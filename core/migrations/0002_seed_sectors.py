from django.db import migrations

from core.taxonomies import SECTOR_LABELS


def add_sectors(apps, schema_editor):
    Sector = apps.get_model("core", "Sector")
    for code in SECTOR_LABELS:
        Sector.objects.get_or_create(code=code)


def remove_sectors(apps, schema_editor):
    apps.get_model("core", "Sector").objects.filter(code__in=list(SECTOR_LABELS)).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(add_sectors, remove_sectors)]

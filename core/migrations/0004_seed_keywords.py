from django.db import migrations

from core.taxonomies import KEYWORD_LABELS


def add_keywords(apps, schema_editor):
    Sector = apps.get_model("core", "Sector")
    Keyword = apps.get_model("core", "Keyword")
    for code in KEYWORD_LABELS:
        sector, _created = Sector.objects.get_or_create(code=code.split("/", 1)[0])
        Keyword.objects.get_or_create(code=code, defaults={"sector": sector})


def remove_keywords(apps, schema_editor):
    apps.get_model("core", "Keyword").objects.filter(code__in=list(KEYWORD_LABELS)).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0003_keyword")]
    operations = [migrations.RunPython(add_keywords, remove_keywords)]

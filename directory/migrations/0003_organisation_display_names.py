"""Give every organisation created before names existed its DISPLAY name row, so search finds it."""

from django.db import migrations

from directory.search import search_key_for


def add_display_names(apps, schema_editor):
    Organisation = apps.get_model("directory", "Organisation")
    OrganisationName = apps.get_model("directory", "OrganisationName")
    missing = Organisation.objects.exclude(names__kind="display").only("pk", "name", "name_language")
    OrganisationName.objects.bulk_create(
        (
            OrganisationName(
                organisation_id=organisation.pk,
                value=organisation.name,
                language=organisation.name_language,
                kind="display",
                search_key=search_key_for(organisation.name),
            )
            for organisation in missing.iterator()
        ),
        batch_size=1000,
    )


def remove_nothing(apps, schema_editor):
    """The display names stay: they are what the services keep from now on."""


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_registry")]

    operations = [migrations.RunPython(add_display_names, remove_nothing)]

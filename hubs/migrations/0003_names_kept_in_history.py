"""Copy each person's name onto the history rows that point at them, so the rows still say who once the
person is deleted (their foreign key is then set to null)."""

from django.db import migrations


def _fill(apps, model_label, person_field, name_field):
    model = apps.get_model(*model_label.split("."))
    user_model = apps.get_model("accounts", "User")
    person_ids = (
        model.objects.filter(**{f"{person_field}__isnull": False, name_field: ""})
        .values_list(person_field, flat=True)
        .distinct()
    )
    for person in user_model.objects.filter(pk__in=list(person_ids)).only("full_name", "email"):
        model.objects.filter(**{person_field: person, name_field: ""}).update(
            **{name_field: person.full_name or person.email}
        )


def names_fill(apps, schema_editor):
    _fill(apps, "hubs.AgreementEvent", "actor", "actor_name")


class Migration(migrations.Migration):
    dependencies = [("hubs", "0002_deleting_keeps_history"), ("accounts", "0002_api_token")]

    operations = [migrations.RunPython(names_fill, migrations.RunPython.noop)]

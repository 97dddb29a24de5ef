"""Every counter that numbered documents before the kernel continues here, so no number is issued twice:
networks' NumberSequence (membership certificates, invoices per network and year) and exchanges'
DocumentSequence (exchange documents PLX-…, application references)."""

from django.db import migrations


def networks_scope(scope: str, year: int) -> str:
    return f"networks.{scope}:{year}"  # "networks.certificate:2026", "networks.invoice:7:2026"


def exchanges_scope(prefix: str) -> str:
    return f"exchanges.{prefix}"  # "exchanges.PLX-INV-2026", "exchanges.APP-2026"


def copy_counters(apps, schema_editor):
    NumberSequence = apps.get_model("signing", "NumberSequence")
    counters = {}
    for old in apps.get_model("networks", "NumberSequence").objects.all():
        counters[networks_scope(old.scope, old.year)] = old.last_number
    for old in apps.get_model("exchanges", "DocumentSequence").objects.all():
        counters[exchanges_scope(old.prefix)] = old.last
    for scope, last in counters.items():
        sequence, _created = NumberSequence.objects.get_or_create(scope=scope)
        if sequence.last < last:
            sequence.last = last
            sequence.save(update_fields=["last"])


class Migration(migrations.Migration):
    dependencies = [
        ("signing", "0001_initial"),
        ("networks", "0002_membership_workflow_invoices_certificates"),
        ("exchanges", "0002_programme_agreement"),
    ]

    operations = [migrations.RunPython(copy_counters, migrations.RunPython.noop)]

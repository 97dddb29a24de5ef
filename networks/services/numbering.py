"""Numbers without gaps or duplicates, per scope and year (invoices per network, certificates)."""

from networks.models import NumberSequence


def _next_number(scope: str, year: int) -> int:
    """The next number in `scope` for `year`, safe under concurrency: the sequence row is locked."""
    NumberSequence.objects.get_or_create(scope=scope, year=year)
    sequence = NumberSequence.objects.select_for_update().get(scope=scope, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number

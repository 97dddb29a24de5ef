"""The one way ParkLink numbers documents: a counter per scope, its row locked while taken."""

from django.db import transaction

from signing.models import NumberSequence


def next_number(scope: str) -> int:
    """The next number in `scope` (1 for a new scope), safe under concurrency: the row stays locked
    until the caller's transaction ends, so run this inside the transaction that stores the document."""
    with transaction.atomic():
        NumberSequence.objects.get_or_create(scope=scope)
        sequence = NumberSequence.objects.select_for_update().get(scope=scope)
        sequence.last += 1
        sequence.save(update_fields=["last"])
        return sequence.last

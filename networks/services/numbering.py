"""Numbers without gaps or duplicates, per scope and year (invoices per network, certificates), taken
from the signed-document kernel's one counter (`signing.numbering`)."""

from signing.numbering import next_number


def _next_number(scope: str, year: int) -> int:
    """The next number in `scope` for `year`, safe under concurrency: the kernel locks the counter row.
    The scope is the one signing's migration 0002 copied the old counters to."""
    return next_number(f"networks.{scope}:{year}")

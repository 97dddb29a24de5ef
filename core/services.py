from django.db import transaction

from core.models import Keyword, Sector
from core.taxonomies import KEYWORD_LABELS, SECTOR_LABELS


@transaction.atomic
def taxonomy_rows_ensure() -> int:
    """Create any missing sector and keyword rows from the code-defined taxonomies; returns how many.

    The data migrations seed them once; this puts them back where a database was emptied since
    (a flushed test database, a restored dump) without touching rows that exist.
    """
    created = 0
    for code in SECTOR_LABELS:
        created += Sector.objects.get_or_create(code=code)[1]
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    for code in KEYWORD_LABELS:
        sector = sectors[code.split("/", 1)[0]]
        created += Keyword.objects.get_or_create(code=code, defaults={"sector": sector})[1]
    return created

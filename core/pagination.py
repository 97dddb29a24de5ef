"""Pages of long lists without counting every row (issue 18): the directory holds 150,000 organisations
and the marketplace 100,000 profiles, and Django's Paginator counts them all on every page.

`CappedPaginator` counts at most `cap` rows, or as many as the page asked for needs to know whether a
next page exists. Up to the cap the count is exact (`capped` is False); beyond it `count` is the cap,
`capped` is True and templates say "more than" and leave out the number of pages.
"""

from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

COUNT_CAP = 1000


class CappedPaginator(Paginator):
    def __init__(self, object_list: Any, per_page: int, *, cap: int | None = None, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap or COUNT_CAP
        self.wanted = 1
        self.capped = False

    def get_page(self, number: Any) -> Page:
        try:
            self.wanted = max(1, int(number))
        except (TypeError, ValueError):
            self.wanted = 1
        return super().get_page(number)

    @cached_property
    def count(self) -> int:
        limit = max(self.cap, (self.wanted + 1) * self.per_page)
        rows: Any = self.object_list
        if isinstance(rows, QuerySet):
            # The first `limit + 1` ids in any order: no sort, no annotation the filters do not need.
            counted = rows.order_by().values("pk")[: limit + 1].count()
        else:  # a list, or a sequence that knows its length without reading its rows (KeptRanking)
            counted = min(len(rows), limit + 1)
        self.capped = counted > limit
        return min(counted, limit)

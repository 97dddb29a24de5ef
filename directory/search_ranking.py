"""The directory's relevance ranking, kept for a while once computed (issue 18).

Ranking a common word by relevance ranks every organisation it matches: "university" matches 31,000 of
150,000, and ordering them by rank and name costs 150 to 250 ms of PostgreSQL per search, which a busy
directory asks again and again (the same words, the next page, the same page from the API). So the best
`RANKED_LIMIT` matches of a search are kept in the shared cache (core.kept_results), as ids by rank,
and a search asked again reads those rows by id.

- Only for people who see exactly what an anonymous visitor sees: a member or moderator of an inactive
  organisation, or a platform operator, sees more, and ranks afresh each time.
- A relevance-ordered search therefore shows at most the best `RANKED_LIMIT` organisations, as search
  engines do (the directory already says "more than 1000"); sorting by name, country, foundation or
  update pages through every match.
- Any change to an organisation or one of its names forgets every kept ranking (a new version); writes
  that skip model signals (bulk imports) are seen within five minutes.
- The directory page and the API read a kept ranking through `KeptRanking`, which knows its count
  without a query and reads only the rows of the page asked for (by id, still through the viewer's
  selector). Reading the thousand kept rows, sorting them by rank and counting them cost PostgreSQL
  about 20 ms a page under load (its statement log, 50 people on bench-web).
"""

from collections.abc import Callable, Iterable
from typing import Any, overload

from django.db.models import QuerySet

from core.kept_results import KeptResults, among_ids, position_rank

RANKED_LIMIT = 1001  # the count cap of core.pagination, plus one to know there is more
RANKINGS = KeptResults("directory:ranking", seconds=5 * 60)


def ranked_ids(arguments: Iterable[object], rank: Callable[[], QuerySet[Any]]) -> dict[int, list[int]]:
    """The best `RANKED_LIMIT` ids of a search by rank, from the cache or from `rank()`: a queryset of
    the matches in relevance order that carries `search_rank`."""

    def by_rank() -> dict[int, list[int]]:
        ids: dict[int, list[int]] = {}
        for pk, search_rank in rank().values_list("pk", "search_rank")[:RANKED_LIMIT]:
            ids.setdefault(int(search_rank), []).append(pk)
        return ids

    return RANKINGS.kept_or_made(tuple(arguments), by_rank)


def kept_ranking(organisations: QuerySet[Any], by_rank: dict[int, list[int]], default: int) -> QuerySet[Any]:
    """`organisations` narrowed to the kept ids, each carrying its kept `search_rank` (`default` for none)."""
    ids = [pk for kept in by_rank.values() for pk in kept]
    return among_ids(organisations, ids).annotate(search_rank=position_rank(organisations, by_rank, default))


class KeptRanking:
    """A kept relevance ranking as a paginator's or django-ninja's object list: its length is the number
    of kept ids, and a slice reads those organisations from `rows` (the viewer's selector, with the
    page's annotations), each carrying its kept `search_rank`, in rank order. An organisation that left
    `rows` since the ranking was kept (a bulk write) is left out of its page."""

    def __init__(self, by_rank: dict[int, list[int]], rows: QuerySet[Any]) -> None:
        self.by_rank = by_rank
        self.rows = rows
        self.ids = [pk for _rank, kept in sorted(by_rank.items()) for pk in kept]
        self.rank = {pk: rank for rank, kept in by_rank.items() for pk in kept}

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:
        return len(self.ids)

    def all(self) -> "KeptRanking":
        return self

    def prefetch_related(self, *lookups: str) -> "KeptRanking":
        return KeptRanking(self.by_rank, self.rows.prefetch_related(*lookups))

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else self[len(self) + index]
        wanted = self.ids[index]
        found = self.rows.in_bulk(wanted)
        page = [found[pk] for pk in wanted if pk in found]
        for organisation in page:
            organisation.search_rank = self.rank[organisation.pk]
        return page

    def __iter__(self) -> Any:
        return iter(self[:])

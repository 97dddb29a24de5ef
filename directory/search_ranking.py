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
"""

from collections.abc import Callable, Iterable
from typing import Any

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

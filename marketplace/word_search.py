"""The marketplace's word search (`q` of the list, the API and saved searches), and the profiles a set of
words matches kept for a while where no index answers them (issue 18).

Each word must occur, in any case, in the reference, title, summary or description. On PostgreSQL
trigram indexes answer words of three letters or more; a word of two, which Chinese, Japanese and Korean
write most often ("科技", technology), has no trigram and reads every profile's text: 260 ms at
100,000 profiles, twice a page (the count and the rows). So the ids of the profiles a set of words
matches are kept in the shared cache (core.kept_results) when they are few (`KEPT_MATCHES`), whoever
asks: they depend on the words only, and who may see which profile is decided afresh on every read.
Words that match more are answered from the indexes each time, which find enough rows quickly.
"""

from django.db.models import Q, QuerySet

from core.kept_results import KeptResults, among_ids
from marketplace.models import Profile

KEPT_MATCHES = 2000
MATCHES = KeptResults("marketplace:words", seconds=5 * 60)
_MANY = "many"


def _condition(words: list[str]) -> Q:
    condition = Q()
    for word in words:
        condition &= (
            Q(reference__icontains=word)
            | Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
        )
    return condition


def profiles_with_words(profiles: QuerySet[Profile], q: str) -> QuerySet[Profile]:
    """`profiles` narrowed to those every word of `q` occurs in."""
    words = q.split()
    if not words:
        return profiles
    condition = _condition(words)

    def matching_ids() -> list[int] | str:
        ids = list(
            Profile.objects.filter(condition).order_by().values_list("pk", flat=True)[: KEPT_MATCHES + 1]
        )
        return ids if len(ids) <= KEPT_MATCHES else _MANY

    kept = MATCHES.kept_or_made(tuple(word.casefold() for word in words), matching_ids)
    if isinstance(kept, str):  # _MANY
        return profiles.filter(condition)
    return among_ids(profiles, kept)

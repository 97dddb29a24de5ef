"""Results of an expensive read kept in the shared cache for a while, and forgotten all at once when the
data they came from changes (issue 18). The directory keeps its relevance rankings here
(directory.search_ranking), the marketplace the profiles its words match (marketplace.word_search) and
the brokerage each participant's meeting suggestions (events.matches).

Each kind of result has a namespace and a version: keys carry the version, and `forget_all` (connected to
the models' post_save and post_delete signals by the app that keeps the results) gives the namespace a
new one, so every kept result is stale at once on every process. Writes that skip model signals (bulk
imports, `QuerySet.update`) are seen once the results' time has passed.
"""

import hashlib
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.cache import cache
from django.db import connections
from django.db.models import Case, IntegerField, Model, QuerySet, Value, When
from django.db.models.expressions import RawSQL


class KeptResults:
    def __init__(self, namespace: str, *, seconds: int) -> None:
        self.namespace = namespace
        self.seconds = seconds

    @property
    def _version_key(self) -> str:
        return f"{self.namespace}:version"

    def _version(self) -> str:
        version = cache.get(self._version_key)
        if not isinstance(version, str):
            cache.add(self._version_key, uuid.uuid4().hex, None)
            version = cache.get(self._version_key, "")
        return str(version)

    def _key(self, parts: Iterable[object]) -> str:
        digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
        return f"{self.namespace}:{self._version()}:{digest}"

    def get(self, parts: Iterable[object]) -> Any:
        """The result kept for `parts`, or None."""
        return cache.get(self._key(parts))

    def kept_or_made[T](self, parts: Iterable[object], make: Callable[[], T]) -> T:
        """The result kept for `parts`, or `make()`'s, kept for the next caller (never None)."""
        key = self._key(parts)
        kept = cache.get(key)
        if kept is None:
            kept = make()
            cache.set(key, kept, self.seconds)
        return kept  # type: ignore[no-any-return]

    def forget_all(self, **_signal_arguments: Any) -> None:
        """Every result of this namespace is stale (a signal receiver, or called after a bulk write)."""
        cache.set(self._version_key, uuid.uuid4().hex, None)

    def forget_on_change(self, *models: type[Model]) -> None:
        """Forget every result when any of `models` is saved or deleted (call from AppConfig.ready)."""
        from django.db.models.signals import post_delete, post_save

        for model in models:
            for signal in (post_save, post_delete):
                uid = f"{self.namespace}.{model._meta.label}.{signal is post_save}"
                signal.connect(self.forget_all, sender=model, dispatch_uid=uid, weak=False)


def among_ids[M: Model](rows: QuerySet[M], ids: Sequence[int]) -> QuerySet[M]:
    """`rows` narrowed to the kept `ids`.

    On PostgreSQL the ids travel as one array parameter: as a list of separate parameters, a thousand ids
    cost 10 to 15 ms of Python per query (Django resolving each value, psycopg quoting each one), which
    a kept result is there to save. Other databases get the plain `IN` list.
    """
    if connections[rows.db].vendor != "postgresql":
        return rows.filter(pk__in=list(ids))
    return rows.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", (list(ids),)))


def position_rank(rows: QuerySet[Any], by_rank: dict[int, list[int]], default: int) -> Any:
    """An expression giving each row of `rows` its kept rank (`by_rank`: rank -> ids), `default` for
    an id that is not kept; like `among_ids`, as two array parameters on PostgreSQL."""
    if connections[rows.db].vendor != "postgresql":
        return Case(
            *(When(pk__in=ids, then=Value(rank)) for rank, ids in sorted(by_rank.items())),
            default=Value(default),
            output_field=IntegerField(),
        )
    ids = [pk for _rank, kept in sorted(by_rank.items()) for pk in kept]
    ranks = [rank for rank, kept in sorted(by_rank.items()) for _pk in kept]
    table = rows.model._meta.db_table
    column = rows.model._meta.pk.column  # type: ignore[union-attr]
    return RawSQL(
        f'COALESCE((%s::int[])[array_position(%s::bigint[], "{table}"."{column}")], %s)',
        (ranks, ids, default),
        output_field=IntegerField(),
    )

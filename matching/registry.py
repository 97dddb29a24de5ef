"""The kinds of record the matching engine indexes. An app registers each of its kinds once, in its
AppConfig.ready(), and then calls `matching.services.record_changed` whenever a record's text or
indexable state may have changed; `matching.selectors.similar_records` reads the index back.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class MatchableKind:
    key: str  # "app_label.name", e.g. "marketplace.profile"
    model: type[Model]
    document: Callable[[Any], str]  # the text to embed
    indexable: Callable[[QuerySet[Any]], QuerySet[Any]]  # narrows to records that belong in results
    visible_to: Callable[[Any], QuerySet[Any]]  # the app's permission-aware selector
    language: Callable[[Any], str] = lambda record: ""
    # Called (in the background task) when a record enters the index, e.g. to alert its matches.
    on_newly_indexed: Callable[[int], None] | None = None


_KINDS: dict[str, MatchableKind] = {}


def register_kind(kind: MatchableKind) -> None:
    _KINDS[kind.key] = kind


def kind_for(key: str) -> MatchableKind:
    try:
        return _KINDS[key]
    except KeyError:
        raise LookupError(f"No matchable kind {key!r} is registered; registered: {sorted(_KINDS)}") from None


def registered_kinds() -> list[MatchableKind]:
    return list(_KINDS.values())

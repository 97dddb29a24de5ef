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
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db.models import Model


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

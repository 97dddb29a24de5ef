"""Exact vector search in numpy, with language-neutral scores.

A multilingual encoder's raw cosine does not rank by meaning in a pool that mixes languages: every
vector carries a component that says which language the text is in, so two unrelated texts in one
language are closer than a text and its translation. On NTREX-128 with twelve languages in one pool,
a sentence's translation came first for about a fifth of the queries under the previous score; most
English queries found another English sentence first.

The index therefore removes each language's mean vector before scoring ("centring"), for records and
queries alike, and re-normalises: what is left is what the text says. A language's mean is measured
on the index's own records, shrunk towards a prior while the language has few of them
(`mean = (n * own + MEAN_PRIOR * prior) / (n + MEAN_PRIOR)`): the index's content mean plus the
language's offset learned from parallel sentences (`matching.language_offsets`), or, for a language
without one, its script group's mean (Cyrillic, Latin, Arabic, Han, Hangul). The content mean itself
starts from the one learned with the offsets until the index has records enough (CONTENT_PRIOR), so a
new deployment's first records are not cancelled out by their own mean.

Centring is also the hubness reduction (Suzuki et al., 2013: subtracting the mean takes away what
makes a few records "hubs" close to everything). CSLS (Conneau et al., 2018: `2 cos(x, y) - r(x) -
r(y)`, `r(v)` the mean cosine of `v` to its `k` nearest neighbours, measured against records in other
languages) and the ratio margin (Artetxe and Schwenk, 2019) stay available for the benchmark; on top
of centring they lowered both the mixed-pool and the demo figures (docs/matching.md), so the product
scores with the cosine of the language-neutral vectors, whose scale relevance thresholds are set on.
"""

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from matching.language_offsets import CONTENT

NEIGHBOURS = 10
# How much of a record's excess crowding Score.NEUTRAL takes off (CSLS ranks as 0.5 would).
HUB_PENALTY = 0.25
REFERENCE_SAMPLE = 2048
BLOCK_ROWS = 4096
# How many answers an index remembers (`search`, `remembered`): the same search words, or the same
# profile's matches, asked again while nothing in the index has changed.
REMEMBERED_SEARCHES = 256
UNKNOWN_LANGUAGE = 0
# How many records of its own a language needs before its mean counts as much as its parent's
# (chosen on the labelled demo set with CONTENT_PRIOR, see docs/matching.md).
MEAN_PRIOR = 2
# How many records an index needs before its own content mean counts as much as the learned one.
CONTENT_PRIOR = 5
GLOBAL = ""

# Script groups: a language with few records borrows its group's mean before the whole index's.
_SCRIPT_GROUPS = {
    **dict.fromkeys(("ru", "kk", "ky", "tt", "uk", "be", "bg", "mn", "tg", "ba", "cv"), "Cyrl"),
    **dict.fromkeys(("fa", "ar", "ur", "ps", "ug", "ckb"), "Arab"),
    **dict.fromkeys(("zh", "ja"), "Hani"),
    "ko": "Hang",
}


def language_key(language: str) -> str:
    """ "zh-hans", "zh_Hans" and "ZH" are one language to the index."""
    return (language or "").replace("_", "-").split("-")[0].lower()


def script_group(language: str) -> str:
    key = language_key(language)
    return _SCRIPT_GROUPS.get(key, "Latn") if key else GLOBAL


class Score(StrEnum):
    COSINE = "cosine"
    # The cosine less a quarter of how much more crowded the record's neighbourhood is than the
    # index's average: CSLS's hub penalty, lighter, on the cosine's own scale (what the product uses).
    NEUTRAL = "neutral"
    CSLS = "csls"
    MARGIN = "margin"


@dataclass(frozen=True)
class Hit:
    object_id: int
    score: float
    cosine: float  # of the language-neutral vectors
    # How far the cosine stands above the query's cosines to every live record, in standard deviations:
    # a few search words score low against everything, and their best record still stands out.
    standout: float = 0.0


def _mean_of_top(similarities: np.ndarray, k: int) -> np.ndarray:
    """Row-wise mean of the k largest values (k clipped to the row length)."""
    k = max(1, min(k, similarities.shape[1]))
    top = np.partition(similarities, similarities.shape[1] - k, axis=1)[:, -k:]
    return top.mean(axis=1)


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-6)).astype(np.float32)


class LanguageMeans:
    """Each language's mean vector, shrunk towards a prior: the index's content mean plus the language's
    offset learned from parallel sentences (`matching.language_offsets`) when there is one, else its
    script group's mean, else the whole index's."""

    def __init__(self, dimensions: int, offsets: dict[str, np.ndarray] | None = None) -> None:
        self.dimensions = dimensions
        usable = {key: offset for key, offset in (offsets or {}).items() if offset.shape == (dimensions,)}
        # What texts have in common before saying anything in particular (learned with the offsets).
        self._content_prior = usable.pop(CONTENT, None)
        self.offsets = usable
        self._means: dict[str, np.ndarray] = {GLOBAL: np.zeros(dimensions, dtype=np.float32)}
        self._content = (
            np.zeros(dimensions, dtype=np.float32) if self._content_prior is None else self._content_prior
        )

    @classmethod
    def measured(
        cls,
        vectors: np.ndarray,
        languages: list[str],
        *,
        offsets: dict[str, np.ndarray] | None = None,
        prior: int | None = None,
    ) -> "LanguageMeans":
        prior = MEAN_PRIOR if prior is None else prior
        means = cls(vectors.shape[1], offsets)
        if len(vectors) == 0:
            return means
        keys = np.array([language_key(language) for language in languages])
        groups = np.array([script_group(language) for language in languages])
        overall = vectors.mean(axis=0)
        means._means[GLOBAL] = overall.astype(np.float32)
        zero = np.zeros(vectors.shape[1], dtype=np.float32)
        known = np.stack([means.offsets.get(key, zero) for key in keys.tolist()])
        # What the records have in common once their languages are taken out. A small index cannot tell
        # that from what its few records say (one record's mean is itself), so it starts from the
        # learned content mean and moves to its own as it grows.
        own_content = (vectors - known).sum(axis=0)
        if means._content_prior is None:
            means._content = (own_content / len(vectors)).astype(np.float32)
        else:
            means._content = (
                (own_content + CONTENT_PRIOR * means._content_prior) / (len(vectors) + CONTENT_PRIOR)
            ).astype(np.float32)
        parents: dict[str, np.ndarray] = {}
        for group in set(groups.tolist()) - {GLOBAL}:
            members = vectors[groups == group]
            parents[group] = (members.sum(axis=0) + prior * overall) / (len(members) + prior)
            means._means["script:" + group] = parents[group].astype(np.float32)
        for key in set(keys.tolist()) - {""}:
            members = vectors[keys == key]
            parent = means._prior_of(key, parents.get(script_group(key), overall))
            means._means[key] = ((members.sum(axis=0) + prior * parent) / (len(members) + prior)).astype(
                np.float32
            )
        return means

    def _prior_of(self, key: str, fallback: np.ndarray) -> np.ndarray:
        offset = self.offsets.get(key)
        return fallback if offset is None else self._content + offset

    def of(self, language: str) -> np.ndarray:
        """The mean to remove from a text in `language`: its own, else its script group's, else the
        whole index's (a language the index has never seen, or none given)."""
        key = language_key(language)
        if key in self._means:
            return self._means[key]
        if key in self.offsets:
            return (self._content + self.offsets[key]).astype(np.float32)
        return self._means.get("script:" + script_group(key), self._means[GLOBAL])

    def neutral(self, vectors: np.ndarray, languages: list[str]) -> np.ndarray:
        """Unit vectors with their language's mean removed."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, self.dimensions)
        if not languages:
            return _unit(vectors)
        # Each distinct language's mean once: a record's sentences share their language.
        distinct = {language: row for row, language in enumerate(dict.fromkeys(languages))}
        means = np.stack([self.of(language) for language in distinct])
        return _unit(vectors - means[[distinct[language] for language in languages]])


class VectorIndex:
    """Record ids and their vectors; rows are overwritten in place, removed rows are masked.

    `_raw` keeps each vector as the encoder made it; `_matrix` the language-neutral vector that scores
    use. The language means are measured again, and every row re-centred, whenever the crowding
    reference is resampled (a quarter of the index changed) or a bulk load finishes.
    """

    def __init__(
        self,
        *,
        neighbours: int = NEIGHBOURS,
        reference_sample: int = REFERENCE_SAMPLE,
        dimensions: int | None = None,
        centre: bool = True,
        offsets: dict[str, np.ndarray] | None = None,
    ) -> None:
        self.neighbours = neighbours
        self.reference_sample = reference_sample
        self.centre = centre
        self.dimensions = dimensions or 0
        self._raw = np.zeros((0, self.dimensions), dtype=np.float32)
        self._matrix = np.zeros((0, self.dimensions), dtype=np.float32)
        self._ids = np.zeros(0, dtype=np.int64)
        self._alive = np.zeros(0, dtype=bool)
        self._crowding = np.zeros(0, dtype=np.float32)  # r(y) of each row
        self._language = np.zeros(0, dtype=np.int16)  # a code per row; UNKNOWN_LANGUAGE when not known
        self._language_codes: dict[str, int] = {}
        self._language_names: list[str] = [""]
        self._reference_languages = np.zeros(0, dtype=np.int16)
        self._row_of: dict[int, int] = {}
        self._size = 0
        self._reference: np.ndarray | None = None
        self._reference_rows = np.zeros(0, dtype=np.int64)  # which rows the sample was taken from
        self._alive_when_sampled = 0
        self._changes_since_sampled = 0
        self._crowding_measured = False
        self.offsets = offsets or {}
        self.means = LanguageMeans(self.dimensions, self.offsets)
        # Searches answered since the last change (a change clears them): each scores every row, 10 to
        # 20 ms at 100,000 records, mostly reading the 150 MB matrix.
        self._remembered: dict[tuple[object, ...], Any] = {}
        self._remembered_lock = threading.Lock()
        self._generation = 0  # one more at each change
        self._crowding_lock = threading.Lock()

    def _changed(self) -> None:
        with self._remembered_lock:
            self._generation += 1
            self._remembered.clear()

    def remembered[T](self, key: tuple[object, ...], make: Callable[[], T]) -> T:
        """`make()`'s answer, remembered under `key` until this index changes: for what depends only on
        the index's records and the query (a search's hits, the candidates' closest sentences)."""
        if key in self._remembered:
            return self._remembered[key]  # type: ignore[no-any-return]
        generation = self._generation
        answer = make()
        with self._remembered_lock:
            if generation != self._generation:
                return answer  # the index changed while it was made: answer, but do not remember it
            if len(self._remembered) >= REMEMBERED_SEARCHES:
                self._remembered.pop(next(iter(self._remembered)), None)  # the oldest
            self._remembered[key] = answer
        return answer

    def __len__(self) -> int:
        return int(self._alive[: self._size].sum())

    @property
    def nbytes(self) -> int:
        reference = 0 if self._reference is None else self._reference.nbytes
        arrays = (
            self._raw.nbytes
            + self._matrix.nbytes
            + self._ids.nbytes
            + self._alive.nbytes
            + self._crowding.nbytes
            + self._language.nbytes
        )
        return arrays + reference + len(self._row_of) * 100  # about 100 bytes per dict entry

    def ids(self) -> np.ndarray:
        return self._ids[: self._size][self._alive[: self._size]]

    def vector_of(self, object_id: int) -> np.ndarray | None:
        """The record's vector as the encoder made it (not centred)."""
        row = self._row_of.get(object_id)
        if row is None or not self._alive[row]:
            return None
        return self._raw[row]

    def language_of(self, object_id: int) -> str:
        row = self._row_of.get(object_id)
        return "" if row is None else self._language_names[int(self._language[row])]

    def _grow(self, needed: int) -> None:
        capacity = self._matrix.shape[0]
        if needed <= capacity:
            return
        # Grow by half, not double: at 100,000 records doubling could leave 100,000 empty rows.
        new_capacity = max(needed, capacity + capacity // 2, 1024)
        arrays = (
            ("_raw", 0.0),
            ("_matrix", 0.0),
            ("_ids", 0),
            ("_alive", False),
            ("_crowding", 0.0),
            ("_language", 0),
        )
        for name, fill in arrays:
            old = getattr(self, name)
            grown = np.full((new_capacity, *old.shape[1:]), fill, dtype=old.dtype)
            grown[:capacity] = old
            setattr(self, name, grown)

    def _language_code(self, language: str) -> int:
        key = language_key(language)
        if not key:
            return UNKNOWN_LANGUAGE
        code = self._language_codes.get(key)
        if code is None:
            code = self._language_codes[key] = len(self._language_names)
            self._language_names.append(key)
        return code

    def _ensure_dimensions(self, vectors: np.ndarray) -> np.ndarray:
        vectors = np.asarray(vectors, dtype=np.float32)
        if self.dimensions == 0:
            self.dimensions = vectors.shape[-1]
            self._raw = np.zeros((0, self.dimensions), dtype=np.float32)
            self._matrix = np.zeros((0, self.dimensions), dtype=np.float32)
            self.means = LanguageMeans(self.dimensions, self.offsets)
        return vectors.reshape(-1, self.dimensions)

    def upsert(
        self,
        object_ids: Iterable[int] | np.ndarray,
        vectors: np.ndarray,
        *,
        languages: list[str] | None = None,
        bulk: bool = False,
    ) -> None:
        """Add or replace records (with the language of each, when known). With `bulk`, the language
        means and crowding are left for `bulk_load_finish` to measure once."""
        vectors = self._ensure_dimensions(vectors)
        rows = []
        for object_id in object_ids:
            row = self._row_of.get(int(object_id))
            if row is None:
                row = self._size
                self._grow(row + 1)
                self._size += 1
                self._row_of[int(object_id)] = row
                self._ids[row] = int(object_id)
            rows.append(row)
        if not rows:
            return
        self._changed()
        row_array = np.asarray(rows, dtype=np.int64)
        self._raw[row_array] = vectors
        self._alive[row_array] = True
        if languages is not None:
            self._language[row_array] = [self._language_code(language) for language in languages]
        self._changes_since_sampled += len(rows)
        if bulk:
            return
        if self._reference_is_stale():
            self._resample_reference()
        else:
            self._matrix[row_array] = self._neutral_rows(row_array)
            if self._crowding_measured:
                self._crowding[row_array] = self._crowding_of(self._matrix[row_array], rows=row_array)

    def bulk_load_finish(self) -> None:
        self._resample_reference()

    def remove(self, object_ids: list[int] | np.ndarray) -> None:
        for object_id in object_ids:
            row = self._row_of.get(int(object_id))
            if row is not None and self._alive[row]:
                self._alive[row] = False
                self._changes_since_sampled += 1
                self._changed()

    # Language-neutral vectors

    def _languages_of_rows(self, rows: np.ndarray) -> list[str]:
        return [self._language_names[int(code)] for code in self._language[rows]]

    def _neutral_rows(self, rows: np.ndarray) -> np.ndarray:
        if not self.centre:
            return _unit(self._raw[rows])
        return self.means.neutral(self._raw[rows], self._languages_of_rows(rows))

    def _recentre(self) -> None:
        """Measure the language means on the live records and re-centre every row."""
        self._changed()
        if self.centre:
            alive_rows = np.flatnonzero(self._alive[: self._size])
            self.means = LanguageMeans.measured(
                self._raw[alive_rows], self._languages_of_rows(alive_rows), offsets=self.offsets
            )
        for start in range(0, self._size, BLOCK_ROWS):
            rows = np.arange(start, min(start + BLOCK_ROWS, self._size))
            self._matrix[rows] = self._neutral_rows(rows)

    def neutral(self, vectors: np.ndarray, languages: list[str]) -> np.ndarray:
        """Query vectors made comparable with this index's rows: their language's mean removed."""
        vectors = self._ensure_dimensions(vectors)
        if not self.centre:
            return _unit(vectors)
        return self.means.neutral(vectors, languages)

    # Crowding (hubness)

    def _reference_is_stale(self) -> bool:
        if self._reference is None:
            return True
        # The language means and the crowding follow the index: measured again once a quarter of it has
        # changed, so a small index (a new deployment) is measured after every change.
        return self._changes_since_sampled >= max(1, self._alive_when_sampled // 4)

    def _resample_reference(self) -> None:
        self._recentre()
        alive_rows = np.flatnonzero(self._alive[: self._size])
        if len(alive_rows) > self.reference_sample:
            generator = np.random.default_rng(len(alive_rows))
            alive_rows = np.sort(generator.choice(alive_rows, self.reference_sample, replace=False))
        self._reference_rows = alive_rows
        self._reference = self._matrix[alive_rows].copy()
        self._reference_languages = self._language[alive_rows].copy()
        self._alive_when_sampled = len(self)
        self._changes_since_sampled = 0
        self._crowding_measured = False  # measured again when a CSLS or margin search needs it

    def _recompute_crowding(self) -> None:
        for start in range(0, self._size, BLOCK_ROWS):
            rows = np.arange(start, min(start + BLOCK_ROWS, self._size))
            self._crowding[rows] = self._crowding_of(self._matrix[rows], rows=rows)
        self._crowding_measured = True

    def _excess_crowding(self) -> np.ndarray:
        crowding = self._crowding_now()
        alive = self._alive[: self._size]
        return crowding - (float(crowding[alive].mean()) if alive.any() else 0.0)

    def _crowding_now(self) -> np.ndarray:
        """r(y) of every row, measured first if the index changed since (only CSLS and the ratio margin
        read it: the product's cosine of language-neutral vectors never pays for it)."""
        if not self._crowding_measured:
            with self._crowding_lock:  # a second search waits for the first's measure, not redoes it
                if not self._crowding_measured:
                    self._recompute_crowding()
        return self._crowding[: self._size]

    def prepare(self, score: Score) -> None:
        """Measure now what searches scored by `score` need, instead of in the first such search: the
        crowding of every row, which NEUTRAL, CSLS and the margin read (4 s at 100,000 records)."""
        if score != Score.COSINE:
            self._crowding_now()

    def ready_for(self, score: Score) -> bool:
        """Whether a search scored by `score` finds everything it needs measured already."""
        return score == Score.COSINE or self._crowding_measured

    def _crowding_of(self, vectors: np.ndarray, *, rows: np.ndarray) -> np.ndarray:
        """Mean cosine of each row to its nearest reference vectors: those in other languages when
        there are enough of them, else all but itself."""
        if self._reference is None or len(self._reference) == 0:
            return np.zeros(len(vectors), dtype=np.float32)
        similarities = vectors @ self._reference.T
        is_self = rows[:, None] == self._reference_rows[None, :]
        similarities[is_self] = -np.inf
        row_languages = self._language[rows]
        same_language = (row_languages[:, None] == self._reference_languages[None, :]) & (
            row_languages[:, None] != UNKNOWN_LANGUAGE
        )
        others = (~same_language & np.isfinite(similarities)).sum(axis=1)
        cross_lingual = others >= self.neighbours
        crowding = np.zeros(len(vectors), dtype=np.float32)
        if cross_lingual.any():
            masked = np.where(same_language[cross_lingual], -np.inf, similarities[cross_lingual])
            crowding[cross_lingual] = _mean_of_top(masked, self.neighbours)
        if (~cross_lingual).any():
            rest = similarities[~cross_lingual]
            usable = int(np.isfinite(rest).sum(axis=1).min())
            if usable > 0:
                crowding[~cross_lingual] = _mean_of_top(rest, min(self.neighbours, usable))
        return crowding

    # Search

    def search(
        self,
        query: np.ndarray,
        *,
        limit: int,
        language: str = "",
        score: Score = Score.COSINE,
        exclude_ids: frozenset[int] = frozenset(),
        among_ids: np.ndarray | None = None,
    ) -> list[Hit]:
        """The `limit` best live records for one query vector (as the encoder made it, written in
        `language`), best first; `among_ids` narrows the results to those records. The last
        REMEMBERED_SEARCHES searches are answered again from memory until the index changes."""
        if self._size == 0 or limit <= 0:
            return []
        query = np.asarray(query, dtype=np.float32)
        key = (
            query.tobytes(),
            language,
            limit,
            score,
            exclude_ids,
            None if among_ids is None else np.asarray(among_ids, dtype=np.int64).tobytes(),
        )
        hits = self.remembered(
            ("search", *key),
            lambda: self._search(
                query,
                limit=limit,
                language=language,
                score=score,
                exclude_ids=exclude_ids,
                among_ids=among_ids,
            ),
        )
        return list(hits)

    def _search(
        self,
        query: np.ndarray,
        *,
        limit: int,
        language: str,
        score: Score,
        exclude_ids: frozenset[int],
        among_ids: np.ndarray | None,
    ) -> list[Hit]:
        matrix = self._matrix[: self._size]
        neutral = self.neutral(query, [language])[0]
        cosines = matrix @ neutral
        alive = self._alive[: self._size].copy()
        if not alive.any():
            return []
        scores = self._scores(cosines, alive, score)
        eligible = alive
        if among_ids is not None:
            eligible = alive & np.isin(self._ids[: self._size], among_ids)
        for object_id in exclude_ids:
            row = self._row_of.get(object_id)
            if row is not None:
                eligible[row] = False
        if not eligible.any():
            return []
        scores = np.where(eligible, scores, -np.inf)
        count = min(limit, int(eligible.sum()))
        best = np.argpartition(-scores, count - 1)[:count]
        best = best[np.argsort(-scores[best], kind="stable")]
        alive_cosines = cosines[alive]
        mean, spread = float(alive_cosines.mean()), float(alive_cosines.std())
        return [
            Hit(
                int(self._ids[row]),
                float(scores[row]),
                float(cosines[row]),
                standout=(float(cosines[row]) - mean) / spread if spread > 1e-6 else 0.0,
            )
            for row in best
        ]

    def _scores(self, cosines: np.ndarray, alive: np.ndarray, score: Score) -> np.ndarray:
        if score == Score.COSINE:
            return cosines
        if score == Score.NEUTRAL:
            return cosines - HUB_PENALTY * self._excess_crowding()
        alive_cosines = cosines[alive]
        k = min(self.neighbours, len(alive_cosines))
        query_crowding = float(np.partition(alive_cosines, len(alive_cosines) - k)[-k:].mean())
        crowding = self._crowding_now()
        if score == Score.CSLS:
            return 2 * cosines - query_crowding - crowding
        return cosines / np.maximum((query_crowding + crowding) / 2, 1e-6)

    def search_many(
        self,
        queries: np.ndarray,
        *,
        languages: list[str] | None = None,
        score: Score = Score.COSINE,
        among: np.ndarray | None = None,
        exclude_self_ids: np.ndarray | None = None,
        top: int = 1,
    ) -> np.ndarray:
        """The best `top` record ids for each query, best first (one column when top is 1), in blocks
        (benchmarks over whole corpora). `among` narrows the results to those ids, as a selector
        narrows `search` results in the product; `exclude_self_ids[i]` is left out of query i's
        results. The queries' own crowding is measured over the whole index."""
        alive = self._alive[: self._size]
        matrix = self._matrix[: self._size]
        eligible = alive if among is None else alive & np.isin(self._ids[: self._size], among)
        crowding = self._crowding_now() if score != Score.COSINE else self._crowding[: self._size]
        neutral = self.neutral(queries, languages or [""] * len(queries))
        best = np.empty((len(neutral), top), dtype=np.int64)
        for start in range(0, len(neutral), BLOCK_ROWS):
            block = neutral[start : start + BLOCK_ROWS]
            cosines = block @ matrix.T
            cosines[:, ~alive] = -np.inf
            scores: np.ndarray
            if score == Score.COSINE:
                scores = cosines
            elif score == Score.NEUTRAL:
                scores = cosines - HUB_PENALTY * self._excess_crowding()[None, :]
            else:
                query_crowding = _mean_of_top(cosines[:, alive], self.neighbours)[:, None]
                if score == Score.CSLS:
                    scores = 2 * cosines - query_crowding - crowding[None, :]
                else:
                    scores = cosines / np.maximum((query_crowding + crowding[None, :]) / 2, 1e-6)
            scores[:, ~eligible] = -np.inf
            if exclude_self_ids is not None:
                own_ids = exclude_self_ids[start : start + len(block)]
                own_rows = np.array([self._row_of.get(int(object_id), -1) for object_id in own_ids])
                present = own_rows >= 0
                scores[np.flatnonzero(present), own_rows[present]] = -np.inf
            order = np.argpartition(-scores, min(top, scores.shape[1] - 1), axis=1)[:, :top]
            ranked = np.argsort(-np.take_along_axis(scores, order, axis=1), axis=1)
            order = np.take_along_axis(order, ranked, axis=1)
            best[start : start + len(block)] = self._ids[: self._size][order]
        return best[:, 0] if top == 1 else best

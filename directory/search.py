"""Search keys that let a name be found from any script and common spellings.

A key holds two folded forms of a name, separated by a unit separator so no match can span both:
the name in its own script (lower-case, without diacritics) and its Latin transliteration with
spelling variants folded together (Permskiy, Permskii and Permskij all become "permski").
"""

import re
import unicodedata

from anyascii import anyascii

KEY_SEPARATOR = "\x1f"
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# Latin spellings that different transliteration systems give for the same sound.
_LATIN_VARIANTS = (
    (re.compile(r"(?:iy|ij|ii|yi|yy)\b"), "i"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"w"), "v"),
    (re.compile(r"(.)\1"), r"\1"),
)


def fold_script(text: str) -> str:
    """Lower-case, without diacritics or punctuation, in the text's own script."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    without_marks = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NON_WORD.sub(" ", unicodedata.normalize("NFC", without_marks)).split())


def fold_latin(text: str) -> str:
    """The Latin transliteration, lower-case, with spelling variants folded together."""
    latin = " ".join(_NON_WORD.sub(" ", anyascii(text).casefold()).split())
    for pattern, replacement in _LATIN_VARIANTS:
        latin = pattern.sub(replacement, latin)
    return latin


def search_key_for(name: str) -> str:
    return f"{fold_script(name)}{KEY_SEPARATOR}{fold_latin(name)}"

"""Search keys that let a name be found from any script and common spellings.

A key holds two folded forms of a name, separated by a unit separator so no match can span both:
the name in its own script (lower-case, without diacritics) and its Latin transliteration with
spelling variants folded together (Permskiy, Permskii and Permskij all become "permski").
"""

import functools
import re
import unicodedata
from collections.abc import Iterable

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


# Ranking and matching beyond names (issue 16 item 9).

# Stems that transliteration systems spell differently: Technopark, Технопарк (tekhnopark, folded to
# tehnopark) and Uzbek Texnopark are one word.
_STEM_SPELLINGS = (("techn", "tehn", "texn"),)
# Compounds written as one word in some languages and as two in others.
_COMPOUND_SPELLINGS = (("technopark", "technology park", "technological park", "techno park"),)

# Cities whose names in other languages are not transliterations of each other (Ашхабад is
# "Ashkhabad", not "Ashgabat"). Each group folds to its first name. Transliteration covers the rest.
_CITY_EXONYMS = (
    ("Ashgabat", "Ashkhabad", "Ашхабад", "Aşgabat", "Ashgabad", "Ашгабат"),
    ("Tabriz", "Tebriz", "تبریز", "Тебриз"),
    ("Tehran", "Tegeran", "تهران", "Тегеран"),
    ("Isfahan", "Esfahan", "اصفهان", "Исфахан"),
    ("Mashhad", "مشهد", "Мешхед"),
    ("Shiraz", "شیراز", "Шираз"),
    ("Tashkent", "Toshkent", "Ташкент", "Тошкент"),
    ("Samarkand", "Samarqand", "Самарканд"),
    ("Almaty", "Alma-Ata", "Алматы", "Алма-Ата"),
    ("Astana", "Nur-Sultan", "Астана", "Нур-Султан", "Akmola"),  # noqa: RUF001
    ("Baku", "Bakı", "Баку"),  # noqa: RUF001
    ("Yerevan", "Erevan", "Ереван", "Երևան"),
    ("Moscow", "Moskva", "Москва"),
    ("Kyiv", "Kiev", "Киев", "Київ"),
    ("Beijing", "Peking", "Пекин", "北京"),
    ("Istanbul", "Стамбул", "İstanbul"),
    ("Seoul", "Сеул", "서울"),
)
_EXONYM_OF = {fold_latin(name): fold_latin(group[0]) for group in _CITY_EXONYMS for name in group}
# Cities and kinds are matched only by words this long, so "a" does not pull in every "Almaty".
PLACE_MIN_LENGTH = 3


def spelling_variants(latin: str) -> set[str]:
    """A folded Latin text and its other spellings (compounds split or joined, stem spellings)."""
    variants = _stem_variants({latin})
    for group in _COMPOUND_SPELLINGS:
        for variant in list(variants):
            for spelling in group:
                if spelling in variant:
                    variants |= {variant.replace(spelling, other) for other in group}
    return _stem_variants(variants)


def _stem_variants(texts: set[str]) -> set[str]:
    variants = set(texts)
    for group in _STEM_SPELLINGS:
        for variant in list(variants):
            for stem in group:
                if stem in variant:
                    variants |= {variant.replace(stem, other) for other in group}
    return variants


def text_forms(text: str) -> frozenset[str]:
    """Every folded form a place or kind name is compared in: its own script, Latin, and exonym."""
    latin = fold_latin(text)
    forms = {fold_script(text), latin, *spelling_variants(latin)}
    if latin in _EXONYM_OF:
        forms.add(_EXONYM_OF[latin])
    return frozenset(form for form in forms if form)


_cached_text_forms = functools.lru_cache(maxsize=50_000)(text_forms)


def place_matches(query: str, text: str) -> bool:
    """Whether the query, in any script or spelling, begins a word of `text` (a city or a kind)."""
    return bool(places_matching(query, [text]))


@functools.lru_cache(maxsize=50_000)
def _word_starts(text: str) -> str:
    """Every form of `text`, each after a space, on its own line: " needle" in it is a word start."""
    return "\n".join(f" {form}" for form in text_forms(text))


def places_matching(query: str, places: Iterable[str]) -> list[str]:
    """The places (cities, kind labels) a word of which the query, in any script or spelling, begins.
    The query's forms are made once and each place's are kept per process: the directory compares a
    query with every distinct city (7,648 at network scale) on each search."""
    if len(fold_script(query)) < PLACE_MIN_LENGTH:
        return []
    needles = [f" {form}" for form in _cached_text_forms(query) if form]
    return [place for place in places if any(needle in _word_starts(place) for needle in needles)]

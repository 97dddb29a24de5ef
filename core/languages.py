"""Which language a text is written in: the one home for language detection (pycld2).

Marketplace profiles record what it reads in their text, and the matching engine uses it for every
record and query whose language nobody gave, so that it can take the language out of the vector.
"""

import pycld2

# pycld2 names a few languages by codes that differ from the ISO 639-1 codes the interface uses.
_CODE_ALIASES = {"iw": "he", "zh-Hant": "zh", "zh": "zh"}


def detect_language(*texts: str) -> str:
    """The ISO 639 code pycld2 reads in `texts`, or "" when it cannot tell. Short texts (a few search
    words) get pycld2's best effort rather than nothing."""
    text = " ".join(part for part in texts if part).strip()
    if not text:
        return ""
    # pycld2 refuses control characters; nothing meaningful is lost without them.
    text = "".join(char for char in text if char.isprintable() or char in "\n\t")
    try:
        _reliable, _bytes, details = pycld2.detect(text, bestEffort=True)
    except pycld2.error:
        return ""
    code = details[0][1] if details else "un"
    if code in ("un", "xxx"):
        return ""
    return _CODE_ALIASES.get(code, code)

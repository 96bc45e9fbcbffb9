"""Text folded for comparison: case, accents, spaces, apostrophes and dashes set aside."""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007\u200b]+")
_APOSTROPHES = re.compile(r"[’‘ʼ`´]")
_DASHES = re.compile(r"[‐‑‒–—―]")


def fold(text: str) -> str:
    """Lower case, no accents, one kind of space, apostrophe and dash."""
    text = text.translate(_LIGATURES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = _APOSTROPHES.sub("'", text)
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text).casefold().strip()


def words(text: str) -> list[str]:
    """Folded words; hyphens and inclusive-writing dots join (techno-solutionnisme = technosolutionnisme)."""
    folded = fold(text)
    folded = re.sub(r"(?<=[a-z])[-.·](?=[a-z])", "", folded)
    return re.findall(r"[a-z0-9]+", folded)


def contains(haystack: list[str], needle: list[str]) -> bool:
    if not needle:
        return True
    size = len(needle)
    first = needle[0]
    return any(
        haystack[i] == first and haystack[i : i + size] == needle
        for i in range(len(haystack) - size + 1)
    )

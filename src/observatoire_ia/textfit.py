"""Fitting text into a width: line wrapping and shortening with an ellipsis, French-safe.

Every cut text of the site comes from here:
- `wrap` and `shorten` fit a text to any measure (`fits`): the social cards (widths in
  pixels, sharing/cards.py); `cut` is `shorten` by characters, ellipsis included: link
  previews, share-page titles and descriptions, image alt texts (sharing/);
- `excerpt` cuts the claims listed on generated pages (reference pages, demands, timeline,
  glossary) and the titles of reference pages with the same `shorten`, measuring the
  beginning before its trailing marks are trimmed and the ellipsis added (`untrimmed`): it
  cuts a word earlier than `cut(text, limit + 1)` in some cases (60 of 4,905 cuts of the
  site's claims at 50 to 220 characters), kept so that the pages built stay byte-identical.

Lines break, and texts are cut, at ordinary spaces only: a no-break space (U+00A0) or narrow
no-break space (U+202F) binds « 65 % », « mot : », « ? », « ! », « ; » and the inside of
« » to their neighbours, so they never end up on two lines, nor is a figure cut from its
unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Where a line may break: ordinary white space only.
BREAKABLE = re.compile(r"[ \t\r\n]+")
ELLIPSIS = "…"
# Left at the end of a cut text before the ellipsis: spaces (no-break ones too) and marks
# that would read oddly before it.
_TRAILING = " ,;:–—\u00a0\u202f"

Fits = Callable[[str], bool]


def words(text: str) -> list[str]:
    """The unbreakable pieces of a text (no-break spaces stay inside them)."""
    return [word for word in BREAKABLE.split(text.strip()) if word]


def wrap(text: str, fits: Fits) -> list[str]:
    """Lines of `text`, each as long as `fits` allows, broken at ordinary spaces only.

    A piece wider than a line (a long word, « 65 % » on a very narrow line) stands alone on
    its line rather than being split.
    """
    lines: list[str] = []
    current = ""
    for word in words(text):
        candidate = f"{current} {word}" if current else word
        if not current or fits(candidate):
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def shorten(text: str, fits: Fits, *, always: bool = False, untrimmed: bool = False) -> str:
    """`text` (its spaces collapsed) if it fits and `always` is false; else its longest
    beginning cut at an ordinary space that fits with an ellipsis. A first piece too long
    on its own is cut by characters. `untrimmed`: `fits` measures the beginning as cut,
    before its trailing marks are trimmed and the ellipsis added (`excerpt`)."""
    pieces = words(text)
    whole = " ".join(pieces)
    if not always and fits(whole):
        return whole

    def candidate(count: int) -> str:
        return " ".join(pieces[:count]).rstrip(_TRAILING) + ELLIPSIS

    def measured(count: int) -> str:
        return " ".join(pieces[:count]) if untrimmed else candidate(count)

    # The longest number of pieces that fits (a longer beginning is never narrower).
    low, high = 0, len(pieces) - (0 if always else 1)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(measured(middle)):
            low = middle
        else:
            high = middle - 1
    if low and candidate(low) != ELLIPSIS:
        return candidate(low)
    first = pieces[0] if pieces else ""
    for end in range(len(first) - 1, 0, -1):
        cut = first[:end].rstrip(_TRAILING) + ELLIPSIS
        if fits(first[:end] if untrimmed else cut):
            return cut
    return ELLIPSIS


def cut(text: str, limit: int) -> str:
    """`shorten` by characters: at most `limit` long, the ellipsis included."""
    if len(text) <= limit and text == text.strip() and not _UNCOLLAPSED.search(text):
        return text  # what shorten returns, without splitting it (sixty thousand times at scale)
    return shorten(text, lambda candidate: len(candidate) <= limit)


# What shorten would change in a text short enough: spaces to collapse (BREAKABLE).
_UNCOLLAPSED = re.compile(r"[\t\r\n]|  ")


def excerpt(text: str, limit: int) -> str:
    """`text` if at most `limit` characters; else its longest beginning of at most `limit`
    characters that ends at an ordinary space, trailing marks trimmed, then the ellipsis."""
    if len(text) <= limit:
        return text
    return shorten(text, lambda cut: len(cut) <= limit, untrimmed=True)


def lines_within(lines: list[str], max_lines: int, fits: Fits) -> list[str]:
    """At most `max_lines` lines; when some are dropped, the last one kept ends with an
    ellipsis (it is shortened from the rest of the text)."""
    if len(lines) <= max_lines:
        return lines
    if max_lines <= 0:
        return []
    last = shorten(" ".join(lines[max_lines - 1 :]), fits, always=True)
    return [*lines[: max_lines - 1], last]

"""Long generated lists over several pages, each within a byte budget (issue 14: 60 KB a page).

The bibliography index and a reference's list of the claims citing it grow with the site: at a
hundred union texts the index holds 110 references and a text is cited by over a hundred claims.
When such a list is longer than the budget, it is split evenly over the fewest pages that keep
every page's list within it; the same number of pages in every language, so that the language
switch of page 2 leads to page 2.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from ..i18n import text as ui

T = TypeVar("T")

# Bytes of a generated list on one page. Material's page around it weighs about 26 KB at most
# (header, navigation, inline first-screen CSS, scripts): 30 000 bytes keep the page under 60 KB.
BUDGET = 30_000


def split_evenly(items: Sequence[T], parts: int) -> list[list[T]]:
    """`items` in `parts` consecutive runs whose lengths differ by one at most."""
    size, extra = divmod(len(items), parts)
    out, start = [], 0
    for number in range(parts):
        end = start + size + (1 if number < extra else 0)
        out.append(list(items[start:end]))
        start = end
    return out


def fewest_parts(count: int, fits: Callable[[int], bool]) -> int:
    """The fewest pages (1 to `count`) for which `fits(pages)`; `count` if none does."""
    for parts in range(1, count + 1):
        if fits(parts):
            return parts
    return max(1, count)


def size(html: str) -> int:
    return len(html.encode("utf-8"))


def parts_nav(lang: str, part: int, parts: int, href: Callable[[int], str]) -> str:
    """« Pages : 1 · 2 · 3 », the current one not a link; empty for a single page."""
    if parts <= 1:
        return ""
    links = [
        f'<strong aria-current="page">{number}</strong>'
        if number == part
        else f'<a href="{href(number)}">{number}</a>'
        for number in range(1, parts + 1)
    ]
    return f'<p class="page-parts">{ui(lang, "pages")}{ui(lang, "colon")} {" · ".join(links)}</p>'

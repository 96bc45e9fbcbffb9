"""The site's navigation, read from mkdocs.yml's `nav`: its pages in order, and the folders
they sit in, in the order the navigation first reaches them.

The themes (environnement, travail…) are the folders of the pages that hold claims; their
order on every generated list (figures, demands, timeline, toolkit, the explorer's facets)
and the theme pages the quality gates visit follow the navigation, so a new theme section
in mkdocs.yml needs no change in the code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .site_languages import read_mkdocs_yml


def nav_pages(nav) -> Iterator[str]:
    """The docs pages of mkdocs.yml's `nav`, in order (external links left out)."""
    items = nav if isinstance(nav, list) else [nav]
    for item in items:
        if isinstance(item, str):
            if "://" not in item:
                yield item
        elif isinstance(item, dict):
            for value in item.values():
                yield from nav_pages(value)
        elif isinstance(item, list):
            yield from nav_pages(item)


def nav_folders(pages: Iterable[str]) -> tuple[str, ...]:
    """The first-level folders of `pages`, in the order the pages first reach them."""
    return tuple(dict.fromkeys(page.split("/", 1)[0] for page in pages if "/" in page))


def nav_folders_of(mkdocs_yml: Path) -> tuple[str, ...]:
    """nav_folders of a mkdocs.yml on disk; () without a `nav`."""
    return nav_folders(nav_pages(read_mkdocs_yml(mkdocs_yml).get("nav") or []))

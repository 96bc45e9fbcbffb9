"""The pass over every built HTML file, as a function of the file and a few settings, so
that it runs on every core (observatoire_ia.parallel): each worker reads, fixes and writes
its own files. The critical path of a page needs the build's theme and stylesheet: the
plugin sets `CRITICAL_PATH` before the workers are forked, which inherit it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .a11y import fix_material_a11y, fix_material_validity
from .csp import add_csp
from .linkhygiene import add_noopener
from .minify import collapse_indentation
from .notfound import absolutize_404
from .pagefind import BODY
from .seo import drop_head_alternates

LAZY_SEARCH = "assets/javascripts/search-lazy.js"
_BUNDLE = re.compile(
    r'<script src="(?P<prefix>[^"]*?)assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>'
)


# (page HTML, its path) -> the page with its critical path (plugin.QualityPlugin.critical_path).
CRITICAL_PATH: Callable[[str, Path], str] | None = None


@dataclass(frozen=True)
class Settings:
    site_dir: str
    host: str | None  # the site's host: links elsewhere are external
    base_path: str  # the site's path on its host ("/" or "/observatoire/")
    languages: tuple[str, ...]  # languages with their own search index
    csp: bool
    noopener: bool
    lazy_search: bool
    file_copy: bool  # the offline kit (file://): no policy, relative 404 page
    serving: bool  # `mkdocs serve`: no policy (its live-reload script is inline)
    pagefind: bool = False  # online search by Pagefind (pagefind.py)


def process(html: str, settings: Settings) -> str:
    """Material's markup fixed, indentation dropped, links and the search loader."""
    html = drop_head_alternates(fix_material_validity(fix_material_a11y(html)))
    html = collapse_indentation(html)
    if settings.noopener:
        html = add_noopener(html, settings.host)
    if settings.lazy_search and LAZY_SEARCH not in html:
        langs = " ".join(settings.languages)
        backend = ' data-search="pagefind"' if settings.pagefind else ""
        html = _BUNDLE.sub(
            lambda m: (
                f'<script src="{m.group("prefix")}{LAZY_SEARCH}" data-langs="{langs}"{backend}>'
                "</script>\n    " + m.group(0)
            ),
            html,
            count=1,
        )
    return html


def finish(html: str, path: Path, settings: Settings) -> str:
    """One page as the site serves it; the policy last (it hashes the inline code)."""
    site_dir = Path(settings.site_dir)
    if path.name == "404.html" and not settings.file_copy:
        html = absolutize_404(html, path.relative_to(site_dir).as_posix(), settings.base_path)
    html = process(html, settings)
    if CRITICAL_PATH is not None:
        html = CRITICAL_PATH(html, path)
    # A file:// copy (offline kit) has no origin for 'self' to match: no policy there.
    if settings.csp and not settings.file_copy and not settings.serving:
        html = add_csp(html, wasm=settings.pagefind)
    return html


def sweep_files(paths: list[str], settings: Settings) -> list[bool]:
    """Fix each file in place; True where its content goes into the Pagefind index."""
    indexed = []
    for name in paths:
        path = Path(name)
        html = path.read_text(encoding="utf-8")
        new = finish(html, path, settings)
        if new != html:
            path.write_text(new, encoding="utf-8")
        indexed.append(settings.pagefind and BODY in new)
    return indexed

"""The pass over every built HTML file, as a function of the file and a few settings, so
that it runs on every core (observatoire_ia.parallel): each worker reads, fixes and writes
its own files. The critical path of a page needs the build's theme and stylesheet: the
plugin sets `CRITICAL_PATH` before the workers are forked, which inherit it.

A page's result is cached (`Settings.cache_dir`), keyed by its bytes, its path and
`Settings.context`: a digest of everything else the pass reads (this code, the settings, the
stylesheet, the theme's partials, the site's stylesheets and images). An unchanged page is
then written from the cache, byte for byte what the pass would write (issue 14: twenty
thousand share pages at a hundred texts)."""

from __future__ import annotations

import hashlib
import os
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
    cache_dir: str | None = None  # where finished pages are kept, by key (None: no cache)
    context: str = ""  # digest of what the pass reads besides the page (plugin.sweep_context)


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


def page_key(data: bytes, relative: str, settings: Settings) -> str:
    """Cache key of a page: its bytes, its path in the site, the pass's context."""
    digest = hashlib.sha256(settings.context.encode("utf-8") + b"\0")
    digest.update(relative.encode("utf-8") + b"\0")
    digest.update(data)
    return digest.hexdigest()[:32]


def _finished(path: Path, data: bytes, settings: Settings) -> bytes:
    """The file's bytes after the pass (its own bytes when the pass changes nothing)."""
    # As read_text reads it: universal newlines.
    html = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    new = finish(html, path, settings)
    return data if new == html else new.encode("utf-8")


def _keep(path: Path, data: bytes) -> None:
    """Into the cache, whole or not at all; a cache another build just pruned is no error."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)


def sweep_files(paths: list[str], settings: Settings) -> list[tuple[bool, str | None]]:
    """Fix each file in place; (whether its content goes into the Pagefind index, its cache
    key) for each."""
    site_dir = Path(settings.site_dir)
    cache = Path(settings.cache_dir) if settings.cache_dir else None
    marker = BODY.encode("utf-8")
    out = []
    for name in paths:
        path = Path(name)
        data = path.read_bytes()
        key, new = None, None
        if cache is not None:
            key = page_key(data, path.relative_to(site_dir).as_posix(), settings)
            try:
                new = (cache / f"{key}.html").read_bytes()
            except FileNotFoundError:
                pass
        if new is None:
            new = _finished(path, data, settings)
            if cache is not None:
                _keep(cache / f"{key}.html", new)
        if new != data:
            path.write_bytes(new)
        out.append((settings.pagefind and marker in new, key))
    return out

"""MkDocs plugin `observatoire/quality`: post-processes the whole built site once.

After every other plugin (and after mkdocs-static-i18n has built all languages), each HTML
file of the site gets:
- a Content-Security-Policy <meta> (only the site itself, Material's inline scripts hashed),
- rel="noopener" on external links,
- the lazy search-index shim before Material's bundle,
- one critical path: the CSS of its first paint inlined, site.css and the scripts after the
  first paint (critical.py, critical_path.py, sitecss.py),
and the search index is split per language; online, Pagefind indexes the pages (pagefind.py).
Files written by other features outside the page pipeline (share pages, …) are covered as
well because the whole site_dir is swept, on every core (sweep.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import logging
import os
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import get_build_timestamp

from .. import parallel
from ..builds import i18n_building, offline_build
from ..cache_files import code_digest
from ..site_languages import site_languages
from . import critical_path, pagefind, sweep
from .config import QualityPluginConfig
from .critical import Stylesheet
from .notfound import drop_404_from_sitemap
from .searchsplit import split_search_index
from .sitecss import Vocabulary, material_stylesheets, merge, tested_attributes, vocabulary_of
from .sweep import LAZY_SEARCH, Settings, sweep_files

log = logging.getLogger("mkdocs.plugins.observatoire.quality")

ASSETS = Path(__file__).parent / "assets"
SITE_CSS = "assets/stylesheets/site.css"


class QualityPlugin(BasePlugin[QualityPluginConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.file_copy = False  # the offline kit: pages opened from file://
        self.env: Environment | None = None
        # Of the sweep in on_post_build, read by the workers it forks (_critical_path):
        self.stylesheet: Stylesheet | None = None  # site.css, parsed
        self._own_sheets: dict[tuple[Path, ...], Stylesheet] = {}  # with a page's own CSS
        self._build: tuple[MkDocsConfig, Path] | None = None  # (config, site_dir)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` injects its live-reload script into every page after the build: an
        # inline script the policy could not hash. No CSP in the preview server.
        self.serving = command == "serve"

    def _pagefind(self, config: MkDocsConfig) -> bool:
        """Pagefind indexes the online site; a file:// copy keeps Material's search."""
        return self.config.pagefind and not offline_build(config)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # After Material's search plugin has set up this build's index (listed before us).
        if self._pagefind(config):
            pagefind.config_only(
                config.plugins.get("material/search") or config.plugins.get("search")
            )
        return config

    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        """Online, Pagefind indexes the page's article, unless the page is out of search
        (`search: exclude`, as pages waiting for their translation) or a 404 page."""
        search = page.meta.get("search") or {}
        if self._pagefind(config) and not search.get("exclude") and page.file.name != "404":
            return pagefind.mark_body(output)
        return output

    def on_env(self, env: Environment, *, config: MkDocsConfig, files) -> Environment:
        self.env = env  # renders the critical-path partials into pages written outside it
        return env

    @event_priority(-200)  # after mkdocs-static-i18n (-100), which builds the other languages
    def on_post_build(self, config: MkDocsConfig) -> None:
        if i18n_building(config):
            return  # a nested language build: the outer build sweeps the whole site once
        site_dir = Path(config.site_dir)
        self.file_copy = offline_build(config)
        languages: list[str] = []
        if self.config.lazy_search:
            site = site_languages(config)
            languages = split_search_index(site_dir, list(site.codes), site.default)
            target = site_dir / LAZY_SEARCH
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ASSETS / "search-lazy.js", target)
        site_url = urlsplit(config.site_url or "")
        base_path = site_url.path if site_url.path.endswith("/") else site_url.path + "/"
        for sitemap in sorted(site_dir.glob("**/sitemap.xml")):
            drop_404_from_sitemap(sitemap, get_build_timestamp())
        pages = sorted(site_dir.rglob("*.html"))
        cache = Path(config.config_file_path).parent / ".cache" if self.config.cache else None
        self.stylesheet = (
            self._write_site_css(site_dir, pages, cache and cache / "sitecss")
            if self.config.critical_css
            else None
        )
        self._own_sheets = {}
        self._build = (config, site_dir)
        settings = Settings(
            site_dir=str(site_dir),
            host=site_url.hostname,
            base_path=base_path,
            languages=tuple(languages),
            csp=self.config.csp,
            noopener=self.config.noopener,
            lazy_search=self.config.lazy_search,
            file_copy=self.file_copy,
            serving=self.serving,
            pagefind=self._pagefind(config),
        )
        folder = None
        if cache is not None:
            context = self._sweep_context(settings, site_dir, pages, config)
            folder = cache / "sweep" / context[:16]
            folder.mkdir(parents=True, exist_ok=True)
            settings = dataclasses.replace(settings, cache_dir=str(folder), context=context)
        # Every page, on every core (thousands of share pages at scale); the critical path
        # needs this build's theme and stylesheet: the workers are forked from here.
        sweep.CRITICAL_PATH = self._critical_path if self.stylesheet is not None else None
        try:
            results = parallel.run(sweep_files, [str(p) for p in pages], settings, inherit=True)
        finally:
            sweep.CRITICAL_PATH = None
        indexed = [marked for marked, _ in results]
        if folder is not None:
            _prune(folder, {key for _, key in results})
        if settings.pagefind:
            found = [page for page, marked in zip(pages, indexed, strict=True) if marked]
            cache = Path(config.config_file_path).parent / ".cache" / "pagefind"
            try:
                log.info(f"pagefind: {pagefind.index(site_dir, found, cache)}")
            except pagefind.PagefindError as error:
                raise PluginError(str(error)) from error

    def _sweep_context(
        self, settings: Settings, site_dir: Path, pages: list[Path], config: MkDocsConfig
    ) -> str:
        """Digest of everything the pass over a page reads besides the page (sweep.py): this
        code, the settings and options, the stylesheet, the theme's partials at each depth of
        the site, the site's stylesheets and images (whose sizes pages get)."""
        digest = hashlib.sha256(_CODE.encode("ascii"))
        # (Where the site is written changes nothing in it: pages are read relative to it.)
        digest.update(repr(dataclasses.replace(settings, site_dir="")).encode("utf-8"))
        digest.update(repr(sorted((k, repr(v)) for k, v in self.config.items())).encode("utf-8"))
        if self.stylesheet is not None:
            digest.update(self.stylesheet.source.encode("utf-8"))
            for depth in sorted({len(p.relative_to(site_dir).parts) - 1 for p in pages}):
                page = site_dir.joinpath(*["d"] * depth, "index.html")
                for template in ("partials/styles.html", "partials/theme.html"):
                    digest.update(self._markup(template, config, page, site_dir).encode("utf-8"))
        for path in _assets(site_dir):
            digest.update(path.relative_to(site_dir).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        return digest.hexdigest()

    def _critical_path(self, html: str, path: Path) -> str:
        config, site_dir = self._build
        return self.critical_path(html, path, site_dir, config)

    def _write_site_css(
        self, site_dir: Path, pages: list[Path], cache: Path | None = None
    ) -> LazyStylesheet:
        """site.css (Material's stylesheets, then the project's), and its parsed copy; the
        merge is kept in `cache` (by its sources and vocabulary)."""
        sources = material_stylesheets(site_dir) + [
            site_dir / name for name in self.config.stylesheets
        ]
        missing = [
            p for p in sources[len(sources) - len(self.config.stylesheets) :] if not p.is_file()
        ]
        if missing:
            names = ", ".join(p.relative_to(site_dir).as_posix() for p in missing)
            raise PluginError(
                f"mkdocs.yml: observatoire/quality stylesheets: {names} not found under docs/"
            )
        texts = {p: p.read_text(encoding="utf-8") for p in sources}
        tested = tuple(sorted(tested_attributes("".join(texts.values()))))
        vocabulary = Vocabulary(tested)
        # Every page (tens of thousands at scale), on every core.
        for found in parallel.run(vocabulary_of, [str(p) for p in pages], tested):
            if found is not None:
                vocabulary.update(*found)
        for script in sorted(site_dir.rglob("*.js")):
            if "search" not in script.relative_to(site_dir).parts:
                vocabulary.add_script(script.read_text(encoding="utf-8", errors="replace"))
        for sheet in sorted(site_dir.rglob("*.css")):
            if sheet not in sources and sheet != site_dir / SITE_CSS:
                vocabulary.add_stylesheet_uses(sheet.read_text(encoding="utf-8"))
        named = [(p.relative_to(site_dir).as_posix(), texts[p]) for p in sources]
        css = _merged(named, vocabulary, cache)
        (site_dir / SITE_CSS).write_text(css, encoding="utf-8")
        return LazyStylesheet(css)

    def _markup(self, template: str, config: MkDocsConfig, path: Path, site_dir: Path) -> str:
        if self.env is None:
            raise PluginError("observatoire/quality: no theme environment (on_env did not run)")
        depth = len(path.relative_to(site_dir).parts) - 1
        base = "/".join([".."] * depth) or "."
        return self.env.get_template(template).render(config=config, base_url=base, page=None)

    def critical_path(self, html: str, path: Path, site_dir: Path, config: MkDocsConfig) -> str:
        merged = {Path(name).name for name in self.config.stylesheets}
        html, own = critical_path.fold_stylesheets(
            html, lambda: self._markup("partials/styles.html", config, path, site_dir), merged
        )
        if critical_path.PLACEHOLDER not in html:
            return html  # no stylesheet, no page to paint: forwarding stubs
        stylesheet = self.stylesheet
        if own:
            files = tuple((path.parent / href.split("?")[0]).resolve() for href in own)
            if files not in self._own_sheets:
                texts = [stylesheet_text(self.stylesheet)] + [
                    f.read_text(encoding="utf-8") for f in files if f.is_file()
                ]
                self._own_sheets[files] = Stylesheet("\n".join(texts))
            stylesheet = self._own_sheets[files]
        html = critical_path.fill_critical(html, stylesheet)
        html = critical_path.add_theme_script(
            html, lambda: self._markup("partials/theme.html", config, path, site_dir)
        )
        html = critical_path.lazy_images(html, lambda src: image_size(path.parent / src))
        return critical_path.scripts_after_paint(html)


# This package's code and assets, the modules they import (parallel.py, the strings table,
# typography…), and the libraries and Python that parse the pages and stylesheets: a change to
# any is a new cache (sweep.py, site.css).
_CODE = hashlib.sha256(
    code_digest(Path(__file__).parent).encode()
    + b"".join(p.read_bytes() for p in sorted(ASSETS.rglob("*")) if p.is_file())
    + repr([sys.version, *(importlib.metadata.version(n) for n in ("lxml", "tinycss2"))]).encode()
).hexdigest()
_ASSET_SUFFIXES = {".css", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}
# Cards (tens of thousands), search indexes: nothing the pass reads.
_NOT_READ = ("assets/cards", "pagefind", "search")


def _assets(site_dir: Path) -> list[Path]:
    """The site's stylesheets and images, in a stable order."""
    found = []
    for folder, dirs, files in os.walk(site_dir):
        here = Path(folder)
        dirs[:] = sorted(
            d for d in dirs if (here / d).relative_to(site_dir).as_posix() not in _NOT_READ
        )
        found += [here / f for f in sorted(files) if Path(f).suffix.lower() in _ASSET_SUFFIXES]
    return found


class LazyStylesheet:
    """site.css, parsed (critical.Stylesheet) only when a page needs its critical CSS: when
    every page comes from the cache (sweep.py), never."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._parsed: Stylesheet | None = None

    def critical(self, html: str) -> str:
        if self._parsed is None:
            self._parsed = Stylesheet(self.source)
        return self._parsed.critical(html)


def _merged(named: list[tuple[str, str]], vocabulary: Vocabulary, cache: Path | None) -> str:
    """sitecss.merge, kept in `cache` by its sources and vocabulary (the last few only)."""
    if cache is None:
        return merge(named, vocabulary)
    digest = hashlib.sha256(_CODE.encode("ascii"))
    digest.update(json.dumps(named).encode("utf-8"))
    for words in (vocabulary.words, vocabulary.prefixes, vocabulary.attributes):
        digest.update(json.dumps(sorted(words)).encode("utf-8"))
    digest.update(json.dumps(sorted(vocabulary.variables)).encode("utf-8"))
    path = cache / f"{digest.hexdigest()[:32]}.css"
    if path.is_file():
        os.utime(path)
        return path.read_text(encoding="utf-8")
    css = merge(named, vocabulary)
    cache.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(css, encoding="utf-8")
    temporary.replace(path)
    kept = sorted(cache.glob("*.css"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[4:]:
        old.unlink(missing_ok=True)
    return css


def _prune(folder: Path, used: set[str | None], keep: int = 4) -> None:
    """Drop the pages this build did not use from its cache folder, and all but the `keep`
    folders used last (online site, offline kit, preview server: each has its own)."""
    for entry in os.scandir(folder):
        # (".<name>.<pid>.tmp": being written by another build sharing this .cache)
        if not entry.name.startswith(".") and entry.name.removesuffix(".html") not in used:
            Path(entry.path).unlink(missing_ok=True)
    os.utime(folder)
    folders = sorted(
        (d for d in folder.parent.iterdir() if d.is_dir()),
        key=lambda d: d.stat().st_mtime,
        reverse=True,
    )
    for old in folders[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def image_size(file: Path) -> tuple[int, int] | None:
    """Pixel size of a local image (SVG: its width/height or viewBox), None if unknown."""
    file = Path(str(file).split("?")[0].split("#")[0])
    if not file.is_file():
        return None
    if file.suffix.lower() == ".svg":
        head = file.read_text(encoding="utf-8", errors="replace")[:2000]
        width = re.search(r"""<svg[^>]*\swidth=["'](\d+(?:\.\d+)?)(?:px)?["']""", head)
        height = re.search(r"""<svg[^>]*\sheight=["'](\d+(?:\.\d+)?)(?:px)?["']""", head)
        if width and height:
            return round(float(width.group(1))), round(float(height.group(1)))
        box = re.search(r"""viewBox=["'][\d.-]+[ ,]+[\d.-]+[ ,]+([\d.]+)[ ,]+([\d.]+)""", head)
        return (round(float(box.group(1))), round(float(box.group(2)))) if box else None
    try:
        from PIL import Image

        with Image.open(file) as image:
            return image.size
    except OSError:
        return None


def stylesheet_text(stylesheet: Stylesheet) -> str:
    return stylesheet.source

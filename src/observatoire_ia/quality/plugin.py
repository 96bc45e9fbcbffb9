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

import logging
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import get_build_timestamp

from .. import parallel
from ..builds import i18n_building, offline_build
from ..site_languages import site_languages
from . import critical_path, pagefind, sweep
from .config import QualityPluginConfig
from .critical import Stylesheet
from .notfound import drop_404_from_sitemap
from .searchsplit import split_search_index
from .sitecss import Vocabulary, material_stylesheets, merge, tested_attributes
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
        self.stylesheet = (
            self._write_site_css(site_dir, pages) if self.config.critical_css else None
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
        # Every page, on every core (thousands of share pages at scale); the critical path
        # needs this build's theme and stylesheet: the workers are forked from here.
        sweep.CRITICAL_PATH = self._critical_path if self.stylesheet is not None else None
        try:
            indexed = parallel.run(sweep_files, [str(p) for p in pages], settings, inherit=True)
        finally:
            sweep.CRITICAL_PATH = None
        if settings.pagefind:
            found = [page for page, marked in zip(pages, indexed, strict=True) if marked]
            cache = Path(config.config_file_path).parent / ".cache" / "pagefind"
            try:
                log.info(f"pagefind: {pagefind.index(site_dir, found, cache)}")
            except pagefind.PagefindError as error:
                raise PluginError(str(error)) from error

    def _critical_path(self, html: str, path: Path) -> str:
        config, site_dir = self._build
        return self.critical_path(html, path, site_dir, config)

    def _write_site_css(self, site_dir: Path, pages: list[Path]) -> Stylesheet:
        """site.css (Material's stylesheets, then the project's), and its parsed copy."""
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
        vocabulary = Vocabulary(tested_attributes("".join(texts.values())))
        for page in pages:
            vocabulary.add_html(page.read_text(encoding="utf-8"))
        for script in sorted(site_dir.rglob("*.js")):
            if "search" not in script.relative_to(site_dir).parts:
                vocabulary.add_script(script.read_text(encoding="utf-8", errors="replace"))
        for sheet in sorted(site_dir.rglob("*.css")):
            if sheet not in sources and sheet != site_dir / SITE_CSS:
                vocabulary.add_stylesheet_uses(sheet.read_text(encoding="utf-8"))
        css = merge([(p.relative_to(site_dir).as_posix(), texts[p]) for p in sources], vocabulary)
        (site_dir / SITE_CSS).write_text(css, encoding="utf-8")
        return Stylesheet(css)

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

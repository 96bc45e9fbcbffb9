"""MkDocs plugin `observatoire/quality`: post-processes the whole built site once.

After every other plugin (and after mkdocs-static-i18n has built all languages), each HTML
file of the site gets:
- a Content-Security-Policy <meta> (only the site itself, Material's inline scripts hashed),
- rel="noopener" on external links,
- the lazy search-index shim before Material's bundle,
and the search index is split per language. Files written by other features outside the
page pipeline (share pages, …) are covered as well because the whole site_dir is swept.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import get_build_timestamp

from .. import parallel
from . import pagefind
from .config import QualityPluginConfig
from .notfound import drop_404_from_sitemap
from .searchsplit import split_search_index
from .sweep import LAZY_SEARCH, Settings, sweep_files

log = logging.getLogger("mkdocs.plugins.observatoire.quality")

ASSETS = Path(__file__).parent / "assets"


class QualityPlugin(BasePlugin[QualityPluginConfig]):
    serving = False
    file_copy = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` injects its live-reload script into every page after the build: an
        # inline script the policy could not hash. No CSP in the preview server.
        self.serving = command == "serve"

    def _offline(self, config: MkDocsConfig) -> bool:
        offline = config.plugins.get("material/offline") or config.plugins.get("offline")
        return bool(offline and getattr(offline, "config", {}).get("enabled", True))

    def _pagefind(self, config: MkDocsConfig) -> bool:
        """Pagefind indexes the online site; a file:// copy keeps Material's search."""
        return self.config.pagefind and not self._offline(config)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # After Material's search plugin has set up this build's index (listed before us).
        if self._pagefind(config):
            pagefind.config_only(
                config.plugins.get("material/search") or config.plugins.get("search")
            )
        return config

    @event_priority(-200)  # after mkdocs-static-i18n (-100), which builds the other languages
    def on_post_build(self, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if i18n is not None and getattr(i18n, "building", False):
            return  # a nested language build: the outer build sweeps the whole site once
        site_dir = Path(config.site_dir)
        self.file_copy = self._offline(config)
        languages: list[str] = []
        if self.config.lazy_search:
            languages = split_search_index(
                site_dir, self.config.languages, self.config.default_language
            )
            target = site_dir / LAZY_SEARCH
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ASSETS / "search-lazy.js", target)
        site_url = urlsplit(config.site_url or "")
        host = site_url.hostname
        base_path = site_url.path if site_url.path.endswith("/") else site_url.path + "/"
        for sitemap in sorted(site_dir.glob("**/sitemap.xml")):
            drop_404_from_sitemap(sitemap, get_build_timestamp())
        settings = Settings(
            site_dir=str(site_dir),
            host=host,
            base_path=base_path,
            languages=tuple(languages),
            csp=self.config.csp,
            noopener=self.config.noopener,
            lazy_search=self.config.lazy_search,
            file_copy=self.file_copy,
            serving=self.serving,
            pagefind=self._pagefind(config),
        )
        # Every page, on every core (thousands of share pages at scale).
        paths = [str(path) for path in sorted(site_dir.rglob("*.html"))]
        indexed = parallel.run(sweep_files, paths, settings)
        if settings.pagefind:
            pages = [Path(path) for path, marked in zip(paths, indexed, strict=True) if marked]
            try:
                cache = Path(config.config_file_path).parent / ".cache" / "pagefind"
                log.info(f"pagefind: {pagefind.index(site_dir, pages, cache)}")
            except pagefind.PagefindError as error:
                raise PluginError(str(error)) from error

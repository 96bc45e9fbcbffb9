"""MkDocs plugin `observatoire/entry-points`: replaces markers in pages with lists generated
from the claim registry, and appends the page language's abbreviations (tooltips).

Markers (HTML comments, so an unprocessed page shows nothing):
`<!-- demands -->`, `<!-- demands: travail -->`, `<!-- timeline -->`, `<!-- glossary -->`,
`<!-- toolkit -->`, `<!-- figures -->` (claims tagged `chiffre`), `<!-- charts -->`,
`<!-- latest -->` (home page), `<!-- explorer -->` (the claim explorer; its data is written
once every language is built).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from ..builds import i18n_building
from ..claims.exports import page_href, page_url_path
from ..site_nav import nav_pages
from .charts import charts_markdown
from .common import MARKER, by_theme_and_organisation, tagged
from .config import EntryPointsConfig
from .demands import demands_markdown
from .explorer import (
    ASSETS,
    DATA_DIR,
    SCRIPT,
    STYLESHEET,
    Links,
    data_files,
    explorer_data,
    explorer_markdown,
)
from .glossary import glossary_markdown
from .latest import latest_markdown
from .timeline import timeline_markdown
from .toolkit import toolkit_markdown


class EntryPointsPlugin(BasePlugin[EntryPointsConfig]):
    def __init__(self) -> None:
        self.explorer_langs: set[str] = set()
        self.root: Path | None = None
        # Of the outer build (mkdocs-static-i18n then builds each language with its config):
        self.site_dir: Path | None = None
        self.site_url = ""
        self.directory_urls = True
        self.nav_pages: list[str] = []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent
        if not i18n_building(config):
            # The outer build (mkdocs-static-i18n then builds each language with this config).
            self.site_dir = Path(config.site_dir)
            self.site_url = (config.site_url or "").rstrip("/") + "/"
            self.directory_urls = config.use_directory_urls
            self.nav_pages = list(nav_pages(config.nav or []))
            self.explorer_langs = set()
        return config

    def _claims(self, config: MkDocsConfig):
        claims = config.plugins.get("observatoire/claims")
        if claims is None or claims.registry is None:
            raise PluginError("observatoire/entry-points needs observatoire/claims before it")
        return claims

    def _registry(self, config: MkDocsConfig):
        return self._claims(config).registry

    def _abbreviations(self, lang: str) -> str:
        path = self.root / self.config.abbreviations.format(lang=lang)
        return path.read_text(encoding="utf-8") if path.is_file() else ""

    @event_priority(50)  # after observatoire/claims (100) has set up the page
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files) -> str:
        claims_plugin = self._claims(config)
        lang, path = claims_plugin.locate(page)
        registry = claims_plugin.registry

        def replace(match) -> str:
            name, arg = match["name"], match["arg"]
            if name == "demands":
                return demands_markdown(registry, lang, path, arg)
            if name == "timeline":
                return timeline_markdown(registry, lang, path)
            if name == "glossary":
                return glossary_markdown(
                    registry,
                    lang,
                    path,
                    str(self.root / self.config.glossary),
                    self.config.glossary,
                )
            if name == "toolkit":
                return toolkit_markdown(registry, lang, path)
            if name == "figures":
                claims = tagged(registry, lang, "chiffre")
                lines = by_theme_and_organisation(registry, claims, lang, path, level=3)
                return "\n".join(
                    ['<div class="entry-list figures" markdown>', "", *lines, "</div>", ""]
                )
            if name == "charts":
                return charts_markdown(registry, lang, path, str(self.root / self.config.charts))
            if name == "latest":
                return latest_markdown(
                    registry, lang, path, str(self.root), claims_plugin.config.bibliography_page
                )
            if name == "explorer":
                self.explorer_langs.add(lang)
                default = claims_plugin.languages.default
                return explorer_markdown(
                    registry,
                    lang,
                    path,
                    "../" * page.url.count("/"),
                    self.site_url + page_url_path(path, lang, default),
                )
            return match.group(0)

        # The glossary defines every abbreviation on the page itself: no tooltip repeats the
        # definition next to it (47 of them made 5 % of the page).
        is_glossary = any(m["name"] == "glossary" for m in MARKER.finditer(markdown))
        markdown = MARKER.sub(replace, markdown)
        abbreviations = "" if is_glossary else self._abbreviations(lang)
        if abbreviations:
            markdown = markdown.rstrip("\n") + "\n\n" + abbreviations
        return markdown

    def _links(self, config: MkDocsConfig, lang: str) -> Links:
        claims = self._claims(config)
        default = claims.languages.default
        registry = claims.registry
        sharing = config.plugins.get("observatoire/sharing")
        prefix = claims.languages.prefix(lang)
        share = ""
        if sharing is not None and sharing.config.share_pages:
            share = prefix + "c/{id}/" + ("" if self.directory_urls else "index.html")
        pages = {
            page: page_href(page, lang, default, self.directory_urls)
            for page in registry.pages[lang]
        }
        return Links(
            page=pages,
            share=share,
            bibliography=pages[claims.config.bibliography_page],
            share_url=self.site_url + prefix + "c/{id}/" if share else "",
            page_url={
                page: self.site_url + page_url_path(page, lang, default)
                for page in registry.pages[lang]
            },
        )

    @event_priority(-150)  # after mkdocs-static-i18n (-100) has built every language
    def on_post_build(self, config: MkDocsConfig) -> None:
        if i18n_building(config):
            return
        registry = self._registry(config)
        target = self.site_dir / DATA_DIR
        if self.explorer_langs:
            for name, dest in ((Path(SCRIPT).name, SCRIPT), (Path(STYLESHEET).name, STYLESHEET)):
                (self.site_dir / dest).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(ASSETS / name, self.site_dir / dest)
        for lang in sorted(self.explorer_langs):
            data = explorer_data(registry, lang, self.nav_pages, self._links(config, lang))
            for name, text in data_files(data, self.config.explorer_data_limit).items():
                target.mkdir(parents=True, exist_ok=True)
                (target / name).write_text(text, encoding="utf-8")

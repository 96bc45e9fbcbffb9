"""MkDocs plugin `observatoire/entry-points`: replaces markers in pages with lists generated
from the claim registry, and appends the page language's abbreviations (tooltips).

Markers (HTML comments, so an unprocessed page shows nothing):
`<!-- demands -->`, `<!-- demands: travail -->`, `<!-- timeline -->`, `<!-- glossary -->`,
`<!-- toolkit -->`, `<!-- figures -->` (claims tagged `chiffre`), `<!-- charts -->`,
`<!-- latest -->` (home page).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from .charts import charts_markdown
from .common import MARKER, by_theme_and_organisation, tagged
from .config import EntryPointsConfig
from .demands import demands_markdown
from .glossary import glossary_markdown
from .latest import latest_markdown
from .timeline import timeline_markdown
from .toolkit import toolkit_markdown


class EntryPointsPlugin(BasePlugin[EntryPointsConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent
        self.docs_dir = Path(config.docs_dir)
        return config

    def _registry(self, config: MkDocsConfig):
        claims = config.plugins.get("observatoire/claims")
        if claims is None or claims.registry is None:
            raise PluginError("observatoire/entry-points needs observatoire/claims before it")
        return claims.registry

    def _abbreviations(self, lang: str) -> str:
        path = self.root / self.config.abbreviations.format(lang=lang)
        return path.read_text(encoding="utf-8") if path.is_file() else ""

    @event_priority(50)  # after observatoire/claims (100) has set up the page
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files) -> str:
        relative = Path(page.file.abs_src_path).resolve().relative_to(self.docs_dir.resolve())
        lang, *rest = relative.parts
        path = "/".join(rest)
        registry = self._registry(config)

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
                return latest_markdown(registry, lang, path, str(self.root))
            return match.group(0)

        markdown = MARKER.sub(replace, markdown)
        abbreviations = self._abbreviations(lang)
        if abbreviations:
            markdown = markdown.rstrip("\n") + "\n\n" + abbreviations
        return markdown

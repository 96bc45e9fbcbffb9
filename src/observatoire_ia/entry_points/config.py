"""Configuration of the `observatoire/entry-points` plugin (mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class EntryPointsConfig(Config):
    abbreviations = c.Type(str, default="docs/includes/abbreviations.{lang}.md")
    glossary = c.Type(str, default="docs/data/glossaire.yml")
    charts = c.Type(str, default="docs/data/charts.yml")
    # The explorer's data for one language, in bytes gzip; past it, one file per theme.
    explorer_data_limit = c.Type(int, default=150 * 1024)

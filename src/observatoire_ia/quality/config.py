"""Configuration of the `observatoire/quality` plugin (mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class QualityPluginConfig(Config):
    csp = c.Type(bool, default=True)
    noopener = c.Type(bool, default=True)
    lazy_search = c.Type(bool, default=True)
    # Online search by Pagefind (quality/pagefind.py); the offline kit keeps Material's.
    pagefind = c.Type(bool, default=False)
    languages = c.Type(list, default=["fr", "en"])
    default_language = c.Type(str, default="fr")

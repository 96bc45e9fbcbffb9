"""Configuration of the `observatoire/quality` plugin (mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class QualityPluginConfig(Config):
    csp = c.Type(bool, default=True)
    noopener = c.Type(bool, default=True)
    lazy_search = c.Type(bool, default=True)
    # One critical path (issue 16): first-screen CSS inlined, the rest after the first paint.
    critical_css = c.Type(bool, default=True)
    # The project's stylesheets (paths under docs/), merged after Material's into site.css.
    stylesheets = c.Type(list, default=[])
    # Online search by Pagefind (quality/pagefind.py); the offline kit keeps Material's.
    pagefind = c.Type(bool, default=False)
    # Pages the pass leaves as it found them last time are written from .cache/sweep (sweep.py).
    cache = c.Type(bool, default=True)

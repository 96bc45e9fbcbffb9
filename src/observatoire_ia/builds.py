"""Which build is running, as the project's plugins and hooks need to know it.

mkdocs-static-i18n builds the site once per language, with the same plugin instances: work
done for the whole site (cards, share pages, feeds, the sweep of every page) waits for the
outer build, and `i18n_building` tells the nested ones. The offline kit
(mkdocs.offline.yml) switches Material's offline plugin on: `offline_build`.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig


def i18n_building(config: MkDocsConfig) -> bool:
    """True inside one of mkdocs-static-i18n's per-language builds (after the first)."""
    i18n = config.plugins.get("i18n")
    return bool(i18n is not None and getattr(i18n, "building", False))


def offline_build(config: MkDocsConfig) -> bool:
    """True when Material's offline plugin is listed and switched on (the offline kit)."""
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(offline and getattr(offline, "config", {}).get("enabled", True))

"""MkDocs hook of mkdocs.offline.yml: turns on Material's offline plugin for the kit.

mkdocs.yml lists `offline` (disabled) right after i18n, so that its file:// search index
is written after both languages are built. A child config cannot edit a list it inherits,
so this hook enables the plugin before the plugin's own on_config runs.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


@event_priority(100)  # before Material's offline plugin (priority 0)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    if plugin is None:
        raise PluginError(
            "mkdocs.offline.yml: mkdocs.yml must list the `offline` plugin after i18n"
        )
    plugin.config.enabled = True
    config.use_directory_urls = False
    return config


def on_page_context(context, page, config: MkDocsConfig, nav):
    """<link rel="canonical"> names the page's online address (environnement/energie-climat/):
    the copy's file name (energie-climat.html) does not exist on the directory-URL site."""
    url = page.url
    if url.endswith("index.html"):
        online = url[: -len("index.html")]
    elif url.endswith(".html") and not page.file.src_uri.endswith("404.md"):
        online = url[: -len(".html")] + "/"
    else:
        online = url
    if config.site_url:
        page.canonical_url = config.site_url.rstrip("/") + "/" + online
    return context

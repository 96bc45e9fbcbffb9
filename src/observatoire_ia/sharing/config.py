"""Configuration of the `observatoire/sharing` plugin (mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SharingPluginConfig(Config):
    cache_dir = c.Type(str, default=".cache/cards")
    share_pages = c.Type(bool, default=True)
    feeds = c.Type(bool, default=True)
    # Optional, here or in mkdocs.yml `extra:` (same names):
    # `fediverse_creator: "@name@instance"`, `rel_me: [https://instance/@name]`.
    fediverse_creator = c.Optional(c.Type(str))
    rel_me = c.Type(list, default=[])

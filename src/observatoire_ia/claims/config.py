"""Configuration of the `observatoire/claims` plugin (mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ClaimsPluginConfig(Config):
    bibliography = c.Type(str, default="bibliography.bib")
    bibliography_page = c.Type(str, default="bibliographie.md")
    # Reviewed claims the verifier excuses, one reason each (see verify.py); target: none.
    verification_exceptions = c.Type(str, default="sourcing/verification-exceptions.yml")
    # Bytes of a generated list (the bibliography index, the claims citing a reference) on one
    # page; a longer list continues on further pages (page_parts.py, issue 14: 60 KB a page).
    list_budget = c.Type(int, default=30_000)

"""Demands (tag `revendication`): the whole list by theme and organisation, or one theme's."""

from __future__ import annotations

from ..claims.registry import ClaimRegistry
from ..i18n import text as ui
from .common import by_organisation, by_theme_and_organisation, tagged

TAG = "revendication"


def demands_markdown(registry: ClaimRegistry, lang: str, page: str, theme: str | None) -> str:
    if theme is None:
        lines = by_theme_and_organisation(registry, tagged(registry, lang, TAG), lang, page)
    else:
        claims = tagged(registry, lang, TAG, theme)
        lines = (
            by_organisation(registry, claims, lang, page, level=3)
            if claims
            else [f"*{ui(lang, 'lists.none')}*", ""]
        )
    return "\n".join(['<div class="entry-list demands" markdown>', "", *lines, "</div>", ""])

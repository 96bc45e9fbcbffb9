"""Shared helpers: themes, organisations and list items linking to claims."""

from __future__ import annotations

import html
import re
from collections import defaultdict

from ..claims.bibliography_page import escape_markdown
from ..claims.markdown_ext import relative_link
from ..claims.registry import ClaimRegistry
from ..claims.scan import Claim
from ..i18n import text as ui
from ..textfit import excerpt


def theme_title(registry: ClaimRegistry, lang: str, theme: str | None) -> str:
    if theme is None:
        return ui(lang, "lists.general")
    scan = registry.page_scan(lang, f"{theme}/index.md")
    return scan.title if scan and scan.title else theme.capitalize()


def ordered_themes(registry: ClaimRegistry, claims: list[Claim]) -> list[str | None]:
    """The themes of `claims` in the navigation's order (site_nav.py), any other after them
    alphabetically, then None (claims outside a theme folder)."""
    present = {claim.theme for claim in claims}
    order = [theme for theme in registry.folders if theme in present]
    order += sorted(t for t in present if t is not None and t not in registry.folders)
    if None in present:
        order.append(None)
    return order


def organisations(registry: ClaimRegistry, claim: Claim) -> list[str]:
    """Authors of the union texts (entries with a `sourcepage`) the claim cites."""
    names = []
    for key in claim.keys:
        reference = registry.bibliography[key]
        if reference.source_page:
            names.extend(reference.authors[:1])
    return list(dict.fromkeys(names))


def tagged(registry: ClaimRegistry, lang: str, tag: str, theme: str | None = "*") -> list[Claim]:
    return [
        claim
        for claim in registry.claims(lang)
        if tag in claim.tags and (theme == "*" or claim.theme == theme)
    ]


def item(registry: ClaimRegistry, claim: Claim, lang: str, page: str, prefix: str = "") -> str:
    """`- [plain text](../theme/page.md#id)` for a claim, cut at ~170 characters (the
    lists must stay under the 60 KB page budget as content grows; the link leads to the whole
    claim and its sources)."""
    text = escape_markdown(excerpt(registry.plain_text(claim), 170))
    return f"- {prefix}[{text}]({relative_link(page, claim.page, claim.id)})"


def by_theme_and_organisation(
    registry: ClaimRegistry, claims: list[Claim], lang: str, page: str, level: int = 2
) -> list[str]:
    """Headings per theme, sub-headings per organisation, one linked item per claim."""
    if not claims:
        return [f"*{ui(lang, 'lists.none')}*", ""]
    lines: list[str] = []
    for theme in ordered_themes(registry, claims):
        lines += [f"{'#' * level} {escape_markdown(theme_title(registry, lang, theme))}", ""]
        lines += by_organisation(
            registry, [c for c in claims if c.theme == theme], lang, page, level + 1
        )
    return lines


def by_organisation(
    registry: ClaimRegistry, claims: list[Claim], lang: str, page: str, level: int
) -> list[str]:
    groups: dict[str, list[Claim]] = defaultdict(list)
    other = ui(lang, "lists.other_sources")
    for claim in claims:
        for organisation in organisations(registry, claim) or [other]:
            groups[organisation].append(claim)
    names = sorted((n for n in groups if n != other), key=str.casefold)
    if other in groups:
        names.append(other)
    lines: list[str] = []
    for name in names:
        # A labelled group, not a heading: one table-of-contents entry per theme and
        # organisation would outweigh the lists themselves (60 KB page budget).
        lines += [f'<p class="entry-group"><strong>{html.escape(name)}</strong></p>', ""]
        lines += [item(registry, claim, lang, page) for claim in groups[name]]
        lines.append("")
    return lines


MARKER = re.compile(r"<!--\s*(?P<name>[a-z-]+)(?::\s*(?P<arg>[a-z0-9-]+))?\s*-->")

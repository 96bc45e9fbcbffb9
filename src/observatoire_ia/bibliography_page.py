"""The bibliography page: every reference, formatted, with the claims that cite it, by page."""

from __future__ import annotations

import re
from collections import defaultdict

from .claims import Claim
from .i18n import text as ui
from .markdown_ext import relative_link
from .registry import ClaimRegistry

MARKER = "<!-- bibliography -->"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#])")


def escape_markdown(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def shorten(text: str, limit: int = 110) -> str:
    """Cut at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:–—")
    return cut + "…"


def bibliography_markdown(registry: ClaimRegistry, lang: str, page: str) -> str:
    """Markdown (md_in_html) for the bibliography page of `lang` located at `page`."""
    formatted = registry.bibliography.formatted(lang)
    citing = registry.citing_claims(lang)
    blocks = ['<div class="bibliography" markdown>', ""]
    for reference in registry.bibliography.sorted_references():
        key = reference.key
        blocks.append(f'<div class="reference" id="ref-{key}" markdown>')
        blocks.append("")
        blocks.append(f'<p class="reference-formatted">{formatted[key]}</p>')
        blocks.append("")
        claims = citing.get(key, [])
        if claims:
            blocks.append(f'<p class="cited-by-title"><strong>{ui(lang, "cited_by")}</strong></p>')
            blocks.append("")
            blocks.extend(_cited_by(registry, claims, lang, page))
        else:
            blocks.append(f'<p class="cited-by-none">{ui(lang, "not_cited")}</p>')
        blocks.append("")
        blocks.append("</div>")
        blocks.append("")
    blocks.append("</div>")
    return "\n".join(blocks)


def _cited_by(registry: ClaimRegistry, claims: list[Claim], lang: str, page: str) -> list[str]:
    by_page: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_page[claim.page].append(claim)
    lines = []
    for claim_page, page_claims in by_page.items():
        title = registry.page_scan(lang, claim_page).title
        lines.append(f"- [{escape_markdown(title)}]({relative_link(page, claim_page)})")
        for claim in page_claims:
            text = escape_markdown(shorten(registry.plain_text(claim)))
            lines.append(f"    - [{text}]({relative_link(page, claim_page, claim.id)})")
    lines.append("")
    return lines

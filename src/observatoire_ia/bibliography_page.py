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
            count = f" ({len(claims)})" if len(claims) > EXCERPTS_UP_TO else ""
            blocks.append(f'<p class="cited-by-title">{ui(lang, "cited_by")}{count}</p>')
            blocks.append("")
            blocks.extend(_cited_by(registry, claims, lang, page))
        else:
            blocks.append(f'<p class="cited-by-none">{ui(lang, "not_cited")}</p>')
        blocks.append("")
        blocks.append("</div>")
        blocks.append("")
    blocks.append("</div>")
    return "\n".join(blocks)


# A union text is cited by a hundred claims and more: listing each with an excerpt (or even
# its id) would put the page over its weight budget (60 KB). Beyond a few claims, each one is
# named by its position on its page (« Emploi : 1, 4, 7 » = the 1st, 4th and 7th claims of
# the Emploi page), like numbered notes; the page is named once, as text (each number already
# links into it).
EXCERPTS_UP_TO = 2


def _cited_by(registry: ClaimRegistry, claims: list[Claim], lang: str, page: str) -> list[str]:
    """One list item per citing page: the page, then a link to each citing claim."""
    by_page: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_page[claim.page].append(claim)
    excerpts = len(claims) <= EXCERPTS_UP_TO
    lines = []
    for claim_page, page_claims in by_page.items():
        scan = registry.page_scan(lang, claim_page)
        position = {claim.id: number for number, claim in enumerate(scan.claims, start=1)}
        title = scan.title
        links = []
        for claim in page_claims:
            label = shorten(registry.plain_text(claim), 60) if excerpts else str(position[claim.id])
            links.append(f"[{escape_markdown(label)}]({relative_link(page, claim_page, claim.id)})")
        separator = " · " if excerpts else ", "
        lines.append(f"- {escape_markdown(title)}{ui(lang, 'colon')} {separator.join(links)}")
    lines.append("")
    return lines

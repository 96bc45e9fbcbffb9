"""Glossary: abbreviations and terms (docs/data/glossaire.yml), each entry linking to the
claims whose text uses the abbreviation; the same data gives the tooltips of every page
(docs/includes/abbreviations.<lang>.md, appended to each page's Markdown)."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import yaml

from ..claims.bibliography_page import escape_markdown, shorten
from ..claims.markdown_ext import relative_link
from ..claims.registry import ClaimRegistry
from ..claims.scan import Claim
from .common import label

ABBREVIATION_LINE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<title>.+?)\s*$", re.MULTILINE)


@cache
def load_glossary(path: str) -> tuple[dict, ...]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    return tuple(data)


def abbreviations(text: str) -> dict[str, str]:
    return {m["abbr"]: m["title"] for m in ABBREVIATION_LINE.finditer(text)}


def claims_using(registry: ClaimRegistry, lang: str, term: str) -> list[Claim]:
    pattern = re.compile(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])")
    return [c for c in registry.claims(lang) if pattern.search(registry.plain_text(c))]


def anchor(term: str) -> str:
    return "gl-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def glossary_markdown(registry: ClaimRegistry, lang: str, page: str, data_file: str) -> str:
    entries = sorted(load_glossary(data_file), key=lambda e: e["term"].casefold())
    # No heading per entry: 27 entries in Material's table of contents would weigh more
    # than the entries (page budget 60 KB); a compact A–Z index of links replaces it.
    index = " · ".join(f"[{e['term']}](#{anchor(e['term'])})" for e in entries)
    lines = ['<div class="glossary-index" markdown>', "", index, "", "</div>", ""]
    lines += ['<div class="glossary" markdown>', ""]
    for entry in entries:
        term = entry["term"]
        local = entry[lang]
        lines += [f'<div class="glossary-entry" id="{anchor(term)}" markdown>', ""]
        lines += [
            f'<p class="glossary-term"><dfn>{html.escape(term)}</dfn> — '
            f"<strong>{html.escape(local['expansion'])}</strong></p>",
            "",
        ]
        if local.get("gloss"):
            lines += [f"*{escape_markdown(local['gloss'])}*", ""]
        lines += [local["definition"].strip(), ""]
        using = claims_using(registry, lang, term)
        if using:
            lines += [f'<p class="glossary-used">{label(lang, "used_in")}</p>', ""]
            lines += _compact_links(registry, using, lang, page)
        else:
            lines.append(f'<p class="glossary-unused">{label(lang, "not_used")}</p>')
        lines += ["", "</div>", ""]
    lines += ["</div>", ""]
    return "\n".join(lines)


def _compact_links(registry: ClaimRegistry, claims: list[Claim], lang: str, page: str) -> list[str]:
    """One line per page: its title, then a short excerpt of each claim, linked (page weight:
    an abbreviation such as CST is used by dozens of claims)."""
    by_page: dict[str, list[Claim]] = {}
    for claim in claims:
        by_page.setdefault(claim.page, []).append(claim)
    lines = []
    for claim_page, page_claims in by_page.items():
        scan = registry.page_scan(lang, claim_page)
        title = escape_markdown(scan.title if scan and scan.title else claim_page)
        # Few uses: a short excerpt of each claim; many (CST…): numbered links, to keep
        # the page under its weight budget as content grows.
        short = len(claims) <= 4
        links = " · ".join(
            f"[{escape_markdown(shorten(registry.plain_text(c), 50)) if short else n}]"
            f"({relative_link(page, c.page, c.id)})"
            for n, c in enumerate(page_claims, 1)
        )
        lines.append(f"- *{title}* : {links}" if lang == "fr" else f"- *{title}*: {links}")
    lines.append("")
    return lines

"""Glossary: abbreviations and terms (docs/data/glossaire.yml), each entry linking to the
claims whose text uses the abbreviation; the same data gives the tooltips of every page
(docs/includes/abbreviations.<lang>.md, appended to each page's Markdown)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from ..bibliography_page import escape_markdown
from ..claims import Claim
from ..registry import ClaimRegistry
from .common import item, label

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
    lines = ['<div class="glossary" markdown>', ""]
    for entry in entries:
        term = entry["term"]
        local = entry[lang]
        lines += [f"## {escape_markdown(term)} {{ #{anchor(term)} }}", ""]
        lines += [f"**{escape_markdown(local['expansion'])}**", ""]
        if local.get("gloss"):
            lines += [f"*{escape_markdown(local['gloss'])}*", ""]
        lines += [local["definition"].strip(), ""]
        using = claims_using(registry, lang, term)
        if using:
            lines += [f'<p class="glossary-used">{label(lang, "used_in")}</p>', ""]
            lines += [item(registry, claim, lang, page) for claim in using]
        else:
            lines.append(f'<p class="glossary-unused">{label(lang, "not_used")}</p>')
        lines.append("")
    lines += ["</div>", ""]
    return "\n".join(lines)

"""Shortcuts taken for speed give the output of the slow path: claims' plain text without a
Markdown conversion, citation groups spared Markdown's other inline patterns."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

import observatoire_ia.claims.markdown_ext as markdown_ext
import observatoire_ia.claims.registry as registry_module
from observatoire_ia.claims.markdown_ext import ClaimsExtension
from observatoire_ia.claims.plugin import RenderContext, load_registry

ROOT = Path(__file__).resolve().parents[1]
ALWAYS = re.compile("")  # matches every text: the slow path everywhere
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.smartsymbols",
]


@pytest.fixture(scope="module")
def registry():
    return load_registry(ROOT, ROOT / "docs", "bibliography.bib", ("fr", "en"))


def plain_text(source: str, lang: str) -> str:
    return registry_module._plain_text.__wrapped__(source, lang)


def test_plain_text_without_markup_skips_markdown_with_the_same_result(registry, monkeypatch):
    claims = [claim for lang in registry.languages for claim in registry.claims(lang)]
    fast = {(c.lang, c.id): plain_text(c.markdown, c.lang) for c in claims}
    monkeypatch.setattr(registry_module, "_MARKUP", ALWAYS)
    slow = {(c.lang, c.id): plain_text(c.markdown, c.lang) for c in claims}
    assert fast == slow


@pytest.mark.parametrize(
    "source",
    [
        "Un fait simple de 300 000 agents : oui [@K].\n{: .claim #a }",
        "- Un élément de liste\n  sur deux lignes [@K].\n  {: .claim #b }",
        "Titre souligné\n===\n",
        "1. 2. Liste dans la liste",
        "Du *gras*, du `code`, un [lien](x.md) & une <b>balise</b> (c) -- fin",
        "Texte\n\n    bloc de code indenté",
        "> citation",
    ],
)
def test_plain_text_fast_path_on_tricky_text(source, monkeypatch):
    fast = plain_text(source, "fr")
    monkeypatch.setattr(registry_module, "_MARKUP", ALWAYS)
    assert plain_text(source, "fr") == fast


def render_pages(registry) -> dict[str, str]:
    pages = {}
    for lang in registry.languages:
        formatted = registry.bibliography.formatted(lang)
        abbreviations = ROOT / "docs" / "includes" / f"abbreviations.{lang}.md"
        extra = abbreviations.read_text(encoding="utf-8") if abbreviations.is_file() else ""
        for page in registry.pages[lang]:
            text = (ROOT / "docs" / lang / page).read_text(encoding="utf-8")
            text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
            context = RenderContext(
                registry.bibliography, "bibliographie.md", lang, page, formatted
            )
            md = markdown.Markdown(extensions=[*EXTENSIONS, ClaimsExtension(context)])
            pages[f"{lang}/{page}"] = md.convert(text + "\n\n" + extra)
    return pages


def test_citation_groups_skip_inline_patterns_with_the_same_html(registry, monkeypatch):
    fast = render_pages(registry)
    assert any('class="citation"' in html for html in fast.values())
    monkeypatch.setattr(markdown_ext, "NEEDS_MARKDOWN", ALWAYS)
    assert render_pages(registry) == fast

"""Shortcuts taken for speed give the right output: claims' plain text without a Markdown
conversion, citation groups spared Markdown's other inline patterns.

Expected values are written out by hand: the plain text is the claim's visible text without its
citations, French-spaced on French pages (non-negotiable 6); a citation's link text is what
Python-Markdown with the site's extensions makes of its label. On the real site, the plain text
of every claim is also compared with the claim as the built page shows it
(tests/test_claims.py::test_real_site_claims_follow_the_contract).
"""

from __future__ import annotations

import re
import textwrap

import markdown
import pytest

import observatoire_ia.claims.registry as registry_module
from observatoire_ia.claims.bibliography import Bibliography
from observatoire_ia.claims.context import RenderContext
from observatoire_ia.claims.markdown_ext import ClaimsExtension

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
NNBSP, NBSP = "\u202f", "\u00a0"


def plain_text(source: str, lang: str) -> str:
    return registry_module._plain_text.__wrapped__(source, lang)


@pytest.mark.parametrize(
    "source, fr, en",
    [
        # nothing Markdown would change: the fast path
        ("Un fait simple de 300 000 agents : oui [@K].\n{: .claim #a }",
         f"Un fait simple de 300{NNBSP}000 agents{NBSP}: oui.",
         "Un fait simple de 300 000 agents : oui."),
        ("Le « Conseil » dit : non ! [@K, § 3]",
         f"Le «{NBSP}Conseil{NBSP}» dit{NBSP}: non{NNBSP}!", "Le « Conseil » dit : non !"),
        ("Un fait écrit\nsur deux lignes [@K; @L, p. 3].",
         "Un fait écrit sur deux lignes.", "Un fait écrit sur deux lignes."),
        # Markdown's markup: the slow path
        ("- Un élément de liste\n  sur deux lignes [@K].\n  {: .claim #b }",
         "Un élément de liste sur deux lignes.", "Un élément de liste sur deux lignes."),
        ("| 2025 | Une ligne [@A; @B] {: .claim #x } |",
         "2025 — Une ligne", "2025 — Une ligne"),
        ("Du *gras*, du `code`, un [lien](x.md) & une <b>balise</b> -- fin",
         "Du gras, du code, un lien & une balise -- fin",
         "Du gras, du code, un lien & une balise -- fin"),
        ("Titre souligné\n===\n", "Titre souligné", "Titre souligné"),
        ("> citation", "citation", "citation"),
        ("A fact *(see [@K])* and 4.2 billion [@K].",
         "A fact (see) and 4.2 billion.", "A fact (see) and 4.2 billion."),
        ("Un taux de 12,5 % [@K].", f"Un taux de 12,5{NNBSP}%.", "Un taux de 12,5 %."),
        ("Un \\*astérisque\\* [@K].", "Un *astérisque*.", "Un *astérisque*."),
    ],
)  # fmt: skip
def test_plain_text(source, fr, en):
    assert plain_text(source, "fr") == fr
    assert plain_text(source, "en") == en


BIB = textwrap.dedent(
    """\
    @misc{Plain2025, author = {{Union syndicale Solidaires}}, title = {T}, date = {2025}}
    @misc{Amp2025, author = {{AT&T}}, title = {T}, date = {2025}}
    @misc{Star2025, author = {{Groupe *A*}}, title = {T}, date = {2025}}
    @misc{Under2025, author = {{Mots_clés}}, title = {T}, date = {2025}}
    """
)


@pytest.mark.parametrize(
    "citation, link_text",
    [
        ("[@Plain2025]", "Union syndicale Solidaires 2025"),
        ("[@Plain2025, p. 3]", "Union syndicale Solidaires 2025, p. 3"),
        ("[@Amp2025]", "AT&amp;T 2025"),
        ("[@Star2025]", "Groupe <em>A</em> 2025"),
        ("[@Under2025]", "Mots_clés 2025"),
        ("[@Plain2025, 1st part]", "Union syndicale Solidaires 2025, 1<sup>st</sup> part"),
        ("[@Plain2025, p. 1/2]", "Union syndicale Solidaires 2025, p. &frac12;"),
        ("[@Plain2025, (c) page]", "Union syndicale Solidaires 2025, &copy; page"),
        ("[@Plain2025, p. 3 --> 4]", "Union syndicale Solidaires 2025, p. 3 &rarr; 4"),
    ],
)
def test_citation_link_text_is_what_markdown_makes_of_the_label(citation, link_text):
    bibliography = Bibliography.parse(BIB, "bibliography.bib")
    context = RenderContext(
        bibliography, "bibliographie.md", "en", "index.md", bibliography.formatted("en")
    )
    md = markdown.Markdown(extensions=[*EXTENSIONS, ClaimsExtension(context)])
    html = md.convert(f"A fact {citation}.\n{{: .claim #x }}")
    links = re.findall(r'<a [^>]*class="citation"[^>]*>(.*?)</a>', html)
    assert links == [link_text], html

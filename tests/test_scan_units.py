"""The scanner's parts, one by one: code and comments masked (lines kept), attribute lists,
titles, citations and their locators, a claim's keys and theme, the registry's queries.

Fast unit tests (no build): `make mutation` runs them against mutants of claims/scan.py and
claims/registry.py.
"""

from __future__ import annotations

import textwrap

import pytest

from conftest import MINIMAL_BIB
from observatoire_ia.claims.bibliography import Bibliography
from observatoire_ia.claims.registry import ClaimRegistry
from observatoire_ia.claims.scan import (
    CitationRef,
    Claim,
    _mask_code,
    page_title,
    parse_attributes,
    scan_page,
)
from observatoire_ia.errors import AuthoringErrors


def keys_found(markdown: str) -> list[str]:
    return [c.key for c in scan_page(markdown, "fr", "x.md", "docs/fr/x.md").citations]


@pytest.mark.parametrize(
    "markdown, keys",
    [
        ("```\n[@A]\n```\n[@B]", ["B"]),
        ("~~~\n[@A]\n~~~\n[@B]", ["B"]),
        ("````\n```\n[@A]\n````\n[@B]", ["B"]),  # a longer fence is closed by its own kind
        ("  ```python\n  [@A]\n  ```\n[@B]", ["B"]),
        ("<!-- [@A] -->[@B]", ["B"]),
        ("<!--\n[@A]\n-->\n[@B]", ["B"]),
        ("[@B]<!-- [@A]\n[@C] -->", ["B"]),
        ("Texte\n\n    [@A]\n\n[@B]", ["B"]),  # indented code after a blank line
        ("Texte\n\n    [@A]\n    [@C]\n\n[@B]", ["B"]),  # every line of the code block
        ("<!-- [@A] --> [@B] <!-- [@C] -->", ["B"]),  # every comment of a line
        ("- point\n\n\t[@B] dans l'élément", ["B"]),
        ("\t[@A]\n\n[@B]", ["B"]),
        ("Texte\n    [@B] suite du paragraphe", ["B"]),  # no blank line: not code
        ("- point\n\n    [@B] dans l'élément", ["B"]),  # inside a list item: not code
        ("!!! note\n\n    [@B] dans l'encadré", ["B"]),
        ("`[@A]` [@B] ``[@C]``", ["B"]),
        ("<https://x.org/[@A]> https://y.org/[@C] [@B]", ["B"]),
        ("[@B](https://x.org)", []),  # a link whose text starts with @
        ("[@B] et [@C, p. 2; @D]", ["B", "C", "D"]),
    ],
)
def test_code_comments_and_urls_hide_citations(markdown, keys):
    assert keys_found(markdown) == keys


def test_masking_keeps_every_line_in_place():
    lines = ["a", "```", "[@A]", "```", "<!--", "x", "-->", "b [@B]", "", "    code", "c"]
    masked = _mask_code(lines)
    assert len(masked) == len(lines)
    assert masked == ["a", "", "", "", "", "", "", "b [@B]", "", "", "c"]


def test_citation_lines_are_counted_from_the_top_of_the_file():
    markdown = "---\ntitle: T\n---\n\n# T\n\nUn fait\n[@A] et [@B].\n{: .claim #x }\n"
    scan = scan_page(markdown, "fr", "x.md", "docs/fr/x.md")
    assert [(c.key, c.line) for c in scan.citations] == [("A", 8), ("B", 8)]
    assert scan.claims[0].line == 7 and scan.claims[0].markdown == "Un fait\n[@A] et [@B]."


@pytest.mark.parametrize(
    "body, expected",
    [
        (".claim #un-fait", ("un-fait", ["claim"], {})),
        ('.claim #a tags="x y" date="2025"', ("a", ["claim"], {"tags": "x y", "date": "2025"})),
        (".claim .divergence #b data-x='1 2'", ("b", ["claim", "divergence"], {"data-x": "1 2"})),
        ("#c", ("c", [], {})),
        ("", (None, [], {})),
        ('k="a=b"', (None, [], {"k": "a=b"})),
    ],
)
def test_parse_attributes(body, expected):
    assert parse_attributes(body) == expected


@pytest.mark.parametrize(
    "markdown, title",
    [
        ("---\ntitle: Le titre\n---\n# Autre\n", "Le titre"),
        ('---\ntitle: "Entre guillemets"\n---\n', "Entre guillemets"),
        ("---\ntitle:   Espacé   \n---\n", "Espacé"),
        ("---\ndescription: d\n---\n# Depuis le titre { #ancre }\n", "Depuis le titre"),
        ("Texte\n\n# Premier titre\n\n# Second\n", "Premier titre"),
        ("## Sous-titre seulement\n", "repli"),
        ("Rien\n", "repli"),
    ],
)
def test_page_title(markdown, title):
    assert page_title(markdown, "repli") == title


@pytest.mark.parametrize(
    "locator, passage",
    [
        ("§ 12", 12),
        ("§12", 12),
        ("§  3", 3),
        ("p. 3", None),
        ("§ 3-4", 3),
        ("§ 56–57", 56),
        ("§ 5, 27", 5),
        (None, None),
    ],
)
def test_first_passage_of_a_locator(locator, passage):
    assert CitationRef("K", locator, 1).passage == passage


def test_citation_items_and_locators():
    markdown = "Un fait [@A, p. 3 ; @B,§ 12;@C].\n{: .claim #x }\n"
    claim = scan_page(markdown, "fr", "x.md", "docs/fr/x.md").claims[0]
    assert [(c.key, c.locator) for c in claim.citations] == [
        ("A", "p. 3"),
        ("B", "§ 12"),
        ("C", None),
    ]


def test_claim_keys_theme_tags_and_attributes():
    claim = Claim("x", "fr", "travail/emploi.md", 3, "", [CitationRef(k, None, 3) for k in "BABC"])
    assert claim.keys == ["B", "A", "C"]
    assert claim.theme == "travail"
    assert Claim("y", "fr", "index.md", 1, "", []).theme is None
    markdown = '- Un point [@A].\n  {: .claim .divergence #x tags="a, b c" date="2025-02" }\n'
    scanned = scan_page(markdown, "fr", "t/p.md", "docs/fr/t/p.md").claims[0]
    assert scanned.tags == ("a", "b", "c") and scanned.classes == ("divergence",)
    assert scanned.attrs == {"date": "2025-02"} and scanned.page == "t/p.md"
    assert scanned.lang == "fr" and scanned.markdown == "- Un point [@A]."


@pytest.mark.parametrize("date", ["2025", "2025-02", "2025-02-14"])
def test_claim_dates_that_are_right(date):
    markdown = f'Un fait [@A].\n{{: .claim #x date="{date}" }}\n'
    assert scan_page(markdown, "fr", "x.md", "docs/fr/x.md").errors == []


@pytest.mark.parametrize("date", ["25", "2025-2", "2025-02-1", "2025/02/14", "2025-02-14x"])
def test_claim_dates_that_are_wrong(date):
    markdown = f'Un fait [@A].\n{{: .claim #x date="{date}" }}\n'
    errors = scan_page(markdown, "fr", "x.md", "docs/fr/x.md").errors
    assert [str(e) for e in errors] == [
        f"docs/fr/x.md:2: claim 'x': date='{date}' is not YYYY-MM-DD"
    ]


def test_an_attribute_list_that_is_not_a_claim_is_left_alone():
    markdown = "## Titre\n{: #section .large }\n\nTexte sans source.\n{: .note }\n"
    scan = scan_page(markdown, "fr", "x.md", "docs/fr/x.md")
    assert scan.claims == [] and scan.errors == []


def test_a_claim_block_stops_at_a_heading_a_table_or_an_admonition():
    for before in ("## Titre", "| a | b |", "!!! note", "??? note"):
        markdown = f"{before}\nUn fait [@A].\n{{: .claim #x }}\n"
        claim = scan_page(markdown, "fr", "x.md", "docs/fr/x.md").claims[0]
        assert claim.line == 2 and claim.markdown == "Un fait [@A].", before


def test_a_claim_at_the_top_of_a_page_without_front_matter():
    scan = scan_page("Un fait [@A].\n{: .claim #x }\n", "fr", "x.md", "docs/fr/x.md")
    assert [(c.id, c.line) for c in scan.claims] == [("x", 1)] and scan.errors == []


def test_a_nested_list_item_claim_is_its_own_item():
    markdown = "- Premier point [@A].\n    - Sous-point [@B].\n      {: .claim #x }\n"
    scan = scan_page(markdown, "fr", "x.md", "docs/fr/x.md")
    assert [(c.id, c.line, c.keys) for c in scan.claims] == [("x", 2, ["B"])]
    assert [str(e) for e in scan.errors] == [
        "docs/fr/x.md:1: citation [@A] is outside any claim: end its paragraph with "
        "{: .claim #some-id }"
    ]


# -- the registry's queries -----------------------------------------------------------------------

BIB = MINIMAL_BIB + textwrap.dedent(
    """\
    @misc{Cgt2024Note, author = {{CGT}}, title = {Note}, date = {2024}}
    @misc{Afnor2023, author = {{AFNOR}}, title = {Norme}, date = {2023}}
    """
)
PAGES = {
    "index.md": ("Un fait [@Solidaires2025Tract].\n{: .claim #un }\n\n"
                 "Deux [@Cgt2024Note; @Solidaires2025Tract].\n{: .claim #deux }\n"),
    "travail/emploi.md": "| a | Trois [@Cgt2024Note] {: .claim #trois } |\n",
}  # fmt: skip


@pytest.fixture
def registry(tmp_path) -> ClaimRegistry:
    for lang in ("fr", "en"):
        for page, text in PAGES.items():
            path = tmp_path / "docs" / lang / page
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# {lang}\n\n{text}", encoding="utf-8")
    bibliography = Bibliography.parse(BIB, "bibliography.bib")
    return ClaimRegistry.scan(tmp_path / "docs", ("fr", "en"), bibliography, tmp_path)


def test_registry_queries(registry):
    assert [c.id for c in registry.claims("fr")] == ["un", "deux", "trois"]
    assert registry.claim("en", "trois").page == "travail/emploi.md"
    assert registry.claim("en", "trois").lang == "en"
    assert registry.page_scan("fr", "index.md").path.endswith("docs/fr/index.md")
    assert registry.page_scan("fr", "absente.md") is None
    assert registry.page_scan("de", "index.md") is None
    citing = registry.citing_claims("fr")
    assert {key: [c.id for c in claims] for key, claims in citing.items()} == {
        "Solidaires2025Tract": ["un", "deux"],
        "Cgt2024Note": ["deux", "trois"],
    }
    assert registry.unused_keys() == ["Afnor2023"]
    assert registry.plain_text(registry.claim("fr", "trois")) == "a — Trois"


def test_paths_in_messages_are_relative_to_the_project(tmp_path, registry):
    assert registry.page_scan("en", "travail/emploi.md").path == "docs/en/travail/emploi.md"


def scan_site(tmp_path, pages: dict[str, str], bib: str = BIB) -> list[str]:
    for name, text in pages.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    bibliography = Bibliography.parse(bib, "bibliography.bib")
    try:
        ClaimRegistry.scan(tmp_path / "docs", ("fr", "en"), bibliography, tmp_path)
    except AuthoringErrors as errors:
        return [str(error) for error in errors.errors]
    return []


def test_unknown_key_message_in_full_with_and_without_a_suggestion(tmp_path):
    pages = {
        f"{lang}/index.md": "# T\n\nUn fait [@Cgt2024Nota] et [@Zzz].\n{: .claim #x }\n"
        for lang in ("fr", "en")
    }
    errors = scan_site(tmp_path, pages)
    assert errors[:2] == [
        "docs/fr/index.md:3: unknown citation key 'Cgt2024Nota' (did you mean 'Cgt2024Note'?) "
        "— add it to bibliography.bib or fix the key",
        "docs/fr/index.md:3: unknown citation key 'Zzz' — add it to bibliography.bib or fix the key",
    ]
    assert len(errors) == 4 and errors[2].startswith("docs/en/index.md:3:")


def test_a_passage_of_a_text_with_a_source_page_is_no_error(tmp_path):
    bib = (
        BIB
        + "@misc{Texte2025, author = {{S}}, title = {T}, date = {2025}, sourcepage = {sources/t}}\n"
    )
    page = "# T\n\nUn fait [@Texte2025, § 1].\n{: .claim #x }\n"
    source = "# Texte\n\nUn fait.\n{: #p1 }\n"
    pages = {"fr/index.md": page, "en/index.md": page, "fr/sources/t.md": source,
             "en/sources/t.md": source}  # fmt: skip
    assert scan_site(tmp_path, pages, bib) == []


def test_a_page_missing_in_one_language_is_reported_at_its_first_line(tmp_path):
    pages = {"fr/index.md": "# T\n", "en/index.md": "# T\n", "en/seul.md": "# Seul\n"}
    assert scan_site(tmp_path, pages) == [
        "docs/en/seul.md:1: missing translation: this page has no 'fr' version "
        "(create docs/fr/seul.md)"
    ]


def test_plain_text_is_french_spaced_on_french_pages_only(tmp_path):
    pages = {
        f"{lang}/index.md": "# T\n\nUn fait : oui [@Cgt2024Note].\n{: .claim #x }\n"
        for lang in ("fr", "en")
    }
    scan_site(tmp_path, pages)
    bibliography = Bibliography.parse(BIB, "bibliography.bib")
    registry = ClaimRegistry.scan(tmp_path / "docs", ("fr", "en"), bibliography, tmp_path)
    assert registry.plain_text(registry.claim("fr", "x")) == "Un fait\u00a0: oui."
    assert registry.plain_text(registry.claim("en", "x")) == "Un fait : oui."


def scan_of(markdown: str):
    return scan_page(markdown, "fr", "x.md", "docs/fr/x.md")


def test_a_page_scan_knows_its_language_page_and_path():
    scan = scan_of("# T\n")
    assert (scan.lang, scan.page, scan.path, scan.title) == ("fr", "x.md", "docs/fr/x.md", "T")


def test_front_matter_is_not_scanned():
    markdown = "---\ntitle: T\ndescription: voir [@A] {: .claim #y }\n---\n\nUn fait [@B].\n{: .claim #x }\n"
    scan = scan_of(markdown)
    assert [c.key for c in scan.citations] == ["B"] and [c.id for c in scan.claims] == ["x"]
    assert scan.errors == []


def test_the_claim_is_the_last_list_item_only():
    scan = scan_of("- Premier [@A].\n- Second [@B].\n{: .claim #x }\n")
    assert [(c.id, c.keys, c.line) for c in scan.claims] == [("x", ["B"], 2)]
    assert [str(e) for e in scan.errors] == [
        "docs/fr/x.md:1: citation [@A] is outside any claim: end its paragraph with "
        "{: .claim #some-id }"
    ]


def test_an_indented_heading_or_table_row_ends_the_claim_block():
    for before in ("  # Titre", "   | a | b |"):
        claim = scan_of(f"{before}\nUn fait [@A].\n{{: .claim #x }}\n").claims[0]
        assert (claim.line, claim.markdown) == (2, "Un fait [@A]."), before


def test_a_malformed_citation_is_reported_in_full_and_the_others_still_read():
    scan = scan_of("Un fait [@A; voir; @B].\n{: .claim #x }\n")
    assert [str(e) for e in scan.errors] == [
        "docs/fr/x.md:1: malformed citation [@A; voir; @B]: write [@key], [@key, p. 3] or [@a; @b]"
    ]
    assert scan.claims[0].keys == ["A", "B"]


def test_a_passage_locator_that_does_not_parse_is_reported_with_its_line():
    scan = scan_of("Titre\n\nUn fait [@A, § x; @B, § 2].\n{: .claim #x }\n")
    assert [str(e) for e in scan.errors] == [
        "docs/fr/x.md:3: [@A]: passage locator '§ x' does not parse: write § 12, § 56–57 or § 5, 27"
    ]
    assert [(c.key, c.locator) for c in scan.claims[0].citations] == [("B", "§ 2")]


def test_script_urls_are_errors_with_their_line():
    scan = scan_of("Titre\n\n[a](javascript:x()) et [b](https://ok.example) [c](vbscript:y)\n")
    assert [str(e) for e in scan.errors] == [
        "docs/fr/x.md:3: script URL 'javascript:x(': link to a page of the site or to an "
        "http(s) address",
        "docs/fr/x.md:3: script URL 'vbscript:y': link to a page of the site or to an "
        "http(s) address",
    ]


def test_each_claim_error_in_full_and_the_next_claim_still_read():
    markdown = (
        "{: .claim #seul }\n\n"  # 1
        "Un fait [@A]. {: .claim #colle }\n\n"  # 3
        "Un fait [@A].\n{: .claim #Mauvais_Id }\n\n"  # 5-6
        "Un fait [@A].\n{: .claim }\n\n"  # 8-9
        "Un fait [@A].\n{: .claim #bon }\n"  # 11-12
    )
    scan = scan_of(markdown)
    messages = [str(e) for e in scan.errors]
    assert messages[:4] == [
        "docs/fr/x.md:1: claim 'seul': no paragraph before its attribute list",
        "docs/fr/x.md:3: claim 'colle': put its attribute list on its own line under the "
        "paragraph or list item (or at the end of a table row's last cell)",
        "docs/fr/x.md:6: claim id 'Mauvais_Id' must be lower-case words joined by hyphens "
        "(a-z, 0-9), e.g. eau-datacenters-2027",
        "docs/fr/x.md:9: claim without an id: add #some-id",
    ]
    assert [c.id for c in scan.claims] == ["bon"]


def test_citations_of_a_claim_keep_their_own_lines():
    claim = scan_of("Un fait\n[@A] et\n\n").claims or None
    assert claim is None
    claim = scan_of("Un fait\n[@A] et\n[@B].\n{: .claim #x }\n").claims[0]
    assert [(c.key, c.line) for c in claim.citations] == [("A", 2), ("B", 3)]


def test_a_table_claim_keeps_its_row_without_its_attribute_list():
    claim = scan_of("| a | b |\n|---|---|\n   | 2025 | Un fait [@A] {: .claim #x } |\n").claims[0]
    assert claim.markdown == "| 2025 | Un fait [@A]  |" and claim.line == 3
    inline = scan_of("Un *mot*{: .rouge } [@A].\n{: .claim #y }\n").claims[0]
    assert inline.markdown == "Un *mot*{: .rouge } [@A]."
    assert inline.tags == () and scan_of("Rien\n").title == "x.md"


def test_attribute_values_keep_their_letters():
    assert parse_attributes("k=\"XAX\" j='X'") == (None, [], {"k": "XAX", "j": "X"})

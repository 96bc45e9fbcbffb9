"""The rules of `make source` one by one (src/observatoire_ia/ingest/): layout noise, contact
details, Markdown blocks, passages, names and the files it edits. Expected values come from the
issue's list of rules and from the shapes of the five source pages already on the site."""

from __future__ import annotations

import pytest

from observatoire_ia.ingest import layout
from observatoire_ia.ingest.contacts import OMISSION, PLACEHOLDER, find_contacts, remove_contacts
from observatoire_ia.ingest.markdown_blocks import markdown_blocks
from observatoire_ia.ingest.model import Block, Page
from observatoire_ia.ingest.names import (
    date_in_words,
    normalise_date,
    page_slug,
    reference_key,
    slugify,
)
from observatoire_ia.ingest.outputs import Text, add_to_nav, add_to_organisations, source_page_fr
from observatoire_ia.ingest.passages import escape_plain, render_passages


def page(number: int, *texts: str) -> Page:
    return Page(number, [Block("paragraph", text.split("\n"), page=number) for text in texts])


# -- page numbers, running headers and footers ------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["3", "- 3 -", "– 3 –", "3/12", "3 / 12", "Page 3", "page 3 sur 12", "p. 3"]
)
def test_page_numbers_at_the_top_or_bottom_of_a_page_are_removed(number):
    pages = [page(1, "Un paragraphe du texte.", number)]
    removed = layout.strip_furniture(pages)
    assert [b.text for b in pages[0].blocks] == ["Un paragraphe du texte."]
    assert [(r.rule, r.text) for r in removed] == [("page number", number)]


def test_a_number_inside_the_text_is_not_a_page_number():
    pages = [page(1, "Début.", "Un.", "Deux.", "12", "Trois.", "Quatre.", "Cinq.")]
    layout.strip_furniture(pages)
    assert "12" in [b.text for b in pages[0].blocks]  # not among the 3 first or last blocks


def test_running_headers_and_footers_are_removed_from_every_page():
    header, footer = "Syndicat X — CSE du 3 mars", "Syndicat X, page 1 sur 3"
    bodies = ["Le début du texte.", "Sa suite.", "Sa fin."]
    pages = [page(n, header, bodies[n - 1], footer.replace("1", str(n))) for n in (1, 2, 3)]
    removed = layout.strip_furniture(pages)
    assert [[b.text for b in p.blocks] for p in pages] == [[body] for body in bodies]
    assert {r.rule for r in removed} == {"running header/footer"}
    assert len(removed) == 6


def test_a_line_repeated_on_one_page_of_three_is_not_furniture():
    pages = [page(1, "Titre repris", "A."), page(2, "B."), page(3, "C.", "Titre repris")]
    pages[2].blocks.insert(0, Block("paragraph", ["D."]))
    assert layout.strip_furniture([page(1, "Titre", "A."), page(2, "B."), page(3, "C.")]) == []
    removed = layout.strip_furniture(pages)
    assert [r.text for r in removed] == [
        "Titre repris",
        "Titre repris",
    ]  # 2 pages of 3: half or more


# -- list items, page breaks, headings ------------------------------------------------------------


def test_bullets_become_list_items_and_their_next_lines_continue_them():
    pages = [
        page(1, "Nous demandons :\n• une expertise\nindépendante ;\n– la formation ;\n- un bilan.")
    ]
    layout.split_items(pages)
    assert [(b.kind, b.text) for b in pages[0].blocks] == [
        ("paragraph", "Nous demandons :"),
        ("item", "une expertise indépendante ;"),
        ("item", "la formation ;"),
        ("item", "un bilan."),
    ]


def test_a_paragraph_cut_by_a_page_break_is_joined():
    pages = [page(1, "Nous demandons une expertise et"), page(2, "la formation des agents.")]
    joined = layout.join_across_pages(pages)
    assert [b.lines for b in pages[0].blocks] == [
        ["Nous demandons une expertise et", "la formation des agents."]
    ]
    assert pages[1].blocks == [] and joined[0].rule == "paragraph cut by a page break"


@pytest.mark.parametrize(
    ("end", "start"),
    [
        ("Fin de phrase.", "la suite"),
        ("Sans point", "Majuscule ensuite"),
        ("Deux points :", "la liste"),
    ],
)
def test_paragraphs_that_end_or_start_a_sentence_are_not_joined(end, start):
    pages = [page(1, end), page(2, start)]
    assert layout.join_across_pages(pages) == []
    assert len(pages[1].blocks) == 1


def test_headings_are_larger_lines_or_short_lines_without_final_punctuation():
    body = Block("paragraph", ["Un paragraphe ordinaire du texte, avec un point."], size=11)
    title = Block("paragraph", ["Le titre du document"], size=16)
    section = Block("paragraph", ["Nos revendications"], size=11)
    sentence = Block("paragraph", ["Une phrase courte."], size=11)
    lower = Block("paragraph", ["et la suite"], size=11)
    pages = [Page(1, [title, body, section, sentence, lower, body])]
    layout.mark_headings(pages)
    assert (title.kind, title.level) == ("heading", 1)
    assert (section.kind, section.level) == ("heading", 2)
    assert sentence.kind == lower.kind == body.kind == "paragraph"


# -- hyphens at line ends ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "elsewhere", "expected", "why"),
    [
        (["sans interven-", "tion humaine"], [], "sans intervention humaine", "word cut"),
        (["les salarié-", "es du service"], [], "les salarié-es du service", "inclusive"),
        (["les agent-", "es"], [], "les agent-es", "inclusive"),
        (["les data-", "centers"], ["les data-centers"], "les data-centers", "with its hyphen"),
        (["les data-", "centers"], ["les datacenters"], "les datacenters", "one word"),
        (["Jean-", "Pierre dit"], [], "Jean-Pierre dit", "capital"),
        (["un mot cou\u00ad", "pé"], [], "un mot coupé", None),
        (["deux lignes", "ordinaires"], [], "deux lignes ordinaires", None),
    ],
)
def test_hyphens_at_line_ends(lines, elsewhere, expected, why):
    block = Block("paragraph", lines)
    known = layout.vocabulary([block, Block("paragraph", elsewhere)])
    decisions = layout.join_lines(block, known)
    assert block.lines == [expected]
    if why:
        assert len(decisions) == 1 and why in decisions[0].text
    else:
        assert decisions == []


def test_a_repeated_block_is_kept_once_and_reported():
    signature = "Union locale Exemple — bureau du 3 février"
    blocks = [
        Block("paragraph", [t]) for t in (signature, "Le texte.", signature, "Oui !", "Oui !")
    ]
    kept, removed = layout.drop_repeated(blocks)
    assert [b.text for b in kept] == [signature, "Le texte.", "Oui !", "Oui !"]  # short: kept
    assert [(r.rule, r.text) for r in removed] == [("repeated block", signature)]


# -- contact details --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "01 99 00 12 34",
        "01.99.00.12.34",
        "01-99-00-12-34",
        "0199001234",
        "06 39 98 12 34",
        "+33 1 99 00 12 34",
        "+33 (0)6 39 98 12 34",
        "+33639981234",
        "0033 6 39 98 12 34",
        "01\u00a099\u00a000\u00a012\u00a034",
    ],
)
def test_phone_numbers_in_every_notation_are_removed(phone):
    text, removed = remove_contacts(f"Appeler le {phone}, ou passer.", markdown=False)
    assert text == f"Appeler le {PLACEHOLDER}, ou passer."
    assert [(c.kind, c.value) for c in removed] == [("phone", phone)]


@pytest.mark.parametrize(
    "address",
    [
        "camille.exemple@example.org",
        "prenom_nom+cse@sub.example.org",
        "camille [at] example.org",
        "camille (arobase) example.org",
        "@compte@instance.example.org",
    ],
)
def test_e_mail_addresses_are_removed(address):
    text, removed = remove_contacts(f"Écrire à {address}.", markdown=False)
    assert "example" not in text and PLACEHOLDER in text
    assert [c.kind for c in removed] == ["e-mail"]


def test_links_to_an_address_or_a_number_keep_their_text_only():
    text, removed = remove_contacts(
        "[écrire au bureau](mailto:bureau@example.org), [appeler](tel:+33199001234) "
        "ou <camille@example.org>",
        markdown=True,
    )
    assert text == f"écrire au bureau, appeler ou {PLACEHOLDER}"
    assert [c.value for c in removed] == [
        "bureau@example.org",
        "+33199001234",
        "camille@example.org",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "300 000 appels, 70.000 salariés, 4,2 à 6,6 milliards, 40 % des demandes",
        "Règlement (UE) 2024/1689, n° 24/01457, le 14/02/2025, le 2025-02-14",
        "du 18 mars au 17 avril 2025, de 9h à 17h, 1000 oeuvres par jour, 0,5 l",
        "facebook : @UnionSolidaires, X : @UnionSolidaires",
        "version 1.12.34.56.78.90",
    ],
)
def test_figures_dates_and_handles_are_left_alone(text):
    assert find_contacts(text) == []
    assert remove_contacts(text, markdown=False) == (text, [])


# -- Markdown blocks (pandoc's output, .md files) ------------------------------------------------------


def test_markdown_blocks_keep_structure_and_drop_what_the_site_cannot_hold():
    blocks, notes = markdown_blocks(
        "# Titre\n\nUn **paragraphe**\nsur deux lignes.\n\n![logo](logo.png)\n\n"
        "-   premier\n-   second\n\n1.  un\n2.  deux\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n"
        "> citée\n\nVoir [la suite](page2.html) et [le site](https://example.org/).\n\n"
        "Sous-titre\n----------\n\n---\n\n<!-- commentaire -->\n"
    )
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Titre"),
        ("paragraph", "Un **paragraphe** sur deux lignes."),
        ("item", "premier"),
        ("item", "second"),
        ("item", "un"),
        ("item", "deux"),
        ("paragraph", "A — B"),
        ("paragraph", "1 — 2"),
        ("paragraph", "citée"),
        ("paragraph", "Voir la suite et [le site](https://example.org/)."),
        ("heading", "Sous-titre"),
    ]
    assert [b.marker for b in blocks if b.kind == "item"] == ["-", "-", "1.", "2."]
    assert any("images dropped: 1" in n for n in notes)
    assert any("page2.html" in n for n in notes) and any("table rows" in n for n in notes)


# -- passages ----------------------------------------------------------------------------------------


def test_passages_are_numbered_in_order_one_per_block():
    blocks = [
        Block("heading", ["Titre"], level=1),
        Block("paragraph", ["Premier paragraphe."]),
        Block("heading", ["Section"], level=2),
        Block("item", ["un ;"]),
        Block("item", ["deux."]),
        Block("paragraph", [f"Contact : {PLACEHOLDER}."]),
    ]
    assert render_passages(blocks) == (
        "### Titre {: #p1 }\n\n"
        "Premier paragraphe.\n{: #p2 }\n\n"
        "#### Section {: #p3 }\n\n"
        "- un ;\n  {: #p4 }\n"
        "- deux.\n  {: #p5 }\n\n"
        f"Contact : {OMISSION}.\n{{: #p6 }}\n"
    )


@pytest.mark.parametrize(
    ("plain", "escaped"),
    [
        ("5 * 3 et a_b", "5 \\* 3 et a\\_b"),
        ("[note] {: #x }", "\\[note\\] \\{: #x \\}"),
        ("# pas un titre", "\\# pas un titre"),
        ("1. pas une liste", "1\\. pas une liste"),
        ("<b>texte</b> et a < b", "&lt;b>texte&lt;/b> et a < b"),
        ("L'IA : 40 % « cité »", "L'IA : 40 % « cité »"),
    ],
)
def test_plain_text_is_escaped_for_markdown(plain, escaped):
    assert escape_plain(plain) == escaped


# -- names -------------------------------------------------------------------------------------------


def test_slug_key_and_anchor_follow_the_site_conventions():
    organisation, title = "Syndicat Exemple des services publics", "L'IA dans nos services"
    assert page_slug(organisation, title, "2026-03-12") == "syndicat-exemple-ia-services-2026"
    assert page_slug(organisation, title, "n.d.") == "syndicat-exemple-ia-services"
    assert reference_key(organisation, title, "2026-03-12") == "SyndicatExempleServices2026IA"
    assert reference_key("CGT Région", "Tract", "n.d.") == "CGTRegionNDTract"
    assert slugify("Contre-sommet de l'IA") == "contre-sommet-de-l-ia"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026", "2026"),
        ("2026-03", "2026-03"),
        ("2026-03-12", "2026-03-12"),
        ("2026-03-12T10:00:00+01:00", "2026-03-12"),
        ("n.d.", "n.d."),
        ("12/03/2026", None),
        ("2026-13", None),
        ("mars 2026", None),
    ],
)
def test_dates_are_iso_or_n_d(value, expected):
    assert normalise_date(value) == expected


def test_dates_in_words():
    assert date_in_words("2026-03-12", "fr") == "12 mars 2026"
    assert date_in_words("2026-03", "en") == "March 2026"
    assert date_in_words("2026", "fr") == "2026"
    assert (date_in_words("n.d.", "fr"), date_in_words("n.d.", "en")) == ("non daté", "undated")


# -- the files it edits -----------------------------------------------------------------------------


def text(**changes) -> Text:
    values = dict(
        key="UnionExemple2026Tri",
        slug="union-exemple-tri-2026",
        organisation="Union locale Exemple",
        anchor="union-locale-exemple",
        title="Non au tri automatique",
        date="2026-02-03",
        kind="Tract",
        url=None,
        passages="Texte.\n{: #p1 }\n",
        rules=[],
        contacts_removed=False,
        images_dropped=False,
    )
    return Text(**{**values, **changes})


def test_source_page_has_the_shape_of_the_other_source_pages():
    page = source_page_fr(text(rules=["page number"], contacts_removed=True))
    assert page.startswith('---\ntitle: "Non au tri automatique"\ndescription: "')
    for part in (
        "# Non au tri automatique\n",
        "Organisation\n:   Union locale Exemple ([présentation](organisations.md#union-locale-exemple))",
        "Date\n:   3 février 2026",
        "Document\n:   tract",
        "Référence\n:   [notice bibliographique](../bibliographie.md#ref-UnionExemple2026Tri)",
        "numéros de page",
        "« […] »",
        "## Texte intégral\n\nTexte.\n{: #p1 }\n",
    ):
        assert part in page


def test_a_long_title_is_cut_for_link_previews_and_kept_whole_in_the_page():
    long_title = "Un titre " + "très " * 30 + "long"
    page = source_page_fr(text(title=long_title))
    front_title = page.split("\n")[1]
    assert len(front_title) <= len('title: ""') + 90 and front_title.endswith('…"')
    assert f"# {long_title}\n" in page


def test_organisations_get_a_section_or_a_line_in_the_existing_one():
    page = "# Organisations\n\n## Union locale Exemple {: #union-locale-exemple }\n\n- **Texte** : [A](a.md).\n\n## Autre {: #autre }\n\n- x\n"
    updated = add_to_organisations(page, text(), "fr")
    section = updated.split("## Autre")[0]
    assert (
        "- **Autre texte** : [Non au tri automatique](union-exemple-tri-2026.md), tract." in section
    )
    assert updated.endswith("## Autre {: #autre }\n\n- x\n")
    fresh = add_to_organisations("# Organisations\n", text(anchor="union-x"), "en")
    assert fresh.endswith(
        "## Union locale Exemple {: #union-x }\n\n"
        "- **Text**: [Non au tri automatique](union-exemple-tri-2026.md) (in French; translation pending).\n"
        "- **When**: 3 February 2026.\n"
    )


def test_nav_line_goes_before_organisations_with_the_same_indent():
    nav = "nav:\n  - Sources:\n      - sources/index.md\n      - sources/a.md\n      - sources/organisations.md\n  - x.md\n"
    assert add_to_nav(nav, "b") == nav.replace(
        "      - sources/organisations.md", "      - sources/b.md\n      - sources/organisations.md"
    )
    assert add_to_nav("nav:\n  - index.md\n", "b") is None

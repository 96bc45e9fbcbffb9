"""French typography of the built French pages (scripts/typography.py)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from observatoire_ia.typography import (
    NBSP,
    NNBSP,
    check_french_html,
    find_french_spacing_errors,
    find_typography_errors,
    french_spacing,
    text_blocks,
)

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "typography.py"
_spec = importlib.util.spec_from_file_location("typography_script", SCRIPT)
typography_script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(typography_script)
check_site, source_of = typography_script.check_site, typography_script.source_of


def kinds(text: str, numbers_and_dates: bool = True) -> list[str]:
    return [error.kind for error in find_typography_errors(text, numbers_and_dates)]


# -- what the build already does stays as it was ------------------------------------------------


def test_french_spacing_is_unchanged():
    html = "<p>Il dit : « oui » ; 300 000 agents, 65 % <code>a : b</code></p>"
    assert french_spacing(html) == (
        f"<p>Il dit{NBSP}: «{NBSP}oui{NBSP}»{NNBSP}; 300{NNBSP}000 agents, 65{NNBSP}% "
        "<code>a : b</code></p>"
    )
    assert find_french_spacing_errors("mot: « glued»") == ["mot:", "d»"]


@pytest.mark.parametrize(
    "typed, spaced",
    [
        ("Motif : le juge", f"Motif{NBSP}: le juge"),
        ("Motif: le juge", "Motif: le juge"),  # a missing space is reported, not invented
        ("Et ensuite ; enfin", f"Et ensuite{NNBSP}; enfin"),
        ("Vraiment !", f"Vraiment{NNBSP}!"),
        ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
        ("Quoi ?!", f"Quoi{NNBSP}?!"),
        (f"Vraiment{NBSP}!", f"Vraiment{NNBSP}!"),
        ("Vraiment  !", f"Vraiment{NNBSP}!"),
        ("« oui »", f"«{NBSP}oui{NBSP}»"),
        ("«oui»", f"«{NBSP}oui{NBSP}»"),
        ("65 %", f"65{NNBSP}%"),
        ("300 000 agents", f"300{NNBSP}000 agents"),
        ("1 500 000 euros", f"1{NNBSP}500{NNBSP}000 euros"),
        ("en 2025 2026", "en 2025 2026"),  # not a thousands group
        ("4,2 500", "4,2 500"),
        ("10:30, https://exemple.org/?x=1", "10:30, https://exemple.org/?x=1"),
    ],
)
def test_french_spacing_of_each_mark(typed, spaced):
    """No-break space before « : » and inside « », narrow no-break space before « ; ! ? » and %
    and between thousands (non-negotiable 6), in text and in a title alike."""
    assert french_spacing(f"<p>{typed}</p>") == f"<p>{spaced}</p>"
    assert french_spacing(f"<title>{typed}</title>") == f"<title>{spaced}</title>"
    assert french_spacing(f"<p><code>{typed}</code></p>") == f"<p><code>{typed}</code></p>"


def test_text_spaced_by_the_build_is_correct():
    fixed = french_spacing(
        "<p>Les syndicats demandent : « un moratoire » ; pourquoi ? 300 000 postes, 65 %.</p>"
    )
    assert check_french_html(fixed) == []


# -- spacing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Motif : le juge",  # ordinary (breaking) space before a colon
        "Pourquoi ?",
        "« oui»",
        "«oui »",
        "« oui »",  # ordinary spaces inside guillemets
        "Motif: le juge",  # no space at all
        "Vraiment!",
        "(SIA); ensuite",
    ],
)
def test_bad_spacing_is_reported(text):
    assert "spacing" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        f"Motif{NBSP}: le juge",
        f"Pourquoi{NNBSP}?",
        f"«{NBSP}oui{NBSP}»",
        "https://exemple.org/page?x=1 et 10:30",  # URLs and times
        "",
    ],
)
def test_good_spacing_passes(text):
    assert kinds(text) == []


# -- numbers and dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("4.2 milliards de m³", "number"),
        ("300,000 appels", "number"),
        ("300.000 appels", "number"),
        ("300 000 appels", "number"),  # breaking space inside a number
        ("65% des images", "number"),
        ("le 2025-02-14", "date"),
        ("le 02/14/2025", "date"),
        ("on February 14, 2025", "date"),
    ],
)
def test_english_numbers_and_dates_are_reported(text, kind):
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "4,2 milliards",
        f"300{NNBSP}000 appels",
        f"65{NNBSP}% des images",
        "le 14 février 2025 (14/02/2025), GT IA du 16/12/2025, n° 24/01457",
        "Règlement (UE) 2024/1689, norme ISO 26000, licence CC BY-SA 4.0",
        f"elle a écrit «{NBSP}300.000 appels{NBSP}»",  # a quotation keeps its notation
    ],
)
def test_french_numbers_and_dates_pass(text):
    assert kinds(text) == []


def test_verbatim_texts_keep_their_notation_but_not_their_spacing():
    assert kinds("traite 300.000 appels", numbers_and_dates=False) == []
    assert kinds("traite 300.000 appels : oui", numbers_and_dates=False) == ["spacing"]


# -- HTML: text nodes only ------------------------------------------------------------------------


def test_only_visible_french_text_is_read():
    html = (
        '<html lang="fr"><head><title>Accueil</title><style>a:hover{x:1}</style></head><body>'
        '<p title="Note: 2025-02-14">Le <a href="https://x.org/?a=1;b=2">lien</a> du 14 février 2025.</p>'
        "<pre><code>date: 2025-02-14; 4.2</code></pre>"
        "<p>Le code <code>x = 4.2</code>&nbsp;: rien.</p>"
        '<blockquote lang="en"><p>Growth: 4.2 billion!</p></blockquote>'
        "<script>var a = 4.2; if (a) { alert('x: y') }</script>"
        "<svg><text>3.5</text></svg></body></html>"
    )
    assert check_french_html(html) == []
    assert "Le lien du 14 février 2025." in text_blocks(html)


def test_inline_markup_does_not_hide_errors():
    html = "<p>Un <em>mot</em>: puis « <strong>fort</strong>»</p>"
    messages = [error.message for error in check_french_html(html)]
    assert any("before « : »" in m for m in messages)
    assert any("»" in m for m in messages)
    assert any("after «" in m for m in messages)


def test_script_reports_each_page_with_its_source(tmp_path):
    site = tmp_path / "site"
    (site / "travail" / "emploi").mkdir(parents=True)
    (site / "en").mkdir()
    (site / "sources" / "tract").mkdir(parents=True)
    (site / "index.html").write_text(f"<p>Bonjour{NNBSP}!</p>", encoding="utf-8")
    (site / "travail" / "emploi" / "index.html").write_text(
        "<p>4.2 milliards : trop.</p>", encoding="utf-8"
    )
    (site / "en" / "index.html").write_text(
        "<p>4.2 billion: fine in English.</p>", encoding="utf-8"
    )
    (site / "sources" / "tract" / "index.html").write_text(
        "<p>300.000 appels</p>", encoding="utf-8"
    )
    docs = tmp_path / "docs"
    (docs / "fr" / "travail").mkdir(parents=True)
    (docs / "fr" / "travail" / "emploi.md").write_text("# Emploi\n", encoding="utf-8")

    results = check_site(site)
    assert list(results) == ["travail/emploi/index.html"]
    assert sorted(e.kind for e in results["travail/emploi/index.html"]) == ["number", "spacing"]
    assert source_of("travail/emploi/index.html", docs) == "docs/fr/travail/emploi.md"

    run = subprocess.run(
        [sys.executable, str(SCRIPT), str(site), "--docs", str(docs)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "travail/emploi/index.html (docs/fr/travail/emploi.md): 2 error(s)" in run.stdout
    (site / "travail" / "emploi" / "index.html").write_text(
        "<p>4,2 milliards.</p>", encoding="utf-8"
    )
    run = subprocess.run([sys.executable, str(SCRIPT), str(site)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout


def test_a_built_claim_page_passes_and_a_typed_error_is_caught(build_fixture_site):
    from conftest import fixture_files

    text = (
        "# Emploi\n\nLes syndicats demandent : « un moratoire » ; pourquoi ? "
        "300 000 postes, 65 % des agents, 4,2 milliards, le 14 février 2025 "
        "[@Solidaires2025Tract].\n{: .claim #un-fait }\n"
    )
    code, output, site = build_fixture_site(fixture_files(docs__fr__index_DOT_md=text))
    assert code == 0, output
    assert check_site(site) == {}
    bad = text.replace("300 000", "300,000").replace("14 février 2025", "2025-02-14")
    code, output, site = build_fixture_site(fixture_files(docs__fr__index_DOT_md=bad))
    assert code == 0, output
    assert sorted(e.kind for e in check_site(site)["index.html"]) == ["date", "number"]


def test_text_around_the_page_body_is_spaced_too(build_fixture_site):
    """Headings repeated in the table of contents and <title>, and the footer's copyright
    from mkdocs.yml, are French text of a French page: the build spaces them as well."""
    from conftest import MINIMAL_MKDOCS, fixture_files

    config = MINIMAL_MKDOCS + "copyright: Code sous licence MIT ; textes des syndicats\n"
    page = (
        "---\ntitle: 'Onclusive : avant et après'\n---\n\n# Onclusive : avant et après\n\n"
        "## Pourquoi ? Deux chiffres\n\nUn fait [@Solidaires2025Tract].\n{: .claim #un-fait }\n"
    )
    code, output, site = build_fixture_site(
        fixture_files(mkdocs_DOT_yml=config, docs__fr__index_DOT_md=page)
    )
    assert code == 0, output
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "licence MIT\u202f; textes" in html
    assert re.search("<title>[^<]*Onclusive\u00a0: avant", html)
    assert html.count("Pourquoi\u202f?") >= 2  # heading and its table-of-contents entry
    assert " ?" not in html.replace("<", "\n<").split("<body", 1)[1].replace(" ?=", "")
    assert check_site(site) == {}


def test_french_quotations_on_english_pages_are_marked_french():
    from observatoire_ia.typography import mark_french_quotes

    html = (
        '<p title="« attr »">A fig leaf (« cache-sexe ») and <code>« code »</code>, '
        "“an English quote”.</p>"
    )
    out = mark_french_quotes(html)
    assert '(<span lang="fr">« cache-sexe »</span>)' in out
    assert 'title="« attr »"' in out and "<code>« code »</code>" in out
    assert "“an English quote”" in out and out.count("<span") == 1


@pytest.mark.parametrize("empty", ["«»", "« »", "«\u00a0»", "«\u202f\n»"])
def test_an_empty_pair_of_guillemets_is_not_marked_french(empty):
    """Issue 17: nothing between « and » is nothing to pronounce in French."""
    from observatoire_ia.typography import mark_french_quotes

    html = f"<p>Between {empty} and « oui ».</p>"
    assert mark_french_quotes(html) == (
        f'<p>Between {empty} and <span lang="fr">« oui »</span>.</p>'
    )


def test_english_pages_mark_their_french_quotations(site_dir):
    page = (site_dir / "en" / "travail" / "emploi" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="fr">« ' in page
    french = (site_dir / "travail" / "emploi" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="fr">' not in french  # the whole page is French already


# -- the real site -----------------------------------------------------------------------------------


def test_real_site_has_no_french_typography_error(site_dir):
    results = check_site(site_dir)
    report = "\n".join(
        f"{page}: [{e.kind}] {e.message}: {e.snippet}"
        for page, errors in results.items()
        for e in errors
    )
    assert not results, report


@pytest.mark.parametrize(
    "html, spaced",
    [
        (
            "<pre><code>a : b</code> c : d</pre> e : f",
            f"<pre><code>a : b</code> c : d</pre> e{NBSP}: f",
        ),
        (
            "<code>x : y</code> e : f <kbd>k ; l</kbd>",
            f"<code>x : y</code> e{NBSP}: f <kbd>k ; l</kbd>",
        ),
        ("</code> a : b <code>c</code>", f"</code> a{NBSP}: b <code>c</code>"),  # a stray end tag
    ],
)
def test_code_inside_code_stays_as_typed_and_text_after_it_is_spaced(html, spaced):
    assert french_spacing(html) == spaced


def test_an_error_is_shown_with_25_characters_around_it():
    text = "x" * 30 + "Motif : le juge" + "y" * 30
    (error,) = find_typography_errors(text)
    assert error.snippet == "…" + "x" * 21 + "Motif : le juge" + "y" * 17 + "…"
    (error,) = find_typography_errors(f"«{NBSP}oui{NNBSP}» ; non")
    assert error.snippet == "«⍽oui⍽» ; non"  # no-break spaces shown, as they cannot be seen


def test_a_snippet_shows_line_breaks_as_spaces_and_code_as_a_marker():
    (error,) = find_typography_errors("Voir\nla règle ; ici")
    assert error.snippet == "Voir la règle ; ici"
    (error,) = check_french_html("<p>Lancez <code>make</code> ; puis</p>")
    assert error.snippet == "Lancez <code> ; puis"


def test_each_error_names_its_mark_and_only_spacing_rules_do():
    (spacing,) = find_typography_errors("Le juge ! Non")
    assert spacing.message == "breaking space before « ! »: use a no-break space"
    (number,) = find_typography_errors("soit 4.2 fois")
    assert (number.kind, number.snippet) == ("number", "soit 4.2 fois")
    assert number.message == "English decimal point: write 4,2 in French"


def test_numbers_and_dates_are_checked_unless_told_not_to():
    html = "<p>soit 4.2 fois, le 2025-02-14</p>"
    assert [e.kind for e in check_french_html(html)] == ["number", "date"]
    assert check_french_html(html, numbers_and_dates=False) == []
    assert find_typography_errors("soit 4.2 fois", numbers_and_dates=False) == []


def test_quoted_numbers_are_blanked_without_moving_the_rest():
    # The quotation keeps its notation; the figure after it is reported where it stands.
    text = f"«{NBSP}4.2{NBSP}» puis 3.5 fois" + " et encore" * 5
    (error,) = find_typography_errors(text)
    assert error.kind == "number"
    assert error.snippet == "«⍽4.2⍽» puis 3.5 fois et encore et encore…"


def test_text_marked_not_to_translate_is_not_read():
    html = '<p>Nom <span translate="no">Foo: bar</span> ici.</p><p>Autre: texte</p>'
    assert text_blocks(html) == ["Nom  ici.", "Autre: texte"]


def test_entities_are_read_as_the_characters_they_stand_for():
    assert check_french_html("<p>Motif&nbsp;: le juge</p>") == []
    assert text_blocks("<p>a&nbsp;b</p>") == [f"a{NBSP}b"]


def test_a_self_closed_block_ends_the_text_before_it():
    assert text_blocks("<p>un<br/>deux</p>") == ["un", "deux"]
    assert text_blocks("<p>un<img/>deux</p>") == ["undeux"]
    assert text_blocks("<pre>a<br/>b</pre><p>c</p>") == ["c"]


def test_an_end_tag_closes_its_element_even_when_others_are_open():
    # </div> closes the div and the unclosed <span> within it; a stray </em> changes nothing.
    html = '<div><span lang="en">x: y</div><p>Vu: non</p></em><p>fin</p>'
    assert text_blocks(html) == ["Vu: non", "fin"]

"""The verifier (issue 12): quotations, figures, speakers and locators checked against the
passages each claim cites, in French and in English, with file:line and the claim id."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import fixture_files
from observatoire_ia.claims.figures import claim_figures, figures, quotations, words
from observatoire_ia.claims.locators import LocatorError, parse_passages
from observatoire_ia.claims.passages import SourceText
from observatoire_ia.claims.plugin import load_registry

BIB = textwrap.dedent(
    """\
    @misc{Texte2025,
      author     = {{Union Exemple}},
      title      = {Texte syndical},
      date       = {2025-03-20},
      sourcepage = {sources/texte},
    }
    @misc{Autre2024,
      author = {{Association Exemple}},
      title  = {Autre},
      date   = {2024},
    }
    """
)

SOURCE_BODY = textwrap.dedent(
    """\
    Premier passage : Google a augmenté de 65 % ses émissions en 5 ans, soit 3 000 tonnes.
    {: #p1 }

    Deuxième passage, où les salarié·es disent : « l'IA n'est pas neutre », le 10 février 2025.
    {: #p2 }

    Troisième passage, qui continue le deuxième
    sur une autre ligne.
    {: #p3 }

    Les algorithmes prennent 4,2 secondes.
    {: #p4 data-speaker="Marie Exemple" }

    Marie Exemple, intervenante
    {: #p5 }

    ### AUTRE PARTIE {: #p6 }

    Nous refusons l'IA sans consultation.
    {: #p7 data-speaker="Jean Exemple" }

    Jean Exemple, délégué
    {: #p8 }
    """
)


def source_page(lang: str) -> str:
    body = SOURCE_BODY if lang == "fr" else f'<div lang="fr" markdown>\n\n{SOURCE_BODY}\n</div>\n'
    return f"---\ntitle: Texte\n---\n\n# Texte\n\n{body}"


def write_site(root: Path, fr: str, en: str, exceptions: str | None = None) -> None:
    files = {
        "bibliography.bib": BIB,
        "docs/fr/sources/texte.md": source_page("fr"),
        "docs/en/sources/texte.md": source_page("en"),
        "docs/fr/page.md": f"# Page\n\n{fr}\n",
        "docs/en/page.md": f"# Page\n\n{en}\n",
    }
    if exceptions is not None:
        files["sourcing/verification-exceptions.yml"] = exceptions
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def verify_site(tmp_path: Path, fr: str, en: str | None = None, exceptions: str | None = None):
    """Scan and verify a tiny site: the error messages ([] when it verifies)."""
    write_site(tmp_path, fr, en if en is not None else fr, exceptions)
    return verify_written(tmp_path)


def verify_written(tmp_path: Path) -> list[str]:
    """Scan and verify the site as written in `tmp_path`: the error messages."""
    try:
        load_registry(
            tmp_path,
            tmp_path / "docs",
            "bibliography.bib",
            ("fr", "en"),
            "sourcing/verification-exceptions.yml",
        )
    except PluginError as error:
        return [line for line in str(error).split("\n")[1:] if line]
    return []


GOOD_FR = textwrap.dedent(
    """\
    Google a augmenté de 65 % ses émissions en 5 ans, « soit 3 000 tonnes »
    [@Texte2025, § 1].
    {: .claim #google-65 }

    Selon le texte, « les salariées disent : “l'IA n'est pas neutre” » [@Texte2025, § 2].
    {: .claim #pas-neutre }

    « l'IA n'est pas neutre, le 10 février 2025. Troisième passage […] sur une autre ligne »
    [@Texte2025, § 2–3].
    {: .claim #deux-passages }

    - Marie Exemple : « les algorithmes prennent 4,2 secondes » [@Texte2025, § 4–5].
      {: .claim #marie-4-2 }

    | Quand | Quoi |
    |---|---|
    | 2025 | Le texte du 20 mars 2025 [@Texte2025, § 1, 7] {: .claim #date-du-texte } |
    """
)
GOOD_EN = textwrap.dedent(
    """\
    Google raised its emissions by 65% in 5 years, "that is 3,000 tonnes" (« soit 3 000
    tonnes ») [@Texte2025, § 1].
    {: .claim #google-65 }

    According to the text, "AI is not neutral" (« l'IA n'est pas neutre ») [@Texte2025, § 2].
    {: .claim #pas-neutre }

    "AI is not neutral" (« l'IA n'est pas neutre »), on 10 February 2025 [@Texte2025, § 2–3].
    {: .claim #deux-passages }

    - Marie Exemple: "algorithms take 4.2 seconds" [@Texte2025, § 4–5].
      {: .claim #marie-4-2 }

    | When | What |
    |---|---|
    | 2025 | The text of 20 March 2025 [@Texte2025, § 1, 7] {: .claim #date-du-texte } |
    """
)


def test_a_faithful_site_verifies(tmp_path):
    assert verify_site(tmp_path, GOOD_FR, GOOD_EN) == []


def line_of(text: str, needle: str) -> int:
    """Line of the first line holding `needle` on a page written by write_site (2 lines of title)."""
    return 3 + next(i for i, line in enumerate(text.split("\n")) if needle in line)


def _one(errors: list[str], *needles: str) -> str:
    hits = [e for e in errors if all(n in e for n in needles)]
    assert len(hits) == 1, errors
    return hits[0]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_quotation_changed_by_one_word(tmp_path, lang):
    fr, en = GOOD_FR, GOOD_EN
    if lang == "fr":
        fr = fr.replace("« soit 3 000 tonnes »", "« soit 3 000 kilos »")
    else:
        en = en.replace("« soit 3 000\ntonnes »", "« soit 3 000\nkilos »")
    error = _one(verify_site(tmp_path, fr, en), f"docs/{lang}/page.md:3:", "'google-65'")
    assert "« soit 3 000" in error and "is not in Texte2025 § 1" in error


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_figure_changed(tmp_path, lang):
    fr, en = GOOD_FR, GOOD_EN
    if lang == "fr":
        fr = fr.replace("65 %", "56 %")
    else:
        en = en.replace("65%", "56%")
    error = _one(verify_site(tmp_path, fr, en), f"docs/{lang}/page.md:3:", "'google-65'")
    assert "figure « 56" in error and "found in no passage of the cited text" in error


def test_english_figures_are_read_in_english_notation(tmp_path):
    # 3,000 is the French 3 000 and 4.2 the French 4,2; « 3,000 » in French would be 3.
    en = GOOD_EN.replace("3,000 tonnes", "3.000 tonnes")
    error = _one(verify_site(tmp_path, GOOD_FR, en), "docs/en/page.md:3:", "'google-65'")
    assert "figure « 3" in error


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_locator_past_the_end_of_the_text(tmp_path, lang):
    fr, en = GOOD_FR, GOOD_EN
    if lang == "fr":
        fr = fr.replace("[@Texte2025, § 1].", "[@Texte2025, § 1, 80].", 1)
    else:
        en = en.replace("[@Texte2025, § 1].", "[@Texte2025, § 1, 80].", 1)
    error = _one(verify_site(tmp_path, fr, en), f"docs/{lang}/page.md:4:", "past the end")
    assert "'google-65'" in error and "last passage is § 8" in error


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_locator_on_a_passage_that_lacks_the_quotation(tmp_path, lang):
    fr, en = GOOD_FR, GOOD_EN
    if lang == "fr":
        fr = fr.replace("neutre” » [@Texte2025, § 2]", "neutre” » [@Texte2025, § 1]")
    else:
        en = en.replace("neutre ») [@Texte2025, § 2]", "neutre ») [@Texte2025, § 1]")
    line = line_of(fr if lang == "fr" else en, "the text" if lang == "en" else "Selon le texte")
    error = _one(verify_site(tmp_path, fr, en), f"docs/{lang}/page.md:{line}:", "'pas-neutre'")
    assert "is not in Texte2025 § 1" in error
    assert error.endswith("found in Texte2025 § 2")  # the likely right locator


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_claim_naming_a_speaker_cites_another_speakers_passage(tmp_path, lang):
    fr, en = GOOD_FR, GOOD_EN
    if lang == "fr":
        fr = fr.replace("4,2 secondes » [@Texte2025, § 4–5]", "4,2 secondes » [@Texte2025, § 4, 7]")
    else:
        en = en.replace('4.2 seconds" [@Texte2025, § 4–5]', '4.2 seconds" [@Texte2025, § 4, 7]')
    error = _one(verify_site(tmp_path, fr, en), f"docs/{lang}/page.md:", "'marie-4-2'")
    assert "names Marie Exemple but cites § 7" in error
    assert "which is Jean Exemple's" in error and "Marie Exemple: § 4–5" in error


def test_a_claim_naming_a_speaker_on_an_unattributed_passage(tmp_path):
    fr = (
        GOOD_FR
        + "\nMarie Exemple a dit : « Premier passage » [@Texte2025, § 1].\n{: .claim #marie-1 }\n"
    )
    en = (
        GOOD_EN
        + '\nMarie Exemple said "First" (« Premier passage ») [@Texte2025, § 1].\n{: .claim #marie-1 }\n'
    )
    errors = verify_site(tmp_path, fr, en)
    error = _one(errors, "docs/fr/page.md:", "'marie-1'")
    assert "does not attribute to a speaker" in error
    _one(errors, "docs/en/page.md:", "'marie-1'")


def test_a_union_text_cited_without_a_locator(tmp_path):
    fr = GOOD_FR.replace("[@Texte2025, § 1].", "[@Texte2025].", 1)
    en = GOOD_EN.replace("[@Texte2025, § 1].", "[@Texte2025].", 1)
    errors = verify_site(tmp_path, fr, en)
    assert "without saying where" in _one(errors, "docs/fr/page.md:4:")
    assert "without saying where" in _one(errors, "docs/en/page.md:4:")


def test_a_multi_line_claim_list_item_and_table_row_are_each_verified(tmp_path):
    fr = (
        GOOD_FR.replace("« soit 3 000 tonnes »", "« soit 3 000 litres »")
        .replace("4,2 secondes", "4,3 secondes")
        .replace("20 mars 2025", "21 mars 2025")
    )
    errors = verify_site(tmp_path, fr, GOOD_EN)
    _one(errors, "docs/fr/page.md:3:", "'google-65'", "quotation")
    _one(errors, f"docs/fr/page.md:{line_of(fr, '- Marie')}:", "'marie-4-2'", "quotation")
    row = line_of(fr, "| 2025 |")
    _one(errors, f"docs/fr/page.md:{row}:", "'date-du-texte'", "figure « 21 mars 2025 »")


def test_other_references_are_not_verified(tmp_path):
    fr = GOOD_FR + "\n« Une phrase d'ailleurs », 1999 [@Autre2024].\n{: .claim #autre }\n"
    en = (
        GOOD_EN
        + '\n"Elsewhere" (« Une phrase d\'ailleurs »), 1999 [@Autre2024].\n{: .claim #autre }\n'
    )
    assert verify_site(tmp_path, fr, en) == []


EXCUSED = "- claim: google-65\n  reason: the figure is a rounding the text makes two lines later\n"


def test_an_exception_excuses_a_claim_and_is_counted(tmp_path, caplog):
    fr = GOOD_FR.replace("65 %", "56 %")
    en = GOOD_EN.replace("65%", "56%")
    with caplog.at_level("INFO"):
        assert verify_site(tmp_path, fr, en, EXCUSED) == []
    assert "1 exception(s)" in caplog.text


def test_an_exception_no_longer_needed_is_an_error(tmp_path):
    errors = verify_site(tmp_path, GOOD_FR, GOOD_EN, EXCUSED)
    assert "not needed any more" in _one(
        errors, "sourcing/verification-exceptions.yml:1:", "'google-65'"
    )


@pytest.mark.parametrize(
    "text",
    [
        "- claim: google-65\n",
        "- claim: google-65\n  reason: ''\n",
        "- claim: x\n  reason: y\n  foo: 1\n",
    ],
)
def test_an_exception_needs_a_claim_and_a_reason(tmp_path, text):
    errors = verify_site(tmp_path, GOOD_FR, GOOD_EN, text)
    assert "sourcing/verification-exceptions.yml:1: bad exception" in errors[0]


# -- the pieces ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "locator, numbers, short, query",
    [
        ("§ 12", (12,), "§ 12", "12"),
        ("§ 56–57", (56, 57), "§ 56–57", "56-57"),
        ("§ 56-57", (56, 57), "§ 56–57", "56-57"),
        ("§ 5, 27", (5, 27), "§ 5, 27", "5,27"),
        ("§5–7,27", (5, 6, 7, 27), "§ 5–7, 27", "5-7,27"),
    ],
)
def test_passage_locators(locator, numbers, short, query):
    passages = parse_passages(locator)
    assert passages.numbers == numbers and passages.first == numbers[0]
    assert passages.short() == short and passages.query() == query


@pytest.mark.parametrize("locator", ["§ 7–5", "§ x", "§ 0", "§ 5, 5", "§ 3–6, 5", "§", "§ 5,"])
def test_bad_passage_locators(locator):
    with pytest.raises(LocatorError):
        parse_passages(locator)


def test_other_locators_are_not_passages():
    assert parse_passages("p. 3") is None and parse_passages(None) is None


def test_a_bad_locator_fails_the_scan_with_its_line(tmp_path):
    fr = GOOD_FR.replace("[@Texte2025, § 1].", "[@Texte2025, § 3–1].", 1)
    errors = verify_site(tmp_path, fr, GOOD_EN)
    assert "runs from a passage to a later one" in _one(errors, "docs/fr/page.md:4:")


def test_words_ignore_case_punctuation_spaces_and_inclusive_dots_but_keep_accents():
    assert words("Les SALARIÉ·ES,\u00a0l’IA — producteur.ices !") == [
        "les", "salariées", "l", "ia", "producteurices",
    ]  # fmt: skip
    assert words("œuvre") == words("oeuvre") and words("été") != words("ete")


def test_quotations_keep_nested_marks_and_cuts():
    found = quotations("Il dit « a “b” c […] d » puis “e”.", (("«", "»"), ("“", "”")))
    assert [q.text for q in found] == ["a “b” c […] d", "e"]
    assert found[0].segments == [["a", "b", "c"], ["d"]]


@pytest.mark.parametrize(
    "text, lang, values",
    [
        (
            "65 % en 5 ans, 3 000 postes, 4,2 milliards, 300.000 appels",
            "fr",
            {"65", "5", "3000", "4.2", "300000"},
        ),
        (
            "65% in 5 years, 3,000 jobs, 4.2 billion, 300,000 calls",
            "en",
            {"65", "5", "3000", "4.2", "300000"},
        ),
        ("le 1er et la 2e phase, de 9h à 17h", "fr", {"1", "2", "9", "17"}),
        ("from 9 am to 5 pm", "en", {"9", "17"}),
    ],
)
def test_figures_in_both_notations(text, lang, values):
    assert figures(text, lang).numbers == values


def test_dates_in_every_notation_are_one_date():
    for text, lang in [
        ("le 10 février 2025", "fr"),
        ("le 10/02/2025", "fr"),
        ("2025-02-10", "fr"),
        ("réunion du 10 02 2025", "fr"),
        ("on 10 February 2025", "en"),
        ("on February 10, 2025", "en"),
    ]:
        assert [value for _, value in claim_figures(text, lang)] == [(2025, 2, 10)], text


def test_speakers_hold_until_the_next_speaker_or_a_heading():
    text = SourceText.parse("Texte2025", Path("x.md"), "x.md", source_page("fr"))
    assert text.speakers == {
        1: None, 2: None, 3: None, 4: "Marie Exemple", 5: "Marie Exemple", 6: None,
        7: "Jean Exemple", 8: "Jean Exemple",
    }  # fmt: skip
    assert text.speaker_names == ["Marie Exemple", "Jean Exemple"]
    assert text.passages[3] == "Troisième passage, qui continue le deuxième\nsur une autre ligne."


def test_the_build_fails_on_a_wrong_quotation_with_file_and_line(build_fixture_site):
    files = fixture_files(
        bibliography_DOT_bib=BIB,
        docs__fr__sources__texte_DOT_md=source_page("fr"),
        docs__en__sources__texte_DOT_md=source_page("en"),
        docs__fr__index_DOT_md="# Accueil\n\nIl dit « soit 4 000 tonnes » [@Texte2025, § 1].\n{: .claim #un-fait }\n",
        docs__en__index_DOT_md='# Home\n\nIt says "3,000 tonnes" (« soit 3 000 tonnes ») [@Texte2025, § 1].\n{: .claim #un-fait }\n',
    )
    code, output, _ = build_fixture_site(files)
    assert code != 0
    assert "docs/fr/index.md:3: claim 'un-fait': quotation « soit 4 000 tonnes »" in output
    assert "Traceback" not in output


def test_the_passage_link_names_every_passage_and_shows_the_short_form(build_fixture_site):
    files = fixture_files(
        bibliography_DOT_bib=BIB,
        docs__fr__sources__texte_DOT_md=source_page("fr"),
        docs__en__sources__texte_DOT_md=source_page("en"),
        docs__fr__index_DOT_md="# Accueil\n\n« l'IA n'est pas neutre » [@Texte2025, § 2–3].\n{: .claim #un-fait }\n",
        docs__en__index_DOT_md="# Home\n\n\"AI\" (« l'IA n'est pas neutre ») [@Texte2025, § 2–3].\n{: .claim #un-fait }\n",
    )
    code, output, site = build_fixture_site(files)
    assert code == 0, output
    html = (site / "index.html").read_text(encoding="utf-8")
    # The label gives the short form (« § 2–3 » never cut at a line end); its preview links to
    # the first passage and names the others for the source page to highlight.
    assert ">Union Exemple, §\u00a02–3</a>" in html
    assert 'href="sources/texte/?passages=2-3#p2">lire dans le texte</a>' in html
    english = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert ">Union Exemple, §\u00a02–3</a>" in english
    assert 'href="sources/texte/?passages=2-3#p2">read in the text</a>' in english

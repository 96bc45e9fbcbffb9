"""The verifier's messages in full, and the inputs its other tests leave out: two union texts
cited by one claim, a source page with a gap in its numbering, the last passage, the
reviewed exceptions file's mistakes. The wording is the contract with authors (issue 12: the
error names file:line, the claim id, what was not found, and where it does occur), so each
message is asserted whole. Fast unit tests (`make mutation`)."""

from __future__ import annotations

import textwrap

from test_verify import GOOD_EN, GOOD_FR, _one, line_of, verify_site, verify_written, write_site

from observatoire_ia.claims.plugin import load_registry
from observatoire_ia.claims.verify import ExceptionsFileError, load_exceptions, load_sources

HOW = "(or do not name a speaker for these words)"


def test_a_speaker_error_in_full(tmp_path):
    fr = GOOD_FR.replace(
        "4,2 secondes » [@Texte2025, § 4–5]", "4,2 secondes » [@Texte2025, § 4, 7]"
    )
    line = line_of(fr, "- Marie")
    assert _one(verify_site(tmp_path, fr, GOOD_EN), "'marie-4-2'") == (
        f"docs/fr/page.md:{line}: claim 'marie-4-2' names Marie Exemple but cites § 7 of "
        f"Texte2025, which is Jean Exemple's (docs/fr/sources/texte.md); Marie Exemple: § 4–5 {HOW}"
    )


def test_a_claim_naming_two_speakers_on_an_unattributed_passage(tmp_path):
    claim = "\nMarie Exemple et Jean Exemple : « Premier passage » [@Texte2025, § 1].\n{: .claim #deux }\n"
    en = '\nMarie Exemple and Jean Exemple: "First" (« Premier passage ») [@Texte2025, § 1].\n{: .claim #deux }\n'
    error = _one(verify_site(tmp_path, GOOD_FR + claim, GOOD_EN + en), "docs/fr/page.md", "'deux'")
    assert error.endswith(
        "claim 'deux' names Marie Exemple, Jean Exemple but cites § 1 of Texte2025, which the "
        "document does not attribute to a speaker (docs/fr/sources/texte.md); "
        f"Marie Exemple and Jean Exemple: § 4–5, 7–8 {HOW}"
    ), error


def test_the_last_passage_can_be_cited(tmp_path):
    fr = (
        GOOD_FR
        + "\nJean Exemple : « Jean Exemple, délégué » [@Texte2025, § 8].\n{: .claim #fin }\n"
    )
    en = (
        GOOD_EN
        + '\nJean Exemple: "delegate" (« Jean Exemple, délégué ») [@Texte2025, § 8].\n{: .claim #fin }\n'
    )
    assert verify_site(tmp_path, fr, en) == []


def test_a_gap_in_the_numbering_is_named_as_a_gap_not_as_the_end(tmp_path):
    write_site(tmp_path, GOOD_FR, GOOD_EN)
    page = tmp_path / "docs/fr/sources/texte.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{: #p3 }", "{: #p9 }"), "utf-8")
    registry = load_registry(tmp_path, tmp_path / "docs", "bibliography.bib", ("fr", "en"))
    source = load_sources(registry, tmp_path / "docs", tmp_path)["Texte2025"]
    assert 3 not in source.passages and source.last == 9
    errors = verify_site_keeping_source(tmp_path, GOOD_FR)
    assert any(
        "'deux-passages': [@Texte2025, § 2–3]: docs/fr/sources/texte.md has no passage § 3" in e
        for e in errors
    ), errors
    assert all("past the end" not in e for e in errors), errors


def verify_site_keeping_source(tmp_path, fr):
    """verify_site with the source page as the test left it."""
    page = tmp_path / "docs/fr/sources/texte.md"
    kept = page.read_text(encoding="utf-8")
    write_site(tmp_path, fr, GOOD_EN)
    page.write_text(kept, encoding="utf-8")
    return verify_written(tmp_path)


def test_a_figure_found_nowhere_says_so(tmp_path):
    fr = GOOD_FR.replace("65 %", "77 %")
    error = _one(verify_site(tmp_path, fr, GOOD_EN), "'google-65'")
    assert error.endswith(
        "claim 'google-65': figure « 77 » is not in Texte2025 § 1; found in no passage of the cited text"
    ), error


def test_a_quotation_over_the_last_two_passages_is_found(tmp_path):
    fr = GOOD_FR + "\n« sans consultation. Jean Exemple » [@Texte2025, § 1].\n{: .claim #fin }\n"
    en = GOOD_EN + "\nThe end [@Texte2025, § 8].\n{: .claim #fin }\n"
    error = _one(verify_site(tmp_path, fr, en), "'fin'", "quotation")
    assert error.endswith("is not in Texte2025 § 1; found in Texte2025 § 7–8"), error


SECOND_BIB = textwrap.dedent(
    """\
    @misc{Sans2022,
      author = {{Association Exemple}},
      title  = {Sans page},
      date   = {2022},
    }
    @misc{Manquant2023,
      author     = {{Union Absente}},
      title      = {Texte sans page},
      date       = {2023},
      sourcepage = {sources/absent},
    }
    @misc{Second2025,
      author     = {{Union Seconde}},
      title      = {Second texte},
      date       = {2025},
      sourcepage = {sources/second},
    }
    """
)
SECOND_SOURCE = (
    "---\ntitle: Second\n---\n\n# Second\n\nUn passage sans orateur, 12 postes.\n{: #p1 }\n"
)


EN_TWIN = "\nThe second text [@Second2025, § 1].\n{{: .claim #{id} }}\n"


def two_texts(tmp_path, fr: str, en: str) -> list[str]:
    """The fixture site with two more references first in the .bib: one without a source
    page, one whose source page is missing, then a second union text (no speakers)."""
    write_site(tmp_path, fr, en)
    bib = tmp_path / "bibliography.bib"
    bib.write_text(SECOND_BIB + bib.read_text(encoding="utf-8"), encoding="utf-8")
    for lang in ("fr", "en"):
        (tmp_path / f"docs/{lang}/sources/second.md").write_text(SECOND_SOURCE, encoding="utf-8")
    return verify_written(tmp_path)


def test_references_without_a_page_do_not_stop_the_others_from_loading(tmp_path):
    write_site(tmp_path, GOOD_FR, GOOD_EN)
    assert two_texts(tmp_path, GOOD_FR, GOOD_EN) == []
    registry = load_registry(tmp_path, tmp_path / "docs", "bibliography.bib", ("fr", "en"))
    sources = load_sources(registry, tmp_path / "docs", tmp_path)
    assert sorted(sources) == ["Second2025", "Texte2025"]
    assert sources["Second2025"].shown == "docs/fr/sources/second.md"


def test_a_claim_citing_two_union_texts_is_checked_in_each(tmp_path):
    # The second text names no speaker: the speaker check goes on to the first text's
    # citations; a figure in neither text is looked for in both.
    claim = (
        "\nMarie Exemple : « 12 postes » et 99 cas [@Second2025, § 1; @Texte2025, § 4, 7].\n"
        "{: .claim #deux-textes }\n"
    )
    errors = two_texts(tmp_path, GOOD_FR + claim, GOOD_EN + EN_TWIN.format(id="deux-textes"))
    speaker = _one(errors, "'deux-textes'", "names Marie Exemple")
    assert "cites § 7 of Texte2025, which is Jean Exemple's" in speaker
    figure = _one(errors, "'deux-textes'", "figure « 99 »")
    assert figure.endswith(
        "is not in Second2025 § 1; Texte2025 § 4, 7; found in no passage of the cited text"
    ), figure
    quoted = (
        "\nMarie Exemple : « 4,2 secondes » [@Second2025, § 1; @Texte2025, § 7].\n{: .claim #ou }\n"
    )
    errors = two_texts(tmp_path, GOOD_FR + quoted, GOOD_EN + EN_TWIN.format(id="ou"))
    error = _one(errors, "'ou'", "figure « 4,2 »")
    assert error.endswith("found in Texte2025 § 4"), error


# -- the reviewed exceptions file ----------------------------------------------------------------


def exceptions_errors(tmp_path, text: str) -> list[str]:
    path = tmp_path / "exceptions.yml"
    path.write_text(text, encoding="utf-8")
    try:
        load_exceptions(path, "sourcing/x.yml")
    except ExceptionsFileError as error:
        assert str(error) == "\n".join(str(e) for e in error.errors)
        return [str(e) for e in error.errors]
    return []


def test_an_exceptions_file_that_is_not_a_list(tmp_path):
    (error,) = exceptions_errors(tmp_path, "claim: a\nreason: b\n")
    assert error.startswith("sourcing/x.yml:1: must be a list: "), error


def test_every_bad_exception_is_reported_at_its_line(tmp_path):
    text = "- claim: bon\n  reason: une raison\n- claim: sans-raison\n- juste un texte\n- claim: c\n  reason: r\n  foo: 1\n"
    errors = exceptions_errors(tmp_path, text)
    assert [e.split(": bad exception")[0] for e in errors] == [
        "sourcing/x.yml:3",
        "sourcing/x.yml:1",  # an entry that is not a mapping has no claim to find
        "sourcing/x.yml:5",
    ], errors
    assert "'juste un texte'" in errors[1]


def test_a_good_exceptions_file_is_read_whole(tmp_path):
    path = tmp_path / "exceptions.yml"
    path.write_text(
        "- claim: a\n  reason: une raison\n- claim: b\n  reason: autre\n  lang: en\n", "utf-8"
    )
    read = load_exceptions(path, "x.yml")
    assert [(e.claim, e.reason, e.line, e.lang) for e in read] == [
        ("a", "une raison", 1, None),
        ("b", "autre", 3, "en"),
    ]


def test_a_page_waiting_for_its_translation_is_skipped_and_the_pages_after_it_checked(tmp_path):
    """An English page marked `translation: pending` shows the French original, whose claims
    the French pass verifies; the English pages after it are still verified."""
    from observatoire_ia.claims.verify import verify

    write_site(tmp_path, GOOD_FR, GOOD_EN.replace("65%", "56%"))
    french = "---\ntitle: Autre\n---\n\n# Autre\n\nLe texte a 4,2 secondes [@Texte2025, § 4].\n{: .claim #autre-4-2 }\n"
    (tmp_path / "docs/fr/autre.md").write_text(french, encoding="utf-8")
    (tmp_path / "docs/en/autre.md").write_text(
        "---\ntitle: Other\ntranslation: pending\n---\n", encoding="utf-8"
    )
    registry = load_registry(tmp_path, tmp_path / "docs", "bibliography.bib", ("fr", "en"))
    assert registry.is_pending("en", "autre.md")
    assert [c.id for c in registry.claims("en")][0] == "autre-4-2"  # before page.md's
    result = verify(registry, load_sources(registry, tmp_path / "docs", tmp_path))
    assert [str(e).split(": claim")[0] for e in result.errors] == ["docs/en/page.md:3"]
    assert result.claims == 11  # six French claims, five English: not the pending page's

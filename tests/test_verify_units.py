"""The verifier's parts that tests/test_verify.py leaves open: what it counts, which quotation
marks each language's claims use, the messages for cut quotations and for quotations that run
over two passages, exceptions per language, the « § 5–7, 9 » ranges. Fast unit tests (`make
mutation`); the fixture site is tests/test_verify.py's."""

from __future__ import annotations

import pytest
from test_verify import GOOD_EN, GOOD_FR, _one, verify_site, write_site

from observatoire_ia.claims.plugin import load_registry
from observatoire_ia.claims.verify import _ranges, load_sources, verify


def test_what_the_verifier_counts(tmp_path):
    write_site(tmp_path, GOOD_FR, GOOD_EN)
    registry = load_registry(tmp_path, tmp_path / "docs", "bibliography.bib", ("fr", "en"))
    result = verify(registry, load_sources(registry, tmp_path / "docs", tmp_path))
    # five claims cite the union text in each language; the French « … » quotations (4) and
    # the French originals kept beside English translations (3: not "algorithms take …")
    assert (result.claims, result.quotations) == (10, 7)
    assert result.figures > 10 and result.errors == [] and result.excused == []
    assert result.summary().startswith("verifier: 10 claim(s) citing union texts, 7 quotation(s)")


def test_french_claims_check_curly_quotes_too_english_claims_only_the_french_original(tmp_path):
    fr = GOOD_FR + "\nLe texte dit “l'IA est neutre” [@Texte2025, § 2].\n{: .claim #curly }\n"
    en = GOOD_EN + "\nThe text says “AI is not neutral” [@Texte2025, § 2].\n{: .claim #curly }\n"
    errors = verify_site(tmp_path, fr, en)
    assert "quotation « l'IA est neutre » is not in Texte2025 § 2" in _one(errors, "'curly'")
    assert all("docs/en/" not in error for error in errors), errors


def test_a_cut_quotation_names_the_part_not_found(tmp_path):
    fr = GOOD_FR.replace("[…] sur une autre ligne", "[…] sur une mauvaise ligne")
    error = _one(verify_site(tmp_path, fr, GOOD_EN), "'deux-passages'")
    assert "(not found: « sur une mauvaise ligne »)" in error
    whole = _one(verify_site(tmp_path, GOOD_FR.replace("soit 3 000 tonnes", "soit 3 000 kilos"),
                             GOOD_EN), "'google-65'")  # fmt: skip
    assert "not found:" not in whole


def test_a_quotation_over_two_passages_is_found_in_their_run(tmp_path):
    fr = GOOD_FR.replace(
        "« soit 3 000 tonnes »\n[@Texte2025, § 1]",
        "« soit 3 000 tonnes » et « le 10 février 2025. Troisième passage »\n[@Texte2025, § 1]",
    )
    error = _one(verify_site(tmp_path, fr, GOOD_EN), "'google-65'", "quotation")
    assert error.endswith("is not in Texte2025 § 1; found in Texte2025 § 2–3"), error


def test_a_wrong_quotation_shows_the_spaces_the_author_typed(tmp_path):
    fr = GOOD_FR.replace("les salariées disent : “l'IA", "les salariés disent : “l'IA")
    error = _one(verify_site(tmp_path, fr, GOOD_EN), "'pas-neutre'")
    assert "quotation « les salariés disent : “l'IA n'est pas neutre” » is not in" in error


def test_other_citations_of_a_claim_do_not_stop_its_check(tmp_path):
    fr = GOOD_FR.replace("« soit 3 000 tonnes »\n[@Texte2025, § 1]",
                         "« soit 3 000 kilos »\n[@Autre2024; @Texte2025, § 1]")  # fmt: skip
    _one(verify_site(tmp_path, fr, GOOD_EN), "docs/fr/page.md:3:", "'google-65'", "kilos")
    fr = GOOD_FR.replace("[@Texte2025, § 1].", "[@Texte2025; @Texte2025, § 80].", 1)
    errors = [e for e in verify_site(tmp_path, fr, GOOD_EN) if "'google-65'" in e]
    assert len(errors) == 2 and "without saying where" in errors[0] and "past the end" in errors[1]


def test_an_exception_for_one_language_excuses_that_language_only(tmp_path):
    fr, en = GOOD_FR.replace("65 %", "56 %"), GOOD_EN.replace("65%", "56%")
    fr = fr.replace("4,2 secondes", "4,3 secondes")  # a later claim, not excused
    excused = "- claim: google-65\n  lang: fr\n  reason: a rounding the text makes later\n"
    errors = verify_site(tmp_path, fr, en, excused)
    assert all("'google-65'" not in e for e in errors if "docs/fr/" in e), errors
    _one(errors, "docs/en/page.md:3:", "'google-65'")
    _one(errors, "docs/fr/page.md:", "'marie-4-2'", "quotation")
    write_site(tmp_path, fr.replace("4,3", "4,2"), en.replace("56%", "65%"), excused)
    registry = load_registry(tmp_path, tmp_path / "docs", "bibliography.bib", ("fr", "en"))
    sources = load_sources(registry, tmp_path / "docs", tmp_path)
    from observatoire_ia.claims.verify import load_exceptions

    exceptions = load_exceptions(tmp_path / "sourcing" / "verification-exceptions.yml", "x.yml")
    result = verify(registry, sources, exceptions)
    assert result.errors == [] and [e.claim for e in result.excused] == ["google-65"]


def test_an_exception_no_longer_needed_says_what_to_do(tmp_path):
    write_site(tmp_path, GOOD_FR, GOOD_EN)
    registry = load_registry(tmp_path, tmp_path / "docs", "bibliography.bib", ("fr", "en"))
    from observatoire_ia.claims.verify import VerificationException

    result = verify(
        registry,
        load_sources(registry, tmp_path / "docs", tmp_path),
        [VerificationException("google-65", "r", 4)],
    )
    assert [str(e) for e in result.errors] == [
        "exceptions file:4: exception for claim 'google-65' is not needed any more "
        "(the claim verifies or does not exist): remove it"
    ]


@pytest.mark.parametrize(
    "numbers, shown",
    [([5], "§ 5"), ([5, 6, 7, 9], "§ 5–7, 9"), ([9, 5, 7, 6, 5], "§ 5–7, 9"), ([1, 3], "§ 1, 3"),
     ([1, 2, 4, 5], "§ 1–2, 4–5")],
)  # fmt: skip
def test_ranges(numbers, shown):
    assert _ranges(numbers) == shown


def test_claims_that_verified_are_not_checked_again_until_they_or_their_text_change(
    tmp_path, monkeypatch
):
    """Issue 14: ten thousand claims a language. A claim that verified, unchanged, citing an
    unchanged text, is taken from .cache/verify; errors are never taken from it."""
    from observatoire_ia.claims import verify as verifier

    cache = tmp_path / ".cache" / "verify"
    checked = []
    check = verifier._check_claim
    monkeypatch.setattr(
        verifier, "_check_claim", lambda claim, *a: checked.append(claim.id) or check(claim, *a)
    )

    def run(fr: str, en: str = GOOD_EN):
        write_site(tmp_path, fr, en)
        registry = load_registry(tmp_path, tmp_path / "docs", "bibliography.bib", ("fr", "en"))
        checked.clear()
        return verify(
            registry, load_sources(registry, tmp_path / "docs", tmp_path), cache_dir=cache
        )

    first = run(GOOD_FR)
    assert first.errors == [] and len(checked) == 10
    again = run(GOOD_FR)
    assert checked == [] and again.summary() == first.summary()  # the same counts
    # A claim changed: only it is checked, and its error is found.
    wrong = run(GOOD_FR.replace("« soit 3 000 tonnes »", "« soit 3 000 kilos »"))
    assert checked == ["google-65"]
    _one([str(e) for e in wrong.errors], "'google-65'", "kilos")
    # Its text changed: the claims citing it are checked again (here, all of them).
    source = tmp_path / "docs" / "fr" / "sources" / "texte.md"
    run(GOOD_FR)
    source.write_text(source.read_text().replace("65 %", "56 %"), encoding="utf-8")
    registry = load_registry(tmp_path, tmp_path / "docs", "bibliography.bib", ("fr", "en"))
    checked.clear()
    moved = verify(registry, load_sources(registry, tmp_path / "docs", tmp_path), cache_dir=cache)
    assert len(checked) == 10
    _one([str(e) for e in moved.errors], "docs/fr/page.md:", "'google-65'", "65")

"""The registry and pages waiting for their translation (`translation: pending`, issue 13):
the English page is scanned from the French original, its claims keep their ids and are
marked as written in French; the rules that keep such a page honest name their file and
line. Fast unit tests of claims/registry.py (`make mutation`)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from observatoire_ia.claims.plugin import load_registry

BIB = "@misc{Texte2025,\n  author = {{Union Exemple}},\n  title = {Texte},\n  date = {2025},\n}\n"
FRENCH = textwrap.dedent(
    """\
    ---
    title: Emploi
    ---

    # Emploi

    Des postes supprimés [@Texte2025].
    {: .claim #postes }

    Un second fait [@Texte2025].
    {: .claim #second }
    """
)
ENGLISH = "---\ntitle: Jobs\n---\n\n# Jobs\n\nJobs cut [@Texte2025].\n{: .claim #postes }\n\nA second fact [@Texte2025].\n{: .claim #second }\n"
PENDING = "---\ntitle: Jobs\ntranslation: pending\n---\n"


def site(root: Path, pages: dict[str, str]) -> None:
    (root / "bibliography.bib").write_text(BIB, encoding="utf-8")
    for path, text in pages.items():
        target = root / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def registry_of(root: Path):
    return load_registry(root, root / "docs", "bibliography.bib", ("fr", "en"))


def errors_of(root: Path) -> list[str]:
    with pytest.raises(PluginError) as raised:
        registry_of(root)
    return [line for line in str(raised.value).split("\n")[1:] if line]


def test_a_pending_page_carries_the_originals_claims_marked_french(tmp_path):
    site(
        tmp_path,
        {
            "fr/emploi.md": FRENCH,
            "en/emploi.md": PENDING,
            "fr/b.md": FRENCH.replace("postes", "b1").replace("second", "b2"),
            "en/b.md": ENGLISH.replace("postes", "b1").replace("second", "b2"),
        },
    )
    registry = registry_of(tmp_path)
    assert registry.pending == {("en", "emploi.md")}
    assert registry.is_pending("en", "emploi.md")
    assert not registry.is_pending("fr", "emploi.md") and not registry.is_pending("en", "b.md")
    scan = registry.page_scan("en", "emploi.md")
    assert [(c.id, c.lang, c.page) for c in scan.claims] == [
        ("postes", "en", "emploi.md"),
        ("second", "en", "emploi.md"),
    ]
    assert scan.path == "docs/en/emploi.md"  # messages name the English file
    assert "supprimés" in registry.plain_text(scan.claims[0])  # the original's words
    pending_claim = registry.claim("en", "postes")
    assert registry.text_lang(pending_claim) == "fr"
    assert registry.text_lang(registry.claim("en", "b1")) == "en"
    assert registry.text_lang(registry.claim("fr", "postes")) == "fr"


def test_the_originals_errors_are_reported_once_in_french(tmp_path):
    bad = FRENCH.replace("Un second fait [@Texte2025].", "Un second fait sans source.")
    site(tmp_path, {"fr/emploi.md": bad, "en/emploi.md": PENDING})
    errors = errors_of(tmp_path)
    assert len(errors) == 1 and errors[0].startswith(
        "docs/fr/emploi.md:11: claim 'second' has no citation"
    ), errors


def test_a_french_page_cannot_be_pending(tmp_path):
    site(tmp_path, {"fr/emploi.md": PENDING, "en/emploi.md": ENGLISH})
    errors = errors_of(tmp_path)
    assert any(e.startswith("docs/fr/emploi.md:3: a 'fr' page cannot be") for e in errors), errors


def test_a_pending_page_holds_no_text_of_its_own(tmp_path):
    site(tmp_path, {"fr/emploi.md": FRENCH, "en/emploi.md": PENDING + "\nSome text.\n"})
    errors = errors_of(tmp_path)
    assert errors == [
        "docs/en/emploi.md:6: a `translation: pending` page holds no text of its own (the "
        "build shows the 'fr' page in its place): remove the text below the front matter, or "
        "remove `translation: pending` once the page is translated"
    ]


def test_a_pending_page_without_an_original_is_a_missing_translation(tmp_path):
    site(tmp_path, {"fr/emploi.md": FRENCH, "en/emploi.md": ENGLISH, "en/seule.md": PENDING})
    assert errors_of(tmp_path) == [
        "docs/en/seule.md:1: missing translation: this page has no 'fr' version "
        "(create docs/fr/seule.md)"
    ]

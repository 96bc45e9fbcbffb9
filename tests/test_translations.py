"""Translation status (scripts/translations.py): missing pages and claims, outdated English pages."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from observatoire_ia.translations import (
    recorded_hash,
    source_hash,
    stamp,
    translation_status,
    with_hash,
)

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "translations.py"

FR = "---\ntitle: Emploi\ndescription: Emplois.\n---\n\n# Emploi\n\nUn fait [@K].\n{: .claim #un-fait }\n"
EN = "---\ntitle: Jobs\ndescription: Jobs.\n---\n\n# Jobs\n\nA fact [@K].\n{: .claim #un-fait }\n"


def make_docs(tmp_path: Path, files: dict[str, str]) -> Path:
    docs = tmp_path / "docs"
    for path, text in files.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return docs


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True)


def test_hash_is_the_first_12_hex_digits_of_sha256(tmp_path):
    path = tmp_path / "page.md"
    path.write_bytes(b"# Titre\r\n")
    assert source_hash(path) == hashlib.sha256(b"# Titre\n").hexdigest()[:12]


def test_with_hash_adds_or_replaces_only_that_line():
    stamped = with_hash(EN, "0123456789ab")
    assert recorded_hash(stamped) == "0123456789ab"
    assert stamped.replace("source_hash: 0123456789ab\n", "") == EN
    restamped = with_hash(stamped, "ba9876543210")
    assert recorded_hash(restamped) == "ba9876543210" and restamped.count("source_hash") == 1
    assert recorded_hash(with_hash("# No front matter\n", "abcdef012345")) == "abcdef012345"
    assert recorded_hash("# No front matter\n") is None


def test_up_to_date_site_reports_nothing(tmp_path):
    docs = make_docs(tmp_path, {"fr/travail/emploi.md": FR, "en/travail/emploi.md": EN})
    stamp(docs, docs / "en/travail/emploi.md")
    status = translation_status(docs)
    assert status.problems == 0, status.render()
    assert "up to date" in status.render()


def test_missing_pages_in_either_language(tmp_path):
    docs = make_docs(
        tmp_path,
        {
            "fr/travail/emploi.md": FR,
            "fr/culture.md": FR,
            "en/travail/emploi.md": EN,
            "en/extra.md": EN,
        },
    )
    status = translation_status(docs)
    assert status.missing_pages == {"fr": ["extra.md"], "en": ["culture.md"]}
    assert "docs/en/culture.md" in status.render() and "docs/fr/extra.md" in status.render()


def test_missing_claims_in_either_language(tmp_path):
    fr = FR + "\nUn autre [@K].\n{: .claim #autre-fait }\n"
    en = EN + "\nOnly English [@K].\n{: .claim #english-only }\n"
    docs = make_docs(tmp_path, {"fr/p.md": fr, "en/p.md": en})
    status = translation_status(docs)
    assert sorted(status.missing_claims) == [
        ("en", "p.md", "autre-fait"),
        ("fr", "p.md", "english-only"),
    ]


def test_changed_french_page_makes_english_outdated_until_stamped(tmp_path):
    docs = make_docs(tmp_path, {"fr/p.md": FR, "en/p.md": EN})
    assert translation_status(docs).unstamped == ["p.md"]
    old = stamp(docs, docs / "en/p.md")
    (docs / "fr/p.md").write_text(FR.replace("Un fait", "Un fait corrigé"), encoding="utf-8")
    status = translation_status(docs)
    assert [(page, recorded) for page, recorded, _ in status.outdated] == [("p.md", old)]
    assert "git log -p" in status.render()
    new = stamp(docs, docs / "en/p.md")
    assert new != old and translation_status(docs).problems == 0


def test_stamp_refuses_french_pages_and_orphans(tmp_path):
    docs = make_docs(tmp_path, {"fr/p.md": FR, "en/p.md": EN, "en/orphan.md": EN})
    with pytest.raises(ValueError, match="French page"):
        stamp(docs, docs / "fr/p.md")
    with pytest.raises(ValueError, match="no French page"):
        stamp(docs, docs / "en/orphan.md")


def test_cli_check_and_stamp(tmp_path):
    docs = make_docs(tmp_path, {"fr/p.md": FR, "en/p.md": EN, "fr/q.md": FR, "en/q.md": EN})
    assert run("--docs", str(docs)).returncode == 0  # a report only
    failing = run("--docs", str(docs), "--check")
    assert failing.returncode == 1 and "without source_hash" in failing.stdout
    stamped = run("--docs", str(docs), "stamp", str(docs / "en/p.md"))
    assert stamped.returncode == 0 and source_hash(docs / "fr/p.md") in stamped.stdout
    assert run("--docs", str(docs), "--check").returncode == 1  # q.md still unstamped
    assert run("--docs", str(docs), "stamp", "--all").returncode == 0
    passing = run("--docs", str(docs), "--check")
    assert passing.returncode == 0, passing.stdout
    assert run("--docs", str(docs), "stamp", str(docs / "fr/p.md")).returncode == 1


# -- the real site -----------------------------------------------------------------------------------


def test_real_site_translations_are_complete_and_current():
    status = translation_status(ROOT / "docs")
    assert status.problems == 0, status.render()

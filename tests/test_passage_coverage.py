"""Coverage by passage (issue 12): every passage cited by a claim or excluded with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_verify import GOOD_EN, GOOD_FR, write_site

from observatoire_ia.claims.plugin import load_registry
from observatoire_ia.passage_coverage import load_passage_exclusions, passage_coverage

ROOT = Path(__file__).resolve().parents[1]
EXCLUSIONS = "sourcing/passage-exclusions.yml"


def report_for(tmp_path: Path, exclusions: str | None):
    write_site(tmp_path, GOOD_FR, GOOD_EN)
    if exclusions is not None:
        (tmp_path / "sourcing").mkdir(exist_ok=True)
        (tmp_path / EXCLUSIONS).write_text(exclusions, encoding="utf-8")
    registry = load_registry(tmp_path, tmp_path / "docs", "bibliography.bib", ("fr", "en"))
    found, problems = load_passage_exclusions(tmp_path / EXCLUSIONS, EXCLUSIONS)
    return passage_coverage(registry, registry.sources, found, EXCLUSIONS, problems)


def test_cited_excluded_and_missing_passages(tmp_path):
    report = report_for(
        tmp_path,
        'Texte2025:\n  - passages: "§ 6"\n    reason: a heading of the text\n',
    )
    (text,) = report.texts
    # GOOD_FR cites § 1, 2, 2–3, 4–5 and 1, 7: § 8 (a name line) is neither cited nor excluded.
    assert sorted(text.cited) == [1, 2, 3, 4, 5, 7]
    assert text.cited[1] == ["google-65", "date-du-texte"]
    assert text.excluded == {6: "a heading of the text"}
    assert text.missing == [8] and report.missing_count == 1
    assert "missing § 8" in report.render()


@pytest.mark.parametrize(
    "exclusions, message",
    [
        ('Inconnu2025:\n  - passages: "§ 8"\n    reason: r\n', "Inconnu2025 is not a union text"),
        ('Texte2025:\n  - passages: "§ 99"\n    reason: r\n', "Texte2025 has no passage § 99"),
        ('Texte2025:\n  - passages: "§ 1"\n    reason: r\n', "§ 1 is cited by google-65"),
        ('Texte2025:\n  - passages: "§ 8"\n', "needs `passages"),
        ('Texte2025:\n  - passages: "§ 9–8"\n    reason: r\n', "runs from a passage"),
    ],
)
def test_a_wrong_exclusion_is_reported_with_its_line(tmp_path, exclusions, message):
    report = report_for(tmp_path, exclusions)
    assert len(report.problems) == 1 and message in report.problems[0], report.problems
    assert report.problems[0].startswith(f"{EXCLUSIONS}:2:")

"""passage_locators.py (the logic of scripts/locate_passages.py, issue 17): each union text is
read once, proposals rank the passage holding a quotation first, choices are applied or
refused. The command line itself: tests/test_sources.py."""

from __future__ import annotations

import pytest
from test_sources import _fixture

from observatoire_ia import passage_locators
from observatoire_ia.claims.bibliography import Bibliography
from observatoire_ia.claims.passages import SourceText


def test_each_union_text_is_read_once(tmp_path, monkeypatch):
    root = _fixture(tmp_path)
    calls = []
    parse = SourceText.parse.__func__

    def counting(cls, key, *args):
        calls.append(key)
        return parse(cls, key, *args)

    monkeypatch.setattr(SourceText, "parse", classmethod(counting))
    texts = passage_locators.load_texts(root / "docs", Bibliography.load(root / "bibliography.bib"))
    proposals, skipped, unused = passage_locators.propose(root / "docs", texts, {})
    assert calls == ["Tract2025"]
    assert {(p.claim.id, p.passage) for p in proposals} == {("eau", 2), ("berger", 3)}
    assert skipped == [] and unused == []


def test_choices_are_applied_skipped_or_refused(tmp_path):
    root = _fixture(tmp_path)
    texts = passage_locators.load_texts(root / "docs", Bibliography.load(root / "bibliography.bib"))
    decisions = passage_locators.read_decisions(["eau 1  # by hand", "berger skip", "autre 2"])
    proposals, skipped, unused = passage_locators.propose(root / "docs", texts, decisions)
    assert [(p.claim.id, p.passage, p.reason, p.uncertain) for p in proposals] == [
        ("eau", 1, "decision", False)
    ]
    assert [(claim.id, key) for claim, key in skipped] == [("berger", "Tract2025")]
    assert unused == ["autre"]
    with pytest.raises(passage_locators.DecisionError, match="no passage § 9"):
        passage_locators.propose(root / "docs", texts, {"eau": 9})
    with pytest.raises(passage_locators.DecisionError, match="bad decision"):
        passage_locators.read_decisions(["eau: neuf"])

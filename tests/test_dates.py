"""Dates in words: one routine for every place a date is written (dates.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from observatoire_ia.dates import build_date, date_words, day_words
from observatoire_ia.ingest.names import date_in_words
from observatoire_ia.offline import downloads


@pytest.mark.parametrize(
    ("value", "lang", "words"),
    [
        ("2026-03-01", "fr", "1er mars 2026"),  # French ordinal, never « 1 mars »
        ("2026-03-01", "en", "1 March 2026"),
        ("2026-03-02", "fr", "2 mars 2026"),
        ("2025-02-14", "fr", "14 février 2025"),
        ("2026-12-31", "en", "31 December 2026"),
        ("2024-10", "fr", "octobre 2024"),
        ("2024", "en", "2024"),
    ],
)
def test_date_words(value, lang, words):
    assert date_words(value, lang) == words


def test_the_booklet_cover_and_the_downloads_page_say_1er():
    assert day_words(dt.date(2026, 3, 1), "fr") == "1er mars 2026"
    entry = {"name": "observatoire-ia-fr.pdf", "kind": "pdf", "lang": "fr", "size": 2048}
    manifest = {"date": "2026-03-01", "files": [entry]}
    assert "1er mars 2026" in downloads.table(manifest, "fr", "")
    assert "1 March 2026" in downloads.table(manifest, "en", "")


def test_a_new_source_page_says_1er():
    assert date_in_words("2026-03-01", "fr") == "1er mars 2026"
    assert date_in_words("n.d.", "en") == "undated"


def test_build_date_is_source_date_epoch_when_set(monkeypatch):
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 3, 1, tzinfo=dt.UTC).timestamp()))
    )
    assert build_date() == dt.date(2026, 3, 1)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date() == dt.datetime.now(tz=dt.UTC).date()

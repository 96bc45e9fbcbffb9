"""Dates in words and the build's date, for every page, booklet and kit file.

One routine so that « 1er mars 2026 » (French ordinal for the first of the month) is right
everywhere a date is written: the timeline, the latest additions, the claim explorer, the
booklet's cover, the Downloads page and the source pages `make source` writes. The build's
date is SOURCE_DATE_EPOCH when set (reproducible builds), else today in UTC.
"""

from __future__ import annotations

import datetime as dt
import os

from .i18n import text as ui


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def date_words(value: str, lang: str) -> str:
    """« 2025 », « février 2025 », « 1er février 2025 », « 14 février 2025 »; "14 February
    2025" in English (an ISO date, its year or its year and month)."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = ui(lang, "months").split()[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = int(parts[2])
    if lang == "fr" and day == 1:
        return f"1er {month} {parts[0]}"
    return f"{day} {month} {parts[0]}"


def day_words(day: dt.date, lang: str) -> str:
    """A day in words (the booklet's cover, the Downloads page)."""
    return date_words(day.isoformat(), lang)

"""« Mis à jour le … » / "Last updated …": each page's date, the same on the page and in the feeds.

mkdocs-git-revision-date-localized-plugin reads, for each page, the date of the last commit
that touched its source file: the same commit always gives the same dates. Without a git
repository (a source tarball) the plugin is switched off and every page takes
SOURCE_DATE_EPOCH, as does a page not committed yet; with neither, no date is shown rather
than the clock's.
"""

from __future__ import annotations

import html
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from ..dates import day_words
from ..i18n import text as ui

PLUGIN = "git-revision-date-localized"
# What the plugin puts in page.meta (its documented outputs).
_ISO_DATETIME = "git_revision_date_localized_raw_iso_datetime"
_COMMIT = "git_revision_date_localized_hash"


def in_git_repository(root: Path) -> bool:
    """Whether `root` is inside a git working tree that git can read."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"],
            cwd=root,
            capture_output=True,
            text=True,
        )
    except OSError:  # no git at all
        return False
    return result.returncode == 0 and result.stdout.strip() == "true"


def epoch_date() -> datetime | None:
    """SOURCE_DATE_EPOCH as a date, or None when it is not set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else None


def page_date(meta: dict, timezone: str = "UTC") -> datetime | None:
    """The page's date: its last commit (read by the plugin), else SOURCE_DATE_EPOCH."""
    stamp, commit = meta.get(_ISO_DATETIME), meta.get(_COMMIT)
    if stamp and commit:  # no commit: a file git does not know yet (the plugin used the clock)
        local = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S").replace(tzinfo=ZoneInfo(timezone))
        return local.astimezone(UTC)
    return epoch_date()


def updated_html(date: datetime, lang: str) -> str:
    """« Mis à jour le <time datetime="2026-12-04">4 décembre 2026</time> »."""
    # « 1er mars » as everywhere else (dates.py); never cut at a line end.
    words = day_words(date.date(), lang).replace(" ", "\u00a0")
    label = ui(lang, "updated")
    return (
        f'{html.escape(label)} <time datetime="{date.strftime("%Y-%m-%d")}">'
        f"{html.escape(words)}</time>"
    )

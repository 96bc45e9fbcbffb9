"""An Atom feed per language (feed.xml, en/feed.xml) of the site's pages, newest first.

Dates are reproducible: each page's date is the date of the last git commit touching its
source file; a file git does not know yet takes SOURCE_DATE_EPOCH (or 1970-01-01 when that
is not set either). Never the wall clock.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr


@dataclass
class FeedEntry:
    title: str
    url: str
    summary: str
    source: Path


def fallback_date() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch) if epoch.isdigit() else 0, UTC)


def git_dates(root: Path, paths: list[Path]) -> dict[Path, datetime]:
    """Last commit date of each file (one `git log` for all of them); missing -> not in dict."""
    wanted = {p.resolve() for p in paths}
    dates: dict[Path, datetime] = {}
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        out = subprocess.run(
            ["git", "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", "."],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return dates
    current: datetime | None = None
    for line in out.splitlines():
        if line.startswith("\x00"):
            current = datetime.fromtimestamp(int(line[1:]), UTC)
        elif line.strip() and current is not None:
            path = (Path(top) / line.strip()).resolve()
            if path in wanted and path not in dates:
                dates[path] = current  # newest commit first
    return dates


def _stamp(date: datetime) -> str:
    return date.strftime("%Y-%m-%dT%H:%M:%SZ")


def atom(
    entries: list[FeedEntry],
    dates: dict[Path, datetime],
    *,
    lang: str,
    title: str,
    feed_url: str,
    site_url: str,
    author: str,
) -> str:
    fallback = fallback_date()
    dated = [(dates.get(entry.source.resolve(), fallback), entry) for entry in entries]
    dated.sort(key=lambda item: (-item[0].timestamp(), item[1].url))
    updated = max((date for date, _ in dated), default=fallback)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
        f"<title>{escape(title)}</title>",
        f"<id>{escape(feed_url)}</id>",
        f'<link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>',
        f'<link rel="alternate" type="text/html" href={quoteattr(site_url)}/>',
        f"<updated>{_stamp(updated)}</updated>",
        f"<author><name>{escape(author)}</name></author>",
    ]
    for date, entry in dated:
        lines += [
            "<entry>",
            f"<title>{escape(entry.title)}</title>",
            f"<id>{escape(entry.url)}</id>",
            f'<link rel="alternate" type="text/html" href={quoteattr(entry.url)}/>',
            f"<updated>{_stamp(date)}</updated>",
            f"<summary>{escape(entry.summary)}</summary>",
            "</entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"

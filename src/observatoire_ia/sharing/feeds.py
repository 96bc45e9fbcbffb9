"""An Atom feed per language (feed.xml, en/feed.xml) of the site's pages, newest first.

Dates are reproducible: each page's date is the one it shows (« Mis à jour le … », from the
last git commit touching its source file, see updated.py); a page without one takes
SOURCE_DATE_EPOCH (or 1970-01-01 when that is not set either). Never the wall clock.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..i18n import text as ui
from ..site_languages import SiteLanguages
from .meta import PageRecord


@dataclass
class FeedEntry:
    title: str
    url: str
    summary: str
    source: Path


def fallback_date() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch) if epoch.isdigit() else 0, UTC)


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


def write_feeds(
    site_dir: Path,
    pages: list[PageRecord],
    languages: SiteLanguages,
    base_url: str,
    site_names: dict[str, str],
) -> None:
    """feed.xml of each language with pages: its pages that have a file of their own."""
    records = [r for r in pages if not r.is_404 and not r.generated]
    # The dates the pages show (« Mis à jour le … »).
    dates = {r.source.resolve(): r.updated for r in records if r.updated}
    for lang in languages.codes:
        entries = [
            FeedEntry(r.title, r.url, r.description, r.source) for r in records if r.lang == lang
        ]
        if not entries:
            continue
        prefix = languages.prefix(lang)
        feed_url = base_url + prefix + "feed.xml"
        text = atom(
            entries,
            dates,
            lang=lang,
            title=ui(lang, "share.feed_title"),
            feed_url=feed_url,
            site_url=base_url + prefix,
            author=site_names.get(lang, ""),
        )
        target = site_dir / prefix / "feed.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

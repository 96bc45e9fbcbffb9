"""Timeline (tag `chronologie` + `date`): dated events in date order, filterable by theme.

The filter needs no script: one checkbox per theme, and CSS (`:has()`) hides the events of
unticked themes; without `:has()` every event stays visible. Dates after the build date
(SOURCE_DATE_EPOCH when set, for reproducible builds) are marked « à venir » / "upcoming".
"""

from __future__ import annotations

import datetime as dt

from ..claims.bibliography_page import escape_markdown
from ..claims.markdown_ext import relative_link
from ..claims.registry import ClaimRegistry
from ..dates import build_date, date_words
from ..i18n import text as ui
from ..textfit import excerpt
from .common import ordered_themes, tagged, theme_title

TAG = "chronologie"


def is_upcoming(value: str, today: dt.date) -> bool:
    """True when the whole period named by the date (day, month or year) lies after today."""
    parts = [int(p) for p in value.split("-")]
    start = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    return start > today


def timeline_markdown(
    registry: ClaimRegistry, lang: str, page: str, today: dt.date | None = None
) -> str:
    today = today or build_date()
    claims = [c for c in tagged(registry, lang, TAG) if c.attrs.get("date")]
    claims.sort(key=lambda c: (c.attrs["date"], c.page, c.line))
    if not claims:
        return f"*{ui(lang, 'lists.none')}*\n"
    themes = ordered_themes(registry, claims)
    lines = ['<div class="timeline" markdown>', ""]
    lines.append(f'<fieldset class="timeline-filter"><legend>{ui(lang, "lists.filter")}</legend>')
    for theme in themes:
        slug = theme or "general"
        title = theme_title(registry, lang, theme)
        lines.append(f'<label><input type="checkbox" id="tl-{slug}" checked> {title}</label>')
    lines += ["</fieldset>", ""]
    for claim in claims:
        date = claim.attrs["date"]
        slug = claim.theme or "general"
        upcoming = (
            f' <span class="timeline-upcoming">{ui(lang, "lists.upcoming")}</span>'
            if is_upcoming(date, today)
            else ""
        )
        text = escape_markdown(excerpt(registry.plain_text(claim), 220))
        theme = escape_markdown(theme_title(registry, lang, claim.theme))
        link = relative_link(page, claim.page, claim.id)
        lines.append(
            f'- <time datetime="{date}">{date_words(date, lang)}</time>{upcoming} '
            f'<span class="timeline-theme">{theme}</span> [{text}]({link})'
        )
        lines.append(f'  {{: .timeline-item .tl-{slug} data-date="{date}" }}')
    lines += ["", "</div>", ""]
    return "\n".join(lines)

"""Names the command derives: the page slug, the bibliography key, anchors, dates in words."""

from __future__ import annotations

import re
import unicodedata

from ..claims.bibliography import UNDATED
from ..dates import date_words
from ..i18n import text as ui

KEY = re.compile(r"^[A-Za-z0-9_:-]+$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
# The BibTeX date of an undated text (bibliography.bib writes date = {n.d.}).
NO_DATE = UNDATED
# Words that carry no meaning in a slug or a key.
STOP_WORDS = set(
    "a au aux avec ce ces cet cette d dans de des du en et il ils elle elles je l la le les leur "
    "leurs ma mes mon ne nos notre nous on ou par pas plus pour qu que qui sa se ses son sur ta "
    "un une vos votre vous y the of and on in to for an a".split()
)


def ascii_words(text: str) -> list[str]:
    """Words without accents, in their original case (« L'IA des Régions » -> L, IA, des, Regions)."""
    folded = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"[A-Za-z0-9]+", folded)


def slugify(text: str) -> str:
    return "-".join(word.lower() for word in ascii_words(text))


def _meaningful(text: str) -> list[str]:
    return [word for word in ascii_words(text) if word.lower() not in STOP_WORDS]


def page_slug(organisation: str, title: str, date: str) -> str:
    """« syndicat-exemple-ia-services-demandons-2026 »: two words of the organisation, three of
    the title, the year."""
    words = [w.lower() for w in _meaningful(organisation)[:2] + _meaningful(title)[:3]]
    year = DATE.match(date).group("year") if DATE.match(date) else ""
    return "-".join(dict.fromkeys(words + ([year] if year else []))) or "texte"


def reference_key(organisation: str, title: str, date: str) -> str:
    """AuthorYearWord, as the other keys: « SyndicatExempleServices2026IA »."""
    author = "".join(_capital(w) for w in _meaningful(organisation)[:3]) or "Source"
    year = DATE.match(date).group("year") if DATE.match(date) else "ND"
    words = [
        w
        for w in _meaningful(title)
        if w.lower() not in {w.lower() for w in _meaningful(organisation)}
    ]
    return f"{author}{year}{_capital(words[0]) if words else 'Texte'}"


def _capital(word: str) -> str:
    return word if word.isupper() else word[:1].upper() + word[1:].lower()


def normalise_date(value: str | None) -> str | None:
    """YYYY, YYYY-MM, YYYY-MM-DD or n.d.; an ISO date-time keeps its date; anything else: None."""
    if not value:
        return None
    value = value.strip()
    if value.lower() in {"n.d.", "nd", "s.d.", "sd"}:
        return NO_DATE
    match = re.match(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ][\d:.+\-Z]*)?$", value)
    if not match or not DATE.match(match.group(1)):
        return None
    parts = DATE.match(match.group(1))
    month, day = parts.group("month"), parts.group("day")
    if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31:
        return None
    return match.group(1)


def date_in_words(date: str, lang: str) -> str:
    """« 12 mars 2026 » / "12 March 2026", « mars 2026 », « 2026 », « non daté » / "undated"."""
    match = DATE.match(date)
    if not match:
        return ui(lang, "undated")
    year, month, day = match.group("year"), match.group("month"), match.group("day")
    return date_words("-".join(part for part in (year, month, day) if part), lang)

"""Words and figures of a text, normalised so that a quotation or a figure can be looked up.

Words: case, punctuation, typographic spaces, line breaks, ligatures (œ = oe) and the dots of
inclusive writing (salarié·es = salariées) are ignored; accents are kept (a quotation is
word for word).

Figures: every number written in digits (« 65 % », « 3 000 », « 4,2 », « 300.000 », « 1er »),
read in the notation of the text's language (English « 3,000 » and « 4.2 » are the French
« 3 000 » and « 4,2 »), and every date (« 10 février 2025 », « 10 February 2025 »,
« 16/12/2025 », « 2025-02-10 »), as a (year, month, day) with the parts it gives.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
# « salarié·es », « producteur.ices », « agent•es »: one word.
_INCLUSIVE_DOT = re.compile(r"(?<=[^\W\d_])[·•.](?=[^\W\d_])")
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Lower-case words of a text, accents kept, punctuation and inclusive dots dropped."""
    text = unicodedata.normalize("NFC", text).translate(_LIGATURES)
    text = _INCLUSIVE_DOT.sub("", text)
    return _WORD.findall(text.casefold())


def folded(text: str) -> list[str]:
    """Words without accents (for names: « Frederic Maupome » = « Frédéric Maupomé »)."""
    decomposed = unicodedata.normalize("NFKD", " ".join(words(text)))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).split()


def find(haystack: list[str], needle: list[str]) -> bool:
    """Whether `needle` occurs as a contiguous run of words in `haystack`."""
    if not needle:
        return True
    size, first = len(needle), needle[0]
    return any(
        haystack[i] == first and haystack[i : i + size] == needle
        for i in range(len(haystack) - size + 1)
    )


# -- quotations --------------------------------------------------------------------------------

# A cut (« […] », « … », « ... ») or a word the site adds in square brackets (« [l'IA] »).
_CUT = re.compile(r"\[[^\]]*\]|…|\.\.\.")


@dataclass(frozen=True)
class Quotation:
    text: str  # as the claim writes it, between its quotation marks

    @property
    def segments(self) -> list[list[str]]:
        """The words of each part between cuts, each to be found in the passages."""
        return [seg for part in _CUT.split(self.text) if (seg := words(part))]


def quotations(text: str, marks: tuple[tuple[str, str], ...]) -> list[Quotation]:
    """The outermost quotations of a text (a quotation inside another belongs to it)."""
    spans: list[tuple[int, int]] = []
    for opening, closing in marks:
        depth, start = 0, 0
        for index, char in enumerate(text):
            if char == opening:
                if depth == 0:
                    start = index + 1
                depth += 1
            elif char == closing and depth:
                depth -= 1
                if depth == 0:
                    spans.append((start, index))
    outer = [
        (start, end)
        for start, end in sorted(spans)
        if not any(s < start and end < e for s, e in spans)
    ]
    found = [Quotation(text[start:end].strip()) for start, end in outer]
    return [quotation for quotation in found if words(quotation.text)]


FRENCH_MARKS = (("«", "»"), ("“", "”"))
# On English pages « … » holds the French original kept beside a translated quotation.
ORIGINAL_MARKS = (("«", "»"),)


# -- figures -----------------------------------------------------------------------------------

MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "fev": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8,
    "septembre": 9, "sept": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
    "décembre": 12, "decembre": 12, "déc": 12,
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "october": 10, "november": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_SP = r"[ \u00a0\u202f]"
_ORDINAL = r"(?:er|re|ère|e|ème|eme|st|nd|rd|th)?"
# « 9h », « 14h30 »: hours (the number before h).
_NUMBER_SUFFIX = r"(?:er|re|ère|e|ème|eme|st|nd|rd|th|h)?"
_DATES = [
    # 10 février 2025 · 1er avril · 10 February 2025 · février 2025
    re.compile(
        rf"(?<![\w,.])(?P<day>[0-3]?\d){_ORDINAL}{_SP}+{_MONTH}(?:{_SP}+(?P<year>(?:19|20)\d\d))?(?!\w)",
        re.IGNORECASE,
    ),
    # February 10, 2025
    re.compile(
        rf"(?<!\w){_MONTH}{_SP}+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?{_SP}+(?P<year>(?:19|20)\d\d)(?!\w)",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<!\w){_MONTH}{_SP}+(?P<year>(?:19|20)\d\d)(?!\w)", re.IGNORECASE),
    # 16/12/2025 · 09/2025 · 2025-02-10
    re.compile(r"(?<![\w/])(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)(?![\w/])"),
    re.compile(r"(?<![\w/])(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)(?![\w/])"),
    re.compile(
        r"(?<![\w-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)(?:-(?P<day>[0-3]\d))?(?![\w-])"
    ),
    # « 3 10 2024 »: a date typed with spaces (a union text does)
    re.compile(
        rf"(?<![\w,.])(?P<day>[0-3]?\d){_SP}(?P<month>0?[1-9]|1[0-2]){_SP}(?P<year>(?:19|20)\d\d)(?![\w,.])"
    ),
]
_FRENCH_NUMBER = re.compile(
    r"(?<![\w,.])(?P<n>\d{1,3}(?:(?:[ \u00a0\u202f]\d{3})+|(?:\.\d{3})+)(?!\d)(?:,\d+)?|\d+(?:,\d+)?)"
    rf"{_NUMBER_SUFFIX}(?![^\W\d_])"
)
_ENGLISH_NUMBER = re.compile(
    rf"(?<![\w,.])(?P<n>\d{{1,3}}(?:,\d{{3}})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?){_NUMBER_SUFFIX}(?![^\W\d_])"
)
# English clock times: « 5 pm » is the French « 17h ».
_CLOCK = re.compile(
    r"(?<![\w.,])(?P<hour>1[0-2]|0?\d)(?:[:.](?P<minute>[0-5]\d))?[ \u00a0]*(?P<half>[ap])\.?m\.?(?!\w)",
    re.IGNORECASE,
)
# French texts sometimes write a decimal with a point (« 1.5 »): in a passage, a number with
# one group of three after a point is read both ways.
_AMBIGUOUS_POINT = re.compile(r"^\d{1,3}\.\d{3}$")

Date = tuple[int | None, int | None, int | None]  # (year, month, day)


def _value(number: str) -> str:
    """Canonical value: « 3000 », « 4.2 »."""
    if "." in number:
        integer, decimals = number.split(".", 1)
        decimals = decimals.rstrip("0")
        return f"{int(integer)}.{decimals}" if decimals else str(int(integer))
    return str(int(number))


@dataclass
class Figures:
    numbers: set[str]
    dates: list[Date]
    written: dict[str, str]  # value -> as written (first occurrence), for messages

    def has_number(self, value: str) -> bool:
        if value in self.numbers:
            return True
        # The year or the day of a date the text gives counts as that number (not its month:
        # « 2e » is not February).
        return any(str(part) == value for date in self.dates for part in (date[0], date[2]) if part)

    def has_date(self, date: Date) -> bool:
        return any(
            all(w is None or w == h for w, h in zip(date, have, strict=True)) for have in self.dates
        )


def _dates(text: str) -> tuple[list[Date], list[tuple[int, int, str]]]:
    spans: list[tuple[int, int, str]] = []
    dates: list[Date] = []
    candidates = []
    for pattern in _DATES:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = groups.get("month")
            month_number = (
                int(month) if month and month.isdigit() else MONTHS.get(month.lower().rstrip("."))
            )
            day = int(groups["day"]) if groups.get("day") else None
            year = int(groups["year"]) if groups.get("year") else None
            if not month_number or not 1 <= month_number <= 12 or (day and not 1 <= day <= 31):
                continue
            candidates.append(
                (match.start(), match.end(), match.group(0), (year, month_number, day))
            )
    for start, end, raw, key in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]))):
        if any(start < s_end and end > s_start for s_start, s_end, _ in spans):
            continue
        spans.append((start, end, raw))
        dates.append(key)
    return dates, spans


def figures(text: str, lang: str, passage: bool = False) -> Figures:
    """Numbers and dates of a text written in `lang`'s notation.

    `passage`: a union text (French): an ambiguous « 1.500 » counts as both 1500 and 1.5.
    """
    dates, spans = _dates(text)
    masked = list(text)
    for start, end, _ in spans:
        masked[start:end] = " " * (end - start)
    rest = "".join(masked)
    numbers: set[str] = set()
    written: dict[str, str] = {}
    if lang != "fr":
        for match in _CLOCK.finditer(rest):
            hour = int(match.group("hour")) % 12 + (12 if match.group("half").lower() == "p" else 0)
            for value in filter(
                None, [str(hour), match.group("minute") and str(int(match.group("minute")))]
            ):
                numbers.add(value)
                written.setdefault(value, match.group(0))
        rest = _CLOCK.sub(lambda m: " " * len(m.group(0)), rest)
    pattern = _FRENCH_NUMBER if lang == "fr" else _ENGLISH_NUMBER
    for match in pattern.finditer(rest):
        raw = match.group("n")
        if lang == "fr":
            canonical = re.sub(r"[ \u00a0\u202f]", "", raw)
            if _AMBIGUOUS_POINT.match(canonical) and passage:
                numbers.add(_value(canonical))
            canonical = canonical.replace(".", "").replace(",", ".")
        else:
            canonical = raw.replace(",", "")
        value = _value(canonical)
        numbers.add(value)
        written.setdefault(value, match.group(0).strip())
    return Figures(numbers, dates, written)


_FRENCH_ORIGINAL = re.compile(r"«[^«»]*»")


def claim_figures(text: str, lang: str) -> list[tuple[str, str | Date]]:
    """What a claim states in digits, without repeats: [(as written, value or date)].

    On an English page, the French originals kept in « … » are read in French notation.
    """
    parts = [(text, lang)]
    if lang != "fr":
        originals = _FRENCH_ORIGINAL.findall(text)
        parts = [(_FRENCH_ORIGINAL.sub(" ", text), lang)] + [(o, "fr") for o in originals]
    items: list[tuple[str, str | Date]] = []
    seen: set = set()
    for part, part_lang in parts:
        found = figures(part, part_lang)
        dates, spans = _dates(part)
        for (_, _, raw), key in zip(spans, dates, strict=True):
            if key not in seen:
                seen.add(key)
                items.append((raw, key))
        for value in sorted(found.numbers, key=lambda v: part.find(found.written.get(v, v))):
            if value not in seen:
                seen.add(value)
                items.append((found.written.get(value, value), value))
    return items

"""The facts of a union text: numbers, dates, names and quotations, each an `Item`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalise import fold, words

KINDS = ("number", "date", "name", "quote")

MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fev": 2, "fevr": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>janv(?:ier)?|f[ée]v(?:r(?:ier)?)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:er|re)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_S = r"[ \u00a0\u202f]"
DATE_PATTERNS = [
    # 14 février 2025 · 1er avril · février 2025 · Fév. 2025
    re.compile(rf"(?<![\w,.]){_DAY}{_S}+{_MONTH}(?:{_S}+{_YEAR})?(?![\w])", re.IGNORECASE),
    re.compile(rf"(?<![\w,.]){_MONTH}{_S}+{_YEAR}(?!\w)", re.IGNORECASE),
    # 16/12/2025 · 14-02-2025 · 09/2025
    re.compile(r"(?<![\w/])(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)(?![\w/])"),
    re.compile(r"(?<![\w/])(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)(?![\w/])"),
    # 2025-02-14
    re.compile(
        r"(?<![\w-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)(?:-(?P<day>[0-3]\d))?(?![\w-])"
    ),
    # 3 10 2024 (a date typed with spaces) and « le 15 05 »
    re.compile(rf"(?<![\w,.]){_DAY}{_S}(?P<month>0?[1-9]|1[0-2]){_S}{_YEAR}(?![\w,.])"),
    re.compile(
        rf"(?<=\b(?:le|du|au){_S})(?P<day>[0-3]?\d){_S}(?P<month>0[1-9]|1[0-2])(?![\w,.]|{_S}\d)",
        re.IGNORECASE,
    ),
]
# « du 1er au 30 avril 2025 »: the first day takes the month and year of the second.
DATE_RANGE = re.compile(
    rf"(?<![\w,.])(?P<day>[0-3]?\d)(?:er|re)?{_S}+au{_S}+[0-3]?\d{_S}+{_MONTH}(?:{_S}+{_YEAR})?",
    re.IGNORECASE,
)

NUMBER = re.compile(
    r"(?<![\w,.])(?:\d{1,3}(?:(?:[ \u00a0\u202f]\d{3})+|(?:\.\d{3})+)(?![\d])(?:,\d+)?|\d+(?:[,.]\d+)?)"
    r"(?:er|re|e|ème|eme|h)?(?!\w)"
)
IDENTIFIER = re.compile(r"(?<![\w/])\d+/\d+(?![\w/])")
NUMBER_WORDS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "cent": 100, "mille": 1000, "tiers": "1/3", "quart": "1/4", "quarts": "1/4",
    "moitie": "1/2", "dizaine": "dizaine", "dizaines": "dizaine", "centaine": "centaine",
    "centaines": "centaine", "milliers": "milliers", "millions": "millions", "milliards": "milliards",
}  # fmt: skip
_NUMBER_WORD = re.compile(
    r"(?<![\w-])(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?![\w-])"
)

QUOTE = re.compile(r"«\s*(?P<a>[^«»]+?)\s*»|“(?P<b>[^“”]+?)”|\"(?P<c>[^\"\n]+?)\"")
# Capitalised words, acronyms and CamelCase (ChatGPT, xAI), joined by particles and
# ampersands into multi-word names (Théâtre de la Concorde, Renault/Ampere stays two).
_CAP = r"(?:[A-ZÀ-ÖØ-Þ](?:[\w-]|['’](?=[a-zà-ÿ]))*|[a-z]+[A-Z][\w-]*)"
_PARTICLE = r"(?:de|du|des|la|le|les|l'|l’|d'|d’|et|&)"
NAME = re.compile(
    rf"(?<![\w#@-]){_CAP}(?:(?:[ \u00a0]+{_PARTICLE})*[ \u00a0]*(?<=[ \u00a0'’]){_CAP})*"
)
_SENTENCE_START = re.compile(r"(?:^[\W_]*|[.!?:;…]\s+|[«\"“(\[]\s*)$")
# Function words and ordinary words that begin sentences: never names on their own.
_NOT_NAMES = {
    "a", "au", "aux", "ce", "ces", "cet", "cette", "c'est", "dans", "de", "des", "du", "elle",
    "elles", "en", "et", "il", "ils", "je", "la", "le", "les", "l", "leur", "mais", "ne", "nous",
    "on", "ou", "par", "pour", "qu", "que", "qui", "quel", "quelle", "quels", "quelles", "se",
    "si", "sur", "un", "une", "vous", "y", "ça", "ca", "or", "donc", "ainsi", "aussi",
    "j", "d", "n", "s", "m", "t", "c",
}  # fmt: skip


@dataclass(frozen=True)
class Item:
    kind: str  # number · date · name · quote
    text: str  # as written in the source
    key: tuple  # normalised value used for matching
    passage: str = ""

    def label(self) -> str:
        where = f"§ {self.passage[1:]}" if self.passage.startswith("p") else "—"
        return f"{where:>6}  {self.kind:<6}  « {self.text} »"


def _number_value(token: str) -> str | None:
    token = re.sub(r"(?:er|re|e|ème|eme|h)$", "", token)
    token = re.sub(r"[ \u00a0\u202f]", "", token)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):  # 300.000 (French thousands)
        token = token.replace(".", "")
    token = token.replace(",", ".")
    try:
        value = float(token)
    except ValueError:
        return None
    return f"{value:g}" if value != int(value) else str(int(value))


def _date_key(match: re.Match) -> tuple[int | None, int | None, int | None]:
    groups = match.groupdict()

    def number(name: str) -> int | None:
        value = groups.get(name)
        if not value:
            return None
        if name == "month" and not value.isdigit():
            return MONTHS.get(fold(value).rstrip("."))
        return int(value)

    return (number("year"), number("month"), number("day"))


def _valid(key: tuple[int | None, int | None, int | None]) -> bool:
    year, month, day = key
    return month is not None and 1 <= month <= 12 and (day is None or 1 <= day <= 31)


def find_dates(text: str) -> list[tuple[int, int, str, tuple]]:
    """(start, end, text, (year, month, day)) of every date, longest match first, no overlaps."""
    found: list[tuple[int, int, str, tuple]] = []
    taken: list[tuple[int, int]] = []
    candidates: list[tuple[int, int, str, tuple]] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            key = _date_key(match)
            if _valid(key):
                candidates.append((match.start(), match.end(), match.group(0), key))
    for match in DATE_RANGE.finditer(text):
        key = (
            int(match.group("year")) if match.group("year") else None,
            MONTHS.get(fold(match.group("month")).rstrip(".")),
            int(match.group("day")),
        )
        if _valid(key):
            end = match.start() + len(match.group("day"))
            candidates.append((match.start(), end, match.group(0), key))
    for start, end, raw, key in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]))):
        if any(start < t_end and end > t_start for t_start, t_end in taken):
            continue
        taken.append((start, end))
        found.append((start, end, raw, key))
    return found


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            chars[i] = " " if chars[i] != "\n" else "\n"
    return "".join(chars)


def numbers_in(text: str) -> set[str]:
    """Normalised values of the numbers and number words of a text (dates excluded)."""
    masked = _mask(text, [(s, e) for s, e, _, _ in find_dates(text)])
    identifiers = list(IDENTIFIER.finditer(masked))
    values = {match.group(0) for match in identifiers}
    masked = _mask(masked, [match.span() for match in identifiers])
    for match in NUMBER.finditer(masked):
        value = _number_value(match.group(0))
        if value is not None:
            values.add(value)
    for match in _NUMBER_WORD.finditer(fold(masked)):
        word_value = NUMBER_WORDS[match.group(1)]
        values.add(str(word_value))
    return values


def dates_in(text: str) -> set[tuple]:
    return {key for _, _, _, key in find_dates(text)}


def extract_items(text: str, passage: str = "", vocabulary: Vocabulary | None = None) -> list[Item]:
    """Every number, date, name and quotation of a passage of a union text."""
    items: list[Item] = []
    dates = find_dates(text)
    for _, _, raw, key in dates:
        items.append(Item("date", raw.strip(), ("date", *key), passage))
    masked = _mask(text, [(s, e) for s, e, _, _ in dates])
    identifiers = list(IDENTIFIER.finditer(masked))
    for match in identifiers:
        items.append(Item("number", match.group(0), ("number", match.group(0)), passage))
    masked = _mask(masked, [m.span() for m in identifiers])
    for match in NUMBER.finditer(masked):
        value = _number_value(match.group(0))
        if value is not None:
            items.append(Item("number", match.group(0).strip(), ("number", value), passage))
    for match in _NUMBER_WORD.finditer(fold(masked)):
        # fold() keeps offsets only for accent-free text; report the folded word.
        items.append(
            Item("number", match.group(1), ("number", str(NUMBER_WORDS[match.group(1)])), passage)
        )
    for match in QUOTE.finditer(text):
        quoted = (match.group("a") or match.group("b") or match.group("c")).strip()
        if words(quoted):
            items.append(Item("quote", quoted, ("quote", *words(quoted)), passage))
    items.extend(_names(text, passage, vocabulary or Vocabulary.of([text])))
    return unique_items(items)


def _mostly_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.6


@dataclass
class Vocabulary:
    """How the texts write their words: a capitalised word that starts a sentence is a name only
    if the texts never write it in lower case and do capitalise it inside a sentence."""

    lower: set[str] = field(default_factory=set)
    capitalised_inside: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, texts: list[str]) -> Vocabulary:
        vocabulary = cls()
        for text in texts:
            for word in re.findall(r"(?<!\w)[a-zà-öø-ÿœæ][a-zà-öø-ÿœæ-]*(?!\w)", text):
                vocabulary.lower.update(words(word))
            for line in text.split("\n"):
                for match in re.finditer(_CAP, line):
                    if not _SENTENCE_START.search(line[: match.start()]):
                        vocabulary.capitalised_inside.update(words(match.group(0)))
        return vocabulary

    def is_name(self, word: str) -> bool:
        return word not in self.lower and word in self.capitalised_inside


_TRAILING_PARTICLES = re.compile(
    r"(?:[ \u00a0]+(?:"
    + "|".join(sorted(_NOT_NAMES, key=len, reverse=True))
    + r"|Les|Le|La|On))+$",
    re.IGNORECASE,
)


_LEADING_PARTICLES = re.compile(
    r"^(?:(?:la|le|les|de|du|des|et|&)[ \u00a0]+|(?:[ldjnsc]|qu)['’])+", re.IGNORECASE
)
NAME_START = re.compile(r"[A-ZÀ-ÖØ-Þ]|[a-z]+[A-Z]")


def _names(text: str, passage: str, vocabulary: Vocabulary) -> list[Item]:
    items = []
    for line in text.split("\n"):
        if _mostly_upper(line):
            continue  # a heading in capitals: its words are not names (dates and numbers still count)
        for match in NAME.finditer(line):
            name = _TRAILING_PARTICLES.sub("", match.group(0).strip(" '’-"))
            at_start = bool(_SENTENCE_START.search(line[: match.start()]))
            if _LEADING_PARTICLES.match(name):
                name = _LEADING_PARTICLES.sub("", name)
                at_start = False  # « La Poste », « Le Défenseur »: capitalised after an article
            tokens = words(name)
            special = re.fullmatch(r"[A-Z0-9]{2,}|\w*[a-z][A-Z]\w*", name)
            if (
                at_start
                and tokens
                and tokens[0] in vocabulary.lower
                and (len(tokens) > 1 or not special)
            ):
                # « Puces Grenoble », « Rumeurs »: an ordinary word starts the sentence.
                following = re.search(r"[ '’](?=[A-ZÀ-ÖØ-Þ])", name[1:])
                name = _LEADING_PARTICLES.sub("", name[following.end() + 1 :] if following else "")
                tokens = words(name)
                special = re.fullmatch(r"[A-Z0-9]{2,}|\w*[a-z][A-Z]\w*", name)
                at_start = False
            if not tokens or not NAME_START.match(name) or tokens[0] in _NOT_NAMES:
                continue
            if len(tokens) == 1:
                if len(tokens[0]) < 2 or (name.isupper() and tokens[0] in vocabulary.lower):
                    continue  # « POURTANT », « PAS »: emphasis, not an acronym
                if at_start and not special and not vocabulary.is_name(tokens[0]):
                    continue  # an ordinary word that starts a sentence or a line
            items.append(Item("name", name, ("name", *tokens), passage))
    return items


def unique_items(items: list[Item]) -> list[Item]:
    seen: set[tuple] = set()
    unique = []
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            unique.append(item)
    return unique

"""What a reader learns from a claim (its text and the references it cites), and whether it
carries a fact of the text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..claims.bibliography import Reference
from ..claims.scan import Claim
from .items import NAME_START, Item, dates_in, numbers_in
from .normalise import contains, words

_REFERENCE_FIELDS_SKIPPED = {"sourcepage", "langid", "url", "note_en", "doi"}


@dataclass
class ClaimText:
    """What a reader learns from a claim: its text and the references it cites."""

    claim: Claim
    text: str
    words: list[str] = field(default_factory=list)
    numbers: set[str] = field(default_factory=set)
    dates: set[tuple] = field(default_factory=set)

    @classmethod
    def of(cls, claim: Claim, text: str, references: list[Reference]) -> ClaimText:
        cited = [
            value
            for reference in references
            for name, value in reference.fields.items()
            if name.lower() not in _REFERENCE_FIELDS_SKIPPED
            # A union text's note lists its own events: they need claims of their own.
            and not (reference.source_page and name.lower() == "note")
        ] + [author for reference in references for author in reference.authors]
        full = "\n".join([text, *cited])
        dates = dates_in(full)
        if claim.attrs.get("date"):
            parts = [int(p) for p in claim.attrs["date"].split("-")]
            dates.add(tuple(parts + [None] * (3 - len(parts))))
        return cls(claim, full, words(full), numbers_in(full), dates)


def _date_matches(wanted: tuple, have: tuple) -> bool:
    return all(w is None or w == h for w, h in zip(wanted, have, strict=True))


def _number_matches(value: str, claim: ClaimText) -> bool:
    if value in claim.numbers:
        return True
    if re.fullmatch(r"(?:19|20)\d\d", value):  # a year: also any date of that year
        return any(year == int(value) for year, _, _ in claim.dates)
    return False


def covered_by(item: Item, claim: ClaimText) -> bool:
    kind, *key = item.key
    if kind == "date":
        return any(_date_matches(tuple(key), have) for have in claim.dates)
    if kind == "number":
        return _number_matches(key[0], claim)
    if kind == "name":
        return _name_in(key, claim) or all(_name_in(part, claim) for part in _name_parts(item.text))
    return False


def _name_in(tokens: list[str], claim: ClaimText) -> bool:
    if contains(claim.words, tokens):
        return True
    joined = "".join(tokens)
    # « SUDCT » = « SUD CT »: only for names long enough to be specific.
    return len(joined) >= 5 and joined in "".join(claim.words)


def _name_parts(name: str) -> list[list[str]]:
    """« Eurêka de Montpellier et Castlenau-le-lez » -> eureka · montpellier · castlenaulelez."""
    parts = re.split(r"[ \u00a0]+(?:(?:de|du|des|la|le|les|et|&)[ \u00a0]+)*|['’]", name)
    return [words(part) for part in parts if part and NAME_START.match(part)] or [words(name)]


QUOTE_SHINGLE = 4  # words
QUOTE_SHARE = 0.85  # share of a long quotation's words that claims must carry


def quote_covered(item: Item, claims: list[ClaimText]) -> bool:
    """A short quotation must appear whole in one claim; a long one may be split over several."""
    quoted = list(item.key[1:])
    if len(quoted) <= QUOTE_SHINGLE * 2:
        return any(contains(claim.words, quoted) for claim in claims)
    covered = [False] * len(quoted)
    grams = {
        tuple(claim.words[i : i + QUOTE_SHINGLE])
        for claim in claims
        for i in range(len(claim.words) - QUOTE_SHINGLE + 1)
    }
    for i in range(len(quoted) - QUOTE_SHINGLE + 1):
        if tuple(quoted[i : i + QUOTE_SHINGLE]) in grams:
            for j in range(i, i + QUOTE_SHINGLE):
                covered[j] = True
    return sum(covered) / len(quoted) >= QUOTE_SHARE

"""Passage locators: `§ 12`, `§ 56–57`, `§ 5, 27`, `§ 5–7, 27` (passages of a union text).

A citation's locator names the numbered passages of the text's source page a claim rests on.
The « lire dans le texte » link goes to the first passage; the source page highlights them all
(`?passages=56-57,60#p56`: the fragment works without JavaScript, the query tells the page's
script which other passages to highlight). The short form on the page is « § 56–57 ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A locator that starts with § is a passage locator and must parse; any other locator
# (« p. 3 », « art. 5 ») is shown as written.
PASSAGE_SIGN = re.compile(r"^§")
_ITEM = re.compile(r"^(?P<first>\d+)(?:\s*[-–‑]\s*(?P<last>\d+))?$")


class LocatorError(ValueError):
    """A `§` locator that does not name passages (the message says how to write one)."""


@dataclass(frozen=True)
class Passages:
    """The passages a locator names, as ranges in the order written."""

    ranges: tuple[tuple[int, int], ...]

    @property
    def first(self) -> int:
        return self.ranges[0][0]

    @property
    def numbers(self) -> tuple[int, ...]:
        """Every passage named, in the order written, without repeats."""
        return tuple(
            dict.fromkeys(n for first, last in self.ranges for n in range(first, last + 1))
        )

    @property
    def last(self) -> int:
        return max(last for _, last in self.ranges)

    def short(self) -> str:
        """« § 56–57 », « § 5, 27 »."""
        return "§ " + ", ".join(
            str(first) if first == last else f"{first}–{last}" for first, last in self.ranges
        )

    def query(self) -> str:
        """`56-57,60`: the passages to highlight, for the source page's script."""
        return ",".join(
            str(first) if first == last else f"{first}-{last}" for first, last in self.ranges
        )

    @property
    def is_single(self) -> bool:
        return len(self.ranges) == 1 and self.ranges[0][0] == self.ranges[0][1]


def parse_passages(locator: str | None) -> Passages | None:
    """The passages of a `§` locator; None for no locator or another kind of locator.

    Raises LocatorError for a `§` locator that does not parse, a passage 0, a range that
    runs backwards or a passage named twice.
    """
    if not locator or not PASSAGE_SIGN.match(locator):
        return None
    body = locator[1:].strip()
    ranges: list[tuple[int, int]] = []
    for item in body.split(","):
        match = _ITEM.match(item.strip())
        if not match:
            raise LocatorError(
                f"passage locator {locator!r} does not parse: write § 12, § 56–57 or § 5, 27"
            )
        first = int(match.group("first"))
        last = int(match.group("last") or first)
        if first < 1 or last < first:
            raise LocatorError(
                f"passage locator {locator!r}: a range runs from a passage to a later one "
                "(§ 56–57), and passages are numbered from 1"
            )
        ranges.append((first, last))
    passages = Passages(tuple(ranges))
    if sum(last - first + 1 for first, last in ranges) != len(passages.numbers):
        raise LocatorError(f"passage locator {locator!r} names a passage twice")
    return passages

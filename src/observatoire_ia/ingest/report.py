"""The command's report: what was written, what was removed, what the author must check.

Removed phone numbers and e-mail addresses are listed here, on the terminal, so that the
author can check that nothing else was taken; they are never written to a file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .contacts import Contact
from .model import Removal

RULE_ORDER = (
    "page number",
    "running header/footer",
    "hyphen at a line end",
    "paragraph cut by a page break",
    "repeated block",
)


@dataclass
class Summary:
    source: str
    format: str
    pages: int
    written: list[str]
    passages: list[tuple[int, str, str]]  # (number, kind, first words)
    removals: list[Removal]
    contacts: list[tuple[str, Contact]]  # (where, contact)
    fields: list[tuple[str, str, str]]  # (field, value, where it comes from / what to check)
    notes: list[str] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)


def _short(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _places(wheres: list[str]) -> str:
    """« § 3, removed running header/footer, pages 1, 2 »."""
    pages: dict[str, list[str]] = defaultdict(list)
    for where in dict.fromkeys(wheres):
        place, _, page = where.partition(", page ")
        pages[place].append(page)
    return "; ".join(
        place
        + (f", page{'s' if len(numbers) > 1 else ''} {', '.join(numbers)}" if numbers[0] else "")
        for place, numbers in pages.items()
    )


def render(summary: Summary) -> str:
    out = [f"make source: {summary.source} ({summary.format}, {summary.pages} page(s))", ""]
    out.append("Written:")
    out += [f"  {line}" for line in summary.written]
    kinds = defaultdict(int)
    for _, kind, _ in summary.passages:
        kinds[kind] += 1
    detail = ", ".join(f"{count} {kind}(s)" for kind, count in sorted(kinds.items()))
    out += ["", f"Passages: {len(summary.passages)} (§ 1 to § {len(summary.passages)}: {detail})"]
    out += ["", "Layout noise removed (check each against the document):"]
    if not summary.removals:
        out.append("  nothing")
    by_rule: dict[str, list[Removal]] = defaultdict(list)
    for removal in summary.removals:
        by_rule[removal.rule].append(removal)
    for rule in [r for r in RULE_ORDER if r in by_rule] + [
        r for r in by_rule if r not in RULE_ORDER
    ]:
        out.append(f"  {rule} ({len(by_rule[rule])}):")
        grouped: dict[str, list[int]] = defaultdict(list)
        for removal in by_rule[rule]:
            grouped[_short(removal.text, 14)].append(removal.page or 0)
        for text, pages in grouped.items():
            where = ", ".join(str(p) for p in sorted(set(pages)) if p)
            out.append(f"    {text}" + (f" (page {where})" if where else ""))
    for note in summary.notes:
        out.append(f"  {note}")
    out += ["", "Contact details removed (listed here only, never written to a file):"]
    if not summary.contacts:
        out.append("  none found")
    places: dict[Contact, list[str]] = defaultdict(list)
    for where, contact in summary.contacts:
        places[contact].append(where)
    for contact, wheres in places.items():
        out.append(f"  {contact.kind} {contact.value} ({_places(wheres)})")
    out += ["", "Check against the document (bibliography.bib, source page, Organisations):"]
    width = max((len(name) for name, _, _ in summary.fields), default=0)
    for name, value, origin in summary.fields:
        out.append(f"  {name:<{width}} = {value}  <- {origin}")
    out += ["", "Coverage to-do: no claim cites these passages yet:"]
    out += [f"  § {number} {_short(text)}" for number, _, text in summary.passages]
    if summary.todo:
        out += ["", "Next steps (see « Ajouter un texte syndical » in docs/fr/a-propos/):"]
        out += [f"  {index}. {step}" for index, step in enumerate(summary.todo, start=1)]
    return "\n".join(out) + "\n"

"""Coverage by passage: every passage of every union text is carried by a claim or excluded.

A passage is *cited* when some claim (French or English) names it in a locator of the text
(`[@Key, § 56–57]` cites § 56 and § 57); *excluded* when the reviewed exclusions file
(`sourcing/passage-exclusions.yml`) lists it with a reason (a layout line, a heading, a
speaker's name, a repetition of an earlier passage); *missing* otherwise: the text says
something no claim of the site carries yet.

    ContreSommetIA2025Humanisme:
      - passages: "§ 1"
        reason: "the report's title line (the claims cite the date and place of § 2)"

The exclusions file is checked: an unknown text, a passage the text does not have, a passage
that claims cite anyway (no longer an exclusion), or an entry without a reason is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .claims.locators import LocatorError, parse_passages
from .claims.passages import SourceText
from .claims.registry import ClaimRegistry


@dataclass
class PassageExclusion:
    key: str
    numbers: tuple[int, ...]
    reason: str
    line: int


@dataclass
class TextPassages:
    key: str
    source: str  # docs/fr/sources/x.md
    total: int
    cited: dict[int, list[str]] = field(default_factory=dict)  # passage -> claim ids
    excluded: dict[int, str] = field(default_factory=dict)  # passage -> reason
    missing: list[int] = field(default_factory=list)


@dataclass
class PassageReport:
    texts: list[TextPassages]
    problems: list[str]  # errors of the exclusions file

    @property
    def missing_count(self) -> int:
        return sum(len(text.missing) for text in self.texts)

    def render(self, sources: dict[str, SourceText] | None = None, excerpt: int = 90) -> str:
        out = []
        for text in self.texts:
            out.append(
                f"{text.key} — {text.source}: {text.total} passages, {len(text.cited)} cited, "
                f"{len(text.excluded)} excluded, {len(text.missing)} missing"
            )
            for number in text.missing:
                shown = ""
                if sources and text.key in sources:
                    shown = " ".join(sources[text.key].passages[number].split())[:excerpt]
                out.append(f"    missing § {number}  {shown}")
        out.extend(f"error: {problem}" for problem in self.problems)
        out.append(
            "passages: every passage of every text is cited by a claim or excluded with a reason"
            if not self.missing_count and not self.problems
            else f"passages: {self.missing_count} missing: write the claims they call for "
            "(or exclude layout lines, headings and names, with a reason)"
        )
        return "\n".join(out)


def load_passage_exclusions(path: Path, shown: str) -> tuple[list[PassageExclusion], list[str]]:
    """(exclusions, errors) of the exclusions file; a missing file excludes nothing."""
    if not path.is_file():
        return [], []
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    data = yaml.safe_load(text) or {}
    exclusions: list[PassageExclusion] = []
    errors: list[str] = []
    if not isinstance(data, dict):
        return [], [f"{shown}:1: must map bibliography keys to lists of {{passages, reason}}"]
    for key, entries in data.items():
        for entry in entries or []:
            locator = str(entry.get("passages", "")) if isinstance(entry, dict) else ""
            reason = str(entry.get("reason") or "").strip() if isinstance(entry, dict) else ""
            line = next((n for n, row in enumerate(lines, 1) if locator and locator in row), 1)
            try:
                passages = parse_passages(locator)
            except LocatorError as error:
                errors.append(f"{shown}:{line}: {key}: {error}")
                continue
            if passages is None or not reason:
                errors.append(
                    f'{shown}:{line}: {key}: each entry needs `passages: "§ N"` (or a range) '
                    "and a `reason`"
                )
                continue
            exclusions.append(PassageExclusion(str(key), passages.numbers, reason, line))
    return exclusions, errors


def passage_coverage(
    registry: ClaimRegistry,
    sources: dict[str, SourceText],
    exclusions: list[PassageExclusion],
    exclusions_shown: str = "sourcing/passage-exclusions.yml",
    problems: list[str] | None = None,
) -> PassageReport:
    """Per union text: passages cited by claims, excluded with a reason, and missing."""
    problems = list(problems or [])
    texts: dict[str, TextPassages] = {
        key: TextPassages(key, source.shown, len(source.passages))
        for key, source in sources.items()
    }
    for lang in registry.languages:
        for claim in registry.claims(lang):
            for citation in claim.citations:
                text = texts.get(citation.key)
                passages = citation.passages
                if text is None or passages is None:
                    continue
                for number in passages.numbers:
                    if number in sources[citation.key].passages:
                        ids = text.cited.setdefault(number, [])
                        if claim.id not in ids:
                            ids.append(claim.id)
    for exclusion in exclusions:
        text = texts.get(exclusion.key)
        where = f"{exclusions_shown}:{exclusion.line}"
        if text is None:
            problems.append(f"{where}: {exclusion.key} is not a union text (no sourcepage)")
            continue
        for number in exclusion.numbers:
            if number not in sources[exclusion.key].passages:
                problems.append(f"{where}: {exclusion.key} has no passage § {number}")
            elif number in text.cited:
                problems.append(
                    f"{where}: {exclusion.key} § {number} is cited by "
                    f"{', '.join(text.cited[number][:3])}: remove it from the exclusions"
                )
            else:
                text.excluded[number] = exclusion.reason
    for key, text in texts.items():
        text.missing = [
            n
            for n in sorted(sources[key].passages)
            if n not in text.cited and n not in text.excluded
        ]
    return PassageReport(list(texts.values()), problems)

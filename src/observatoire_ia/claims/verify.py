"""The verifier: each claim that cites a union text is checked against the passages it cites.

For every claim (French and English) whose citations name passages of a union text
(`[@Key, § 56–57]`, a bibliography entry with a `sourcepage`):

- every quotation (« … », “ … ” on French pages; on English pages the French original kept
  in « … » beside a translation) is in the cited passages word for word (figures.words: case,
  punctuation, typographic spaces, line breaks and inclusive-writing dots ignored); cuts
  marked « […] » or « … » and words the site adds in square brackets are allowed;
- every figure written in digits (number, percentage, amount, date), read in the notation of
  the page's language, is in the cited passages, or is the date of the cited document itself
  as its bibliography entry gives it (« au CST du 20 mars 2025 »);
- a claim naming a speaker of a text that gives speakers (`data-speaker` on its source page)
  cites only passages of that speaker;
- every passage named exists: a locator past the last passage is an error;
- a union text is always cited with a passage locator.

Each error names file:line, the claim id, what was not found and where the same words or
figure do occur (the likely right locator). A claim may be excused only in the reviewed
exceptions file, with one reason per claim; the build reports how many.

What it cannot check: that a paraphrase without quotation marks says what the text says.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..cache_files import code_digest
from ..display_paths import display_path
from ..errors import LocatedError, Location
from .figures import (
    FRENCH_MARKS,
    ORIGINAL_MARKS,
    Figures,
    claim_figures,
    figures,
    find,
    folded,
    quotations,
    words,
)
from .passages import SourceText, source_page_path
from .registry import ClaimRegistry
from .scan import Claim

EXCEPTIONS_HELP = (
    "each entry is `- claim: <id>` with a `reason:` a reviewer can check "
    "(and optionally `lang: fr|en`)"
)


@dataclass(frozen=True)
class VerificationException:
    claim: str
    reason: str
    line: int
    lang: str | None = None


@dataclass
class Verification:
    errors: list[LocatedError] = field(default_factory=list)
    claims: int = 0
    quotations: int = 0
    figures: int = 0
    excused: list[VerificationException] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"verifier: {self.claims} claim(s) citing union texts, {self.quotations} quotation(s) "
            f"and {self.figures} figure(s) checked against their passages; "
            f"{len(self.excused)} exception(s)"
        )


def load_exceptions(path: Path, shown: str) -> list[VerificationException]:
    """The reviewed exceptions file: a YAML list of {claim, reason[, lang]}; missing file = none."""
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text) or []
    lines = text.split("\n")
    if not isinstance(data, list):
        raise_at = Location(shown, 1)
        raise ExceptionsFileError([LocatedError(raise_at, f"must be a list: {EXCEPTIONS_HELP}")])
    exceptions, errors = [], []
    for entry in data:
        claim = entry.get("claim") if isinstance(entry, dict) else None
        line = next((n for n, row in enumerate(lines, 1) if claim and f"claim: {claim}" in row), 1)
        unknown = set(entry) - {"claim", "reason", "lang"} if isinstance(entry, dict) else set()
        reason = str(entry.get("reason") or "").strip() if isinstance(entry, dict) else ""
        if not claim or not reason or unknown:
            errors.append(
                LocatedError(Location(shown, line), f"bad exception {entry!r}: {EXCEPTIONS_HELP}")
            )
            continue
        exceptions.append(VerificationException(str(claim), reason, line, entry.get("lang")))
    if errors:
        raise ExceptionsFileError(errors)
    return exceptions


class ExceptionsFileError(Exception):
    def __init__(self, errors: list[LocatedError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def load_sources(registry: ClaimRegistry, docs_dir: Path, root: Path) -> dict[str, SourceText]:
    """Every union text's French source page, parsed once (key -> SourceText)."""
    sources: dict[str, SourceText] = {}
    for key, reference in registry.bibliography.references.items():
        if not reference.source_page:
            continue
        path = source_page_path(docs_dir, "fr", reference.source_page)
        if not path.is_file():
            continue  # MkDocs' link validation reports the missing page
        shown = display_path(path, root)
        sources[key] = SourceText.parse(key, path, shown, path.read_text(encoding="utf-8"))
    return sources


class _Words:
    """Word lists of passages, computed once per text."""

    def __init__(self, sources: dict[str, SourceText]) -> None:
        self.sources = sources
        self._words: dict[tuple[str, int], list[str]] = {}
        self._figures: dict[tuple[str, int], Figures] = {}

    def words(self, key: str, number: int) -> list[str]:
        if (key, number) not in self._words:
            self._words[(key, number)] = words(self.sources[key].passages[number])
        return self._words[(key, number)]

    def figures(self, key: str, number: int) -> Figures:
        if (key, number) not in self._figures:
            self._figures[(key, number)] = figures(
                self.sources[key].passages[number], "fr", passage=True
            )
        return self._figures[(key, number)]


# The verifier's code: a change to it (or to what it reads claims with) checks every claim again.
_CODE = hashlib.sha256(
    code_digest(Path(__file__).parent).encode()  # the claims package and what it imports
    + sys.version.encode()  # its Unicode tables read the words
).hexdigest()


class _Passed:
    """Claims that verified without error, by a key of all the check reads (the claim's
    Markdown and language, the cited texts' passages and speakers, their dates, this code),
    with their counts, kept in `.cache/verify`: ten thousand claims a language are not
    checked again until one of these changes. Claims with errors are never kept: their
    errors are always found afresh."""

    def __init__(self, cache_dir: Path | None, registry: ClaimRegistry, sources) -> None:
        self.path = cache_dir / f"{_CODE[:16]}.json" if cache_dir else None
        self.registry = registry
        self.texts = {key: _source_digest(source) for key, source in sources.items()}
        self.known: dict[str, list[int]] = {}
        if self.path is not None and self.path.is_file():
            try:
                self.known = json.loads(self.path.read_text(encoding="utf-8"))
            except ValueError:
                self.known = {}
        self.seen: dict[str, list[int]] = {}

    def key(self, claim: Claim) -> str:
        digest = hashlib.sha256(f"{claim.lang}\0{claim.id}\0{claim.markdown}\0".encode())
        for key in dict.fromkeys(claim.keys):
            if key in self.texts:
                reference = self.registry.bibliography[key]
                dated = (reference.year, reference.month, reference.day)
                digest.update(f"{key}\0{self.texts[key]}\0{dated}\0".encode())
        return digest.hexdigest()

    def save(self) -> None:
        """The claims that passed this time (those of claims gone or changed are dropped)."""
        if self.path is None or self.seen == self.known:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for old in self.path.parent.glob("*.json"):
            old.unlink(missing_ok=True)  # another version of the code
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.seen, sort_keys=True), encoding="utf-8")
        temporary.replace(self.path)


def _source_digest(source: SourceText) -> str:
    return hashlib.sha256(repr((source.passages, source.speakers)).encode("utf-8")).hexdigest()


def verify(
    registry: ClaimRegistry,
    sources: dict[str, SourceText],
    exceptions: Iterable[VerificationException] = (),
    exceptions_shown: str = "exceptions file",
    cache_dir: Path | None = None,
) -> Verification:
    """Check every claim citing a union text; errors of excused claims are not reported.
    With `cache_dir`, claims that verified before, unchanged, are not checked again."""
    result = Verification()
    cache = _Words(sources)
    passed = _Passed(cache_dir, registry, sources)
    excused = {(e.claim, e.lang): e for e in exceptions}
    used: set[VerificationException] = set()
    for lang in registry.languages:
        for claim in registry.claims(lang):
            if registry.is_pending(lang, claim.page):
                continue  # the original's claims, shown untranslated: verified in its language
            key = passed.key(claim)
            counts = passed.known.get(key)
            if counts is not None:
                passed.seen[key] = counts
                result.claims += counts[0]
                result.quotations += counts[1]
                result.figures += counts[2]
                continue
            before = (result.claims, result.quotations, result.figures)
            where = Location(registry.page_scan(lang, claim.page).path, claim.line)
            errors = _check_claim(claim, where, registry, sources, cache, result)
            if not errors:
                after = (result.claims, result.quotations, result.figures)
                passed.seen[key] = [a - b for a, b in zip(after, before, strict=True)]
                continue
            exception = excused.get((claim.id, lang)) or excused.get((claim.id, None))
            if exception:
                used.add(exception)
                continue
            result.errors.extend(errors)
    passed.save()
    for exception in excused.values():
        if exception in used:
            result.excused.append(exception)
        else:
            result.errors.append(
                LocatedError(
                    Location(exceptions_shown, exception.line),
                    f"exception for claim {exception.claim!r} is not needed any more "
                    "(the claim verifies or does not exist): remove it",
                )
            )
    return result


def _check_claim(
    claim: Claim,
    where: Location,
    registry: ClaimRegistry,
    sources: dict[str, SourceText],
    cache: _Words,
    result: Verification,
) -> list[LocatedError]:
    cited, errors = _cited_passages(claim, where, sources)
    if not cited:
        return errors
    result.claims += 1
    text = registry.plain_text(claim)
    errors += _check_quotations(claim, where, text, cited, sources, cache, result)
    errors += _check_figures(claim, where, text, cited, sources, cache, registry, result)
    errors.extend(_check_speakers(claim, where, text, cited, sources))
    return errors


def _cited_passages(
    claim: Claim, where: Location, sources: dict[str, SourceText]
) -> tuple[list[tuple[str, int]], list[LocatedError]]:
    """(key, passage) of the union texts the claim cites, in the order cited, and the errors
    of its locators (missing, or naming passages the text does not have)."""
    errors: list[LocatedError] = []
    cited: list[tuple[str, int]] = []
    for citation in claim.citations:
        source = sources.get(citation.key)
        if source is None:
            continue
        passages = citation.passages
        if passages is None:
            errors.append(
                LocatedError(
                    Location(where.path, citation.line),
                    f"claim {claim.id!r}: [@{citation.key}] cites a union text without saying "
                    f"where: add the passages, e.g. [@{citation.key}, § 12] (see {source.shown})",
                )
            )
            continue
        for number in passages.numbers:
            if number not in source.passages:
                beyond = number > source.last
                errors.append(
                    LocatedError(
                        Location(where.path, citation.line),
                        f"claim {claim.id!r}: [@{citation.key}, {citation.locator}]: "
                        + (
                            f"§ {number} is past the end of the text (its last passage is "
                            f"§ {source.last}, {source.shown})"
                            if beyond
                            else f"{source.shown} has no passage § {number}"
                        ),
                    )
                )
            elif (citation.key, number) not in cited:
                cited.append((citation.key, number))
    return cited, errors


def _check_quotations(
    claim: Claim,
    where: Location,
    text: str,
    cited: list[tuple[str, int]],
    sources: dict[str, SourceText],
    cache: _Words,
    result: Verification,
) -> list[LocatedError]:
    """Each quotation of the claim, word for word in its cited passages."""
    errors: list[LocatedError] = []
    haystack = [word for key, number in cited for word in cache.words(key, number)]
    marks = FRENCH_MARKS if claim.lang == "fr" else ORIGINAL_MARKS
    for quotation in quotations(text, marks):
        result.quotations += 1
        for segment in quotation.segments:
            if not find(haystack, segment):
                errors.append(
                    LocatedError(
                        where,
                        f"claim {claim.id!r}: quotation « {_plain(quotation.text)} » is not in "
                        f"{_cited_label(cited)}"
                        + (
                            f" (not found: « {' '.join(segment)} »)"
                            if len(quotation.segments) > 1
                            else ""
                        )
                        + _found_elsewhere(
                            lambda key, n, seg=segment: find(cache.words(key, n), seg),
                            cited,
                            sources,
                            lambda key, run, seg=segment: find(
                                [w for n in run for w in cache.words(key, n)], seg
                            ),
                        ),
                    )
                )
                break
    return errors


def _check_figures(
    claim: Claim,
    where: Location,
    text: str,
    cited: list[tuple[str, int]],
    sources: dict[str, SourceText],
    cache: _Words,
    registry: ClaimRegistry,
    result: Verification,
) -> list[LocatedError]:
    """Each figure of the claim in its cited passages (a date may be the document's own)."""
    errors: list[LocatedError] = []
    document_dates = Figures(set(), [], {})
    for key in dict.fromkeys(key for key, _ in cited):
        reference = registry.bibliography[key]
        if reference.year:
            document_dates.dates.append((reference.year, reference.month, reference.day))
    for written, value in claim_figures(text, claim.lang):
        result.figures += 1
        if isinstance(value, tuple):
            present = lambda key, n, v=value: cache.figures(key, n).has_date(v)  # noqa: E731
            dated = document_dates.has_date(value)
        else:
            present = lambda key, n, v=value: cache.figures(key, n).has_number(v)  # noqa: E731
            dated = document_dates.has_number(value)
        if not dated and not any(present(key, number) for key, number in cited):
            errors.append(
                LocatedError(
                    where,
                    f"claim {claim.id!r}: figure « {_plain(written)} » is not in {_cited_label(cited)}"
                    + _found_elsewhere(present, cited, sources),
                )
            )
    return errors


def _check_speakers(
    claim: Claim,
    where: Location,
    text: str,
    cited: list[tuple[str, int]],
    sources: dict[str, SourceText],
) -> list[LocatedError]:
    errors: list[LocatedError] = []
    claim_words = folded(text)
    for key in dict.fromkeys(key for key, _ in cited):
        source = sources[key]
        named = [name for name in source.speaker_names if find(claim_words, folded(name))]
        if not named:
            continue
        for cited_key, number in cited:
            if cited_key != key:
                continue
            speaker = source.speakers.get(number)
            if speaker in named:
                continue
            theirs = [n for n, s in source.speakers.items() if s in named]
            errors.append(
                LocatedError(
                    where,
                    f"claim {claim.id!r} names {', '.join(named)} but cites § {number} of "
                    f"{key}, "
                    + (
                        f"which is {speaker}'s"
                        if speaker
                        else "which the document does not attribute to a speaker"
                    )
                    + f" ({source.shown}); "
                    + (
                        f"{' and '.join(named)}: {_ranges(theirs)}"
                        if theirs
                        else "cite that speaker's passages"
                    )
                    + " (or do not name a speaker for these words)",
                )
            )
    return errors


def _plain(text: str) -> str:
    """As the author typed it: the no-break spaces French typography adds become spaces."""
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def _cited_label(cited: list[tuple[str, int]]) -> str:
    by_key: dict[str, list[int]] = {}
    for key, number in cited:
        by_key.setdefault(key, []).append(number)
    return "; ".join(f"{key} {_ranges(numbers)}" for key, numbers in by_key.items())


def _ranges(numbers: list[int]) -> str:
    """[5, 6, 7, 9] -> « § 5–7, 9 »."""
    numbers = sorted(set(numbers))
    parts: list[str] = []
    start = previous = numbers[0]
    for number in numbers[1:] + [None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(str(start) if start == previous else f"{start}–{previous}")
        if number is not None:
            start = previous = number
    return "§ " + ", ".join(parts)


def _found_elsewhere(
    present,
    cited: list[tuple[str, int]],
    sources: dict[str, SourceText],
    across=None,
) -> str:
    """« ; found in Key § 38 » in the texts the claim cites (the likely right locator).

    `across(key, numbers)`: whether a run of consecutive passages holds it (a quotation that
    runs over two or more passages), tried when no single passage does.
    """
    found = []
    for key in dict.fromkeys(key for key, _ in cited):
        numbers = sorted(sources[key].passages)
        hits = [n for n in numbers if present(key, n)]
        if hits:
            found.append(f"{key} {_ranges(hits)}")
            continue
        for size in range(2, 6) if across else ():
            runs = [numbers[i : i + size] for i in range(len(numbers) - size + 1)]
            run = next((r for r in runs if across(key, r)), None)
            if run:
                found.append(f"{key} {_ranges(run)}")
                break
    return "; found in " + "; ".join(found) if found else "; found in no passage of the cited text"

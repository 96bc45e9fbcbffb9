"""Passage locators (`[@Key, § N]`) proposed for claims that cite a union text without one.

For each French claim (docs/fr/**/*.md, source pages excepted) that cites one of the union
texts (a bibliography entry with a `sourcepage`) without a locator, every passage
(`{: #pN }`) of that text's French source page is scored:

- quotations first: the passage that holds most of the claim's quoted words wins
  (« … », “ … ”, "…"; a quotation must land on the passage holding it);
- then word overlap, each shared word weighted by its rarity in the text (IDF), plus the
  numbers and dates the claim and the passage share.

A claim drawn from several passages gets the main one (the highest score). A proposal is
uncertain when no quotation was found, its score is weak or a runner-up is close; a reviewer
then chooses (`decisions`: claim id, or `id:Key` when a claim cites several union texts, to
a passage number or "skip"). `write` inserts `, § N` into the citation in the French page
and in the same claim of the English page, re-stamping an English page that was up to date
with its French page (translations.py). scripts/locate_passages.py is the command line.
"""

from __future__ import annotations

import math
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .claims.bibliography import Bibliography
from .claims.passages import SourceText, markdown_to_text, source_page_path
from .claims.scan import CITATION, CITATION_ITEM, Claim, scan_page
from .coverage.items import QUOTE, dates_in, numbers_in
from .coverage.normalise import words
from .translations import SOURCE_LANG, recorded_hash, source_hash, stamp

SHINGLE = 3  # words: a quotation is found in a passage by its 3-word sequences
# SOURCE_LANG: the union texts are French; their claims are located on the French pages.


class DecisionError(ValueError):
    """A reviewer's choice that cannot be applied (a passage the text does not have)."""


@dataclass
class ScoredText:
    """A union text's passages (source page parsed once), their words and each word's IDF."""

    key: str
    passages: dict[int, str]  # passage number -> plain text (blocks of one anchor joined)
    words: dict[int, list[str]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)

    @classmethod
    def load(cls, key: str, docs: Path, source_page: str) -> ScoredText:
        path = source_page_path(docs, SOURCE_LANG, source_page)
        source = SourceText.parse(key, path, path.as_posix(), path.read_text(encoding="utf-8"))
        text = cls(key, source.passages)
        text.words = {n: words(t) for n, t in text.passages.items()}
        frequency: dict[str, int] = {}
        for tokens in text.words.values():
            for token in set(tokens):
                frequency[token] = frequency.get(token, 0) + 1
        total = len(text.passages)
        text.idf = {w: math.log((total + 1) / (df + 0.5)) for w, df in frequency.items()}
        return text


def load_texts(docs: Path, bibliography: Bibliography) -> dict[str, ScoredText]:
    """Every union text of the bibliography, read once."""
    return {
        ref.key: ScoredText.load(ref.key, docs, ref.source_page)
        for ref in bibliography.references.values()
        if ref.source_page
    }


@dataclass
class Proposal:
    claim: Claim
    key: str
    passage: int
    score: float
    runner_up: tuple[int, float] | None
    quote_words: int  # quoted words of the claim found in the chosen passage
    quoted: int  # quoted words in the claim
    reason: str = ""  # "choice", "decision" when set by hand

    @property
    def uncertain(self) -> bool:
        if self.reason:
            return False
        if self.quoted and self.quote_words >= min(self.quoted, 4):
            return False
        close = self.runner_up is not None and self.runner_up[1] > 0.8 * self.score
        return self.score < 8 or close


def _shingles(tokens: list[str], size: int = SHINGLE) -> set[tuple[str, ...]]:
    if len(tokens) < size:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def _quote_hits(quotes: list[list[str]], passage: list[str]) -> int:
    """Quoted words of the claim that the passage holds (by 3-word sequences)."""
    grams = _shingles(passage)
    joined = " " + " ".join(passage) + " "
    hits = 0
    for quote in quotes:
        if len(quote) < SHINGLE:
            hits += len(quote) if " " + " ".join(quote) + " " in joined else 0
            continue
        covered = [False] * len(quote)
        for i in range(len(quote) - SHINGLE + 1):
            if tuple(quote[i : i + SHINGLE]) in grams:
                for j in range(i, i + SHINGLE):
                    covered[j] = True
        hits += sum(covered)
    return hits


def claim_text(claim: Claim) -> str:
    return markdown_to_text(claim.markdown)


def _quotes(plain: str) -> list[list[str]]:
    """The words of each quotation of a claim's text (empty ones left out)."""
    found = [
        words(m.group("a") or m.group("b") or m.group("c") or "") for m in QUOTE.finditer(plain)
    ]
    return [quote for quote in found if quote]


def _quoted_passage(quotes: list[list[str]], text: ScoredText) -> int | None:
    """The passage where the claim's first quotation of 3 words or more starts (a quotation
    may run over two passages); shorter ones (« Pop IA ») recur and only add to the score."""
    for quote in quotes:
        if len(quote) < SHINGLE:
            continue
        held = []
        for number, passage_words in text.words.items():
            hits = _quote_hits([quote], passage_words)
            if hits >= max(SHINGLE, min(6, 0.6 * len(quote))):
                grams = _shingles(passage_words)
                start = next(
                    i for i in range(len(quote) - SHINGLE + 1)
                    if tuple(quote[i : i + SHINGLE]) in grams
                )  # fmt: skip
                held.append((start, -hits, number))
        if held:
            return min(held)[2]
    return None


def rank(claim: Claim, text: ScoredText) -> list[tuple[int, float, int]]:
    """(passage, score, quoted words held) for every passage, best first."""
    plain = claim_text(claim)
    quotes = _quotes(plain)
    claim_words = {w for w in words(plain) if len(w) > 2 or w.isdigit()}
    claim_numbers, claim_dates = numbers_in(plain), dates_in(plain)
    ranked = []
    for number, passage_words in text.words.items():
        shared = claim_words & set(passage_words)
        score = sum(text.idf.get(w, 0.0) for w in shared)
        passage_text = text.passages[number]
        score += 4 * len(claim_numbers & numbers_in(passage_text))
        score += 4 * len(claim_dates & dates_in(passage_text))
        hits = _quote_hits(quotes, passage_words) if quotes else 0
        score += 0.5 * hits
        ranked.append((number, round(score, 2), hits))
    ranked.sort(key=lambda r: -r[1])
    quoted = _quoted_passage(quotes, text)
    if quoted is not None:  # quotations first; the rest stays by score (a stable sort)
        ranked.sort(key=lambda r: r[0] != quoted)
    return ranked


def french_claims(docs: Path, keys: set[str]) -> list[Claim]:
    claims = []
    for path in sorted((docs / SOURCE_LANG).rglob("*.md")):
        page = path.relative_to(docs / SOURCE_LANG).as_posix()
        if page.startswith(("sources/", "includes/", "data/")):
            continue
        scan = scan_page(path.read_text(encoding="utf-8"), SOURCE_LANG, page, str(path))
        claims.extend(c for c in scan.claims if set(c.keys) & keys)
    return claims


def _missing_locator(claim: Claim, key: str) -> bool:
    return any(c.key == key and not c.locator for c in claim.citations)


def _proposal(claim: Claim, key: str, text: ScoredText, decision: int | None) -> Proposal:
    """The best passage, or the one the reviewer chose, with the runner-up for review."""
    ranked = rank(claim, text)
    quoted = sum(len(q) for q in _quotes(claim_text(claim)))
    if decision is None:
        chosen, reason = ranked[0], ""
        others = ranked[1:]
    else:
        if decision not in text.passages:
            raise DecisionError(f"{claim.id}: {key} has no passage § {decision}")
        chosen, reason = next(r for r in ranked if r[0] == decision), "decision"
        others = [r for r in ranked if r[0] != decision]
    runner = (others[0][0], others[0][1]) if others else None
    return Proposal(claim, key, chosen[0], chosen[1], runner, chosen[2], quoted, reason)


def propose(
    docs: Path, texts: dict[str, ScoredText], decisions: dict[str, str | int]
) -> tuple[list[Proposal], list[tuple[Claim, str]], list[str]]:
    """(proposals, (claim, key) skipped by decision, decisions that matched no claim)."""
    proposals, skipped = [], []
    used: set[str] = set()
    for claim in french_claims(docs, set(texts)):
        for key in claim.keys:
            if key not in texts or not _missing_locator(claim, key):
                continue
            name = f"{claim.id}:{key}" if f"{claim.id}:{key}" in decisions else claim.id
            decision = decisions.get(name)
            if decision is not None:
                used.add(name)
            if decision == "skip":
                skipped.append((claim, key))
                continue
            chosen = decision if isinstance(decision, int) else None
            proposals.append(_proposal(claim, key, texts[key], chosen))
    return proposals, skipped, sorted(set(decisions) - used)


def read_decisions(lines: list[str]) -> dict[str, str | int]:
    """`id[:Key] N` or `id[:Key] skip`, one a line (`#` starts a comment)."""
    decisions: dict[str, str | int] = {}
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([a-z0-9-]+(?::[A-Za-z0-9_:-]+)?)\s*(?:=|\s)\s*(\d+|skip)", line)
        if not match:
            raise DecisionError(
                f"bad decision {raw!r}: write 'claim-id N', 'claim-id:Key N' or 'claim-id skip'"
            )
        value = match.group(2)
        decisions[match.group(1)] = "skip" if value == "skip" else int(value)
    return decisions


# -- writing -------------------------------------------------------------------------------------


def _with_locator(block: str, key: str, passage: int) -> tuple[str, bool]:
    changed = False

    def rewrite(match: re.Match) -> str:
        nonlocal changed
        items = match.group("body").split(";")
        for i, item in enumerate(items):
            parsed = CITATION_ITEM.match(item)
            if parsed and parsed.group("key") == key and not parsed.group("locator"):
                items[i] = item.rstrip() + f", § {passage}" + item[len(item.rstrip()) :]
                changed = True
        return "[" + ";".join(items) + "]"

    return CITATION.sub(rewrite, block), changed


def insert_locator(path: Path, lang: str, page: str, claim_id: str, key: str, passage: int) -> bool:
    """Add `, § N` to the citation of `key` in claim `claim_id` of one page; True if changed."""
    markdown = path.read_text(encoding="utf-8")
    scan = scan_page(markdown, lang, page, str(path))
    claim = next((c for c in scan.claims if c.id == claim_id), None)
    if claim is None:
        return False
    lines = markdown.split("\n")
    start = claim.line - 1
    end = start
    attr = re.compile(r"\{:?[^{}\n]*#" + re.escape(claim_id) + r"(?![\w-])[^{}\n]*\}")
    while end < len(lines) and not attr.search(lines[end]):
        end += 1
    if end == len(lines):
        return False
    block, changed = _with_locator("\n".join(lines[start : end + 1]), key, passage)
    if changed:
        lines[start : end + 1] = block.split("\n")
        path.write_text("\n".join(lines), encoding="utf-8")
    return changed


def dirty_pages(root: Path) -> set[str]:
    """Paths (relative to root) with uncommitted changes, or an empty set outside git."""
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain", "--", "docs"],
            cwd=root, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return set()
    return {line[3:].strip() for line in out.splitlines() if line[:2].strip()}


def write(
    docs: Path, proposals: list[Proposal], skip_dirty: bool, log: Callable[[str], None] = print
) -> int:
    """Insert the proposals' locators in both languages; the number of citations not changed."""
    root = docs.parent
    dirty = dirty_pages(root) if skip_dirty else set()
    pages: dict[str, list[Proposal]] = {}
    for proposal in proposals:
        pages.setdefault(proposal.claim.page, []).append(proposal)
    failures = 0
    for page, items in sorted(pages.items()):
        fr, en = docs / SOURCE_LANG / page, docs / "en" / page
        shown = [p.relative_to(root).as_posix() for p in (fr, en)]
        if dirty & set(shown):
            log(f"skipped (uncommitted changes): {', '.join(sorted(dirty & set(shown)))}")
            continue
        en_current = en.exists() and recorded_hash(en.read_text(encoding="utf-8")) == source_hash(
            fr
        )
        for proposal in items:
            claim_id, key, n = proposal.claim.id, proposal.key, proposal.passage
            if not insert_locator(fr, SOURCE_LANG, page, claim_id, key, n):
                log(f"  {shown[0]}: #{claim_id}: citation of {key} not changed")
                failures += 1
            if en.exists() and not insert_locator(en, "en", page, claim_id, key, n):
                log(f"  {shown[1]}: #{claim_id}: citation of {key} not changed (check by hand)")
                failures += 1
        if en.exists():
            if en_current:
                stamp(docs, en)
                note = "English page re-stamped"
            else:
                note = "English page was already outdated: not stamped"
        else:
            note = "no English page"
        log(f"{shown[0]}: {len(items)} locator(s) ({note})")
    return failures

#!/usr/bin/env python3
"""Propose passage locators (`[@Key, § N]`) for claims that cite a union text without one.

    .venv/bin/python scripts/locate_passages.py                  # proposals, for review
    .venv/bin/python scripts/locate_passages.py --write          # insert them (FR and EN pages)
    .venv/bin/python scripts/locate_passages.py --write --choose some-claim-id=12 --skip other-id
    .venv/bin/python scripts/locate_passages.py --decisions decisions.txt --write

For each French claim (docs/fr/**/*.md, source pages excepted) that cites one of the union
texts (a bibliography entry with a `sourcepage`) without a locator, the script scores every
passage (`{: #pN }`) of that text's French source page:

- quotations first: the passage that holds most of the claim's quoted words wins
  (« … », “ … ”, "…"; a quotation must land on the passage holding it);
- then word overlap, each shared word weighted by its rarity in the text (IDF), plus the
  numbers and dates the claim and the passage share.

A claim drawn from several passages gets the main one (the highest score). Proposals marked
`?` are uncertain (no quotation found, a weak score or a close runner-up): review them, then
`--choose id=N` (or `id:Key=N` when a claim cites several union texts) or `--skip id`.
`--decisions FILE` reads the same choices, one a line: `id[:Key] N` or `id[:Key] skip`.

`--write` inserts `, § N` into the citation in the French page and into the citation of the
same claim id in the English page. An English page that was up to date with its French page
(`source_hash`) before the change is stamped again afterwards, since both changed the same
way; an English page that was already outdated is left for its translator. `--skip-dirty`
leaves alone pages with uncommitted changes (another author at work on them).
"""

from __future__ import annotations

import argparse
import math
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from observatoire_ia.claims.bibliography import Bibliography  # noqa: E402
from observatoire_ia.claims.passages import (  # noqa: E402
    markdown_to_text,
    source_page_path,
    source_passages,
)
from observatoire_ia.claims.scan import CITATION, CITATION_ITEM, Claim, scan_page  # noqa: E402
from observatoire_ia.coverage import (  # noqa: E402
    QUOTE,
    dates_in,
    numbers_in,
    words,
)
from observatoire_ia.translations import recorded_hash, source_hash, stamp  # noqa: E402

SHINGLE = 3  # words: a quotation is found in a passage by its 3-word sequences


@dataclass
class SourceText:
    key: str
    page: str  # e.g. sources/solidaires-tract-ia.md
    passages: dict[int, str]  # passage number -> plain text (blocks of one anchor joined)
    words: dict[int, list[str]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)

    @classmethod
    def load(cls, key: str, docs: Path, source_page: str) -> SourceText:
        path = source_page_path(docs, "fr", source_page)
        passages: dict[int, str] = {}
        for passage in source_passages(path.read_text(encoding="utf-8")):
            if passage.anchor.startswith("p"):
                number = int(passage.anchor[1:])
                passages[number] = (passages.get(number, "") + "\n" + passage.text).strip()
        text = cls(key, path.relative_to(docs / "fr").as_posix(), passages)
        text.words = {n: words(t) for n, t in passages.items()}
        frequency: dict[str, int] = {}
        for tokens in text.words.values():
            for token in set(tokens):
                frequency[token] = frequency.get(token, 0) + 1
        total = len(passages)
        text.idf = {w: math.log((total + 1) / (df + 0.5)) for w, df in frequency.items()}
        return text


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


def rank(claim: Claim, text: SourceText) -> list[tuple[int, float, int]]:
    """(passage, score, quoted words held) for every passage, best first."""
    plain = claim_text(claim)
    quotes = [
        words(m.group("a") or m.group("b") or m.group("c") or "") for m in QUOTE.finditer(plain)
    ]
    quotes = [q for q in quotes if q]
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
    # Quotations first: the claim's first quotation (3 words or more) names the passage where
    # it starts (a quotation may run over two passages). Shorter ones (« Pop IA ») recur across
    # passages and only add to the score.
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
            number = min(held)[2]
            ranked.sort(key=lambda r: r[0] != number)  # stable: the rest stays by score
            break
    return ranked


def _total(quotes: list[list[str]]) -> int:
    return sum(len(q) for q in quotes)


def french_claims(docs: Path, keys: set[str]) -> list[Claim]:
    claims = []
    for path in sorted((docs / "fr").rglob("*.md")):
        page = path.relative_to(docs / "fr").as_posix()
        if page.startswith(("sources/", "includes/", "data/")):
            continue
        scan = scan_page(path.read_text(encoding="utf-8"), "fr", page, str(path))
        claims.extend(c for c in scan.claims if set(c.keys) & keys)
    return claims


def _missing_locator(claim: Claim, key: str) -> bool:
    return any(c.key == key and not c.locator for c in claim.citations)


def propose(
    docs: Path, bibliography: Bibliography, decisions: dict[str, str | int]
) -> tuple[list[Proposal], list[tuple[Claim, str]]]:
    texts = {
        ref.key: SourceText.load(ref.key, docs, ref.source_page)
        for ref in bibliography.references.values()
        if ref.source_page
    }
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
            ranked = rank(claim, texts[key])
            quoted = _total(
                [
                    words(m.group("a") or m.group("b") or m.group("c") or "")
                    for m in QUOTE.finditer(claim_text(claim))
                ]
            )
            if isinstance(decision, int):
                if decision not in texts[key].passages:
                    raise SystemExit(f"{claim.id}: {key} has no passage § {decision}")
                chosen = next(r for r in ranked if r[0] == decision)
                others = [r for r in ranked if r[0] != decision]
                proposals.append(
                    Proposal(
                        claim, key, decision, chosen[1],
                        (others[0][0], others[0][1]) if others else None,
                        chosen[2], quoted, "decision",
                    )
                )  # fmt: skip
                continue
            best = ranked[0]
            runner = ranked[1] if len(ranked) > 1 else None
            proposals.append(
                Proposal(
                    claim, key, best[0], best[1],
                    (runner[0], runner[1]) if runner else None, best[2], quoted,
                )
            )  # fmt: skip
    for name in sorted(set(decisions) - used):
        print(f"warning: choice {name!r} matches no claim without a locator", file=sys.stderr)
    return proposals, skipped


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


def write(docs: Path, proposals: list[Proposal], skip_dirty: bool) -> int:
    root = docs.parent
    dirty = dirty_pages(root) if skip_dirty else set()
    pages: dict[str, list[Proposal]] = {}
    for proposal in proposals:
        pages.setdefault(proposal.claim.page, []).append(proposal)
    failures = 0
    for page, items in sorted(pages.items()):
        fr, en = docs / "fr" / page, docs / "en" / page
        shown = [p.relative_to(root).as_posix() for p in (fr, en)]
        if dirty & set(shown):
            print(f"skipped (uncommitted changes): {', '.join(sorted(dirty & set(shown)))}")
            continue
        en_current = en.exists() and recorded_hash(en.read_text(encoding="utf-8")) == source_hash(
            fr
        )
        for proposal in items:
            claim_id, key, n = proposal.claim.id, proposal.key, proposal.passage
            if not insert_locator(fr, "fr", page, claim_id, key, n):
                print(f"  {shown[0]}: #{claim_id}: citation of {key} not changed")
                failures += 1
            if en.exists() and not insert_locator(en, "en", page, claim_id, key, n):
                print(f"  {shown[1]}: #{claim_id}: citation of {key} not changed (check by hand)")
                failures += 1
        if en.exists():
            if en_current:
                stamp(docs, en)
                note = "English page re-stamped"
            else:
                note = "English page was already outdated: not stamped"
        else:
            note = "no English page"
        print(f"{shown[0]}: {len(items)} locator(s) ({note})")
    return failures


# -- command line --------------------------------------------------------------------------------


def read_decisions(lines: list[str]) -> dict[str, str | int]:
    decisions: dict[str, str | int] = {}
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([a-z0-9-]+(?::[A-Za-z0-9_:-]+)?)\s*(?:=|\s)\s*(\d+|skip)", line)
        if not match:
            raise SystemExit(
                f"bad decision {raw!r}: write 'claim-id N', 'claim-id:Key N' or 'claim-id skip'"
            )
        value = match.group(2)
        decisions[match.group(1)] = "skip" if value == "skip" else int(value)
    return decisions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder")
    parser.add_argument("--write", action="store_true", help="insert the locators")
    parser.add_argument("--choose", action="append", default=[], metavar="ID[:KEY]=N")
    parser.add_argument("--skip", action="append", default=[], metavar="ID[:KEY]")
    parser.add_argument("--decisions", type=Path, help="file of choices: 'id[:Key] N|skip'")
    parser.add_argument(
        "--sure-only", action="store_true", help="with --write: leave uncertain proposals (?)"
    )
    parser.add_argument(
        "--skip-dirty", action="store_true", help="leave pages with uncommitted changes"
    )
    parser.add_argument("--excerpt", type=int, default=90, help="characters of each text shown")
    args = parser.parse_args(argv)

    root = args.root.resolve()
    docs = root / "docs"
    bibliography = Bibliography.load(root / "bibliography.bib")
    lines = list(args.choose) + [f"{item} skip" for item in args.skip]
    if args.decisions:
        lines += args.decisions.read_text(encoding="utf-8").splitlines()
    decisions = read_decisions(lines)
    proposals, skipped = propose(docs, bibliography, decisions)

    texts = {
        ref.key: SourceText.load(ref.key, docs, ref.source_page)
        for ref in bibliography.references.values()
        if ref.source_page
    }
    for p in proposals:
        mark = "?" if p.uncertain else ("=" if p.reason else " ")
        runner = f" (next § {p.runner_up[0]}: {p.runner_up[1]})" if p.runner_up else ""
        quote = f", quote {p.quote_words}/{p.quoted}" if p.quoted else ""
        print(
            f"{mark} {p.claim.page}#{p.claim.id} [@{p.key}, § {p.passage}] score {p.score}{quote}{runner}"
        )
        print(f"      claim: {claim_text(p.claim)[: args.excerpt]}")
        print(f"      § {p.passage}: {texts[p.key].passages[p.passage][: args.excerpt]}")
    for claim, key in skipped:
        print(f"- {claim.page}#{claim.id} [@{key}]: skipped")
    uncertain = sum(p.uncertain for p in proposals)
    print(f"{len(proposals)} proposal(s), {uncertain} uncertain (?), {len(skipped)} skipped")
    if not args.write:
        return 0
    chosen = [p for p in proposals if not (args.sure_only and p.uncertain)]
    return 1 if write(docs, chosen, args.skip_dirty) else 0


if __name__ == "__main__":
    sys.exit(main())

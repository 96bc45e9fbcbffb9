#!/usr/bin/env python3
"""Propose passage locators (`[@Key, § N]`) for claims that cite a union text without one.

    .venv/bin/python scripts/locate_passages.py                  # proposals, for review
    .venv/bin/python scripts/locate_passages.py --write          # insert them (FR and EN pages)
    .venv/bin/python scripts/locate_passages.py --write --choose some-claim-id=12 --skip other-id
    .venv/bin/python scripts/locate_passages.py --decisions decisions.txt --write

Proposals marked `?` are uncertain (no quotation found, a weak score or a close runner-up):
review them, then `--choose id=N` (or `id:Key=N` when a claim cites several union texts) or
`--skip id`. `--decisions FILE` reads the same choices, one a line: `id[:Key] N` or
`id[:Key] skip`.

`--write` inserts `, § N` into the citation in the French page and into the citation of the
same claim id in the English page. An English page that was up to date with its French page
(`source_hash`) before the change is stamped again afterwards, since both changed the same
way; an English page that was already outdated is left for its translator. `--skip-dirty`
leaves alone pages with uncommitted changes (another author at work on them).
The logic (how passages are scored) lives in src/observatoire_ia/passage_locators.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from observatoire_ia.claims.bibliography import Bibliography  # noqa: E402
from observatoire_ia.passage_locators import (  # noqa: E402
    DecisionError,
    claim_text,
    load_texts,
    propose,
    read_decisions,
    write,
)


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
    lines = list(args.choose) + [f"{item} skip" for item in args.skip]
    if args.decisions:
        lines += args.decisions.read_text(encoding="utf-8").splitlines()
    texts = load_texts(docs, Bibliography.load(root / "bibliography.bib"))  # each read once
    try:
        proposals, skipped, unused = propose(docs, texts, read_decisions(lines))
    except DecisionError as error:
        raise SystemExit(str(error)) from None
    for name in unused:
        print(f"warning: choice {name!r} matches no claim without a locator", file=sys.stderr)

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

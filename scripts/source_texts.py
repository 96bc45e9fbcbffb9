#!/usr/bin/env python3
"""Check the union texts' source pages against the original documents, and record the check.

    .venv/bin/python scripts/source_texts.py --seeds ../shared/seeds            # check
    .venv/bin/python scripts/source_texts.py --seeds ../shared/seeds --record   # and record

Every substantive line of each original (the seeds: plain text, never committed, since they
print personal contact details) must be on its French source page (docs/fr/sources/…). With
--record, and only when nothing is missing, the digests of the checked passages are written to
scripts/source_texts_checked.json, which tests/test_coverage.py compares in every checkout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from observatoire_ia.claims.bibliography import Bibliography  # noqa: E402
from observatoire_ia.source_texts import (  # noqa: E402
    check,
    load_record,
    passages_digest,
    save_record,
    seed_digest,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root")
    parser.add_argument("--seeds", type=Path, required=True, help="folder of the originals (*.txt)")
    parser.add_argument("--record", action="store_true", help="record the checked digests")
    args = parser.parse_args(argv)
    bibliography = Bibliography.load(args.root / "bibliography.bib")
    pages = {
        ref.source_page: (args.root / "docs" / "fr" / f"{ref.source_page}.md").read_text("utf-8")
        for ref in bibliography.references.values()
        if ref.source_page
    }
    seeds = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(args.seeds.glob("*.txt"))]
    if not seeds:
        print(f"no *.txt in {args.seeds}", file=sys.stderr)
        return 1
    matched, problems = check(seeds, pages)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"{len(seeds)} texts: every line of the originals is on its source page")
    if args.record:
        texts = load_record(args.root)
        for name, seed in seeds:
            page = matched[name]
            texts[page] = {"seed": seed_digest(seed), "passages": passages_digest(pages[page])}
        save_record(args.root, texts)
        print(f"recorded in {args.root / 'scripts' / 'source_texts_checked.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Which passages of each union text no claim cites, and which numbers, dates, names and
quotations no claim carries.

    .venv/bin/python scripts/coverage.py            # report, exit 1 if gaps remain
    .venv/bin/python scripts/coverage.py --text SolidairesNDTract --verbose
    .venv/bin/python scripts/coverage.py --json     # machine-readable

The texts are the French source pages (docs/fr/sources/…, `sourcepage` in bibliography.bib).
By passage: every passage is cited by a claim's locator (`[@Key, § 56–57]`) or excluded with
a reason in sourcing/passage-exclusions.yml (headings, names, layout lines); the report lists
per text the passages cited, excluded and missing. By item: the French claims citing a text
carry its numbers, dates, names and quotations; layout noise is excluded, with a reason, in
sourcing/item-exclusions.yml. The logic lives in src/observatoire_ia/passage_coverage.py and
src/observatoire_ia/coverage/.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mkdocs.exceptions import PluginError  # noqa: E402

from observatoire_ia.claims.plugin import load_registry  # noqa: E402
from observatoire_ia.coverage.exclusions import load_exclusions  # noqa: E402
from observatoire_ia.coverage.report import coverage  # noqa: E402
from observatoire_ia.passage_coverage import (  # noqa: E402
    load_passage_exclusions,
    passage_coverage,
)
from observatoire_ia.site_languages import site_languages_of  # noqa: E402

PASSAGE_EXCLUSIONS = "sourcing/passage-exclusions.yml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root")
    parser.add_argument("--docs", type=Path, help="docs folder (default: ROOT/docs)")
    parser.add_argument("--bibliography", default="bibliography.bib")
    parser.add_argument(
        "--exclusions", type=Path, help="default: ROOT/sourcing/item-exclusions.yml"
    )
    parser.add_argument("--text", action="append", help="only this bibliography key (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="also list excluded items")
    parser.add_argument("--json", action="store_true", help="print the gaps as JSON")
    args = parser.parse_args(argv)

    root = args.root.resolve()
    docs = (args.docs or root / "docs").resolve()
    exclusions_path = args.exclusions or root / "sourcing" / "item-exclusions.yml"
    try:
        languages = site_languages_of(root / "mkdocs.yml").codes
        registry = load_registry(root, docs, args.bibliography, languages)
        exclusions = load_exclusions(exclusions_path)
    except (PluginError, ValueError) as error:
        print(f"coverage: cannot read the site: {error}", file=sys.stderr)
        return 2
    report = coverage(registry, docs, exclusions, root)
    passage_exclusions, problems = load_passage_exclusions(
        root / PASSAGE_EXCLUSIONS, PASSAGE_EXCLUSIONS
    )
    by_passage = passage_coverage(
        registry, registry.sources, passage_exclusions, PASSAGE_EXCLUSIONS, problems
    )
    if args.text:
        report.texts = [t for t in report.texts if t.key in args.text]
        by_passage.texts = [t for t in by_passage.texts if t.key in args.text]
    if args.json:
        data = {
            t.key: {
                "source": t.source,
                "problem": t.problem,
                "items": len(t.items),
                "gaps": [{"passage": i.passage, "kind": i.kind, "text": i.text} for i in t.gaps],
            }
            for t in report.texts
        }
        for text in by_passage.texts:
            data.setdefault(text.key, {})["passages"] = {
                "total": text.total,
                "cited": sorted(text.cited),
                "excluded": sorted(text.excluded),
                "missing": text.missing,
            }
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(by_passage.render(registry.sources))
        print()
        print(report.render(verbose=args.verbose))
    return 1 if report.gap_count or by_passage.missing_count or by_passage.problems else 0


if __name__ == "__main__":
    sys.exit(main())

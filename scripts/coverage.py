#!/usr/bin/env python3
"""Which numbers, dates, names and quotations of each union text no claim carries.

    .venv/bin/python scripts/coverage.py            # report, exit 1 if gaps remain
    .venv/bin/python scripts/coverage.py --text SolidairesNDTract --verbose
    .venv/bin/python scripts/coverage.py --json     # machine-readable

The texts are the French source pages (docs/fr/sources/…, `sourcepage` in bibliography.bib);
the claims are the French claims citing each text. Layout noise is excluded, with a reason,
in scripts/coverage_exclusions.yml. The logic lives in src/observatoire_ia/coverage.py.
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
from observatoire_ia.coverage import coverage, load_exclusions  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root")
    parser.add_argument("--docs", type=Path, help="docs folder (default: ROOT/docs)")
    parser.add_argument("--bibliography", default="bibliography.bib")
    parser.add_argument(
        "--exclusions", type=Path, help="default: ROOT/scripts/coverage_exclusions.yml"
    )
    parser.add_argument("--text", action="append", help="only this bibliography key (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="also list excluded items")
    parser.add_argument("--json", action="store_true", help="print the gaps as JSON")
    args = parser.parse_args(argv)

    root = args.root.resolve()
    docs = (args.docs or root / "docs").resolve()
    exclusions_path = args.exclusions or root / "scripts" / "coverage_exclusions.yml"
    try:
        registry = load_registry(root, docs, args.bibliography, ("fr", "en"))
        exclusions = load_exclusions(exclusions_path)
    except (PluginError, ValueError) as error:
        print(f"coverage: cannot read the site: {error}", file=sys.stderr)
        return 2
    report = coverage(registry, docs, exclusions, root)
    if args.text:
        report.texts = [t for t in report.texts if t.key in args.text]
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
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(report.render(verbose=args.verbose))
    return 1 if report.gap_count else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Translation status: pages and claims missing in a language, outdated English pages.

    .venv/bin/python scripts/translations.py                 # report
    .venv/bin/python scripts/translations.py --check         # exit 1 if anything is missing or outdated
    .venv/bin/python scripts/translations.py stamp docs/en/travail/emploi.md
    .venv/bin/python scripts/translations.py stamp --all     # every English page (after a full review)

An English page records `source_hash:` (first 12 hex digits of the SHA-256 of its French
page) in its front matter; `stamp` writes it once the translation matches the French page.
The logic lives in src/observatoire_ia/translations.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from observatoire_ia.translations import stamp, translation_status  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="docs folder")
    parser.add_argument("--check", action="store_true", help="exit 1 when anything is reported")
    commands = parser.add_subparsers(dest="command")
    stamping = commands.add_parser("stamp", help="record the French page's hash in English pages")
    stamping.add_argument("pages", nargs="*", type=Path, help="English pages (docs/en/…)")
    stamping.add_argument(
        "--all", action="store_true", help="every English page with a French page"
    )
    args = parser.parse_args(argv)
    docs = args.docs.resolve()

    if args.command == "stamp":
        pages = list(args.pages)
        if args.all:
            pages += sorted(
                p
                for p in (docs / "en").rglob("*.md")
                if (docs / "fr" / p.relative_to(docs / "en")).exists()
            )
        if not pages:
            stamping.error("name English pages to stamp, or --all")
        failed = 0
        for page in pages:
            try:
                digest = stamp(docs, page)
            except ValueError as error:
                print(f"stamp: {error}", file=sys.stderr)
                failed += 1
                continue
            print(f"{page}: {digest}")
        return 1 if failed else 0

    status = translation_status(docs)
    shown = (
        docs.relative_to(Path.cwd()).as_posix() if docs.is_relative_to(Path.cwd()) else str(docs)
    )
    print(status.render(shown))
    return 1 if args.check and status.problems else 0


if __name__ == "__main__":
    sys.exit(main())

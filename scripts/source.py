#!/usr/bin/env python3
"""A union text into the site: its source page, its pending English twin, its bibliography
entry, its Organisations entry and its nav line (`make source FILE=…`).

    .venv/bin/python scripts/source.py tract.pdf
    .venv/bin/python scripts/source.py tract.docx --key Union2026Tract --org "Union syndicale X" \\
        --date 2026-03-12 --kind Tract

PDF (pdftotext), DOCX, ODT, HTML (pandoc), Markdown or plain text. Phone numbers and e-mail
addresses are removed and listed in the report printed here, never written to a file.
Nothing is written when anything is wrong (unreadable file, existing key or page); running it
again on the same file changes nothing. The logic lives in src/observatoire_ia/ingest/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from observatoire_ia.ingest import IngestError, Options, apply, plan  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", type=Path, help="the union text (.pdf .docx .odt .html .md .txt)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder")
    parser.add_argument("--key", help="bibliography key (default: AuthorYearWord from the text)")
    parser.add_argument("--slug", help="page name under sources/ (default: from the text)")
    parser.add_argument("--org", help="the organisation that wrote the text")
    parser.add_argument("--title", help="the text's title")
    parser.add_argument("--date", help="YYYY, YYYY-MM, YYYY-MM-DD or n.d. (never a guess)")
    parser.add_argument("--kind", help="kind of document: Tract, Déclaration au CSE…")
    parser.add_argument("--url", help="the text's own address, if it gives one")
    args = parser.parse_args(argv)
    options = Options(
        file=args.file,
        key=args.key or None,
        slug=args.slug or None,
        organisation=args.org or None,
        title=args.title or None,
        date=args.date or None,
        kind=args.kind or None,
        url=args.url or None,
    )
    try:
        result = plan(args.root.resolve(), options)
    except IngestError as error:
        print(f"make source: {error}\nNothing was written.", file=sys.stderr)
        return 1
    apply(result)
    print(result.report, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Record the pages and claim ids the site publishes (published.json), or check the record.

    .venv/bin/python scripts/published.py            # list what is not recorded yet; exit 1 if any
    .venv/bin/python scripts/published.py --update   # add the current pages and claims

Run `--update` in the change that adds pages or claims: from then on the build refuses to lose
them (a moved page or claim needs an entry in redirects.yml). Entries are never removed.
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
from observatoire_ia.claims.stability import PUBLISHED, current_record  # noqa: E402
from observatoire_ia.site_languages import site_languages_of  # noqa: E402


def unrecorded(published: dict, now: dict) -> dict:
    return {
        "pages": [p for p in now["pages"] if p not in set(published.get("pages", []))],
        "claims": {k: v for k, v in now["claims"].items() if k not in published.get("claims", {})},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--update", action="store_true", help="record the current pages and claims")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        languages = site_languages_of(root / "mkdocs.yml")
        registry = load_registry(root, root / "docs", "bibliography.bib", languages.codes)
    except PluginError as error:
        print(f"published: cannot read the site: {error}", file=sys.stderr)
        return 2
    path = root / PUBLISHED
    published = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    now = current_record(registry, languages.default)
    missing = unrecorded(published, now)
    if args.update:
        pages = sorted(set(published.get("pages", [])) | set(now["pages"]))
        claims = {**published.get("claims", {}), **missing["claims"]}
        record = {"pages": pages, "claims": dict(sorted(claims.items()))}
        path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(
            f"{PUBLISHED}: {len(pages)} pages, {len(claims)} claims "
            f"({len(missing['pages'])} pages and {len(missing['claims'])} claims added)"
        )
        return 0
    for page in missing["pages"]:
        print(f"page not recorded: {page}")
    for claim_id, page in missing["claims"].items():
        print(f"claim not recorded: {claim_id} ({page})")
    if missing["pages"] or missing["claims"]:
        print("run: .venv/bin/python scripts/published.py --update")
        return 1
    print(f"{PUBLISHED}: every page and claim is recorded")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""French typography of the built French pages: no-break spaces, number and date notation.

    .venv/bin/python -m mkdocs build --strict -d site && .venv/bin/python scripts/typography.py site

Reads every French page of a built site (everything but en/), text nodes only (not code, URLs
or attributes), and reports, per page and with the Markdown source it comes from:
- an ordinary (breaking) or missing space before : ; ! ? and inside « »;
- English number notation (4.2, 300,000), 300.000, 65% (French: 4,2 · 300 000 · 65 %);
- ISO or month-first dates (2025-02-14, 02/14/2025) in prose (French: 14 février 2025).
Numbers and dates quoted in « » keep their original notation, and so does the verbatim text of
the union texts on the source pages (sources/). Exit 1 when errors remain.
The logic lives in src/observatoire_ia/typography.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from observatoire_ia.site_languages import site_languages_of  # noqa: E402
from observatoire_ia.typography import TypographyError, check_french_html  # noqa: E402

# French is the site's default language, at the root; the others live under <lang>/.
_LANGUAGES = site_languages_of(ROOT / "mkdocs.yml")
OTHER_LANGUAGES = tuple(_LANGUAGES.prefix(lang) for lang in _LANGUAGES.others("fr"))
NOT_PAGES = ("assets/", "search/")
VERBATIM = ("sources/",)  # union texts quoted in full: their notation is the original's


def french_pages(site: Path) -> list[Path]:
    return sorted(
        path
        for path in site.rglob("*.html")
        if not path.relative_to(site).as_posix().startswith(OTHER_LANGUAGES + NOT_PAGES)
    )


def source_of(site_path: str, docs: Path) -> str:
    """`travail/emploi/index.html` -> `docs/fr/travail/emploi.md` (when it exists)."""
    stem = (
        site_path[: -len("index.html")].rstrip("/")
        if site_path.endswith("index.html")
        else site_path[: -len(".html")]
    )
    for candidate in (f"{stem}.md", f"{stem}/index.md", "index.md" if not stem else None):
        if candidate and (docs / "fr" / candidate).exists():
            return f"docs/fr/{candidate}"
    return "(theme or generated page)"


def check_site(site: Path) -> dict[str, list[TypographyError]]:
    """Errors per French page (site-relative path)."""
    results = {}
    for path in french_pages(site):
        relative = path.relative_to(site).as_posix()
        verbatim = relative.startswith(VERBATIM) and relative != "sources/index.html"
        errors = check_french_html(path.read_text(encoding="utf-8"), numbers_and_dates=not verbatim)
        if errors:
            results[relative] = errors
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "site", nargs="?", type=Path, default=ROOT / "site", help="built site (default: site/)"
    )
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"typography: no built site in {args.site}: run `make build` first", file=sys.stderr)
        return 2
    results = check_site(args.site)
    total = 0
    for page, errors in results.items():
        print(f"{page} ({source_of(page, args.docs)}): {len(errors)} error(s)")
        for error in errors:
            print(f"  [{error.kind}] {error.message}: {error.snippet}")
        total += len(errors)
    checked = len(french_pages(args.site))
    print(
        f"typography: {checked} French pages checked, "
        + ("no errors" if not total else f"{total} error(s) on {len(results)} page(s)")
    )
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())

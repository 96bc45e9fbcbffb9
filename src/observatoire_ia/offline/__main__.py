"""`python -m observatoire_ia.offline --dist dist`: the offline kit (`make offline`).

Everything is built in a temporary folder; dist/ is replaced only when every file is built
and within its size budget. A missing tool, a step that would need the network or a file
over budget stops the build with a clear message and leaves dist/ as it was.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from ..dates import build_date
from ..i18n import text as ui
from . import epub, pdf, site_zip, zim
from .kit import (
    BUDGETS,
    ROOT,
    OfflineError,
    build_site,
    check_no_remote_resources,
    human_size,
    require_module,
    require_tool,
)

ZIP_NAME = "observatoire-ia-hors-ligne.zip"
MANIFEST = "manifest.json"


def check_tools(formats: set[str]) -> None:
    if "pdf" in formats:
        require_tool("chromium", "/usr/bin/chromium", "apt-get install chromium")
        require_tool("pdftotext", hint="apt-get install poppler-utils")
        require_module("playwright", "pip install playwright (extra `dev`)")
    if "epub" in formats:
        require_tool("pandoc", hint="apt-get install pandoc")
    if "zim" in formats:
        require_module("libzim", "pip install libzim (extra `offline`)")


def build(dist: Path, formats: set[str], config: Path | None = None, log=print) -> list[dict]:
    check_tools(formats)
    dist = dist.resolve()
    dist.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="offline-kit-", dir=dist.parent) as tmp:
        tmp = Path(tmp)
        out, work = tmp / "dist", tmp / "work"
        out.mkdir()
        work.mkdir()
        started = time.monotonic()
        log("offline: building the site for file://")
        site = build_site(tmp / "site", config)
        check_no_remote_resources(site.root)
        titles: dict[str, str] = {}  # file name → what it holds, in its language
        if "zip" in formats:
            site_zip.write_zip(site, out / ZIP_NAME)
        booklets = []
        for lang in site.languages.codes:
            pages = site.pages(lang)
            booklets.append((lang, "", ui(lang, "booklet.whole"), pages))
            for theme in site.themes():
                themed = [p for p in pages if p.section == theme]
                title = themed[0].title if themed else theme
                booklets.append((lang, theme, title, themed))
        if "pdf" in formats:
            log("offline: PDF booklets")
            with pdf.Printer() as printer:
                for lang, theme, title, pages in booklets:
                    name = f"observatoire-ia-{theme + '-' if theme else ''}{lang}.pdf"
                    pdf.write_pdf(printer, site, work, lang, pages, title, out / name)
                    titles[name] = title
        if "epub" in formats:
            log("offline: EPUB")
            for lang in site.languages.codes:
                epub.write_epub(
                    site,
                    work,
                    lang,
                    site.pages(lang),
                    ui(lang, "booklet.whole"),
                    out / f"observatoire-ia-{lang}.epub",
                )
        if "zim" in formats:
            log("offline: ZIM")
            zim.write_zim(site, out / "observatoire-ia.zim")
        files = []
        over = []
        for file in sorted(out.iterdir()):
            size = file.stat().st_size
            budget = BUDGETS.get(file.suffix)
            entry = {"name": file.name, "size": size, "budget": budget}
            if file.name in titles:
                entry["title"] = titles[file.name]
            files.append(entry)
            if budget and size > budget:
                over.append(f"{file.name}: {human_size(size)} > budget {human_size(budget)}")
        if over:
            raise OfflineError("over the size budget:\n  " + "\n  ".join(over))
        manifest = {"date": build_date().isoformat(), "site_url": site.site_url, "files": files}
        (out / MANIFEST).write_text(
            json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        # replace dist/ only now that everything is built
        old = tmp / "previous-dist"
        if dist.exists():
            dist.rename(old)
        shutil.move(str(out), str(dist))
        for entry in files:
            budget = f" (budget {human_size(entry['budget'])})" if entry["budget"] else ""
            log(f"  {entry['name']:<48} {human_size(entry['size']):>10}{budget}")
        log(f"offline: kit written to {dist} in {time.monotonic() - started:.1f} s")
        return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m observatoire_ia.offline", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (replaced)")
    parser.add_argument("--config", type=Path, default=None, help="mkdocs.offline.yml to build")
    parser.add_argument(
        "--formats", default="zip,pdf,epub,zim", help="comma-separated subset of zip,pdf,epub,zim"
    )
    args = parser.parse_args(argv)
    formats = {f.strip() for f in args.formats.split(",") if f.strip()}
    unknown = formats - {"zip", "pdf", "epub", "zim"}
    if unknown:
        parser.error(f"unknown formats: {', '.join(sorted(unknown))}")
    try:
        build(args.dist, formats, args.config)
    except OfflineError as error:
        print(f"offline: FAILED: {error}\n(dist/ was left unchanged)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

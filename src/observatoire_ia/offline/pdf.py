"""PDF booklets with headless Chromium (page.pdf): fonts embedded, no network."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from . import booklet as bk
from .kit import CHROMIUM, CHROMIUM_ARGS, OfflineError, Site

FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#555;font-family:sans-serif">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


class Printer:
    """One Chromium for every booklet; any request that is not file:// fails the kit."""

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        if not Path(CHROMIUM).exists():
            raise OfflineError(
                f"missing tool: Chromium not found at {CHROMIUM} — apt-get install chromium"
            )
        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self.context = self.browser.new_context()
        self.blocked: list[str] = []

        def route(request_route):
            url = request_route.request.url
            if url.startswith(("file://", "data:")):
                request_route.continue_()
            else:
                self.blocked.append(url)
                request_route.abort()

        self.context.route("**/*", route)
        return self

    def __exit__(self, *exc):
        self.context.close()
        self.browser.close()
        self._pw.stop()

    def _check(self, target: Path) -> None:
        if self.blocked:
            target.unlink(missing_ok=True)
            raise OfflineError(
                f"{target.name} would need the network: " + ", ".join(sorted(set(self.blocked))[:5])
            )

    def print(self, source: Path, target: Path) -> None:
        page = self.context.new_page()
        try:
            page.goto(source.as_uri(), wait_until="load")
            self._check(target)
            page.pdf(
                path=str(target),
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER,
                margin={"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                prefer_css_page_size=True,
                tagged=True,
                outline=True,
            )
            self._check(target)
        finally:
            page.close()


def toc_page_numbers(pdf: Path, booklet: bk.Booklet) -> dict[str, int]:
    """Page of each table-of-contents entry, read back from a first rendering."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    numbers: dict[str, int] = {}
    section = 1  # index of the page where the current section starts
    after = 1  # each section starts on a new page, after the cover and the contents
    for anchor, title, level in booklet.toc:
        wanted = " ".join(title.split()).lower()
        first = after + 1 if level == 1 else section
        for index in range(first, len(pages)):
            lines = [" ".join(line.split()).lower() for line in pages[index].splitlines()]
            if any(line.startswith(wanted) for line in lines):
                numbers[anchor] = index + 1
                if level == 1:
                    section = after = index
                break
    return numbers


def write_pdf(
    printer: Printer, site: Site, work: Path, lang: str, pages, subtitle: str, target: Path
) -> None:
    data = bk.build(site, lang, pages, subtitle, qr=True, image_root=site.root.as_uri() + "/")
    css = bk.print_css()
    source = work / (target.stem + ".html")
    source.write_text(bk.document(data, css=css), encoding="utf-8")
    printer.print(source, target)
    numbers = toc_page_numbers(target, data)  # second pass: page numbers in the contents
    if numbers:
        source.write_text(bk.document(data, css=css, toc_pages=numbers), encoding="utf-8")
        printer.print(source, target)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")

"""Page weight gate: every page's HTML ≤ 60 KB, and for each page type the first view
≤ 100 KB gzip (non-negotiable 7).

The HTML budget counts the whole file, the first screen's stylesheet inlined in <head>
included (<style data-critical>, issue 16): it is part of what a reader downloads. That inline
CSS also has its own budget, CRITICAL_LIMIT, so that it stays the first screen's.

The first view is every file the browser fetches when a reader opens the page on a phone
(HTML, CSS, JS, workers, fonts, images; the search index only loads on first use of search),
counted as a Pages-like server sends it (gzip for text). Prints the figures.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from observatoire_ia.quality.pages import EXPECTED, missing_reason, page_refs
from observatoire_ia.quality.serve import serve, transfer_size

HTML_LIMIT = 60 * 1024
CRITICAL_LIMIT = 12 * 1024
FIRST_VIEW_LIMIT = 100 * 1024
CRITICAL = re.compile(r"<style data-critical>(.*?)</style>", re.S)
MOBILE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True}


def first_view(context, base: str, site: Path, url_path: str) -> dict[str, int]:
    page = context.new_page()
    page.set_default_timeout(15000)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(base + url_path, wait_until="networkidle")
    page.close()
    sizes: dict[str, int] = {}
    for url in fetched:
        if not url.startswith(base):
            sizes[url] = 10**9  # a third-party request fails the gate loudly
            continue
        path = unquote(urlsplit(url).path).lstrip("/")
        target = site / path
        if target.is_dir() or path == "":
            target = target / "index.html"
        if target.is_file():
            sizes[path or "index.html"] = transfer_size(target)
    return sizes


@pytest.fixture(scope="module")
def measured(site_dir):
    import browser

    results = {}
    with serve(site_dir) as base, browser.chromium(**MOBILE) as context:
        for kind, lang, ref in page_refs(site_dir):
            if ref is None:
                continue
            sizes = first_view(context, base, site_dir, ref.url_path)
            text = (site_dir / ref.path).read_bytes()
            critical = sum(len(m.encode()) for m in CRITICAL.findall(text.decode("utf-8")))
            results[(kind, lang)] = (ref, len(text), critical, sizes)
    print("\npage type        lang  HTML (raw)  of it CSS  first view (gzip)  files  page")
    for (kind, lang), (ref, html, critical, sizes) in results.items():
        print(
            f"{kind:<16} {lang:<4} {html / 1024:8.1f} KB {critical / 1024:7.1f} KB"
            f" {sum(sizes.values()) / 1024:12.1f} KB  {len(sizes):5}  {ref.path}"
        )
    return results


@pytest.mark.parametrize(("kind", "lang"), EXPECTED)
def test_page_weight(measured, kind, lang):
    if (kind, lang) not in measured:
        pytest.fail(missing_reason(kind, lang))
    ref, html, critical, sizes = measured[(kind, lang)]
    total = sum(sizes.values())
    assert html <= HTML_LIMIT, f"{ref.path}: HTML {html} bytes > {HTML_LIMIT}"
    assert critical <= CRITICAL_LIMIT, f"{ref.path}: inline first-screen CSS {critical} bytes"
    detail = ", ".join(f"{p} {s}" for p, s in sorted(sizes.items(), key=lambda x: -x[1])[:8])
    assert total <= FIRST_VIEW_LIMIT, f"{ref.path}: first view {total} bytes gzip: {detail}"
    assert not [p for p in sizes if "search_index" in p], "search index loaded before use"


def test_every_page_under_the_html_budget(site_dir):
    """Not only one page per type: every page the site holds (share and reference pages too)."""
    heavy = [
        f"{page.relative_to(site_dir)}: {page.stat().st_size}"
        for page in site_dir.rglob("*.html")
        if page.stat().st_size > HTML_LIMIT
    ]
    assert not heavy, heavy

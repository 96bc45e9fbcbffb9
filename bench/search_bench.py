"""A reader's first search, measured in Chromium: bytes downloaded and time to the answer.

The site is served like Pages (gzip, observatoire_ia.quality.serve); the page is loaded,
then, with the CPU slowed down 4× (a mid-range phone, as Lighthouse's mobile preset), the
query is typed into Material's search box. Measured: the bytes transferred from the first
keystroke until the results are shown (what search costs the reader: worker, index or
index chunks, result fragments), the time from opening search to the first result, and
the time a reader waits after the last keystroke (typed at 12 characters a second).

    .venv/bin/python bench/search_bench.py site/ --query formation
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from observatoire_ia.quality.serve import serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
SLOWDOWN = 4
TYPING_MS = 80  # between keystrokes: a fast typist (12 characters a second)


def first_search(site: Path, path: str, query: str, slowdown: int = SLOWDOWN) -> dict:
    """{"bytes", "requests", "seconds", "results"} of one first search on `path`."""
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            requests: list = []
            page.on("requestfinished", lambda request: requests.append(request))
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(300)  # let idle-time loads of the page itself finish
            before = len(requests)
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
            box = page.locator("input.md-search__input")
            start = time.perf_counter()
            box.click()
            page.keyboard.type(query, delay=TYPING_MS)
            typed = time.perf_counter()
            item = page.locator(".md-search-result__item", has_text=query.split()[0]).first
            item.wait_for(timeout=120_000)
            done = time.perf_counter()
            seconds, after_typing = done - start, done - typed
            count = page.locator(".md-search-result__meta").inner_text()
            page.wait_for_timeout(200)
            after = requests[before:]
            transferred = 0
            for request in after:
                sizes = request.sizes()
                transferred += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            urls = [request.url.removeprefix(base) for request in after]
            return {
                "bytes": transferred,
                "requests": len(after),
                "seconds": seconds,
                "after_typing": after_typing,
                "results": count,
                "urls": urls,
            }
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--path", default="")
    parser.add_argument("--query", default="formation")
    args = parser.parse_args()
    result = first_search(args.site, args.path, args.query)
    print(
        f"{result['bytes'] / 1024:.0f} KB in {result['requests']} requests, "
        f"{result['seconds']:.2f} s from opening search, {result['after_typing']:.2f} s after "
        f"the last keystroke, {result['results']!r}"
    )
    for url in result["urls"]:
        print("  ", url)


if __name__ == "__main__":
    main()

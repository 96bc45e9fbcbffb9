"""Sharing on phones (issue 15): share pages /c/<id>/ look like the site (header with the
site's name, the same claim in the other language, the theme toggle) and stay light; the home
page is previewed under the site's name."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html

from observatoire_ia.quality.serve import serve

SITE_NAMES = {"fr": "Observatoire syndical de l'IA", "en": "Trade Union AI Observatory"}
SHARE_FIRST_VIEW = 40 * 1024  # gzip, issue 15


def test_home_page_preview_title_is_the_site_name(site_dir):
    for lang, prefix in (("fr", ""), ("en", "en/")):
        tree = lxml_html.parse(str(site_dir / prefix / "index.html"))
        assert tree.xpath('//meta[@property="og:title"]/@content') == [SITE_NAMES[lang]], lang


def share_page_of(site_dir, lang: str) -> tuple[str, str]:
    claims = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    claim = next(c for c in claims if c["lang"] == lang)
    return claim["id"], ("" if lang == "fr" else "en/") + f"c/{claim['id']}/"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_share_page_header_like_the_site(site_dir, lang):
    claim_id, path = share_page_of(site_dir, lang)
    tree = lxml_html.parse(str(site_dir / path / "index.html"))
    header = tree.xpath('//header[contains(@class, "md-header")]')
    assert len(header) == 1
    header = header[0]
    assert SITE_NAMES[lang] in header.text_content()
    home = header.xpath('.//a[contains(@class, "share-page__site")]/@href')[0]
    assert (site_dir / path / home / "index.html").resolve().is_file()
    other = "en" if lang == "fr" else "fr"
    switch = header.xpath(f'.//a[@hreflang="{other}"]')
    assert len(switch) == 1
    target = (site_dir / path / switch[0].get("href") / "index.html").resolve()
    assert target == (site_dir / ("" if other == "fr" else "en/") / "c" / claim_id / "index.html")
    assert target.is_file()
    toggles = header.xpath('.//form[@data-md-component="palette"]//input[@name="__palette"]')
    assert [t.get("data-md-color-scheme") for t in toggles] == ["default", "slate"]
    assert all(t.get("aria-label") for t in toggles)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_share_page_in_the_browser_at_360px(site_dir, lang):
    """A 56 px header (not a 10 px strip) whose controls work, and a first view ≤ 40 KB gzip."""
    from test_quality_weight import first_view

    from browser import chromium

    claim_id, path = share_page_of(site_dir, lang)
    with (
        serve(site_dir) as base,
        chromium(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True) as ctx,
    ):
        sizes = first_view(ctx, base, site_dir, path)
        assert sum(sizes.values()) <= SHARE_FIRST_VIEW, sizes
        page = ctx.new_page()
        page.goto(base + path, wait_until="load")
        height = page.locator("header.md-header").evaluate("h => h.getBoundingClientRect().height")
        assert height >= 40, f"header {height} px high"
        before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        page.locator("header label.share-page__palette-label:visible").tap()
        after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert {before, after} == {"default", "slate"}
        page.locator("header a.share-page__lang").tap()
        other = "en/" if lang == "fr" else ""
        page.wait_for_url(f"{base}{other}c/{claim_id}/")
        page.wait_for_load_state()
        assert page.evaluate("document.documentElement.lang") == ("en" if lang == "fr" else "fr")


SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => list.getEntries().forEach(entry => window.__shifts.push({
  value: entry.value,
  at: Math.round(entry.startTime),
  sources: (entry.sources || []).map(s => (s.node && s.node.nodeType === 1
    ? s.node.outerHTML.slice(0, 90) : String(s.node && s.node.nodeName))
    + " " + JSON.stringify([s.previousRect, s.currentRect].map(r => [r.x, r.y, r.width, r.height]))),
}))).observe({type: "layout-shift", buffered: true});
"""


def hold(page, pattern: str) -> list:
    """Requests for `pattern` wait in the returned list until the test lets them go."""
    held: list = []

    def keep(route) -> None:
        held.append(route)

    page.route(pattern, keep)
    return held


HEADER_PARTS = (
    "header .md-logo, header .md-header__topic, header .share-page__palette, "
    "header .share-page__other"
)
RECTS = "els => els.map(e => [e.getBoundingClientRect().x, e.getBoundingClientRect().y, \
e.getBoundingClientRect().width, e.getBoundingClientRect().height])"


def shortest_claim(site_dir, lang: str) -> str:
    claims = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    claim = min((c for c in claims if c["lang"] == lang), key=lambda c: len(c["text"]))
    return ("" if lang == "fr" else "en/") + f"c/{claim['id']}/"


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    ("height", "scheme"), [(740, "light"), (2400, "dark")], ids=["phone", "whole-page-dark"]
)
def test_share_page_does_not_move_once_painted(site_dir, lang, height, scheme):
    """CLS 0 at 360 px (Lighthouse measured 0.008 on the French page): share.js is held until
    the page has painted, as on a slow line, and nothing painted moves when it runs (the
    buttons that need JavaScript, the palette switch). The whole page in view catches shifts
    below the fold too; a dark-scheme reader gets the other palette label."""
    from browser import chromium

    paths = [share_page_of(site_dir, lang)[1], shortest_claim(site_dir, lang)]
    with (
        serve(site_dir) as base,
        chromium(
            viewport={"width": 360, "height": height},
            is_mobile=True,
            has_touch=True,
            color_scheme=scheme,
        ) as ctx,
    ):
        for path in paths:
            page = ctx.new_page()
            page.add_init_script(SHIFTS)
            held = hold(page, "**/share.js")
            page.goto(base + path, wait_until="commit")
            page.wait_for_function(
                "() => performance.getEntriesByName('first-contentful-paint').length"
            )
            for _ in range(1000):  # until Playwright hands the held request to the route
                if held:
                    break
                page.evaluate("0")
            else:
                pytest.fail("share.js was not requested")
            for route in held:
                route.continue_()
            page.wait_for_function("() => window.observatoireShare")
            page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            assert page.locator(".share__copy").is_visible()  # revealed, in its place
            dark = page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
            assert dark == (scheme == "dark")
            assert page.evaluate("window.__shifts") == [], path
            # Whenever the parser yields for a paint, the header is laid out as in the end:
            # as a reader without JavaScript sees it (no palette label shown yet), and before
            # the switches after the site's name are parsed.
            header = page.eval_on_selector_all(HEADER_PARTS, RECTS)
            for unparsed in (".share-page__other", ".share-page__palette"):
                page.eval_on_selector(unparsed, "e => e.remove()")
                kept = page.eval_on_selector_all(HEADER_PARTS, RECTS)
                assert kept == header[: len(kept)], (path, unparsed)
            page.close()
            with ctx.browser.new_context(
                java_script_enabled=False,
                viewport={"width": 360, "height": height},
                is_mobile=True,
            ) as no_script:
                bare = no_script.new_page()
                bare.goto(base + path)
                assert bare.eval_on_selector_all(HEADER_PARTS, RECTS) == header, path

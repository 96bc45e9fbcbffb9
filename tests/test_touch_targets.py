"""Touch targets (issue 15, WCAG 2.2 2.5.8): every control that is not a link inside running
text measures at least 24 × 24 CSS px on a 360 px phone: the claims' permalink and share
controls, the share buttons, the language and theme toggles, the explorer's filters and
buttons."""

from __future__ import annotations

import json

import pytest

from browser import wait_until_loaded
from observatoire_ia.quality.serve import serve

MINIMUM = 24
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}

SIZES = """sel => [...document.querySelectorAll(sel)]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .map(e => { const r = e.getBoundingClientRect();
    return {what: e.tagName.toLowerCase() + '.' + String(e.className).trim().split(/\\s+/).join('.'),
            name: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 30),
            width: r.width, height: r.height}; })"""

CLAIM_CONTROLS = ".claim-tools a, .claim-tools button"
SHARE_CONTROLS = ".share__list a, .share__list button"
HEADER_CONTROLS = (
    "header .md-header__button, header label.md-header__button, .md-select button, "
    "header .share-page__lang"
)


def too_small(page, selector: str) -> tuple[list[dict], int]:
    sizes = page.evaluate(SIZES, selector)
    return [s for s in sizes if s["width"] < MINIMUM or s["height"] < MINIMUM], len(sizes)


@pytest.fixture(scope="module")
def phone(site_dir):
    from browser import chromium

    with serve(site_dir) as base, chromium(**PHONE) as context:
        page = context.new_page()
        page.set_default_timeout(10000)
        yield base, page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_theme_page_controls(phone, lang):
    base, page = phone
    page.goto(base + ("" if lang == "fr" else "en/") + "environnement/", wait_until="load")
    wait_until_loaded(page)  # site.css arrives after the first paint
    for selector in (CLAIM_CONTROLS, SHARE_CONTROLS, HEADER_CONTROLS):
        small, measured = too_small(page, selector)
        assert measured, f"nothing matches {selector}"
        assert not small, small
    # The language list, once opened.
    page.locator(".md-select button").first.focus()
    small, measured = too_small(page, ".md-select__link")
    assert measured == 2 and not small, small


def test_share_page_controls(phone, site_dir):
    base, page = phone
    claims = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    page.goto(base + f"c/{claims[0]['id']}/", wait_until="load")
    wait_until_loaded(page)  # site.css arrives after the first paint
    for selector in (HEADER_CONTROLS, SHARE_CONTROLS, ".share-page__context"):
        small, measured = too_small(page, selector)
        assert measured, f"nothing matches {selector}"
        assert not small, small


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_explorer_controls(phone, lang):
    base, page = phone
    page.goto(base + ("" if lang == "fr" else "en/") + "explorer/", wait_until="load")
    wait_until_loaded(page)  # site.css arrives after the first paint
    page.locator(".explorer-result").first.wait_for()
    for selector in (
        ".explorer-filters select, .explorer-filters input, .explorer-filters button",
        ".explorer-actions button",
        ".explorer-result__tools a, .explorer-result__tools button",
        HEADER_CONTROLS,
    ):
        small, measured = too_small(page, selector)
        assert measured, f"nothing matches {selector}"
        assert not small, small

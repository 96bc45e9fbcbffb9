"""Keyboard-only use of the claim controls: citation preview, permalink, share controls.

Only Tab, Shift+Tab and Enter are pressed; no mouse, no element.focus().
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser import wait_until_loaded
from observatoire_ia.quality.pages import find
from observatoire_ia.quality.serve import serve

MAX_TABS = 250

ACTIVE = """() => {
  const a = document.activeElement;
  if (!a || a === document.body) return null;
  return {tag: a.tagName, cls: a.className || '', href: a.getAttribute('href'),
          inClaimTools: !!a.closest('.claim-tools'), name: (a.getAttribute('aria-label') ||
          a.getAttribute('title') || a.textContent || '').trim()};
}"""


def tab_to(page, predicate, what: str):
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active and predicate(active):
            return active
    pytest.fail(f"{what} not reachable with {MAX_TABS} Tab presses")


@pytest.fixture(scope="module")
def keyboard_site(site_dir):
    import browser

    with (
        serve(site_dir) as base,
        browser.chromium(viewport={"width": 1000, "height": 800}, bypass_csp=True) as ctx,
    ):
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
        yield base, ctx


PREVIEW_STATE = """() => {
  const a = document.activeElement.closest('.citation-group').querySelector('a.citation');
  const p = document.getElementById(a.getAttribute('aria-controls'));
  return {expanded: a.getAttribute('aria-expanded'), cls: p && p.className,
          visible: !!p && getComputedStyle(p).display !== 'none' && p.getBoundingClientRect().height > 0,
          text: p ? p.textContent.trim() : '', focusInside: !!p && p.contains(document.activeElement),
          focusOnLabel: document.activeElement === a};
}"""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_citation_preview_and_link_with_keyboard(site_dir, keyboard_site, lang):
    """Enter on a citation opens its preview (aria-expanded); Tab goes into it, to « voir dans
    la bibliographie », which Enter follows; Escape closes it and returns to the label."""
    base, ctx = keyboard_site
    ref = find(site_dir, "theme", lang)
    page = ctx.new_page()
    page.set_default_timeout(10000)
    page.goto(base + ref[: -len("index.html")], wait_until="load")
    wait_until_loaded(page)
    tab_to(page, lambda a: "citation" in a["cls"].split(), "a.citation")
    closed = page.evaluate(PREVIEW_STATE)
    assert closed["expanded"] == "false" and not closed["visible"], closed
    page.keyboard.press("Enter")
    opened = page.evaluate(PREVIEW_STATE)
    assert "citation-preview" in (opened["cls"] or ""), opened
    assert opened["expanded"] == "true" and opened["visible"] and opened["text"], opened
    page.keyboard.press("Tab")
    assert page.evaluate(PREVIEW_STATE)["focusInside"], "Tab does not go into the preview"
    page.keyboard.press("Escape")
    escaped = page.evaluate(PREVIEW_STATE)
    assert escaped["expanded"] == "false" and not escaped["visible"], escaped
    assert escaped["focusOnLabel"], "Escape does not return to the citation"
    page.keyboard.press("Enter")
    active = tab_to(
        page, lambda a: "citation-bibliography" in a["cls"].split(), "the bibliography link"
    )
    assert page.evaluate(PREVIEW_STATE)["focusInside"], active
    page.keyboard.press("Enter")
    page.wait_for_url("**/bibliographie/#ref-*")
    key = page.url.rsplit("#ref-", 1)[1]
    assert page.locator(f"[id='ref-{key}']").count() == 1
    page.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_permalink_with_keyboard(site_dir, keyboard_site, lang):
    base, ctx = keyboard_site
    ref = find(site_dir, "theme", lang)
    page = ctx.new_page()
    page.set_default_timeout(10000)
    page.goto(base + ref[: -len("index.html")], wait_until="load")
    wait_until_loaded(page)
    active = tab_to(page, lambda a: "claim-permalink" in a["cls"].split(), "a.claim-permalink")
    assert active["name"], "permalink without an accessible name"
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === {active['href']!r}")
    page.wait_for_function(
        "document.getElementById('claims-live') && document.getElementById('claims-live').textContent"
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(active["href"]) and copied.startswith(base), copied
    page.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_share_controls_with_keyboard(site_dir, keyboard_site, lang):
    base, ctx = keyboard_site
    ref = find(site_dir, "theme", lang)
    page = ctx.new_page()
    page.set_default_timeout(10000)
    page.goto(base + ref[: -len("index.html")], wait_until="load")
    wait_until_loaded(page)
    share_selector = ".claim-tools :is(a, button):not(.claim-permalink)"
    assert page.locator(share_selector).count() > 0, "no share control in .claim-tools"
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    active = tab_to(
        page,
        lambda a: a["inClaimTools"] and "claim-permalink" not in a["cls"].split(),
        "a share control",
    )
    assert active["name"], f"share control without an accessible name: {active}"
    page.evaluate(
        """() => { window.__mutations = 0;
          new MutationObserver(m => { window.__mutations += m.length; })
            .observe(document.body, {subtree: true, childList: true, attributes: true,
                                     characterData: true}); }"""
    )
    url = page.url
    page.keyboard.press("Enter")
    try:  # the page navigates, or the control changes it (a dialog, a confirmation)
        page.wait_for_function(
            "url => location.href !== url || window.__mutations > 0", arg=url, timeout=5000
        )
    except PlaywrightTimeout:
        pytest.fail(f"Enter on {active} did nothing within 5 s")
    assert not errors, errors
    page.close()

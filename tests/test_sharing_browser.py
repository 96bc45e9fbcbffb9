"""share.js in Chromium: Mastodon instance validation, remembered instance, copy, keyboard, no-JS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import chromium, serve, wait_until_loaded

VALID = ["mastodon.social", "Mastodon.Social", " piaille.fr ", "social.sub-domain.example.org"]
INVALID = [
    "https://mastodon.social",
    "mastodon.social/path",
    "mastodon.social:443",
    "user@mastodon.example",
    "localhost",
    "127.0.0.1",
    "-bad.example",
    "a..b",
    "javascript:alert(1)",
    "<script>x</script>.org",
    "mastodon.social?x=1",
    "",
]


@pytest.fixture(scope="module")
def served(site_dir):
    with serve(site_dir) as base:
        yield base


def first_claim(site_dir: Path) -> dict:
    claims = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    return next(c for c in claims if c["lang"] == "fr")


def test_mastodon_instance_validation(served, site_dir):
    claim = first_claim(site_dir)
    with chromium() as context:
        page = context.new_page()
        page.goto(f"{served}c/{claim['id']}/")
        wait_until_loaded(page)
        results = page.evaluate(
            "(values) => values.map(v => window.observatoireShare.validInstance(v))",
            VALID + INVALID,
        )
    assert results[: len(VALID)] == [v.strip().lower() for v in VALID]
    assert results[len(VALID) :] == [None] * len(INVALID)


def test_mastodon_asks_once_remembers_and_opens_the_share_url(served, site_dir):
    claim = first_claim(site_dir)
    url = f"{served}c/{claim['id']}/"
    with chromium() as context:
        page = context.new_page()
        page.add_init_script(
            "window.__opened = []; window.open = function (u) { window.__opened.push(String(u)); };"
        )
        page.goto(url)
        wait_until_loaded(page)
        answers = ["https://evil.example/x", "mastodon.social"]
        prompts = []

        def on_dialog(dialog):
            prompts.append(dialog.message)
            dialog.accept(answers.pop(0))

        page.on("dialog", on_dialog)
        button = page.locator(".share__mastodon")
        assert button.is_visible()
        button.click()  # rejected: a URL, not a host name
        assert page.evaluate("window.__opened") == []
        assert "valide" in page.locator(".share__status").inner_text()
        button.focus()
        page.keyboard.press("Enter")  # keyboard: accepted and remembered
        opened = page.evaluate("window.__opened")
        assert len(opened) == 1 and opened[0].startswith("https://mastodon.social/share?text=")
        assert (
            page.evaluate("localStorage.getItem('observatoire-mastodon-instance')")
            == "mastodon.social"
        )
        button.click()  # no second prompt
        assert len(prompts) == 2 and len(page.evaluate("window.__opened")) == 2


def test_copy_link_and_leaflet_text(served, site_dir):
    claim = first_claim(site_dir)
    with chromium(permissions=["clipboard-read", "clipboard-write"]) as context:
        page = context.new_page()
        page.goto(f"{served}c/{claim['id']}/")
        wait_until_loaded(page)
        page.locator(".share__copy").click()
        expect(page.locator(".share__status")).to_contain_text("copié")
        assert page.evaluate("navigator.clipboard.readText()").endswith(f"/c/{claim['id']}/")
        assert "copié" in page.locator(".share__status").inner_text()
        page.locator(".share__leaflet").click()
        expect(page.locator(".share__status")).to_contain_text("tract")
        leaflet = page.evaluate("navigator.clipboard.readText()")
        lines = leaflet.splitlines()
        assert lines[0][:20] == claim["text"][:20]
        assert (
            lines[1].startswith("(") and lines[1].rstrip(")")[-4:].isdigit() or "s. d." in lines[1]
        )
        assert lines[-1].endswith(f"c/{claim['id']}/")


def test_without_javascript_only_plain_links_show(served, site_dir):
    claim = first_claim(site_dir)
    with chromium(java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(f"{served}c/{claim['id']}/")
        assert page.locator(".share__telegram").is_visible()
        for kind in ("mastodon", "copy", "native", "leaflet"):
            assert not page.locator(f".share__{kind}").is_visible()
        page.goto(f"{served}{claim['page']}")
        link = page.locator(f"[id='{claim['id']}'] a.claim-share")
        assert link.count() == 1
        link.click()
        assert page.url.endswith(f"/c/{claim['id']}/")

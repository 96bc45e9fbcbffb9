"""The claim explorer in Chromium (issue 15): filters narrow the list and live in the URL, the
count is announced politely, words match without accents or capitals, copying for a leaflet
gives one paragraph per claim with its sources and address, the page's share block shares the
filtered view, the keyboard is enough; the first view loads the head of the data only (count,
facets, first claims) and the rest arrives at the first filter, words, « more » or copy, with
the same results; data split per theme loads only what is shown."""

from __future__ import annotations

import json
import re
import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest

from browser import wait_until_loaded
from observatoire_ia.quality.serve import serve

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
SITE_URL = "https://observatoire-ia.github.io/"


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@pytest.fixture(scope="module")
def claims(site_dir) -> list[dict]:
    return json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def authors(site_dir) -> dict[str, list[str]]:
    """Reference key -> its authors' names (bibliography.json, CSL)."""
    items = json.loads((site_dir / "bibliography.json").read_text(encoding="utf-8"))
    return {
        item["id"]: [a.get("literal") or a.get("family", "") for a in item.get("author", [])]
        for item in items
    }


@pytest.fixture(scope="module")
def context(site_dir):
    from browser import chromium

    with serve(site_dir) as base, chromium(**PHONE) as ctx:
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
        yield base, ctx


def settled(page) -> None:
    """The list shows its selection (not waiting for the rest of the data)."""
    page.wait_for_function(
        "() => { const list = document.querySelector('.explorer-results');"
        " const count = document.getElementById('explorer-count');"
        " return list && count && !list.hasAttribute('aria-busy') && count.textContent; }"
    )


def results(page) -> list[str]:
    """The claims listed, after « Afficher 40 de plus » as many times as it is offered."""
    settled(page)
    more = page.locator(".explorer-more")
    while more.is_visible():
        shown = page.locator(".explorer-result").count()
        more.click()
        page.wait_for_function(
            "n => document.querySelectorAll('.explorer-result').length > n", arg=shown
        )
    return page.eval_on_selector_all(".explorer-result", "els => els.map(e => e.dataset.id)")


def announced(page) -> int:
    """The number the live region gives (0 for « aucune »)."""
    found = re.search(r"\d+", page.locator("#explorer-count").inner_text())
    return int(found.group(0)) if found else 0


def expected(claims, lang, theme=None, kind=None) -> list[str]:
    """The claims the issue's filters should keep (from claims.json, not from the explorer):
    a figure is a claim tagged `chiffre` or stating a percentage."""
    keep = []
    for claim in claims:
        if claim["lang"] != lang or (theme and claim["theme"] != theme):
            continue
        if kind == "chiffre" and not (
            "chiffre" in claim["tags"] or re.search(r"\d\s?%", claim["text"])
        ):
            continue
        keep.append(claim["id"])
    return keep


def test_filters_narrow_the_list_and_are_restored_from_the_url(context, claims):
    base, ctx = context
    page = ctx.new_page()
    page.goto(base + "explorer/", wait_until="load")
    wait_until_loaded(page)
    everything = results(page)
    assert sorted(everything) == sorted(expected(claims, "fr"))
    count = page.locator("#explorer-count")
    assert count.get_attribute("aria-live") == "polite"
    assert str(len(everything)) in count.inner_text()
    page.select_option("#explorer-theme", "environnement")
    page.select_option("#explorer-kind", "chiffre")
    wanted = expected(claims, "fr", "environnement", "chiffre")
    assert wanted and len(wanted) < len(everything)
    assert sorted(results(page)) == sorted(wanted)
    page.wait_for_function(
        "n => document.getElementById('explorer-count').textContent.includes(n)",
        arg=str(len(wanted)),
    )
    assert parse_qs(urlsplit(page.url).query) == {"theme": ["environnement"], "kind": ["chiffre"]}
    # The page's share block shares the filtered view.
    share = page.locator("section.share").get_attribute("data-share-url")
    assert share == SITE_URL + "explorer/?theme=environnement&kind=chiffre"
    # A shared link opens on the same selection.
    other = ctx.new_page()
    other.goto(base + "explorer/?theme=environnement&kind=chiffre", wait_until="load")
    wait_until_loaded(other)
    assert other.input_value("#explorer-theme") == "environnement"
    assert other.input_value("#explorer-kind") == "chiffre"
    assert results(other) == results(page)
    # An unknown value is ignored, not an empty list.
    other.goto(base + "explorer/?theme=nowhere", wait_until="load")
    wait_until_loaded(other)
    assert other.input_value("#explorer-theme") == ""
    assert len(results(other)) == len(everything)


def test_words_ignore_accents_and_capitals(context, claims):
    base, ctx = context
    page = ctx.new_page()
    page.goto(base + "explorer/", wait_until="load")
    wait_until_loaded(page)
    found = {}
    for words in ("énergie", "ENERGIE", "Energie"):
        page.fill("#explorer-q", words)
        found[words] = results(page)
    wanted = [c["id"] for c in claims if c["lang"] == "fr" and "energie" in fold(c["text"])]
    assert found["énergie"] == found["ENERGIE"] == found["Energie"]
    assert set(wanted) <= set(found["énergie"]) and wanted
    assert parse_qs(urlsplit(page.url).query) == {"q": ["Energie"]}
    # Polite, once the reader pauses: the count ends up announced.
    page.wait_for_function(
        "n => document.getElementById('explorer-count').textContent.includes(n)",
        arg=str(len(found["Energie"])),
    )


def leaflet_paragraphs(text: str) -> list[list[str]]:
    return [block.split("\n") for block in text.split("\n\n")]


def test_copy_the_selection_for_a_leaflet(context, claims, authors):
    base, ctx = context
    page = ctx.new_page()
    page.goto(base + "explorer/?theme=environnement&kind=chiffre", wait_until="load")
    wait_until_loaded(page)
    page.locator(".explorer-copy-all").tap()
    page.wait_for_function("() => document.querySelector('.explorer-feedback').textContent")
    copied = page.evaluate("navigator.clipboard.readText()")
    wanted = expected(claims, "fr", "environnement", "chiffre")
    by_id = {c["id"]: c for c in claims if c["lang"] == "fr"}
    paragraphs = leaflet_paragraphs(copied)
    assert len(paragraphs) == len(wanted)
    for claim_id, lines in zip(results(page), paragraphs, strict=True):
        claim = by_id[claim_id]
        assert lines[0] == claim["text"]  # plain text, as the site writes it
        assert lines[-1] == f"{SITE_URL}c/{claim_id}/"  # its share page
        assert len(lines) == 3 and lines[1].startswith("(") and lines[1].endswith(")")
        for key in claim["sources"]:
            assert all(name in lines[1] for name in authors[key]), (lines[1], key)
    assert "<" not in copied  # no markup
    # One claim's own « copier pour un tract ».
    first = page.locator(".explorer-result").first
    first.locator(".explorer-leaflet").tap()
    page.wait_for_function("() => navigator.clipboard.readText().then(t => !t.includes('\\n\\n'))")
    assert page.evaluate("navigator.clipboard.readText()") == "\n".join(paragraphs[0])
    # The link to the selection.
    page.locator(".explorer-copy-link").tap()
    page.wait_for_function(
        "() => navigator.clipboard.readText().then(t => t.startsWith('https://'))"
    )
    assert page.evaluate("navigator.clipboard.readText()") == (
        SITE_URL + "explorer/?theme=environnement&kind=chiffre"
    )


def test_each_result_has_its_citation_permalink_and_share_controls(context, site_dir):
    base, ctx = context
    page = ctx.new_page()
    page.goto(base + "en/explorer/?kind=revendication", wait_until="load")
    wait_until_loaded(page)
    first = page.locator(".explorer-result").first
    cite = first.locator(".explorer-result__cite a").first
    assert re.fullmatch(r"[^\[\]]{2,45}", cite.inner_text())
    assert re.search(r"bibliographie/#ref-\w+$", cite.get_attribute("href"))
    claim_id = first.get_attribute("data-id")
    permalink = first.locator("a.explorer-permalink").get_attribute("href")
    assert permalink.endswith(f"#{claim_id}")
    share = first.locator("a.explorer-share").get_attribute("href")
    assert share == f"../../en/c/{claim_id}/"
    first.locator("a.explorer-permalink").tap()
    page.wait_for_url(f"**/en/**#{claim_id}")
    assert page.locator(f"[id='{claim_id}']").count() == 1


def test_keyboard_alone(context):
    """Tab to the theme filter, choose with the arrow keys: the list and the count follow."""
    base, phone = context
    desktop = phone.browser.new_context(viewport={"width": 1000, "height": 800})
    with desktop:
        page = desktop.new_page()
        page.goto(base + "explorer/", wait_until="load")
        wait_until_loaded(page)
        total = announced(page)
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "explorer-theme":
                break
        else:
            pytest.fail("the theme filter is not reachable with Tab")
        page.keyboard.press("ArrowDown")  # the first theme
        settled(page)
        page.wait_for_function(
            "n => !document.getElementById('explorer-count').textContent.includes(n)", arg=total
        )
        shown = announced(page)
        assert 0 < shown < total
        # « Afficher 40 de plus » with Enter: focus goes to the first claim added.
        more = page.locator(".explorer-more")
        if more.is_visible():
            for _ in range(600):
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.classList.contains('explorer-more')"):
                    break
            else:
                pytest.fail("« Afficher 40 de plus » is not reachable with Tab")
            page.keyboard.press("Enter")
            focused = page.evaluate("document.activeElement.dataset.id")
            assert focused == results(page)[40]
        assert len(results(page)) == shown


def test_without_javascript_the_page_links_to_the_themes(context):
    base, phone = context
    with phone.browser.new_context(java_script_enabled=False, **PHONE) as no_script:
        page = no_script.new_page()
        page.goto(base + "explorer/", wait_until="load")
        notice = page.locator(".explorer-nojs")
        assert notice.is_visible() and "JavaScript" in notice.inner_text()
        assert notice.locator("a").count() == 5
        assert not page.locator(".explorer-filters").is_visible()


def data_requests(page) -> list[str]:
    """The explorer's data files the page asks for, in order (filled as it goes)."""
    names: list[str] = []
    page.on(
        "request",
        lambda r: names.append(r.url.rsplit("/", 1)[-1]) if "/assets/explorer/" in r.url else None,
    )
    return names


def test_the_first_view_loads_the_head_only(context, claims):
    """Count, facets with their counts and the first 40 claims, without the rest of the data;
    the first filter brings it, and the list is the one the whole data gives."""
    base, ctx = context
    page = ctx.new_page()
    fetched = data_requests(page)
    page.goto(base + "explorer/", wait_until="networkidle")
    wait_until_loaded(page)
    settled(page)
    french = [c for c in claims if c["lang"] == "fr"]
    assert fetched == ["claims.fr.js"]
    assert announced(page) == len(french)
    first = page.eval_on_selector_all(".explorer-result", "els => els.map(e => e.dataset.id)")
    assert len(first) == 40
    left = len(french) - 40
    assert f"({left} " in page.locator(".explorer-more").inner_text()
    options = page.eval_on_selector_all(
        "#explorer-theme option", "els => els.map(e => [e.value, e.textContent])"
    )
    per_theme = {}
    for claim in french:
        per_theme[claim["theme"] or "general"] = per_theme.get(claim["theme"] or "general", 0) + 1
    assert options[0][1].endswith(f"({len(french)})")
    assert {value: int(re.search(r"\((\d+)\)$", text).group(1)) for value, text in options[1:]} == (
        per_theme
    )
    assert fetched == ["claims.fr.js"]  # counting did not need the rest
    page.select_option("#explorer-theme", "travail")
    assert sorted(results(page)) == sorted(expected(claims, "fr", "travail"))
    assert fetched == ["claims.fr.js", "claims.fr.rest.js"]
    page.select_option("#explorer-theme", "")
    everything = results(page)
    assert sorted(everything) == sorted(c["id"] for c in french)
    assert everything[:40] == first  # the head's claims are the list's first
    assert options == page.eval_on_selector_all(
        "#explorer-theme option", "els => els.map(e => [e.value, e.textContent])"
    )  # the head's counts are those of the whole data


def held(page, name: str) -> list:
    """Holds the answer for the data file `name` until the test lets it go (a slow line)."""
    waiting: list = []
    page.route(f"**/assets/explorer/{name}", lambda route: waiting.append(route))
    return waiting


def test_copy_and_more_wait_for_the_rest_of_the_data(context, claims):
    """From the first view, « Copier la sélection » copies every claim, not only the forty of
    the head, and « Afficher 40 de plus » shows the next ones, once the rest has arrived."""
    base, ctx = context
    page = ctx.new_page()
    waiting = held(page, "claims.fr.rest.js")
    page.goto(base + "explorer/", wait_until="load")
    wait_until_loaded(page)
    settled(page)
    french = [c["id"] for c in claims if c["lang"] == "fr"]
    page.evaluate("navigator.clipboard.writeText('')")
    page.locator(".explorer-copy-all").tap()
    page.locator(".explorer-more").tap()
    for _ in range(1000):  # until Playwright hands the held request to `held`
        if waiting:
            break
        page.evaluate("0")
    else:
        pytest.fail("the rest of the data was not asked for")
    assert page.evaluate("navigator.clipboard.readText()") == ""  # nothing yet: the rest is held
    assert page.locator(".explorer-result").count() == 40
    for route in waiting:
        route.continue_()
    page.wait_for_function("() => document.querySelectorAll('.explorer-result').length === 80")
    forty_first = page.evaluate("document.querySelectorAll('.explorer-result')[40].dataset.id")
    assert page.evaluate("document.activeElement.dataset.id") == forty_first
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t.length > 0)")
    copied = leaflet_paragraphs(page.evaluate("navigator.clipboard.readText()"))
    listed = results(page)
    assert len(listed) == len(french)
    assert [lines[-1] for lines in copied] == [f"{SITE_URL}c/{claim_id}/" for claim_id in listed]


def test_a_failed_load_is_said_and_tried_again(context, claims):
    base, ctx = context
    page = ctx.new_page()
    page.route("**/assets/explorer/claims.fr.rest.js", lambda route: route.abort())
    page.goto(base + "explorer/", wait_until="load")
    wait_until_loaded(page)
    settled(page)
    page.select_option("#explorer-theme", "travail")
    page.wait_for_function(
        "() => /connexion/.test(document.getElementById('explorer-count').textContent)"
    )
    page.unroute("**/assets/explorer/claims.fr.rest.js")
    page.select_option("#explorer-kind", "chiffre")
    assert sorted(results(page)) == sorted(expected(claims, "fr", "travail", "chiffre"))


def test_data_split_per_theme_loads_only_the_theme_shown(context, tmp_path):
    from test_explorer import explorer_files

    from conftest import run_build

    root = tmp_path / "split"
    for path, text in explorer_files(limit=300, extra=40).items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    result = run_build(root / "mkdocs.yml", root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(root / "site") as base, context[1].browser.new_context() as ctx:
        page = ctx.new_page()
        fetched = data_requests(page)
        page.goto(base + "explorer/?theme=travail", wait_until="networkidle")
        assert results(page) == ["pas-neutre", "consultation", "energie-ecologie"]
        assert fetched == ["claims.fr.js", "claims.fr.travail.js"]
        page.select_option("#explorer-theme", "")
        everything = results(page)
        assert sorted(fetched) == [
            "claims.fr.droit.js",
            "claims.fr.environnement.js",
            "claims.fr.js",
            "claims.fr.travail.js",
        ]
        assert everything == [
            "google-65",
            "autre-chiffre",
            *(f"fait-{n}" for n in range(40)),
            "pas-neutre",
            "consultation",
            "energie-ecologie",
            "fait-de-droit",
        ]


@pytest.mark.parametrize("held_file", ["explorer.js", "explorer.css"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_nothing_painted_moves_when_the_explorer_starts(context, lang, held_file):
    """CLS 0: the explorer's script or stylesheet held until the first paint (a slow line),
    the filters then take the place of the notice for readers without JavaScript exactly."""
    from test_sharing_phones import SHIFTS, hold

    base, ctx = context
    page = ctx.new_page()
    page.add_init_script(SHIFTS)
    held = hold(page, f"**/{held_file}")
    page.goto(base + ("" if lang == "fr" else "en/") + "explorer/", wait_until="commit")
    page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length")
    for _ in range(1000):  # until Playwright hands the held request to the route
        if held:
            break
        page.evaluate("0")
    else:
        pytest.fail(f"{held_file} was not requested")
    for route in held:
        route.continue_()
    settled(page)
    page.wait_for_load_state("networkidle")
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert page.locator(".explorer-result").count() == 40
    assert page.evaluate("window.__shifts") == []

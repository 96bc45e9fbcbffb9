"""Citations on phones (issue 15): a short label (« [Solidaires, § 26] ») whose preview opens on
a tap, shows the whole reference, « lire dans le texte » and « voir dans la bibliographie »,
stays inside the viewport at 320, 360 and 390 px and on a desktop, and closes with Escape, a
tap elsewhere and a second tap on the same label."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from observatoire_ia.quality.serve import serve

PHONES = (320, 360, 390)
DESKTOP = 1280

BOX = """el => { const r = el.getBoundingClientRect();
  return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width,
          height: r.height, vw: document.documentElement.clientWidth, vh: window.innerHeight,
          shown: getComputedStyle(el).display !== 'none'}; }"""


def inside(box: dict) -> bool:
    return (
        box["shown"]
        and box["width"] > 0
        and box["left"] >= 0
        and box["top"] >= 0
        and box["right"] <= box["vw"]
        and box["bottom"] <= box["vh"]
    )


@pytest.fixture(scope="module")
def served(site_dir):
    with serve(site_dir) as base:
        yield base


def citations_to_try(page) -> list[int]:
    """Indexes of the first and last citations and of the one whose label ends furthest right
    (the case that ran 23 px off a 360 px screen)."""
    rights = page.eval_on_selector_all(
        "article a.citation", "els => els.map(a => a.getBoundingClientRect().right)"
    )
    assert rights, "no citation on the page"
    return sorted({0, len(rights) - 1, max(range(len(rights)), key=rights.__getitem__)})


@pytest.mark.parametrize("width", [*PHONES, DESKTOP])
def test_preview_opens_inside_the_viewport_and_closes(served, width):
    from browser import chromium, wait_until_loaded

    phone = width in PHONES
    options = {"viewport": {"width": width, "height": 700 if phone else 900}}
    if phone:
        options |= {"is_mobile": True, "has_touch": True, "device_scale_factor": 2}
    with chromium(**options) as context:
        page = context.new_page()
        page.set_default_timeout(10000)
        page.goto(served + "environnement/eau-metaux/", wait_until="load")
        wait_until_loaded(page)  # claims.js comes after the first paint
        for index in citations_to_try(page):
            citation = page.locator("article a.citation").nth(index)
            preview = page.locator(f"#{citation.get_attribute('aria-controls')}")

            def press(target=citation):
                target.tap() if phone else target.click()

            if phone:  # the label near the bottom of the screen, where the sheet opens
                citation.evaluate(
                    "a => window.scrollBy(0, a.getBoundingClientRect().bottom - innerHeight + 4)"
                )
            press()
            assert citation.get_attribute("aria-expanded") == "true"
            box = preview.evaluate(BOX)
            assert inside(box), f"{width}px, citation {index}: preview at {box}"
            if phone:  # the label stays in sight above the sheet, for the second tap
                assert citation.evaluate(BOX)["bottom"] <= box["top"], (index, box)
            # The whole reference and both links, readable and inside the screen.
            assert len(preview.inner_text().strip()) > 30
            for link in (
                "a.citation-bibliography",
                *(("a.citation-passage",) if "§" in citation.inner_text() else ()),
            ):
                assert inside(preview.locator(link).evaluate(BOX)), f"{width}px: {link}"
            # The same label again closes it.
            press()
            assert citation.get_attribute("aria-expanded") == "false"
            assert not preview.evaluate(BOX)["shown"] or width == DESKTOP  # hover may show it
            # Escape closes it.
            press()
            page.keyboard.press("Escape")
            assert citation.get_attribute("aria-expanded") == "false"
            # A tap elsewhere closes it.
            press()
            heading = page.locator("article h1").first
            heading.scroll_into_view_if_needed()
            heading.tap() if phone else heading.click()
            assert citation.get_attribute("aria-expanded") == "false"
            if phone:
                assert not preview.evaluate(BOX)["shown"]


def test_label_is_short_and_contract_kept(site_dir):
    """« [Solidaires, § 26] », not « [Union syndicale Solidaires s. d. § 26, lire dans le
    texte] »: one link per source, its href ending in #ref-<key>."""
    tree = lxml_html.parse(str(site_dir / "environnement" / "index.html"))
    labels = [
        (a.get("data-key"), a.text_content(), a.get("href"))
        for a in tree.xpath('//a[@class="citation"]')
    ]
    assert labels
    for key, label, href in labels:
        assert href.endswith(f"#ref-{key}")
        assert len(label) <= 45, label
    solidaires = [label for key, label, _ in labels if key == "SolidairesNDTract"]
    assert solidaires and all(re.fullmatch(r"Solidaires, §\u00a0[\d–, ]+", x) for x in solidaires)
    groups = tree.xpath('//span[@class="citation-group"]')
    for group in groups:
        # Nothing but the labels, separators and brackets is visible before a tap.
        previews = group.xpath('./span[@class="citation-preview"]')
        visible = "".join(group.itertext())
        for preview in previews:
            visible = visible.replace("".join(preview.itertext()), "")
        assert "lire dans le texte" not in visible


def test_preview_placed_under_its_label_in_paragraphs_lists_and_tables(tmp_path):
    """Desktop: the preview opens right under its label (a table row claim too, whose cell
    is not what the preview is positioned against), inside the window; a phone: the sheet."""
    from browser import chromium
    from conftest import ROOT, fixture_files, run_build

    config = fixture_files()["mkdocs.yml"] + (
        "extra_css:\n  - assets/stylesheets/extra.css\n"
        "extra_javascript:\n  - assets/javascripts/claims.js\n"
    )
    body = (
        "{title}\n\n" + "Un long paragraphe qui occupe la largeur de la page. " * 12 + "\n\n"
        "Un fait établi tout au bout de la ligne, loin à droite [@Solidaires2025Tract, p. 3].\n"
        "{{: .claim #paragraphe }}\n\n"
        "- Un élément de liste [@Solidaires2025Tract].\n  {{: .claim #liste }}\n\n"
        "| Quand | Quoi |\n|---|---|\n"
        "| 2024 | Une ligne de tableau [@Solidaires2025Tract] {{: .claim #tableau }} |\n"
    )
    files = fixture_files(
        mkdocs_DOT_yml=config,
        docs__fr__index_DOT_md=body.format(title="# Accueil"),
        docs__en__index_DOT_md=body.format(title="# Home"),
    )
    for name in ("javascripts/claims.js", "stylesheets/extra.css"):
        files[f"docs/assets/{name}"] = (ROOT / "docs" / "assets" / name).read_text("utf-8")
    root = tmp_path / "site-src"
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    result = run_build(root / "mkdocs.yml", root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(root / "site") as base, chromium(viewport={"width": 1000, "height": 700}) as ctx:
        page = ctx.new_page()
        page.goto(base, wait_until="load")
        for claim in ("paragraphe", "liste", "tableau"):
            citation = page.locator(f"#{claim} a.citation")
            citation.click()
            preview = page.locator(f"#{citation.get_attribute('aria-controls')}")
            box, label = preview.evaluate(BOX), citation.evaluate(BOX)
            assert inside(box), (claim, box)
            assert abs(box["top"] - label["bottom"]) <= 2 or abs(box["bottom"] - label["top"]) <= 2
            # Aligned on the label, or pushed left just enough to stay inside the window.
            aligned = abs(box["left"] - label["left"]) <= 2
            clamped = box["left"] < label["left"] and box["right"] >= box["vw"] - 10
            assert aligned or clamped, (claim, box, label)
            page.keyboard.press("Escape")
        page.set_viewport_size({"width": 360, "height": 700})
        page.locator("#tableau a.citation").click()
        sheet = page.locator("#tableau .citation-preview").evaluate(BOX)
        assert inside(sheet) and sheet["bottom"] >= sheet["vh"] - 12, sheet


def test_previews_stay_out_of_the_search_index(site_dir):
    """A union text's reference in every claim's preview would make every claim match its
    title; the claims themselves are indexed."""
    from search_index import pagefind_pages  # the online index (DECISIONS.md, search)

    theme = [p for p in pagefind_pages(site_dir) if p["url"].startswith("/environnement/")]
    assert theme and any("65" in p["content"] for p in theme)
    for page in theme:
        assert "voir dans la bibliographie" not in page["content"], page["url"]
        assert "Tract non daté" not in page["content"], page["url"]

"""Entry points (demands, timeline, glossary, figures, toolkit, home): both languages, every
item links to an existing claim, accessible charts whose values match their claims, upcoming
dates marked, abbreviation tooltips on theme pages, glossary linked to claims."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from pathlib import Path

import lxml.html
import pytest
import yaml

from conftest import ROOT, run_build
from observatoire_ia.dates import date_words
from observatoire_ia.entry_points.glossary import abbreviations
from observatoire_ia.entry_points.timeline import is_upcoming

LANGS = {"fr": "", "en": "en/"}
PAGES = ("revendications", "chronologie", "glossaire", "boite-a-outils", "chiffres")
LIST_CLASSES = {
    "revendications": "demands",
    "chronologie": "timeline",
    "glossaire": "glossary",
    "boite-a-outils": "toolkit",
    "chiffres": "figures",
}
THEMES = ("environnement", "travail", "surveillance", "culture", "droit")


def page_file(site: Path, lang: str, page: str) -> Path:
    return site / f"{LANGS[lang]}{page}/index.html" if page else site / f"{LANGS[lang]}index.html"


def parse(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def claims(site: Path) -> list[dict]:
    return json.loads((site / "claims.json").read_text(encoding="utf-8"))


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """Built file and fragment a relative link of `page` points at."""
    target, _, fragment = href.partition("#")
    base = page.parent.relative_to(site).as_posix()
    path = (
        posixpath.normpath(posixpath.join(base, target))
        if target
        else page.parent.relative_to(site).as_posix()
    )
    file = site / path
    if file.is_dir() or not target:
        file = file / "index.html"
    return file, fragment


_ids: dict[Path, dict[str, set[str]]] = {}


def claim_ids(file: Path) -> dict[str, set[str]]:
    """id -> classes of every element of a built page (cached)."""
    if file not in _ids:
        tree = parse(file)
        _ids[file] = {
            el.get("id"): set((el.get("class") or "").split()) for el in tree.iter() if el.get("id")
        }
    return _ids[file]


def claim_links(site: Path, file: Path, container: str) -> list[tuple[str, Path, str]]:
    tree = parse(file)
    links = []
    for box in tree.find_class(container):
        for a in box.iter("a"):
            href = a.get("href") or ""
            classes = (a.get("class") or "").split()
            # Citations (a definition's sources) follow the claims' contract, tested apart.
            if (
                "#" in href
                and not href.startswith(("http", "#"))
                and not {"headerlink", "citation", "citation-passage"} & set(classes)
            ):
                target, fragment = resolve(site, file, href)
                links.append((href, target, fragment))
    return links


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_entry_point_exists_in_both_languages(site_dir, lang, page):
    file = page_file(site_dir, lang, page)
    assert file.is_file(), f"{file} missing"
    tree = parse(file)
    assert tree.find_class(LIST_CLASSES[page]), f"{page} ({lang}): generated list missing"
    assert not re.search(
        r"<!--\s*(demands|timeline|glossary|toolkit|figures|charts)",
        file.read_text(encoding="utf-8"),
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_item_links_to_an_existing_claim(site_dir, lang, page):
    file = page_file(site_dir, lang, page)
    links = claim_links(site_dir, file, LIST_CLASSES[page])
    if page != "glossaire":
        assert links, f"{page} ({lang}): no item links to a claim"
    for href, target, fragment in links:
        assert target.is_file(), f"{page} ({lang}): {href} → missing page {target}"
        ids = claim_ids(target)
        assert fragment in ids, f"{page} ({lang}): {href} → no element #{fragment}"
        assert "claim" in ids[fragment], f"{page} ({lang}): {href} → #{fragment} is not a claim"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("page", "tag"),
    [("revendications", "revendication"), ("chronologie", "chronologie"), ("chiffres", "chiffre")],
)
def test_every_tagged_claim_is_listed(site_dir, lang, page, tag):
    expected = {c["id"] for c in claims(site_dir) if c["lang"] == lang and tag in c["tags"]}
    listed = {
        f for _, _, f in claim_links(site_dir, page_file(site_dir, lang, page), LIST_CLASSES[page])
    }
    assert expected, f"no claim tagged {tag!r} yet"
    assert expected <= listed, f"{page} ({lang}) misses {sorted(expected - listed)}"


@pytest.mark.parametrize("lang", LANGS)
def test_toolkit_lists_questions_and_procedures_as_checklist(site_dir, lang):
    file = page_file(site_dir, lang, "boite-a-outils")
    expected = {
        c["id"]
        for c in claims(site_dir)
        if c["lang"] == lang and {"question", "procedure"} & set(c["tags"])
    }
    tree = parse(file)
    listed = {f for _, _, f in claim_links(site_dir, file, "toolkit")}
    assert expected and expected <= listed
    boxes = tree.xpath('//div[contains(@class,"toolkit")]//input[@type="checkbox"]')
    assert len(boxes) >= len(expected)
    for box in boxes:  # every checkbox has a label
        assert tree.xpath(f'//label[@for="{box.get("id")}"]'), box.get("id")


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_in_date_order_with_filter(site_dir, lang):
    tree = parse(page_file(site_dir, lang, "chronologie"))
    items = tree.xpath('//li[contains(@class,"timeline-item")]')
    dates = [li.get("data-date") for li in items]
    assert dates and dates == sorted(dates)
    for li in items:
        assert li.xpath(".//time/@datetime") == [li.get("data-date")]
        theme_class = [c for c in li.get("class").split() if c.startswith("tl-")]
        assert len(theme_class) == 1
        # its theme has a labelled checkbox in the filter
        box = tree.xpath(f'//fieldset[@class="timeline-filter"]//input[@id="{theme_class[0]}"]')
        assert box and box[0].getparent().tag == "label"


def test_upcoming_dates_marked(tmp_path):
    """Built as if on 1 January 2025: events of 2025 and later are « à venir » / upcoming."""
    epoch = int(dt.datetime(2025, 1, 1, tzinfo=dt.UTC).timestamp())
    site = tmp_path / "site"
    result = run_build(ROOT / "mkdocs.yml", site, {"SOURCE_DATE_EPOCH": str(epoch)})
    assert result.returncode == 0, result.stdout + result.stderr
    today = dt.date(2025, 1, 1)
    seen_future = seen_past = False
    for lang, word in (("fr", "à venir"), ("en", "upcoming")):
        tree = parse(page_file(site, lang, "chronologie"))
        for li in tree.xpath('//li[contains(@class,"timeline-item")]'):
            marks = li.find_class("timeline-upcoming")
            if is_upcoming(li.get("data-date"), today):
                seen_future = True
                assert marks and marks[0].text_content() == word, li.get("data-date")
            else:
                seen_past = True
                assert not marks, li.get("data-date")
    assert seen_future and seen_past


def test_upcoming_rule_and_dates_in_words():
    today = dt.date(2025, 6, 15)
    assert is_upcoming("2025-06-16", today) and not is_upcoming("2025-06-15", today)
    assert is_upcoming("2025-07", today) and not is_upcoming("2025-06", today)
    assert is_upcoming("2026", today) and not is_upcoming("2025", today)
    assert date_words("2025-02-14", "fr") == "14 février 2025"
    assert date_words("2025-02-01", "fr") == "1er février 2025"
    assert date_words("2025-02-14", "en") == "14 February 2025"
    assert date_words("2024-10", "en") == "October 2024"


CHARTS = yaml.safe_load((ROOT / "docs/data/charts.yml").read_text(encoding="utf-8"))


def _spaces(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


def _forms(value) -> set[str]:
    plain = f"{value:.10g}"
    return {plain, plain.replace(".", ",")}


@pytest.mark.parametrize("lang", LANGS)
def test_chart_values_match_their_claims(site_dir, lang):
    texts = {
        c["id"]: c["text"].replace("\u202f", " ").replace("\xa0", " ")
        for c in claims(site_dir)
        if c["lang"] == lang
    }
    for chart in CHARTS:
        for point in chart["series"]:
            assert point["claim"] in texts, f"{chart['id']}: unknown claim {point['claim']}"
            text = texts[point["claim"]]
            assert any(
                re.search(r"(?<![\d.,])" + re.escape(form) + r"(?![\d]|[.,]\d)", text)
                for form in _forms(point["value"])
            ), f"{chart['id']}: {point['value']} not in claim {point['claim']} ({lang}): {text}"


@pytest.mark.parametrize("lang", LANGS)
def test_charts_accessible(site_dir, lang):
    file = page_file(site_dir, lang, "chiffres")
    tree = parse(file)
    figures = tree.find_class("chart")
    assert len(figures) == len(CHARTS)
    for figure, chart in zip(figures, CHARTS, strict=True):
        svg = figure.xpath(".//*[local-name()='svg']")[0]
        assert svg.get("role") == "img"
        title = svg.xpath("./*[local-name()='title']")[0]
        desc = svg.xpath("./*[local-name()='desc']")[0]
        assert _spaces(title.text_content()).strip() == chart["title"][lang]
        assert desc.text_content().strip()
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert not svg.xpath(".//*[@style or @fill]"), (
            "colours must come from CSS (dark mode, print)"
        )
        assert figure.xpath(".//figcaption")
        table = figure.getnext()
        while table is not None and table.tag != "table":
            table = table.getnext()
        assert table is not None, f"{chart['id']}: no data table after the chart"
        rows = table.xpath(".//tbody/tr")
        assert len(rows) == len(chart["series"])
        for row, point in zip(rows, chart["series"], strict=True):
            href = row.xpath(".//a/@href")[0]
            assert href.endswith("#" + point["claim"])
    assert not tree.xpath("//script[contains(@src,'//')]"), "no third-party script"


@pytest.mark.parametrize("lang", LANGS)
def test_abbreviation_tooltips_on_theme_pages(site_dir, lang):
    expected = abbreviations(
        (ROOT / f"docs/includes/abbreviations.{lang}.md").read_text(encoding="utf-8")
    )
    found = {}
    for theme in THEMES:
        file = site_dir / f"{LANGS[lang]}{theme}/index.html"
        for abbr in parse(file).iter("abbr"):
            found[abbr.text_content()] = abbr.get("title")
    assert "CST" in found, f"no <abbr> for CST on the {lang} theme pages"
    for term, title in found.items():
        if term in expected:
            assert title == expected[term], (lang, term, title)
    if lang == "en":
        assert "(" in found["CST"], "English tooltip gives an English gloss"


def test_abbreviation_files_match_glossary():
    data = yaml.safe_load((ROOT / "docs/data/glossaire.yml").read_text(encoding="utf-8"))
    for lang in LANGS:
        abbr = abbreviations(
            (ROOT / f"docs/includes/abbreviations.{lang}.md").read_text(encoding="utf-8")
        )
        assert set(abbr) == {e["term"] for e in data}
        for entry in data:
            assert abbr[entry["term"]].startswith(entry[lang]["expansion"]), (lang, entry["term"])


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_entries_link_to_claims_using_them(site_dir, lang):
    data = yaml.safe_load((ROOT / "docs/data/glossaire.yml").read_text(encoding="utf-8"))
    file = page_file(site_dir, lang, "glossaire")
    tree = parse(file)
    texts = {c["id"]: c["text"] for c in claims(site_dir) if c["lang"] == lang}
    linked_any = 0
    for entry in data:
        term = entry["term"]
        box = tree.xpath(f'//div[@id="gl-{term.lower()}"]')
        assert box, f"glossary ({lang}): no entry for {term}"
        assert box[0].xpath(".//dfn")[0].text_content() == term
        using = {
            i for i, t in texts.items() if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", t)
        }
        links = {
            a.get("href").rpartition("#")[2]
            for a in box[0].iter("a")
            if "#" in (a.get("href") or "")
        }
        assert using <= links, f"{term} ({lang}): claims {sorted(using - links)} not linked"
        linked_any += bool(using)
    assert linked_any >= 5


@pytest.mark.parametrize("lang", LANGS)
def test_home_offers_themes_and_entry_points(site_dir, lang):
    file = page_file(site_dir, lang, "")
    tree = parse(file)
    hrefs = set(tree.xpath('//div[contains(@class,"home-grid")]//a/@href'))
    for target in (*THEMES, *PAGES):
        assert any(h.rstrip("/").endswith(target) for h in hrefs), f"home ({lang}) lacks {target}"
    latest = tree.xpath("//h2/following-sibling::ul[last()]//time/@datetime")
    assert latest == sorted(latest, reverse=True)


def test_theme_marker_lists_that_themes_demands_and_tooltips_appended(build_fixture_site):
    """`<!-- demands: travail -->` on a page lists the demands of that theme only, linked;
    the language's abbreviation file is appended to every page (tooltips)."""
    from conftest import MINIMAL_MKDOCS, fixture_files

    config = MINIMAL_MKDOCS.replace(
        "  - observatoire/claims\n", "  - observatoire/claims\n  - observatoire/entry-points\n"
    ).replace("markdown_extensions:\n", "markdown_extensions:\n  - abbr\n")
    config += "exclude_docs: |\n  /includes/\n"
    pages = {}
    for lang, word in (("fr", "Demande"), ("en", "Demand")):
        pages[f"docs/{lang}/travail/index.md"] = (
            f"# Travail\n\n{word} CST [@Solidaires2025Tract].\n"
            '{: .claim #rev-travail tags="revendication" }\n\n<!-- demands: travail -->\n'
        )
        pages[f"docs/{lang}/culture/index.md"] = (
            f"# Culture\n\n{word} [@Solidaires2025Tract].\n"
            '{: .claim #rev-culture tags="revendication" }\n'
        )
    files = fixture_files(
        mkdocs_DOT_yml=config,
        **{k.replace("/", "__").replace(".", "_DOT_"): v for k, v in pages.items()},
    )
    files["docs/includes/abbreviations.fr.md"] = "*[CST]: Comité social territorial\n"
    files["docs/includes/abbreviations.en.md"] = (
        "*[CST]: Comité social territorial (Local government staff committee)\n"
    )
    code, output, site = build_fixture_site(files)
    assert code == 0, output
    for prefix, title in (
        ("", "Comité social territorial"),
        ("en/", "Comité social territorial (Local government staff committee)"),
    ):
        tree = parse(site / f"{prefix}travail/index.html")
        hrefs = tree.xpath('//div[contains(@class,"demands")]//a/@href')
        assert any(h.endswith("#rev-travail") for h in hrefs)
        assert not any("rev-culture" in h for h in hrefs)
        assert tree.xpath(f'//abbr[@title="{title}"]'), prefix

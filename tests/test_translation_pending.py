"""`translation: pending` (issue 13): an English page may wait for its translation, as FastAPI's
docs do. It is built from the French page (content in lang="fr" under an English banner, claim
ids and anchors intact), left out of the English search index, listed apart by
scripts/translations.py; a pending page with content, or a pending French page, fails the build
naming the file; a missing English file still fails it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lxml import html as lxml_html

from conftest import fixture_files
from observatoire_ia.translations import translation_status

ROOT = Path(__file__).resolve().parents[1]

FR_PAGE = (
    "---\ntitle: Emploi\ndescription: Emplois supprimés.\n---\n\n# Emploi\n\n"
    "## Centres d'appels\n\nUn fait sourcé : 300 postes [@Solidaires2025Tract].\n"
    "{: .claim #fait-emploi }\n\nVoir [l'accueil](index.md#un-fait).\n"
)
PENDING = "---\ntitle: Jobs\ndescription: Jobs cut.\ntranslation: pending\n---\n"


def pending_site(**overrides):
    nav = "nav:\n  - index.md\n  - emploi.md\n  - bibliographie.md\n"
    files = {
        "mkdocs_DOT_yml": fixture_files()["mkdocs.yml"] + nav,
        "docs__fr__emploi_DOT_md": FR_PAGE,
        "docs__en__emploi_DOT_md": PENDING,
    }
    return fixture_files(**{**files, **overrides})


def page(site: Path, path: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((site / path).read_bytes())


def test_a_pending_page_shows_the_french_page_under_an_english_banner(build_fixture_site):
    code, output, site = build_fixture_site(pending_site())
    assert code == 0, output
    en = page(site, "en/emploi/index.html")
    article = en.xpath("//article")[0]
    banner = article.xpath('./div[contains(@class, "translation-pending")]')
    assert banner and banner[0].text_content().strip().endswith(
        "This page has not been translated yet; the French original follows."
    )
    french = article.xpath('./div[@lang="fr"]')
    assert len(french) == 1
    claim = french[0].get_element_by_id("fait-emploi")  # same claim id as in French
    assert "Un fait sourcé" in claim.text_content() and "claim" in claim.get("class")
    assert french[0].xpath('.//h2[@id="centres-dappels"]')  # same heading anchors
    # French spacing inside, English interface around it.
    assert "sourcé\u00a0: 300" in claim.text_content()
    assert en.get("lang") == "en"
    assert en.xpath("//title")[0].text.startswith("Jobs")  # the English front matter's title
    # The French page is unchanged.
    fr = page(site, "emploi/index.html")
    assert not fr.xpath('//*[contains(@class, "translation-pending")]')


def test_a_pending_page_is_left_out_of_the_english_search_index(build_fixture_site):
    code, output, site = build_fixture_site(pending_site())
    assert code == 0, output
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert any(loc.startswith("emploi/") for loc in locations)  # French: indexed
    assert not any(loc.startswith("en/emploi/") for loc in locations)  # English: not
    assert any(loc.startswith("en/") for loc in locations)  # other English pages: indexed


def test_title_and_description_come_from_the_french_page_when_missing(build_fixture_site):
    files = pending_site(docs__en__emploi_DOT_md="---\ntranslation: pending\n---\n")
    code, output, site = build_fixture_site(files)
    assert code == 0, output
    assert page(site, "en/emploi/index.html").xpath("//title")[0].text.startswith("Emploi")


def test_a_pending_page_with_content_fails_the_build_naming_it(build_fixture_site):
    files = pending_site(docs__en__emploi_DOT_md=PENDING + "\n# Jobs\n\nA translation.\n")
    code, output, _ = build_fixture_site(files)
    assert code != 0
    assert "docs/en/emploi.md:7: a `translation: pending` page holds no text of its own" in output


def test_a_pending_french_page_fails_the_build_naming_it(build_fixture_site):
    files = pending_site(
        docs__fr__emploi_DOT_md=FR_PAGE.replace("---\n\n#", "translation: pending\n---\n\n#", 1)
    )
    code, output, _ = build_fixture_site(files)
    assert code != 0
    assert "docs/fr/emploi.md:4: a 'fr' page cannot be `translation: pending`" in output


def test_a_missing_english_file_still_fails_the_build(build_fixture_site):
    code, output, _ = build_fixture_site(pending_site(docs__en__emploi_DOT_md=None))
    assert code != 0
    assert "docs/fr/emploi.md:1: missing translation" in output


def test_translations_script_lists_pending_pages_apart(tmp_path):
    docs = tmp_path / "docs"
    for path, text in {
        "fr/emploi.md": FR_PAGE,
        "en/emploi.md": PENDING,
        "fr/autre.md": "# Autre\n",
        "en/autre.md": "# Other\n",
    }.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    status = translation_status(docs)
    assert status.pending == ["emploi.md"]
    assert status.unstamped == ["autre.md"] and status.outdated == []
    assert status.missing_claims == []  # the pending page's claims are the French ones
    script = ROOT / "scripts" / "translations.py"
    report = subprocess.run(
        [sys.executable, str(script), "--docs", str(docs)], capture_output=True, text=True
    ).stdout
    assert "Waiting for a translation" in report and "docs/en/emploi.md" in report
    # Pending alone is not a problem for --check; a pending page with text is.
    (docs / "en/autre.md").write_text(PENDING, encoding="utf-8")
    assert translation_status(docs).problems == 0
    checked = subprocess.run(
        [sys.executable, str(script), "--docs", str(docs), "--check"],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout
    (docs / "en/emploi.md").write_text(PENDING + "Text.\n", encoding="utf-8")
    status = translation_status(docs)
    assert status.problems == 1 and "docs/en/emploi.md:6" in status.render()


UNION_BIB = """@misc{Union2026Texte,
  author     = {{Union Exemple}},
  title      = {Texte},
  date       = {2026},
  sourcepage = {sources/texte},
}
"""
SOURCE_FR = "---\ntitle: Texte\ndescription: Le texte.\n---\n\n# Texte\n\nLes data centers consommeraient 4,2 milliards de m³ d'eau en 2027.\n{: #p1 }\n"


def test_claims_of_a_pending_page_are_verified_as_the_french_ones(build_fixture_site):
    """The verifier reads a claim's figures in its page's notation: the French text shown on a
    pending English page (« 4,2 milliards ») is checked once, on the French page."""
    claim = "Les data centers consommeraient 4,2 milliards de m³ d'eau [@Union2026Texte, § 1].\n{: .claim #eau-2027 }\n"
    nav = "nav:\n  - index.md\n  - emploi.md\n  - sources/texte.md\n  - bibliographie.md\n"
    files = fixture_files(
        bibliography_DOT_bib=fixture_files()["bibliography.bib"] + UNION_BIB,
        docs__fr__emploi_DOT_md=FR_PAGE + "\n" + claim,
        docs__en__emploi_DOT_md=PENDING,
        docs__fr__sources__texte_DOT_md=SOURCE_FR,
        docs__en__sources__texte_DOT_md="---\ntitle: Text\ndescription: The text.\ntranslation: pending\n---\n",
    )
    files["mkdocs.yml"] = fixture_files()["mkdocs.yml"] + nav
    code, output, site = build_fixture_site(files)
    assert code == 0, output
    en = page(site, "en/emploi/index.html")
    assert "4,2 milliards" in en.get_element_by_id("eau-2027").text_content()
    passage = en.get_element_by_id("eau-2027").xpath('.//a[@class="citation-passage"]')[0]
    assert passage.get("href") == "../sources/texte/#p1"
    # The same claim with a wrong figure fails on the French page.
    files["docs/fr/emploi.md"] = files["docs/fr/emploi.md"].replace(
        "4,2 milliards", "4,3 milliards"
    )
    code, output, _ = build_fixture_site(files)
    assert code != 0 and "docs/fr/emploi.md" in output and "eau-2027" in output


def test_claims_of_a_pending_page_are_marked_french(build_fixture_site):
    """A claim shown on an English page waiting for its translation is French text: claims.json
    says so (`text_lang`), its English share page sets lang="fr" on the claim and the leaflet
    text, and the English explorer on its item; claims of translated pages keep their page's
    language (no pending page of the real site holds claims today)."""
    from test_sharing import PAGES, SHARING_MKDOCS, front

    config = SHARING_MKDOCS.replace(
        "  - observatoire/sharing\n", "  - observatoire/sharing\n  - observatoire/entry-points\n"
    )
    nav = "nav:\n  - index.md\n  - emploi.md\n  - explorer.md\n  - bibliographie.md\n"
    files = pending_site(
        **PAGES,
        mkdocs_DOT_yml=config + nav,
        docs__fr__explorer_DOT_md=front("Explorer", "# Explorer\n\n<!-- explorer -->\n"),
        docs__en__explorer_DOT_md=front("Explore", "# Explore\n\n<!-- explorer -->\n"),
    )
    code, output, site = build_fixture_site(files)
    assert code == 0, output
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    languages = {(c["lang"], c["id"]): c["text_lang"] for c in claims}
    assert languages == {
        ("fr", "un-fait"): "fr",
        ("fr", "fait-emploi"): "fr",
        ("en", "un-fait"): "en",  # the English home page is translated
        ("en", "fait-emploi"): "fr",  # shown in French on the pending English page
    }
    share = page(site, "en/c/fait-emploi/index.html")
    assert share.get("lang") == "en"
    [claim] = share.xpath('//h1[contains(@class, "share-page__claim")]')
    assert claim.get("lang") == "fr" and "Un fait sourcé" in claim.text_content()
    assert share.xpath('//pre[contains(@class, "share-page__leaflet")]/@lang') == ["fr"]
    for path in ("c/fait-emploi/index.html", "en/c/un-fait/index.html"):
        other = page(site, path)  # in its page's language: no lang of its own
        assert other.xpath('//h1[contains(@class, "share-page__claim")]/@lang') == [], path
    # The English explorer's record says so too (explorer.js sets lang="fr" on the item).
    from test_explorer import claims_of

    explorer = {c["id"]: c.get("textLang") for c in claims_of(site, "en")}
    assert explorer == {"un-fait": None, "fait-emploi": "fr"}
    assert {c["id"]: c.get("textLang") for c in claims_of(site, "fr")} == {
        "un-fait": None,
        "fait-emploi": None,
    }
    from browser import chromium, serve

    with serve(site) as base, chromium() as ctx:
        explorer_page = ctx.new_page()
        explorer_page.goto(base + "en/explorer/")
        texts = explorer_page.locator(".explorer-result .explorer-result__text")
        texts.first.wait_for()
        assert texts.evaluate_all("els => els.map(e => e.lang)") == ["", "fr"]

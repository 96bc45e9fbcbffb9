"""The claim explorer's generator (issue 15): kinds derived from tags and content, every claim
once in the order of the site, facets, the data as a script file (split per theme past its
budget), the page and its data within their weight budgets and loaded only on the explorer."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import MINIMAL_MKDOCS, fixture_files
from observatoire_ia.entry_points.explorer import DATA_LIMIT, data_files

HTML_LIMIT = 60 * 1024

BIB = """\
@misc{Texte2025,
  author      = {{Union Exemple des Travailleurs}},
  shortauthor = {{Union Exemple}},
  title       = {Texte syndical},
  date        = {2025-03-20},
  sourcepage  = {sources/texte},
}
@misc{Autre2024,
  author = {{Association Exemple}},
  title  = {Autre},
  date   = {2024},
}
"""

SOURCE = """---
title: Texte
---

# Texte

Premier passage : Google a augmenté de 65 % ses émissions en 5 ans.
{: #p1 }

Deuxième passage, où les salarié·es disent : « l'IA n'est pas neutre », le 10 février 2025.
{: #p2 }

Nous demandons une consultation du comité avant tout déploiement.
{: #p3 }
"""

CLAIMS = {
    "fr": {
        "environnement/index.md": (
            "# Environnement\n\n"
            "Google a augmenté de 65 % ses émissions en 5 ans [@Texte2025, § 1].\n"
            '{: .claim #google-65 tags="chiffre" }\n\n'
            "Une autre source donne un autre chiffre [@Autre2024].\n"
            "{: .claim .divergence #autre-chiffre }\n"
        ),
        "travail/index.md": (
            "# Travail\n\n"
            "Pour le syndicat, « l'IA n'est pas neutre » [@Texte2025, § 2].\n"
            '{: .claim #pas-neutre date="2025-02-10" }\n\n'
            "Le syndicat demande une consultation du comité [@Texte2025, § 3].\n"
            '{: .claim #consultation tags="revendication procedure" }\n\n'
            "Énergie et écologie sont liées selon une autre source [@Autre2024].\n"
            "{: .claim #energie-ecologie }\n"
        ),
    },
    "en": {
        "environnement/index.md": (
            "# Environment\n\n"
            "Google increased its emissions by 65% in 5 years [@Texte2025, § 1].\n"
            '{: .claim #google-65 tags="chiffre" }\n\n'
            "Another source gives another figure [@Autre2024].\n"
            "{: .claim .divergence #autre-chiffre }\n"
        ),
        "travail/index.md": (
            "# Work\n\n"
            "For the union, “AI is not neutral” (« l'IA n'est pas neutre ») [@Texte2025, § 2].\n"
            '{: .claim #pas-neutre date="2025-02-10" }\n\n'
            "The union demands that the committee be consulted [@Texte2025, § 3].\n"
            '{: .claim #consultation tags="revendication procedure" }\n\n'
            "Energy and ecology are linked, says another source [@Autre2024].\n"
            "{: .claim #energie-ecologie }\n"
        ),
    },
}


def explorer_files(limit: int | None = None) -> dict[str, str]:
    config = MINIMAL_MKDOCS.replace(
        "  - observatoire/claims\n",
        "  - observatoire/claims\n  - observatoire/entry-points"
        + (f":\n      explorer_data_limit: {limit}\n" if limit else "\n"),
    )
    files = fixture_files(
        mkdocs_DOT_yml=config,
        bibliography_DOT_bib=BIB,
        docs__fr__index_DOT_md="# Accueil\n",
        docs__en__index_DOT_md="# Home\n",
    )
    for lang, title in (("fr", "Explorer les affirmations"), ("en", "Explore the claims")):
        files[f"docs/{lang}/explorer.md"] = f"# {title}\n\n<!-- explorer -->\n"
        files[f"docs/{lang}/sources/texte.md"] = (
            SOURCE
            if lang == "fr"
            else SOURCE.replace("# Texte\n", '# Texte\n\n<div lang="fr" markdown>\n') + "\n</div>\n"
        )
        for page, text in CLAIMS[lang].items():
            files[f"docs/{lang}/{page}"] = text
    return files


def data_of(site: Path, lang: str) -> list[dict]:
    """Every record pushed by the language's data scripts (manifest first)."""
    records = []
    for path in sorted((site / "assets" / "explorer").glob(f"claims.{lang}*.js")):
        match = re.search(r"\.push\((\{.*\})\);\s*$", path.read_text(encoding="utf-8"), re.S)
        assert match, path
        records.append(json.loads(match.group(1)))
    return records


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    from conftest import run_build

    root = tmp_path_factory.mktemp("explorer")
    for path, text in explorer_files().items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    result = run_build(root / "mkdocs.yml", root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def test_kinds_come_from_tags_class_and_content(fixture_site):
    [data] = data_of(fixture_site, "fr")
    kinds = {c["id"]: c["kinds"] for c in data["claims"]}
    assert kinds == {
        "google-65": ["chiffre"],
        "autre-chiffre": ["divergence"],
        "pas-neutre": ["citation"],
        "consultation": ["revendication", "procedure"],
        "energie-ecologie": [],
    }
    [english] = data_of(fixture_site, "en")
    assert {c["id"]: c["kinds"] for c in english["claims"]} == kinds


def test_every_claim_once_by_theme_with_its_facets(fixture_site):
    [data] = data_of(fixture_site, "fr")
    claims = data["claims"]
    assert [c["id"] for c in claims] == [
        "google-65",
        "autre-chiffre",
        "pas-neutre",
        "consultation",
        "energie-ecologie",
    ]
    assert [c["n"] for c in claims] == list(range(5))
    by_id = {c["id"]: c for c in claims}
    google = by_id["google-65"]
    assert google["theme"] == "environnement" and google["title"] == "Environnement"
    assert google["page"] == "environnement/"
    assert google["cite"] == [["Texte2025", "Union Exemple, §\u00a01"]]
    assert google["sources"] == ["Texte2025"] and google["orgs"] == [
        "union-exemple-des-travailleurs"
    ]
    assert google["short"] == "Union Exemple des Travailleurs, 2025"
    # No share pages in this site: the leaflet's address is the claim on its page.
    assert google["url"] == "https://example.org/environnement/#google-65"
    assert by_id["pas-neutre"]["date"] == "2025-02-10"
    assert by_id["pas-neutre"]["when"] == "10 février 2025"
    facets = data["facets"]
    assert facets["theme"] == [["environnement", "Environnement"], ["travail", "Travail"]]
    assert [k for k, _ in facets["kind"]] == [
        "chiffre",
        "revendication",
        "procedure",
        "divergence",
        "citation",
    ]
    assert [(key, group) for key, _, group in facets["source"]] == [
        ("Texte2025", "union"),
        ("Autre2024", "other"),
    ]
    assert facets["org"] == [["union-exemple-des-travailleurs", "Union Exemple des Travailleurs"]]
    assert facets["date"] == [["2025", "2025"]]


def test_explorer_page_loads_its_own_script_and_names_the_theme_pages(fixture_site):
    tree = lxml_html.parse(str(fixture_site / "en" / "explorer" / "index.html"))
    scripts = tree.xpath('//div[@id="explorer"]//script/@src')
    assert scripts == ["../../assets/explorer/claims.en.js", "../../assets/javascripts/explorer.js"]
    notice = tree.xpath('//div[contains(@class, "explorer-nojs")]')[0]
    assert "JavaScript" in notice.text_content()
    assert notice.xpath(".//a/@href") == ["../environnement/", "../travail/"]
    assert tree.xpath('//div[@class="explorer-ui"]/@hidden')  # shown by explorer.js
    count = tree.xpath('//*[@id="explorer-count"]')[0]
    assert count.get("role") == "status" and count.get("aria-live") == "polite"


def test_split_per_theme_past_the_budget(build_fixture_site):
    code, output, site = build_fixture_site(explorer_files(limit=600))
    assert code == 0, output
    records = data_of(site, "fr")
    manifest = next(r for r in records if "facets" in r)
    parts = [r for r in records if "part" in r]
    assert manifest["claims"] == []
    assert manifest["parts"] == {
        "environnement": "claims.fr.environnement.js",
        "travail": "claims.fr.travail.js",
    }
    assert {r["part"] for r in parts} == {"environnement", "travail"}
    for part in parts:
        assert {c["theme"] for c in part["claims"]} == {part["part"]}
    assert sorted(c["n"] for p in parts for c in p["claims"]) == list(range(5))


def test_a_split_is_only_made_past_the_budget():
    data = {"lang": "fr", "facets": {}, "claims": [{"n": 0, "theme": "travail", "text": "x"}]}
    assert list(data_files(data)) == ["claims.fr.js"]
    assert sorted(data_files(data, limit=10)) == ["claims.fr.js", "claims.fr.travail.js"]


# -- the real site ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_real_explorer_page_and_data_within_budget(site_dir, lang):
    prefix = "" if lang == "fr" else "en/"
    page = site_dir / prefix / "explorer" / "index.html"
    assert page.stat().st_size <= HTML_LIMIT
    files = sorted((site_dir / "assets" / "explorer").glob(f"claims.{lang}*.js"))
    sizes = {p.name: len(gzip.compress(p.read_bytes(), 9)) for p in files}
    print(f"\nexplorer {lang}: HTML {page.stat().st_size} B, data {sizes} (gzip)")
    assert all(size <= DATA_LIMIT for size in sizes.values()), sizes
    records = [r for r in data_of(site_dir, lang)]
    ids = [c["id"] for r in records for c in r["claims"]]
    claims = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    assert sorted(ids) == sorted(c["id"] for c in claims if c["lang"] == lang)


def test_explorer_assets_load_only_on_the_explorer(site_dir):
    loaders = []
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "assets/explorer/" in text or "explorer.js" in text or "explorer.css" in text:
            loaders.append(page.relative_to(site_dir).as_posix())
    assert sorted(loaders) == ["en/explorer/index.html", "explorer/index.html"]


def test_explorer_in_the_navigation_and_on_the_home_page(site_dir):
    for prefix in ("", "en/"):
        home = lxml_html.parse(str(site_dir / prefix / "index.html"))
        assert home.xpath('//article//a[@href="explorer/"]'), prefix
        theme = lxml_html.parse(str(site_dir / prefix / "revendications" / "index.html"))
        assert theme.xpath('//nav[contains(@class, "md-nav--primary")]//a[@href="../explorer/"]')

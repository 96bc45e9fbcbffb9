"""The claim explorer's generator (issue 15): kinds derived from tags and content, every claim
once in the order of the site, facets, the data as script files (a head with what the first
view shows, the rest apart, split per theme past its budget), compact records that rebuild the
same claims, the page and its data within their weight budgets and loaded only on the explorer."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import MINIMAL_MKDOCS, fixture_files
from observatoire_ia.entry_points.explorer import DATA_LIMIT, STEP, compact, data_files

HTML_LIMIT = 60 * 1024
# The head's share of the first view (≤ 100 KB gzip with Material's bundle and the site's CSS).
HEAD_LIMIT = 14 * 1024

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


def extra_claims(count: int) -> str:
    """`count` more claims on the environment page (the head then holds environment only)."""
    return "".join(
        f"Fait d'exemple sur l'environnement, numéro {n} [@Autre2024].\n{{: .claim #fait-{n} }}\n\n"
        for n in range(count)
    )


NAV = """nav:
  - index.md
  - explorer.md
  - environnement/index.md
  - travail/index.md
  - sources/texte.md
  - bibliographie.md
"""


def explorer_files(limit: int | None = None, extra: int = 0) -> dict[str, str]:
    config = MINIMAL_MKDOCS.replace(
        "  - observatoire/claims\n",
        "  - observatoire/claims\n  - observatoire/entry-points"
        + (f":\n      explorer_data_limit: {limit}\n" if limit else "\n"),
    )
    # The navigation orders the themes (site_nav.py): not the alphabet.
    config += NAV + ("  - droit/index.md\n" if extra else "")
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
        if extra:
            files[f"docs/{lang}/environnement/index.md"] += "\n" + extra_claims(extra)
            files[f"docs/{lang}/droit/index.md"] = (
                "# Droit\n\nUn fait de droit [@Autre2024].\n{: .claim #fait-de-droit }\n"
            )
    return files


def data_of(site: Path, lang: str) -> list[dict]:
    """What each of the language's data scripts pushes (by file name: the head first)."""
    records = []
    for path in sorted((site / "assets" / "explorer").glob(f"claims.{lang}*.js")):
        match = re.search(r"\.push\((\{.*\})\);\s*$", path.read_text(encoding="utf-8"), re.S)
        assert match, path
        records.append(json.loads(match.group(1)))
    return records


def head_of(site: Path, lang: str) -> dict:
    [head] = [entry for entry in data_of(site, lang) if "facets" in entry]
    return head


def expand(head: dict, record: dict) -> dict:
    """A compact record as the module's docstring describes it, made whole again."""
    href, title, theme = head["pages"][record["p"]]
    keys = list(dict.fromkeys(key for key, _ in record["cite"]))
    whole = {key: value for key, value in record.items() if key != "p"}
    return {
        **whole,
        "page": href,
        "title": title,
        "theme": theme,
        "sources": keys,
        "short": "; ".join(dict.fromkeys(head["refs"][key][0] for key in keys)),
        "orgs": list(dict.fromkeys(head["refs"][k][1] for k in keys if head["refs"][k][1])),
    }


def claims_of(site: Path, lang: str) -> list[dict]:
    """Every claim of the language's data files, whole, in the explorer's order."""
    entries = data_of(site, lang)
    head = head_of(site, lang)
    records = [expand(head, r) for entry in entries for r in entry["claims"]]
    return sorted(records, key=lambda r: r["n"])


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
    kinds = {c["id"]: c["kinds"] for c in claims_of(fixture_site, "fr")}
    assert kinds == {
        "google-65": ["chiffre"],
        "autre-chiffre": ["divergence"],
        "pas-neutre": ["citation"],
        "consultation": ["revendication", "procedure"],
        "energie-ecologie": [],
    }
    assert {c["id"]: c["kinds"] for c in claims_of(fixture_site, "en")} == kinds


def test_every_claim_once_by_theme_with_its_facets(fixture_site):
    data = head_of(fixture_site, "fr")
    claims = claims_of(fixture_site, "fr")
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


def test_the_head_holds_the_first_view_and_the_rest_comes_apart(build_fixture_site):
    code, output, site = build_fixture_site(explorer_files(extra=STEP))
    assert code == 0, output
    names = sorted(p.name for p in (site / "assets" / "explorer").glob("claims.fr*.js"))
    assert names == ["claims.fr.js", "claims.fr.rest.js"]
    head = head_of(site, "fr")
    claims = claims_of(site, "fr")
    total = STEP + 6
    assert head["total"] == len(claims) == total and head["step"] == STEP == 40
    # The first view's claims, in the list's order; the others only in the rest, once each.
    assert [c["n"] for c in head["claims"]] == list(range(STEP))
    assert [c["n"] for c in claims] == list(range(total))
    assert head["parts"] == {"rest": "claims.fr.rest.js"}
    # The filters' counts before any filter, as the list would count them.
    assert head["counts"]["theme"] == {"environnement": 2 + STEP, "travail": 3, "droit": 1}
    assert head["counts"]["kind"] == {
        "chiffre": 1,
        "revendication": 1,
        "procedure": 1,
        "divergence": 1,
        "citation": 1,
    }
    assert head["counts"]["source"] == {"Texte2025": 3, "Autre2024": total - 3}
    assert head["counts"]["org"] == {"union-exemple-des-travailleurs": 3}
    assert head["counts"]["date"] == {"2025": 1}
    # Compact records rebuild what claims.json says of each claim.
    published = {
        c["id"]: c
        for c in json.loads((site / "claims.json").read_text(encoding="utf-8"))
        if c["lang"] == "fr"
    }
    assert sorted(published) == sorted(c["id"] for c in claims)
    for claim in claims:
        wanted = published[claim["id"]]
        assert claim["text"] == wanted["text"]
        assert claim["sources"] == wanted["sources"]
        assert claim["theme"] == wanted["theme"]
        assert claim["page"] == wanted["page"]
        assert claim["url"] == wanted["url"]
    assert {c["short"] for c in claims} == {
        "Union Exemple des Travailleurs, 2025",
        "Association Exemple, 2024",
    }


def test_split_per_theme_past_the_budget(build_fixture_site):
    code, output, site = build_fixture_site(explorer_files(limit=300, extra=STEP))
    assert code == 0, output
    records = data_of(site, "fr")
    head = next(r for r in records if "facets" in r)
    parts = [r for r in records if "part" in r]
    assert len(head["claims"]) == STEP and head["byTheme"] is True
    # The head is environment's first claims: its two last, and the other themes, in parts.
    assert head["parts"] == {
        "environnement": "claims.fr.environnement.js",
        "travail": "claims.fr.travail.js",
        "droit": "claims.fr.droit.js",
    }
    assert {r["part"] for r in parts} == {"environnement", "travail", "droit"}
    for part in parts:
        assert {head["pages"][c["p"]][2] for c in part["claims"]} == {part["part"]}
    assert sorted(c["n"] for r in records for c in r["claims"]) == list(range(STEP + 6))


def record(n: int, theme: str = "travail", short: str = "Union, 2025") -> dict:
    return {
        "n": n,
        "id": f"c{n}",
        "text": "x",
        "page": f"{theme}/",
        "title": theme.capitalize(),
        "theme": theme,
        "kinds": [],
        "sources": ["K"],
        "orgs": ["union"],
        "cite": [["K", "Union, § 1"]],
        "short": short,
    }


def data(count: int) -> dict:
    return {
        "lang": "fr",
        "facets": {"theme": [], "kind": [], "source": [], "org": [], "date": []},
        "refs": {"K": ["Union, 2025", "union"]},
        "claims": [record(n, "travail" if n % 2 else "droit") for n in range(count)],
    }


def test_a_rest_only_past_the_first_view_and_a_split_only_past_the_budget():
    assert list(data_files(data(STEP))) == ["claims.fr.js"]
    assert list(data_files(data(STEP + 1))) == ["claims.fr.js", "claims.fr.rest.js"]
    assert sorted(data_files(data(STEP + 2), limit=10)) == [
        "claims.fr.droit.js",
        "claims.fr.js",
        "claims.fr.travail.js",
    ]


def test_a_record_the_tables_cannot_rebuild_fails_the_build():
    broken = data(2)
    broken["claims"][1]["short"] = "Another union, 2025"
    with pytest.raises(ValueError, match="c1"):
        compact(broken)
    tables, records = compact(data(3))
    assert tables == {"pages": [["droit/", "Droit", "droit"], ["travail/", "Travail", "travail"]]}
    assert [r["p"] for r in records] == [0, 1, 0]
    assert not {"page", "title", "theme", "sources", "short", "orgs"} & set(records[0])


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
    # The first view loads the head only: facets, counts and forty claims (DECISIONS 11).
    assert sizes[f"claims.{lang}.js"] <= HEAD_LIMIT, sizes
    claims = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    published = {c["id"]: c for c in claims if c["lang"] == lang}
    explorer = claims_of(site_dir, lang)
    assert len(head_of(site_dir, lang)["claims"]) == STEP
    assert sorted(c["id"] for c in explorer) == sorted(published)
    for claim in explorer:  # rebuilt from the compact records, as claims.json says
        wanted = published[claim["id"]]
        assert (claim["text"], claim["sources"], claim["theme"]) == (
            wanted["text"],
            wanted["sources"],
            wanted["theme"],
        )
        assert claim["page"] == wanted["page"]


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

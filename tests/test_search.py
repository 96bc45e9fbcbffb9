"""Online search by Pagefind (issue 14): what is indexed, what is not, and what is shipped.

The browser side (a typed query returns results from this language's chunks, under the
Content-Security-Policy) is in test_quality_csp.py; the offline kit's search (Material's
index, from file://) and the ZIM's (Kiwix's index) are in test_offline.py.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from search_index import pagefind_pages

SHARE_PAGE = re.compile(r"^/(en/)?c/")


@pytest.fixture(scope="module")
def indexed(site_dir) -> list[dict]:
    records = pagefind_pages(site_dir)
    assert records, "no Pagefind fragment in the built site"
    return records


def test_both_languages_have_their_own_index(site_dir):
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert set(entry["languages"]) == {"fr", "en"}
    for lang, prefix in (("fr", ""), ("en", "en/")):
        pages = [
            p
            for p in (site_dir / prefix if prefix else site_dir).rglob("index.html")
            if "data-pagefind-body" in p.read_text("utf-8")
            and (prefix or not p.relative_to(site_dir).as_posix().startswith("en/"))
        ]
        assert entry["languages"][lang]["page_count"] == len(pages) > 40, lang


def test_every_page_of_the_site_is_indexed_and_no_share_page(site_dir, indexed):
    urls = {record["url"] for record in indexed}
    assert not [u for u in urls if SHARE_PAGE.match(u)], "share pages repeat the claims"
    assert not [u for u in urls if "404" in u]
    claims = json.loads((site_dir / "claims.json").read_text("utf-8"))
    for claim in claims:
        assert f"/{claim['page']}" in urls, claim["page"]
    for prefix in ("", "en/"):
        assert f"/{prefix}bibliographie/SolidairesNDTract/" in urls
        assert f"/{prefix}sources/solidaires-tract-ia/" in urls


def test_claim_controls_previews_and_share_blocks_are_not_indexed(indexed):
    theme_pages = [r for r in indexed if r["url"].startswith(("/environnement/", "/travail/"))]
    assert theme_pages
    for record in theme_pages:
        text = record["content"]
        # A formatted reference (in each citation's preview) writes the author in capitals.
        assert "UNION SYNDICALE SOLIDAIRES" not in text, record["url"]
        assert "Partager" not in text and "Lien permanent" not in text, record["url"]


def test_reference_pages_index_the_reference_not_the_claims_citing_it(site_dir, indexed):
    page = next(r for r in indexed if r["url"] == "/bibliographie/SolidairesNDTract/")
    assert "Intelligence artificielle" in page["content"]
    claims = json.loads((site_dir / "claims.json").read_text("utf-8"))
    citing = [c for c in claims if c["lang"] == "fr" and "SolidairesNDTract" in c["sources"]]
    assert citing
    assert not [c for c in citing if c["text"][:40] in page["content"]]


def test_materials_index_online_is_its_configuration_only(site_dir):
    """Pagefind answers online; Material's entries would never be downloaded."""
    for name in ("search_index.json", "search_index.fr.json", "search_index.en.json"):
        index = json.loads((site_dir / "search" / name).read_text("utf-8"))
        assert index["docs"] == [] and index["config"]["lang"], name


def test_pagefind_ships_only_what_the_search_box_uses(site_dir):
    shipped = {p.name for p in (site_dir / "pagefind").iterdir() if p.is_file()}
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json"} <= shipped
    assert not [name for name in shipped if "-ui." in name or "highlight" in name], shipped


def test_pages_load_the_pagefind_search_and_allow_its_webassembly(site_dir):
    html = (site_dir / "environnement" / "index.html").read_text("utf-8")
    # (loaded after the first paint: the loader turns data-src into src)
    assert re.search(
        r'<script [^>]*src="\.\./assets/javascripts/search-lazy\.js"[^>]* data-search="pagefind"',
        html,
    )
    assert "'wasm-unsafe-eval'" in html
    share = next((site_dir / "c").iterdir()) / "index.html"
    assert "data-pagefind-body" not in share.read_text("utf-8")


PAGE = (
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head>'
    "<body><article data-pagefind-body><h1>{title}</h1><p>{text}</p></article></body></html>"
)


def small_site(root: Path, text: str) -> list[Path]:
    pages = []
    for name, title in (("a", "Formation"), ("b", "Emploi")):
        page = root / "site" / name / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(PAGE.format(title=title, text=text), encoding="utf-8")
        pages.append(page)
    return pages


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_pagefind_index_is_reused_while_the_pages_are_the_same(tmp_path):
    from observatoire_ia.quality import pagefind

    cache = tmp_path / "cache"
    pages = small_site(tmp_path, "La formation des agents.")
    first = pagefind.index(tmp_path / "site", pages, cache)
    assert "Indexed 2 pages" in first
    built = tree(tmp_path / "site" / "pagefind")
    shutil.rmtree(tmp_path / "site" / "pagefind")
    second = pagefind.index(tmp_path / "site", pages, cache)
    assert "index from" in second and tree(tmp_path / "site" / "pagefind") == built
    # A changed page: indexed again, and only the new index is kept.
    shutil.rmtree(tmp_path / "site" / "pagefind")
    pages = small_site(tmp_path, "La formation des agents, autrement.")
    assert "Indexed 2 pages" in pagefind.index(tmp_path / "site", pages, cache)
    assert len(list(cache.iterdir())) == 1

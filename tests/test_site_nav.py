"""The navigation read once (site_nav.py): its pages, its folders, the order of the themes."""

from __future__ import annotations

import json
from types import SimpleNamespace

from observatoire_ia.entry_points.common import ordered_themes
from observatoire_ia.quality import pages
from observatoire_ia.site_nav import nav_folders, nav_folders_of, nav_pages

NAV = [
    {"Accueil": "index.md"},
    {"Travail": ["travail/index.md", "travail/emploi.md"]},
    {"Environnement": ["environnement/index.md", {"Eau": "environnement/eau.md"}]},
    {"Ailleurs": "https://example.org/"},
    "glossaire.md",
    {"Sources": ["sources/index.md"]},
]


def test_nav_pages_in_order_without_external_links():
    assert list(nav_pages(NAV)) == [
        "index.md",
        "travail/index.md",
        "travail/emploi.md",
        "environnement/index.md",
        "environnement/eau.md",
        "glossaire.md",
        "sources/index.md",
    ]
    assert list(nav_pages("index.md")) == ["index.md"]


def test_nav_folders_in_the_order_the_nav_reaches_them():
    assert nav_folders(nav_pages(NAV)) == ("travail", "environnement", "sources")


def test_the_projects_nav_gives_its_five_themes_first(tmp_path):
    from conftest import ROOT

    folders = nav_folders_of(ROOT / "mkdocs.yml")
    # The five themes of the union texts, as the navigation lists them (issue 17: no list
    # of themes in the code).
    assert folders[:5] == ("environnement", "travail", "surveillance", "culture", "droit")
    assert nav_folders_of(tmp_path / "missing.yml") == ()


def claim(page: str):
    return SimpleNamespace(theme=page.split("/", 1)[0] if "/" in page else None)


def test_themes_follow_the_nav_then_the_alphabet_then_none():
    registry = SimpleNamespace(folders=("travail", "environnement", "sources"))
    claims = [
        claim(p)
        for p in ("zeta/a.md", "environnement/x.md", "index.md", "travail/y.md", "alpha/b.md")
    ]
    assert ordered_themes(registry, claims) == ["travail", "environnement", "alpha", "zeta", None]


def test_the_gates_visit_the_first_theme_of_the_nav_that_holds_claims(tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "FOLDERS", ("sources", "travail", "environnement"))
    claims = [{"theme": "environnement"}, {"theme": "travail"}, {"theme": None}]
    (tmp_path / "claims.json").write_text(json.dumps({"claims": claims}), encoding="utf-8")
    assert pages._themes(tmp_path) == ("travail", "environnement")
    (tmp_path / "claims.json").unlink()
    assert pages._themes(tmp_path) == ("sources", "travail", "environnement")

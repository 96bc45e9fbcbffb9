"""Environment and Culture themes: what a reader sees on the built pages (both languages)."""

from __future__ import annotations

import json
import re

import pytest
from content_pages import (
    built,
    check_ends_with_demands,
    check_in_navigation,
    check_same_claims_citing_union_texts,
    claims_of,
)

PAGES = [
    "environnement/index.md",
    "environnement/energie-climat.md",
    "environnement/eau-metaux.md",
    "environnement/mines-terminaux-sols.md",
    "environnement/mesurer.md",
    "culture/index.md",
    "culture/images-animation-musique.md",
    "culture/traduction-doublage.md",
    "culture/scenario.md",
    "culture/presse-information.md",
]


@pytest.mark.parametrize("page", PAGES)
def test_same_claim_ids_in_both_languages_and_each_cites_a_union_text(site_dir, page):
    check_same_claims_citing_union_texts(site_dir, page)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_page_ends_with_the_unions_demands(site_dir, page, lang):
    check_ends_with_demands(site_dir, page, lang)


def test_chatgpt_google_divergence_shows_each_value_with_its_own_source(site_dir):
    for lang, values in {
        "fr": ["cinq fois", "au moins 10 fois", "10 fois plus de carbone"],
        "en": ["five times", "at least 10 times", "10 times more"],
    }.items():
        claim = claims_of(built(site_dir, lang, "environnement/energie-climat.md"))[
            "chatgpt-energie-google"
        ]
        assert "divergence" in claim.get("class").split()
        text = claim.text_content()
        cited = [a.get("data-key") for a in claim.xpath('.//a[@class="citation"]')]
        assert cited == [
            "CGTPaysDeLaLoire2025CST",
            "SolidairesNDTract",
            "ContreSommetIA2025Humanisme",
        ]
        # The three values appear in the order of the texts cited for them.
        positions = [text.index(v) for v in values]
        assert positions == sorted(positions), (lang, positions)


def test_water_claim_keeps_the_counter_summit_unit_and_flags_it(site_dir):
    for lang in ("fr", "en"):
        claim = claims_of(built(site_dir, lang, "environnement/eau-metaux.md"))[
            "eau-datacenters-2027"
        ]
        text = claim.text_content()
        assert "m²" in text and "m³" in text, lang
        assert re.search(r"coquille|typo", text), lang


def test_demands_are_tagged_and_exported(site_dir):
    exported = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    mine = [c for c in exported if c["theme"] in {"environnement", "culture"}]
    demands = {(c["lang"], c["id"]) for c in mine if "revendication" in c["tags"]}
    assert ("fr", "rev-moratoire-data-centers") in demands
    assert ("en", "rev-doublage-humain-petition") in demands
    fr_ids = {c["id"] for c in mine if c["lang"] == "fr"}
    en_ids = {c["id"] for c in mine if c["lang"] == "en"}
    assert fr_ids == en_ids and len(fr_ids) > 60


def test_pages_are_in_the_navigation():
    check_in_navigation(PAGES)

"""Work and Surveillance themes: what a reader sees on the built pages (both languages)."""

from __future__ import annotations

import json
import re

import pytest
from content_pages import (
    built,
    check_ends_with_demands,
    check_in_navigation,
    check_no_contact_details,
    check_same_claims_citing_union_texts,
    cited,
    claims_of,
)

PAGES = [
    "travail/index.md",
    "travail/emploi.md",
    "travail/emploi-services-publics.md",
    "travail/conditions-de-travail.md",
    "travail/formation.md",
    "travail/dialogue-social.md",
    "travail/questions-cgt.md",
    "travail/cst-occitanie.md",
    "travail/gains-productivite.md",
    "surveillance/index.md",
    "surveillance/services-publics-scoring.md",
    "surveillance/centres-appels.md",
    "surveillance/videosurveillance-drones.md",
]


@pytest.mark.parametrize("page", PAGES)
def test_same_claims_in_both_languages_each_citing_a_union_text(site_dir, page):
    check_same_claims_citing_union_texts(site_dir, page)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_page_ends_with_the_unions_demands(site_dir, page, lang):
    check_ends_with_demands(site_dir, page, lang)


def test_onclusive_divergence_shows_both_accounts_with_their_sources(site_dir):
    for lang, words in {
        "fr": ("du fait de l'arrivée", "délocalisation"),
        "en": ("because AI arrived", "offshoring"),
    }.items():
        claim = claims_of(built(site_dir, lang, "travail/emploi.md"))[
            "onclusive-ia-ou-delocalisation"
        ]
        assert "divergence" in claim.get("class").split()
        text = claim.text_content()
        assert text.index(words[0]) < text.index(words[1]), lang
        assert cited(claim) == ["SolidairesNDTract", "ContreSommetIA2025Humanisme"]


def test_figures_are_written_the_way_each_language_writes_them(site_dir):
    expected = {
        ("fr", "travail/emploi-services-publics.md", "la-poste-lucy-300000"): "300\u202f000",
        ("en", "travail/emploi-services-publics.md", "la-poste-lucy-300000"): "300,000",
        ("en", "travail/emploi.md", "renault-ampere-3000"): "3,000",
        ("fr", "surveillance/services-publics-scoring.md", "non-recours-drees-2022"): "34\u202f%",
        ("en", "surveillance/services-publics-scoring.md", "non-recours-drees-2022"): "34%",
    }
    for (lang, page, claim_id), figure in expected.items():
        text = claims_of(built(site_dir, lang, page))[claim_id].text_content()
        assert figure in text.replace("\u00a0", "\u202f") if lang == "fr" else figure in text, (
            lang,
            claim_id,
            text[:200],
        )


def test_the_cgt_questions_are_eight_tagged_questions(site_dir):
    for lang in ("fr", "en"):
        claims = claims_of(built(site_dir, lang, "travail/questions-cgt.md"))
        questions = [i for i, el in claims.items() if re.fullmatch(r"cgt-q[1-8]-.+", i)]
        assert len(questions) == 8, lang
        for claim_id in questions:
            assert "question" in claims[claim_id].get("data-tags", "").split(), claim_id
            assert claims[claim_id].text_content().count("?") == 1, claim_id


def test_timeline_events_carry_their_dates(site_dir):
    exported = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    dated = {c["id"]: c for c in exported if c["lang"] == "fr"}
    html_dates = {}
    for page in PAGES:
        for claim_id, el in claims_of(built(site_dir, "fr", page)).items():
            if "chronologie" in el.get("data-tags", "").split():
                html_dates[claim_id] = el.get("data-date")
    assert html_dates["cgt-reunion-3-octobre-2024"] == "2024-10-03"
    assert html_dates["cgt-reunion-11-decembre-2024"] == "2024-12-11"
    assert html_dates["cgt-cst-5-juin-2025"] == "2025-06-05"
    # The text gives "12 juin" without a year: only the month its order supports.
    assert html_dates["dgs-12-juin-ligeria"] == "2025-06"
    assert html_dates["drones-eureka-castelnau"] == "2025-03-18"
    assert html_dates["gt-ia-dgafp-16-decembre-2025"] == "2025-12-16"
    for claim_id, date in html_dates.items():
        assert date and re.fullmatch(r"\d{4}(-\d{2}){0,2}", date), claim_id
        assert claim_id in dated, f"{claim_id} missing from claims.json"


def test_demands_are_exported_in_both_languages(site_dir):
    exported = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    mine = [c for c in exported if c["theme"] in {"travail", "surveillance"}]
    demands = {(c["lang"], c["id"]) for c in mine if "revendication" in c["tags"]}
    for lang in ("fr", "en"):
        assert (lang, "rev-32-heures") in demands
        assert (lang, "rev-ultra-surveillance") in demands
    fr_ids = {c["id"] for c in mine if c["lang"] == "fr"}
    assert fr_ids == {c["id"] for c in mine if c["lang"] == "en"} and len(fr_ids) > 100


def test_no_personal_contact_details_on_these_pages():
    check_no_contact_details(PAGES)


def test_pages_are_in_the_navigation():
    check_in_navigation(PAGES)

"""Law theme (droit): what a reader sees on the built pages, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from content_pages import (
    UNION_TEXTS,
    built,
    check_ends_with_demands,
    check_in_navigation,
    check_no_contact_details,
    check_same_claims_citing_union_texts,
    cited,
    claims_of,
    text,
)
from lxml import html as lxml_html

PAGES = [
    "droit/index.md",
    "droit/reglement-ia.md",
    "droit/decisions-de-justice.md",
    "droit/droit-auteur.md",
]


def law_claims(site_dir: Path, lang: str) -> dict[str, lxml_html.HtmlElement]:
    found: dict[str, lxml_html.HtmlElement] = {}
    for page in PAGES:
        found.update(claims_of(built(site_dir, lang, page)))
    return found


@pytest.mark.parametrize("page", PAGES)
def test_same_claims_in_both_languages_each_citing_a_union_text(site_dir, page):
    check_same_claims_citing_union_texts(site_dir, page)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_page_ends_with_the_unions_demands(site_dir, page, lang):
    check_ends_with_demands(site_dir, page, lang)


def test_the_nanterre_ruling_with_its_date_number_and_sources(site_dir):
    for lang, words in {
        "fr": ("14 février 2025", "trouble manifestement illicite", "jusqu'à la clôture"),
        "en": ("14 February 2025", "manifestly unlawful disturbance", "until the consultation"),
    }.items():
        claim = law_claims(site_dir, lang)["tj-nanterre-2025"]
        prose = text(claim)
        assert "24/01457" in prose, lang
        for word in words:
            assert word in prose, (lang, word)
        assert cited(claim) == [
            "CGTPaysDeLaLoire2025CST",
            "SUDCTOccitanie2025CST",
            "TJNanterre2025",
        ]
        assert claim.get("data-date") == "2025-02-14"
        assert {"chronologie", "procedure"} <= set(claim.get("data-tags", "").split())


def test_nanterre_and_creteil_show_both_legal_terms_each_with_its_source(site_dir):
    for lang, (entrave, trouble) in {
        "fr": ("délit d'entrave", "trouble manifestement illicite"),
        "en": ("offence of obstruction", "manifestly unlawful disturbance"),
    }.items():
        claim = law_claims(site_dir, lang)["nanterre-creteil-suspension"]
        prose = text(claim)
        assert "Créteil" in prose and "CMS Francis Lefebvre" in prose, lang
        assert entrave in prose and trouble in prose, lang
        assert "délit d'entrave" in prose and "substantiellement" in prose, lang  # originals
        assert cited(claim) == [
            "SolidairesBercyNDMettre",
            "CMSFrancisLefebvreNDSuspendue",
            "CGTPaysDeLaLoire2025CST",
        ]


def test_recital_92_and_the_2_august_2026_date(site_dir):
    for lang, words in {
        "fr": ("considérant 92", "2 août 2026"),
        "en": ("recital 92", "2 August 2026"),
    }.items():
        claim = law_claims(site_dir, lang)["considerant-92-2-aout-2026"]
        prose = text(claim)
        for word in words:
            assert word in prose, (lang, word)
        assert cited(claim) == ["CGTPaysDeLaLoire2025CST", "UE2024ReglementIA"]
        assert claim.get("data-date") == "2026-08-02"
        assert "chronologie" in claim.get("data-tags", "").split()


def test_the_timeline_lists_2_august_2026_after_the_nanterre_ruling(site_dir):
    for lang, prefix in (("fr", ""), ("en", "en/")):
        page = (site_dir / prefix / "chronologie" / "index.html").read_text("utf-8")
        nanterre = page.index("droit/decisions-de-justice/#tj-nanterre-2025")
        recital = page.index("droit/reglement-ia/#considerant-92-2-aout-2026")
        assert nanterre < recital, lang
        assert 'data-date="2026-08-02"' in page, lang


def test_emotion_recognition_ban_and_its_exception_cite_the_regulation(site_dir):
    for lang, words in {
        "fr": ("biométriques", "lieu de travail", "établissements d'enseignement", "médicales"),
        "en": ("biometric", "workplace", "educational institutions", "medical or safety"),
    }.items():
        claim = law_claims(site_dir, lang)["interdiction-reconnaissance-emotions"]
        prose = text(claim)
        for word in words:
            assert word in prose, (lang, word)
        assert cited(claim) == [
            "SUDCTOccitanie2025CST",
            "ClubDesJuristesNDEmotions",
            "UE2024ReglementIA",
        ]


def test_one_fact_one_id_the_law_pages_link_to_claims_held_elsewhere(site_dir):
    """Facts already claimed on other theme pages are linked to, not repeated."""
    expected = {
        "droit/index.md": [
            "surveillance/services-publics-scoring/#rev-solidaires-contre-opacite",
            "surveillance/services-publics-scoring/#defenseur-des-droits-scoring-caf",
            "culture/traduction-doublage/#doublage-rgpd-cnil",
            "surveillance/videosurveillance-drones/#vsa-le-retour",
            "environnement/mines-terminaux-sols/#rev-halte-loi-simplification",
        ],
        "droit/reglement-ia.md": [
            "surveillance/centres-appels/#sud-ct-preoccupe-emotions",
            "travail/questions-cgt/#cgt-q7-interdictions-reglement",
        ],
        "droit/decisions-de-justice.md": [
            "travail/cst-occitanie/#rev-sud-ct-avis-instance",
            "travail/dialogue-social/#rev-cgt-avis-prealable-cst",
        ],
        "droit/droit-auteur.md": ["culture/#le-cam-droits-democratiques"],
    }
    for page, targets in expected.items():
        for lang in ("fr", "en"):
            hrefs = " ".join(built(site_dir, lang, page).xpath("//article//a/@href"))
            for target in targets:
                assert target in hrefs, (lang, page, target)
    everywhere = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    law = {c["id"] for c in everywhere if c["theme"] == "droit" and c["lang"] == "fr"}
    elsewhere = {c["id"] for c in everywhere if c["theme"] != "droit" and c["lang"] == "fr"}
    assert law and not law & elsewhere


def test_demands_and_procedures_are_exported_in_both_languages(site_dir):
    exported = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    mine = [c for c in exported if c["theme"] == "droit"]
    fr_ids = {c["id"] for c in mine if c["lang"] == "fr"}
    assert fr_ids == {c["id"] for c in mine if c["lang"] == "en"}
    assert len(fr_ids) >= 13
    for lang in ("fr", "en"):
        tagged = {c["id"]: set(c["tags"]) for c in mine if c["lang"] == lang}
        assert "revendication" in tagged["rev-exploiter-jurisprudence"], lang
        assert "revendication" in tagged["rev-produit-synthetique-hors-oeuvres"], lang
        assert "procedure" in tagged["bercy-recours-au-droit"], lang
        assert "procedure" in tagged["tj-nanterre-2025"], lang


def test_each_union_text_cited_links_to_its_passage(site_dir):
    """« lire dans le texte »: one passage link per union-text citation, to an existing anchor."""
    for lang, prefix in (("fr", ""), ("en", "en/")):
        for claim_id, claim in law_claims(site_dir, lang).items():
            union = [key for key in cited(claim) if key in UNION_TEXTS]
            links = claim.xpath('.//a[@class="citation-passage"]/@href')
            assert len(links) == len(union), (lang, claim_id, links)
            for href in links:
                path, anchor = href.split("#")
                path = path.partition("?passages=")[0]  # several passages: the first is the anchor
                page = path.replace("../", "").rstrip("/")
                assert page.startswith("sources/"), href
                source = (site_dir / prefix / page / "index.html").read_text("utf-8")
                assert f'id="{anchor}"' in source, (lang, claim_id, href)


def test_english_quotations_keep_the_french_original(site_dir):
    for claim_id, claim in law_claims(site_dir, "en").items():
        prose = text(claim)
        if '"' in prose:
            assert "«" in prose, f"{claim_id}: quotation without its French original"


def test_pages_stay_under_the_60_kb_budget(site_dir):
    for lang in ("fr", "en"):
        prefix = "en/" if lang == "en" else ""
        for page in PAGES:
            folder = page.removesuffix(".md").removesuffix("index").rstrip("/")
            size = (site_dir / prefix / folder / "index.html").stat().st_size
            assert size <= 60 * 1024, (lang, page, size)


def test_no_personal_contact_details_on_these_pages():
    check_no_contact_details(PAGES)


def test_pages_are_in_the_navigation():
    check_in_navigation(PAGES)

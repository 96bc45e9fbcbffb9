"""Helpers shared by the content tests (tests/test_content_*.py): built pages and their claims."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parents[1]

DEMANDS = {"fr": "Ce que demandent les syndicats", "en": "What the unions demand"}
UNION_TEXTS = {
    "SUDCTOccitanie2025CST",
    "SolidairesNDTract",
    "SolidairesBercyNDMettre",
    "CGTPaysDeLaLoire2025CST",
    "ContreSommetIA2025Humanisme",
}


def built(site_dir: Path, lang: str, page: str) -> lxml_html.HtmlElement:
    """The built HTML of `page` (a path under docs/<lang>/, e.g. `travail/index.md`)."""
    prefix = "en/" if lang == "en" else ""
    folder = page.removesuffix(".md").removesuffix("index").rstrip("/")
    return lxml_html.fromstring((site_dir / prefix / folder / "index.html").read_text("utf-8"))


def claims_of(tree: lxml_html.HtmlElement) -> dict[str, lxml_html.HtmlElement]:
    """Claim id -> claim element, in page order."""
    return {
        el.get("id"): el for el in tree.xpath('//*[contains(concat(" ", @class, " "), " claim ")]')
    }


def cited(claim: lxml_html.HtmlElement) -> list[str]:
    """The bibliography keys a claim cites."""
    return [a.get("data-key") for a in claim.xpath('.//a[@class="citation"]')]


def text(claim: lxml_html.HtmlElement) -> str:
    """The claim's prose without its citation previews, spaces normalised."""
    copy = lxml_html.fromstring(lxml_html.tostring(claim))
    for preview in copy.xpath('.//*[@class="citation-preview"]'):
        preview.drop_tree()
    return re.sub(r"[\s\u00a0\u202f]+", " ", copy.text_content())


def check_same_claims_citing_union_texts(site_dir: Path, page: str) -> None:
    """Both languages hold the same claims in the same order, each citing a union text and
    citing the same references in French and English."""
    fr, en = (claims_of(built(site_dir, lang, page)) for lang in ("fr", "en"))
    assert fr, f"{page}: no claim"
    assert list(fr) == list(en), f"{page}: claim ids or order differ between languages"
    for claim_id, element in fr.items():
        keys = cited(element)
        assert set(keys) & UNION_TEXTS, f"{page}#{claim_id} cites no union text: {keys}"
        assert cited(en[claim_id]) == keys, f"{page}#{claim_id}: citations differ"


def check_ends_with_demands(site_dir: Path, page: str, lang: str) -> None:
    """The page's last section is « Ce que demandent les syndicats »."""
    tree = built(site_dir, lang, page)
    headings = [h.text_content().replace("¶", "").strip() for h in tree.xpath("//article//h2")]
    assert headings and headings[-1] == DEMANDS[lang], f"{lang}/{page}: {headings}"


def check_in_navigation(pages: list[str]) -> None:
    """Every page is listed in mkdocs.yml's nav."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in pages:
        assert re.search(rf"^\s*- {re.escape(page)}\s*$", config, re.MULTILINE), page


def check_no_contact_details(pages: list[str]) -> None:
    """No phone number or e-mail address in the Markdown of the pages, in either language."""
    for lang in ("fr", "en"):
        for page in pages:
            source = (ROOT / "docs" / lang / page).read_text(encoding="utf-8")
            assert not re.search(r"\b0\d(?:[ .]?\d{2}){4}\b", source), (lang, page)
            assert not re.search(r"[\w.-]+@[\w-]+\.\w+", source), (lang, page)

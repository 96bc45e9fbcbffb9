"""Links gate: every internal link and anchor of the built site resolves, in both languages.

External links are only listed (CI has no network) in bench/reports/external-links.txt and
must carry rel="noopener".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from observatoire_ia.quality.links import check_site

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "bench" / "reports" / "external-links.txt"


def site_url() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r'site_url: !ENV \[SITE_URL, "([^"]+)"\]', text)
    if match:
        import os

        return os.environ.get("SITE_URL", match.group(1))
    return yaml.safe_load(text)["site_url"]


@pytest.fixture(scope="module")
def report(site_dir):
    result = check_site(site_dir, site_url())
    result.write_external(REPORT)
    print(
        f"\nlinks: {result.pages} pages, {result.internal} internal links checked, "
        f"{len(result.external)} external URLs listed in {REPORT.relative_to(ROOT)}"
    )
    return result


def test_every_internal_link_and_anchor_resolves(report):
    assert report.internal > 0
    assert not report.broken, "\n".join(report.broken)


def test_external_links_are_listed_and_noopener(report):
    assert REPORT.exists()
    assert not report.missing_noopener, "\n".join(report.missing_noopener)


def test_claim_and_reference_anchors_in_both_languages(site_dir):
    """Every claim of claims.json is an id on its page, and every citation's #ref-key exists."""
    claims = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    claims = claims.get("claims", claims) if isinstance(claims, dict) else claims
    langs = {claim["lang"] for claim in claims}
    assert {"fr", "en"} <= langs
    for lang in ("fr", "en"):
        prefix = "" if lang == "fr" else "en/"
        bib = (site_dir / prefix / "bibliographie" / "index.html").read_text(encoding="utf-8")
        ref_ids = set(re.findall(r'id="(ref-[^"]+)"', bib))
        keys = {key for claim in claims if claim["lang"] == lang for key in claim["sources"]}
        assert {f"ref-{key}" for key in keys} <= ref_ids


def test_404_pages_work_at_any_depth(site_dir):
    """Pages serve 404.html for any missing path: its URLs must not be relative."""
    for page in ("404.html", "en/404.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        relative = [
            url
            for url in re.findall(r'\s(?:href|src)="([^"]*)"', html)
            if url and not url.startswith(("/", "#", "http://", "https://", "mailto:"))
        ]
        assert not relative, f"{page}: {relative}"


def test_sitemaps_leave_out_404(site_dir):
    import gzip

    sitemaps = sorted(site_dir.glob("**/sitemap.xml"))
    assert sitemaps, "no sitemap.xml"
    for sitemap in sitemaps:
        for text in (
            sitemap.read_text(),
            gzip.decompress(sitemap.with_suffix(".xml.gz").read_bytes()).decode(),
        ):
            locations = re.findall(r"<loc>[^<]*</loc>", text)
            assert len(locations) > 20, f"{sitemap}: {len(locations)} addresses"
            assert not [loc for loc in locations if "404" in loc], sitemap


def test_404_page_renders_styled_at_a_deep_missing_path(site_dir):
    """Served like Pages (404.html for any missing path): styles and scripts still load."""
    import browser
    from observatoire_ia.quality.serve import serve

    with serve(site_dir) as base, browser.chromium() as context:
        page = context.new_page()
        failed = []
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        response = page.goto(base + "no/such/page/here/", wait_until="networkidle")
        assert response.status == 404
        browser.wait_until_loaded(page)
        sheets = page.evaluate("[...document.styleSheets].map(s => s.href || 'inline')")
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
        assert sheets == [base + "assets/stylesheets/site.css"], sheets  # issue 16: one file
        assert header in ("sticky", "fixed"), header
        assert failed == [base + "no/such/page/here/"], failed

"""Reader paths back to the project (issue 13), from `repo_url`: « Signaler une erreur » on every
claim (one short link; the page's script prefills the new-issue form with the claim's id,
address and text; without JavaScript the claim's share page holds the prefilled link),
« Proposer un texte » on the Sources page, issue forms for GitHub and GitLab. Without
`repo_url` nothing is rendered. No third-party script, controls ≥ 24 px, pages ≤ 60 KB."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from lxml import html as lxml_html

from browser import chromium, serve, wait_until_loaded
from conftest import ENV, MINIMAL_MKDOCS, MKDOCS, fixture_files
from observatoire_ia.feedback.links import Tracker, guess_forge

ROOT = Path(__file__).resolve().parents[1]
REPO = "https://github.com/example/observatoire-ia"
HTML_LIMIT = 60 * 1024  # DECISIONS.md § 5
FEEDBACK_MKDOCS = MINIMAL_MKDOCS.replace(
    "  - observatoire/claims\n", "  - observatoire/claims\n  - observatoire/feedback\n"
)


def tree(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_bytes())


def query(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


# -- the new-issue links -------------------------------------------------------------------------------


def test_github_links_prefill_the_issue_form_fields_by_id():
    tracker = Tracker(REPO, "github", "signaler-une-erreur", "proposer-un-texte")
    url = tracker.report_url("eau-2027", "https://site.example/p/#eau-2027", "Un fait & 40 %", "fr")
    assert url.startswith(f"{REPO}/issues/new?")
    assert query(url) == {
        "template": "signaler-une-erreur.yml",
        "title": "Erreur\u00a0: eau-2027",  # French no-break space
        "claim": "eau-2027",
        "url": "https://site.example/p/#eau-2027",
        "text": "Un fait & 40 %",
    }
    assert query(tracker.propose_url("en")) == {
        "template": "proposer-un-texte.yml",
        "title": "Proposed text: ",
    }


def test_gitlab_links_prefill_title_and_description():
    tracker = Tracker(
        "https://gitlab.com/x/y/", "gitlab", "signaler-une-erreur", "proposer-un-texte"
    )
    url = tracker.report_url("eau-2027", "https://site.example/p/#eau-2027", "Un fait", "en")
    assert url.startswith("https://gitlab.com/x/y/-/issues/new?")
    fields = query(url)
    assert fields["issuable_template"] == "signaler-une-erreur"
    assert fields["issue[title]"] == "Error: eau-2027"
    description = fields["issue[description]"]
    for part in (
        "**Claim**\n\neau-2027",
        "**Address**\n\nhttps://site.example/p/#eau-2027",
        "**What is wrong**",
    ):
        assert part in description


@pytest.mark.parametrize(
    ("url", "forge"),
    [
        ("https://github.com/a/b", "github"),
        ("https://gitlab.com/a/b", "gitlab"),
        ("https://gitlab.example.org/a/b", "gitlab"),
        ("https://framagit.org/a/b", "gitlab"),
        ("https://code.example.org/a/b", None),
    ],
)
def test_forge_from_the_repository_host(url, forge):
    assert guess_forge(url) == forge


def test_issue_forms_exist_for_both_forges_with_the_prefilled_fields():
    forms = ROOT / ".github" / "ISSUE_TEMPLATE"
    error = yaml.safe_load((forms / "signaler-une-erreur.yml").read_text("utf-8"))
    propose = yaml.safe_load((forms / "proposer-un-texte.yml").read_text("utf-8"))
    for form in (error, propose):
        assert form["name"] and form["description"] and form["body"]
        assert (
            "ni numéro de téléphone ni adresse électronique"
            in form["body"][0]["attributes"]["value"]
        )
    ids = [field.get("id") for field in error["body"]]
    assert {"claim", "url", "text", "problem"} <= set(ids)  # the link fills claim, url, text
    assert {"document", "organisation", "date"} <= {field.get("id") for field in propose["body"]}
    gitlab = ROOT / ".gitlab" / "issue_templates"
    for name in ("signaler-une-erreur", "proposer-un-texte"):
        assert (gitlab / f"{name}.md").read_text("utf-8").strip()


# -- fixture sites ---------------------------------------------------------------------------------------

PAGES = {
    "docs__fr__index_DOT_md": "# Accueil\n\nUn fait [@Solidaires2025Tract].\n{: .claim #un-fait }\n",
    "docs__en__index_DOT_md": "# Home\n\nA fact [@Solidaires2025Tract].\n{: .claim #un-fait }\n",
    "docs__fr__sources__index_DOT_md": "# Sources\n\nLes textes.\n",
    "docs__en__sources__index_DOT_md": "# Sources\n\nThe texts.\n",
}


def feedback_site(config: str = FEEDBACK_MKDOCS, repo: str | None = REPO, **overrides):
    files = fixture_files(**{**PAGES, **overrides})
    files["mkdocs.yml"] = (f"repo_url: {repo}\n" if repo else "") + config
    return files


def test_without_repo_url_nothing_is_rendered(build_fixture_site):
    code, output, site = build_fixture_site(feedback_site(repo=None))
    assert code == 0, output
    for path in site.rglob("*.html"):
        text = path.read_text("utf-8")
        assert "claim-report" not in text and "propose-text" not in text, path
        assert "observatoire-report" not in text and "feedback.js" not in text, path


def test_claims_and_sources_page_without_share_pages(build_fixture_site):
    code, output, site = build_fixture_site(feedback_site())
    assert code == 0, output
    page = tree(site / "index.html")
    links = page.xpath('//*[@id="un-fait"]//a[@class="claim-report"]')
    assert len(links) == 1
    assert links[0].get("aria-label") == "Signaler une erreur"
    # No share pages here: the link itself is the prefilled form.
    fields = query(links[0].get("href"))
    assert fields["claim"] == "un-fait" and fields["text"] == "Un fait."
    assert fields["url"] == "https://example.org/#un-fait"
    data = json.loads(page.get_element_by_id("observatoire-report").text)
    assert query(data["url"])["claim"] == "__CLAIM__"
    assert page.xpath('//script[contains(@src, "assets/javascripts/feedback.js")]')
    en = tree(site / "en" / "index.html")
    assert en.xpath('//a[@class="claim-report"]')[0].get("aria-label") == "Report an error"
    for prefix, label in (("", "Proposer un texte"), ("en/", "Propose a text")):
        sources = tree(site / prefix / "sources" / "index.html")
        propose = sources.xpath('//p[@class="propose-text"]/a[@class="md-button"]')
        assert propose and propose[0].text == label
        assert query(propose[0].get("href"))["template"] == "proposer-un-texte.yml"
        assert not sources.xpath('//*[@id="observatoire-report"]')  # no claims: no data


def test_gitlab_and_an_unknown_host(build_fixture_site):
    code, output, site = build_fixture_site(feedback_site(repo="https://gitlab.com/example/obs"))
    assert code == 0, output
    link = tree(site / "index.html").xpath('//a[@class="claim-report"]')[0].get("href")
    assert link.startswith("https://gitlab.com/example/obs/-/issues/new?issuable_template=")
    code, output, _ = build_fixture_site(feedback_site(repo="https://code.example.org/x/y"))
    assert code != 0 and "set `forge: github` or `forge: gitlab`" in output
    config = FEEDBACK_MKDOCS.replace(
        "  - observatoire/feedback\n", "  - observatoire/feedback:\n      forge: gitlab\n"
    )
    code, output, _ = build_fixture_site(feedback_site(config, repo="https://code.example.org/x/y"))
    assert code == 0, output


# -- the real site, built with a repository ------------------------------------------------------------


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-with-repo")
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        cwd=ROOT,
        env={**ENV, "REPO_URL": REPO},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def claims(site: Path) -> list[dict]:
    return json.loads((site / "claims.json").read_text("utf-8"))


def test_every_claim_links_to_its_share_page_report_section(repo_site):
    found = 0
    for path in sorted(repo_site.rglob("index.html")):
        relative = path.relative_to(repo_site).as_posix()
        if relative.startswith(("c/", "en/c/")):
            continue
        page = tree(path)
        for claim in page.xpath('//*[contains(concat(" ", @class, " "), " claim ")][@id]'):
            links = claim.xpath('.//a[@class="claim-report"]')
            assert len(links) == 1, f"{relative}#{claim.get('id')}"
            prefix = "en/" if relative.startswith("en/") else ""
            target = (path.parent / links[0].get("href").split("#")[0]).resolve()
            assert target == (repo_site / prefix / "c" / claim.get("id")).resolve()
            assert links[0].get("href").endswith("#signaler")
            found += 1
        has_claims = bool(page.xpath('//*[contains(concat(" ", @class, " "), " claim ")]'))
        assert bool(page.xpath('//*[@id="observatoire-report"]')) == has_claims, relative
    assert found == len(claims(repo_site))


def test_share_pages_hold_the_prefilled_link(repo_site):
    for claim in claims(repo_site)[:: max(1, len(claims(repo_site)) // 40)]:
        prefix = "" if claim["lang"] == "fr" else "en/"
        page = tree(repo_site / prefix / "c" / claim["id"] / "index.html")
        section = page.get_element_by_id("signaler")
        link = section.getnext().xpath('.//a[contains(@class, "share-page__report")]')[0]
        fields = query(link.get("href"))
        assert fields["claim"] == claim["id"]
        assert fields["url"].endswith(f"#{claim['id']}") and fields["url"].startswith("https://")
        assert fields["text"][:40] == claim["text"][:40]


def test_pages_stay_under_60_kb_with_the_report_links(repo_site):
    heavy = [
        f"{p.relative_to(repo_site)}: {p.stat().st_size}"
        for p in repo_site.rglob("*.html")
        if p.stat().st_size > HTML_LIMIT
    ]
    assert not heavy, heavy


def test_no_repository_widget_calling_the_forge(repo_site):
    for path in (repo_site / "index.html", repo_site / "travail" / "index.html"):
        text = path.read_text("utf-8")
        # (The stylesheet inlined in <head> may name .md-source-file: elements are what count.)
        page = lxml_html.fromstring(text)
        assert not page.xpath('//*[@data-md-component="source"]')
        assert not page.xpath('//*[contains(concat(" ", @class, " "), " md-source ")]')


pytestmark_browser = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists(), reason="no Chromium"
)


@pytestmark_browser
def test_the_script_prefills_the_form_from_the_claim(repo_site):
    claim = next(c for c in claims(repo_site) if c["lang"] == "fr" and c["theme"] == "travail")
    page_path = claim["page"]  # the page's address, e.g. travail/emploi/
    opened: list[str] = []
    requests: list[str] = []
    with serve(repo_site) as base, chromium() as context:
        context.route(
            "https://github.com/**",
            lambda route: (opened.append(route.request.url), route.fulfill(body="ok")),
        )
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{base}{page_path}")
        wait_until_loaded(page)  # feedback.js prefills the link
        link = page.locator(f'[id="{claim["id"]}"] a.claim-report')
        box = link.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box
        link.click()
        page.wait_for_url("https://github.com/**")
    assert [r for r in requests if not r.startswith((base, "https://github.com/"))] == []
    fields = query(opened[0])
    assert opened[0].startswith(f"{REPO}/issues/new?")
    assert fields["claim"] == claim["id"]
    assert fields["url"] == claim["url"]  # the online address, from the page's canonical link
    assert re.sub(r"\s+", " ", fields["text"])[:30] == re.sub(r"\s+", " ", claim["text"])[:30]


@pytestmark_browser
def test_without_javascript_the_link_still_reaches_the_prefilled_form(repo_site):
    claim = next(c for c in claims(repo_site) if c["lang"] == "en")
    page_path = claim["page"]
    opened: list[str] = []
    with serve(repo_site) as base, chromium(java_script_enabled=False) as context:
        context.route(
            "https://github.com/**",
            lambda route: (opened.append(route.request.url), route.fulfill(body="ok")),
        )
        page = context.new_page()
        page.goto(f"{base}{page_path}")
        page.locator(f'[id="{claim["id"]}"] a.claim-report').click()
        page.wait_for_url(f"**/en/c/{claim['id']}/#signaler")
        page.locator("a.share-page__report").click()
        page.wait_for_url("https://github.com/**")
    assert query(opened[0])["claim"] == claim["id"]
    assert query(opened[0])["title"] == f"Error: {claim['id']}"

"""Published addresses keep working: pages and claim ids recorded in published.json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import fixture_files
from observatoire_ia.claims.plugin import load_registry
from observatoire_ia.claims.stability import PUBLISHED, current_record

ROOT = Path(__file__).resolve().parents[1]

PAGE_FR = "# Autre\n\nUn autre fait [@Solidaires2025Tract].\n{: .claim #autre-fait }\n"
PAGE_EN = "# Other\n\nAnother fact [@Solidaires2025Tract].\n{: .claim #autre-fait }\n"


def site(published: dict | None = None, redirects: str | None = None, **pages: str | None):
    files = fixture_files(
        **{"docs__fr__autre_DOT_md": PAGE_FR, "docs__en__autre_DOT_md": PAGE_EN, **pages}
    )
    if published is not None:
        files[PUBLISHED] = json.dumps(published, indent=1)
    if redirects is not None:
        files["redirects.yml"] = redirects
    return files


RECORD = {
    "pages": ["", "autre/", "bibliographie/"],
    "claims": {"un-fait": "", "autre-fait": "autre/"},
}


def test_current_pages_and_claims_build(build_fixture_site):
    code, output, _ = build_fixture_site(site(RECORD))
    assert code == 0, output


def test_a_published_page_that_disappears_fails_the_build(build_fixture_site):
    code, output, _ = build_fixture_site(
        site(RECORD, docs__fr__autre_DOT_md=None, docs__en__autre_DOT_md=None)
    )
    assert code != 0
    assert "published.json:" in output and "published page 'autre/' no longer exists" in output
    assert "redirects.yml" in output


def test_a_moved_page_gets_a_forwarding_page_in_both_languages(build_fixture_site):
    pages = {
        "docs__fr__nouvelle_DOT_md": PAGE_FR,
        "docs__en__nouvelle_DOT_md": PAGE_EN,
        "docs__fr__autre_DOT_md": None,
        "docs__en__autre_DOT_md": None,
    }
    code, output, built = build_fixture_site(site(RECORD, "pages:\n  autre/: nouvelle/\n", **pages))
    assert code == 0, output
    for prefix, lang in (("", "fr"), ("en/", "en")):
        stub = (built / prefix / "autre" / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in stub
        assert 'content="0; url=../nouvelle/"' in stub
        assets = "../" * (2 if prefix else 1) + "assets/javascripts/"
        assert f'<script src="{assets}redirect.js"></script>' in stub
        assert f'href="https://example.org/{prefix}nouvelle/"' in stub  # canonical
    assert (built / "assets" / "javascripts" / "redirect.js").is_file()


def test_a_redirect_to_a_missing_page_or_over_a_live_page_fails(build_fixture_site):
    code, output, _ = build_fixture_site(site(RECORD, "pages:\n  autre/: nulle-part/\n"))
    assert code != 0
    assert "redirects.yml:2:" in output and "page 'autre/' still exists" in output


def test_a_published_claim_id_never_disappears(build_fixture_site):
    renamed = PAGE_FR.replace("#autre-fait", "#autre-fait-bis")
    code, output, _ = build_fixture_site(
        site(
            RECORD,
            docs__fr__autre_DOT_md=renamed,
            docs__en__autre_DOT_md=PAGE_EN.replace("#autre-fait", "#autre-fait-bis"),
        )
    )
    assert code != 0
    assert "published claim 'autre-fait' (on 'autre/') no longer exists" in output
    line = json.dumps(RECORD, indent=1).splitlines().index('  "autre-fait": "autre/"') + 1
    assert f"published.json:{line}:" in output


def test_a_moved_claim_needs_a_redirect_and_the_old_page_then_points_to_it(build_fixture_site):
    moved_fr = "# Accueil\n\nUn fait [@Solidaires2025Tract].\n{: .claim #un-fait }\n\n"
    home_fr = "# Accueil\n\nRien.\n"
    home_en = "# Home\n\nNothing.\n"
    other_fr = PAGE_FR + "\n" + moved_fr.split("\n\n", 1)[1]
    other_en = PAGE_EN + "\n" + "A fact [@Solidaires2025Tract].\n{: .claim #un-fait }\n"
    pages = {
        "docs__fr__index_DOT_md": home_fr,
        "docs__en__index_DOT_md": home_en,
        "docs__fr__autre_DOT_md": other_fr,
        "docs__en__autre_DOT_md": other_en,
    }
    code, output, _ = build_fixture_site(site(RECORD, **pages))
    assert code != 0
    assert "published claim 'un-fait' moved from '' to 'autre/'" in output
    code, output, built = build_fixture_site(site(RECORD, "claims:\n  un-fait: autre/\n", **pages))
    assert code == 0, output
    for prefix in ("", "en/"):
        home = (built / prefix / "index.html").read_text(encoding="utf-8")
        block = home.split('<script type="application/json" id="moved-claims">', 1)[1]
        assert json.loads(block.split("</script>", 1)[0]) == {"un-fait": "autre/#un-fait"}


def test_the_browser_follows_a_moved_page_and_a_moved_claim(build_fixture_site):
    import browser

    pages = {
        "docs__fr__index_DOT_md": "# Accueil\n\nRien.\n",
        "docs__en__index_DOT_md": "# Home\n\nNothing.\n",
        "docs__fr__nouvelle_DOT_md": PAGE_FR
        + "\nUn fait [@Solidaires2025Tract].\n{: .claim #un-fait }\n",
        "docs__en__nouvelle_DOT_md": PAGE_EN
        + "\nA fact [@Solidaires2025Tract].\n{: .claim #un-fait }\n",
        "docs__fr__autre_DOT_md": None,
        "docs__en__autre_DOT_md": None,
    }
    redirects = "pages:\n  autre/: nouvelle/\nclaims:\n  un-fait: nouvelle/\n"
    code, output, built = build_fixture_site(site(RECORD, redirects, **pages))
    assert code == 0, output
    with browser.serve(built) as base, browser.chromium() as context:
        base = base.rstrip("/")
        page = context.new_page()
        page.goto(base + "/en/autre/#autre-fait")
        page.wait_for_url("**/en/nouvelle/#autre-fait")
        page.goto(base + "/#un-fait")
        page.wait_for_url("**/nouvelle/#un-fait")
        assert page.locator("#un-fait.claim").count() == 1


def test_the_record_holds_every_current_page_and_claim():
    """Whatever reaches main is published: its pages and claims are recorded in the same change."""
    registry = load_registry(ROOT, ROOT / "docs", "bibliography.bib", ("fr", "en"))
    now = current_record(registry, "fr")
    recorded = json.loads((ROOT / PUBLISHED).read_text(encoding="utf-8"))
    assert set(now["pages"]) <= set(recorded["pages"])
    missing = sorted(set(now["claims"]) - set(recorded["claims"]))
    assert not missing, f"run scripts/published.py --update: {missing[:10]}"


def test_published_script_reports_and_updates(tmp_path):
    from conftest import fixture_files as files

    for path, text in files(docs__fr__autre_DOT_md=PAGE_FR, docs__en__autre_DOT_md=PAGE_EN).items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    script = [sys.executable, str(ROOT / "scripts" / "published.py"), "--root", str(tmp_path)]
    run = subprocess.run(script, capture_output=True, text=True)
    assert run.returncode == 1 and "claim not recorded: autre-fait (autre/)" in run.stdout
    run = subprocess.run([*script, "--update"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert json.loads((tmp_path / PUBLISHED).read_text())["claims"] == RECORD["claims"]
    assert subprocess.run(script, capture_output=True, text=True).returncode == 0

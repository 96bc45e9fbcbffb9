"""Foundation: bilingual strict build, sections, 404s, bad input, zero third-party requests, CI files."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from browser import chromium, serve, wait_until_loaded
from conftest import ROOT, fixture_files

SECTIONS = ["environnement", "travail", "surveillance", "culture", "droit"]


def test_both_languages_are_built_with_their_lang(site_dir):
    fr = lxml_html.parse(str(site_dir / "index.html")).getroot()
    en = lxml_html.parse(str(site_dir / "en" / "index.html")).getroot()
    assert fr.get("lang") == "fr"
    assert en.get("lang") == "en"
    assert "Observatoire syndical de l'IA" in fr.findtext(".//title")
    assert "Trade Union AI Observatory" in en.findtext(".//title")


@pytest.mark.parametrize("section", SECTIONS)
def test_five_sections_exist_in_both_languages_and_in_the_nav(site_dir, section):
    for prefix in ("", "en/"):
        assert (site_dir / prefix / section / "index.html").exists()
        home = lxml_html.parse(str(site_dir / prefix / "index.html"))
        nav_links = home.xpath('//nav[contains(@class, "md-nav--primary")]//a/@href')
        assert any(
            link.rstrip("/").endswith(section) or f"{section}/" in link for link in nav_links
        ), (
            prefix,
            section,
        )


def test_other_pages_and_404_exist_in_both_languages(site_dir):
    for prefix in ("", "en/"):
        for path in (
            "sources/index.html",
            "bibliographie/index.html",
            "a-propos/index.html",
            "404.html",
        ):
            assert (site_dir / prefix / path).exists(), prefix + path
    assert "introuvable" in (site_dir / "404.html").read_text()
    assert "not found" in (site_dir / "en" / "404.html").read_text()


def test_english_pages_carry_no_french_interface_text(site_dir):
    """Strings set once in mkdocs.yml (heading anchors' title) are translated on English pages."""
    pages = sorted((site_dir / "en").rglob("*.html"))
    assert len(pages) > 100, f"only {len(pages)} English pages"
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert 'title="Lien vers cette section"' not in text, path
    sample = (site_dir / "en" / "a-propos" / "index.html").read_text(encoding="utf-8")
    assert 'title="Link to this section"' in sample


def test_language_switcher_points_to_the_same_page(site_dir):
    page = lxml_html.parse(str(site_dir / "travail" / "index.html"))
    alternates = page.xpath('//a[@hreflang="en"]/@href')
    assert alternates and alternates[0].rstrip("/").endswith("en/travail")


# -- bad input ----------------------------------------------------------------------------------

# Broken links and anchors, pages in one language only: tests/test_bad_input.py (both languages).
SITE_BAD_INPUTS = {
    "unknown nav entry": (
        {
            "mkdocs.yml": fixture_files()["mkdocs.yml"]
            + "nav:\n  - index.md\n  - bibliographie.md\n  - fantome.md\n"
        },
        r"fantome\.md",
    ),
}


@pytest.mark.parametrize("case", sorted(SITE_BAD_INPUTS))
def test_site_bad_input_fails_naming_the_file(case, build_fixture_site):
    files, expected = SITE_BAD_INPUTS[case]
    code, output, _ = build_fixture_site({**fixture_files(), **files})
    assert code != 0, output
    assert re.search(expected, output), output


# -- zero third-party requests ------------------------------------------------------------------

RESOURCE_XPATH = (
    "//script/@src | //link[not(@rel='canonical') and not(@rel='alternate') and not(@rel='me')]/@href"
    " | //img/@src | //iframe/@src | //source/@src | //source/@srcset | //video/@src | //audio/@src"
    " | //object/@data | //embed/@src | //image/@href"
)
# Material's bundle names these only for cases the site does not use (asserted below):
# a polyfill for browsers without ResizeObserver, mermaid diagrams, GitHub repository facts.
MATERIAL_CONDITIONAL = (
    "https://unpkg.com/resize-observer-polyfill",
    "https://unpkg.com/mermaid@",
    "https://api.github.com",
)
THIRD_PARTY_HOSTS = re.compile(
    r"fonts\.googleapis|fonts\.gstatic|unpkg\.com|cdn\.jsdelivr|cdnjs|twemoji|gravatar|googletagmanager|google-analytics"
)


def external(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url.strip()))


def test_no_built_file_loads_resources_from_outside_the_site(site_dir):
    offenders = []
    found = {suffix: sorted(site_dir.rglob(f"*{suffix}")) for suffix in (".html", ".css", ".js")}
    assert len(found[".html"]) > 100 and found[".css"] and found[".js"], {
        suffix: len(paths) for suffix, paths in found.items()
    }
    for path in found[".html"]:
        tree = lxml_html.parse(str(path))
        for url in tree.xpath(RESOURCE_XPATH):
            for candidate in url.split(","):
                if external(candidate.split()[0] if candidate.split() else ""):
                    offenders.append(f"{path.relative_to(site_dir)}: {candidate.strip()}")
        for style in tree.xpath("//style/text() | //@style"):
            offenders += [
                f"{path}: {u}" for u in re.findall(r"url\(\s*['\"]?(https?:)?//[^)]*\)", style)
            ]
        assert not tree.xpath('//*[contains(@class, "mermaid")]'), path
    for path in found[".css"]:
        for match in re.finditer(
            r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")\s]+)", path.read_text()
        ):
            offenders.append(f"{path.relative_to(site_dir)}: {match.group(1)}")
    for path in found[".js"]:
        text = path.read_text(errors="replace")
        for match in THIRD_PARTY_HOSTS.finditer(text):
            context = text[max(0, match.start() - 20) : match.end() + 30]
            if not any(allowed in context for allowed in MATERIAL_CONDITIONAL):
                offenders.append(f"{path.relative_to(site_dir)}: ...{context}...")
    assert not offenders, "\n".join(offenders[:50])


def test_config_does_not_enable_what_would_call_third_parties():
    config = (ROOT / "mkdocs.yml").read_text()
    assert re.search(r"^\s*font:\s*false", config, re.MULTILINE)
    # repo_url (observatoire/feedback) is allowed: Material's repository widget, whose script
    # calls the forge's API, is overridden without it.
    source = (ROOT / "overrides" / "partials" / "source.html").read_text()
    assert "data-md-component" not in source and "md-source" not in source
    assert "navigation.instant" not in config


def page_types(site_dir: Path) -> list[str]:
    candidates = [
        "index.html",
        "environnement/index.html",
        "travail/index.html",
        "bibliographie/index.html",
        "sources/index.html",
        "a-propos/index.html",
        "404.html",
    ]
    pages = []
    for candidate in candidates:
        for prefix in ("", "en/"):
            if (site_dir / prefix / candidate).exists():
                pages.append(prefix + candidate)
    sub_pages = sorted(
        p.relative_to(site_dir).as_posix() for p in (site_dir / "travail").glob("*/index.html")
    )
    return pages + sub_pages[:1]


def test_browser_makes_no_request_outside_the_site(site_dir, tmp_path):
    served = tmp_path / "served"
    shutil.copytree(site_dir, served)
    outside: list[str] = []
    errors: list[str] = []
    with serve(served) as base, chromium() as context:
        context.route(
            "**/*",
            lambda route: (
                (outside.append(route.request.url), route.abort())
                if not route.request.url.startswith(base)
                else route.continue_()
            ),
        )
        page = context.new_page()
        page.on(
            "console",
            lambda msg: errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None,
        )
        paths = page_types(site_dir)
        assert len(paths) >= 10, paths
        searched = set()
        for path in paths:
            page.goto(base + path, wait_until="networkidle")
            lang = "en" if path.startswith("en/") else "fr"
            if lang in searched:
                continue
            # Search once per language: its index and worker load on first use. Once a result
            # shows, they have been fetched (and any request they made was routed above).
            page.keyboard.press("/")
            page.keyboard.type("Solidaires")
            page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
            searched.add(lang)
        assert searched == {"fr", "en"}
    assert not outside, outside
    assert not [e for e in errors if "404" not in e], errors


# -- CI and publication -------------------------------------------------------------------------


def test_ci_script_installs_and_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"^make (\w+)\s", readme, re.MULTILINE)
    assert commands[:2] == ["serve", "test"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert "apt-get install" in ci and "chromium" in ci
    assert re.search(r"^make test$", ci, re.MULTILINE)


def test_publication_workflows_parse_and_call_make_build():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = [
        step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])
    ]
    assert any(run.strip() == "make build" for run in steps)
    # The published site lists and serves the offline kit: built before the site.
    runs = [run.strip() for run in steps]
    assert runs.index("make offline") < runs.index("make build")
    assert any(
        "deploy-pages" in step.get("uses", "") for step in workflow["jobs"]["deploy"]["steps"]
    )
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text())
    pages_script = gitlab["pages"]["script"]
    assert any("make build" in line for line in pages_script)
    offline = next(i for i, line in enumerate(pages_script) if "make offline" in line)
    assert offline < next(i for i, line in enumerate(pages_script) if "make build" in line)
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]


def test_pull_and_merge_requests_run_make_test_with_the_ci_packages():
    """Both Pages workflows run every check on a pull / merge request: .ci/run, which installs
    the Debian packages the tests need and runs `make test`."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    test = workflow["jobs"]["test"]
    assert test["if"] == "github.event_name == 'pull_request'"
    runs = "\n".join(step.get("run", "") for step in test["steps"])
    assert re.search(r"^bash \.ci/run$", runs, re.MULTILINE), runs
    assert "nodejs npm" in runs and "container" in test
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text())
    job = gitlab["test"]
    assert "bash .ci/run" in job["script"] and any("nodejs npm" in s for s in job["script"])
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]


def test_makefile_has_the_documented_targets():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("serve", "build", "offline", "test", "bench", "audit", "clean"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
    assert "requirements.lock" in makefile


def test_licences_are_stated():
    assert (
        "MIT" in (ROOT / "LICENSE").read_text() and "CC BY-SA 4.0" in (ROOT / "LICENSE").read_text()
    )
    for lang in ("fr", "en"):
        assert "CC BY-SA 4.0" in (ROOT / "docs" / lang / "a-propos" / "index.md").read_text()


def test_language_switch_lands_on_the_same_claim(site_dir):
    """From a French claim's permalink, the language selector opens the English page on the
    same claim (same path, same id), and back."""
    claims = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    claim = next(c for c in claims if c["lang"] == "fr" and c["page"].count("/") >= 2)
    with serve(site_dir) as base, chromium() as context:
        base = base.rstrip("/")
        page = context.new_page()
        page.goto(f"{base}/{claim['page']}#{claim['id']}")
        wait_until_loaded(page)
        page.evaluate("document.querySelector('a.md-select__link[hreflang=en]').click()")
        page.wait_for_url(f"**/en/{claim['page']}#{claim['id']}")
        wait_until_loaded(page)  # claims.js carries the claim over
        assert page.locator(f"#{claim['id']}.claim").count() == 1
        page.evaluate("document.querySelector('a.md-select__link[hreflang=fr]').click()")
        page.wait_for_url(f"{base}/{claim['page']}#{claim['id']}")
        # Without a claim in the address, the switch goes to the page itself.
        page.goto(f"{base}/{claim['page']}")
        wait_until_loaded(page)
        page.evaluate("document.querySelector('a.md-select__link[hreflang=en]').click()")
        page.wait_for_url(f"**/en/{claim['page']}")

"""« Mis à jour le … » / "Last updated …" (issue 15): each page's date from git history
(mkdocs-git-revision-date-localized-plugin), in the page's language, the same in the feeds;
reproducible (same commit, same dates); from a tarball without .git, SOURCE_DATE_EPOCH."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from lxml import html as lxml_html

from conftest import MINIMAL_MKDOCS, ROOT, fixture_files
from observatoire_ia.sharing.updated import updated_html

ATOM = {"a": "http://www.w3.org/2005/Atom"}
LABEL = {"fr": "Mis à jour le", "en": "Last updated"}
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def shown_date(page: Path) -> tuple[str, str] | None:
    """(label text, datetime attribute) of a built page's « Mis à jour le … », or None."""
    found = lxml_html.parse(str(page)).xpath('//*[contains(@class, "page-updated")]')
    if not found:
        return None
    assert len(found) == 1, page
    return found[0].text_content(), found[0].xpath(".//time/@datetime")[0]


def git_date(path: Path) -> str:
    """The author date (UTC) of the last commit touching `path`, as the plugin reads it."""
    out = subprocess.run(
        ["git", "log", "-1", "--format=%at", "--", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return dt.datetime.fromtimestamp(int(out), dt.UTC).strftime("%Y-%m-%d")


def source_of(site: Path, page: Path) -> Path | None:
    """docs/<lang>/… of a built page (directory URLs); None for a generated page (a
    reference's own page, bibliographie/<key>/, has no file of its own)."""
    relative = page.relative_to(site).as_posix()
    lang = "en" if relative.startswith("en/") else "fr"
    stem = relative.removeprefix("en/").removesuffix("index.html").rstrip("/")
    candidates = [f"{stem}/index.md", f"{stem}.md"] if stem else ["index.md"]
    found = [ROOT / "docs" / lang / c for c in candidates if (ROOT / "docs" / lang / c).exists()]
    assert found or stem.startswith("bibliographie/"), f"{relative}: no source file"
    return found[0] if found else None


def committed(path: Path) -> bool:
    return bool(
        subprocess.run(
            ["git", "log", "-1", "--format=%H", "--", str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )


def test_every_page_shows_its_last_commit_in_its_language(site_dir):
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    checked = 0
    for lang, folder in (("fr", site_dir), ("en", site_dir / "en")):
        for page in sorted(folder.glob("**/index.html")):
            relative = page.relative_to(site_dir).as_posix()
            if relative.startswith(("c/", "en/c/", "assets/")) or (
                lang == "fr" and relative.startswith("en/")
            ):
                continue
            source = source_of(site_dir, page)
            if source is None:  # generated from the claims: no date of its own
                assert shown_date(page) is None, relative
                continue
            if not committed(source):
                continue  # a page being written: SOURCE_DATE_EPOCH (tested below)
            shown = shown_date(page)
            assert shown, f"{relative}: no « Mis à jour le … »"
            text, stamp = shown
            assert stamp == git_date(source), relative
            assert text.startswith(LABEL[lang]), (relative, text)
            checked += 1
    assert checked > 50


def test_feeds_use_the_dates_the_pages_show(site_dir):
    for prefix in ("", "en/"):
        feed = ElementTree.parse(site_dir / prefix / "feed.xml").getroot()
        base = feed.find("a:link[@rel='alternate']", ATOM).get("href")
        for entry in feed.findall("a:entry", ATOM):
            url = entry.find("a:id", ATOM).text
            page = site_dir / prefix / url[len(base) :] / "index.html"
            if not page.is_file():
                page = site_dir / prefix / url[len(base) :]
            shown = shown_date(page)
            if shown is None:  # a page being written, not committed yet: no date to show
                assert not committed(source_of(site_dir, page)), url
                continue
            assert entry.find("a:updated", ATOM).text.startswith(shown[1]), url


def test_date_wording_in_each_language():
    first = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    assert updated_html(first, "fr") == (
        'Mis à jour le <time datetime="2026-03-01">1er\u00a0mars\u00a02026</time>'
    )
    assert updated_html(dt.datetime(2026, 12, 4, tzinfo=dt.UTC), "en") == (
        'Last updated <time datetime="2026-12-04">4\u00a0December\u00a02026</time>'
    )


# -- fixture sites: a git repository, a tarball ---------------------------------------------------

REVISION_MKDOCS = (
    MINIMAL_MKDOCS.replace(
        "  - observatoire/claims\n", "  - observatoire/claims\n  - observatoire/sharing\n"
    )
    .replace(
        "          name: English\n",
        "          name: English\n  - git-revision-date-localized:\n      strict: false\n",
    )
    .replace("  font: false\n", f"  font: false\n  custom_dir: {ROOT / 'overrides'}\n")
)

PAGES = {
    "docs__fr__index_DOT_md": "---\ntitle: Accueil\ndescription: Une page.\n---\n"
    "# Accueil\n\nUn fait [@Solidaires2025Tract].\n{: .claim #un-fait }\n",
    "docs__en__index_DOT_md": "---\ntitle: Home\ndescription: A page.\n---\n"
    "# Home\n\nA fact [@Solidaires2025Tract].\n{: .claim #un-fait }\n",
    "docs__fr__bibliographie_DOT_md": "---\ntitle: Bibliographie\ndescription: Les sources.\n"
    "---\n# Bibliographie\n\n<!-- bibliography -->\n",
    "docs__en__bibliographie_DOT_md": "---\ntitle: Bibliography\ndescription: The sources.\n"
    "---\n# Bibliography\n\n<!-- bibliography -->\n",
}


def fixture(tmp_path: Path) -> Path:
    root = tmp_path / "fixture"
    files = fixture_files(**PAGES)
    files["mkdocs.yml"] = REVISION_MKDOCS
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def build(root: Path, out: str, **env: str) -> tuple[Path, str]:
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-d",
            str(root / out),
        ],
        cwd=root,
        env={**environment, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return root / out, result.stdout + result.stderr


def feed_dates(site: Path) -> set[str]:
    feed = ElementTree.parse(site / "feed.xml").getroot()
    return {e.find("a:updated", ATOM).text for e in feed.findall("a:entry", ATOM)}


def test_a_tarball_without_git_is_dated_from_source_date_epoch(tmp_path):
    root = fixture(tmp_path)  # under the system's temporary folder: no git repository
    site, output = build(root, "site", SOURCE_DATE_EPOCH=EPOCH)
    assert shown_date(site / "index.html") == (
        "Mis à jour le 1er\u00a0janvier\u00a02026",
        "2026-01-01",
    )
    assert shown_date(site / "en" / "index.html")[0] == "Last updated 1\u00a0January\u00a02026"
    assert feed_dates(site) == {"2026-01-01T00:00:00Z"}
    # Without SOURCE_DATE_EPOCH either: no date rather than the clock's.
    site, _ = build(root, "site-2")
    assert shown_date(site / "index.html") is None


def test_a_commit_dates_its_pages_whatever_the_clock(tmp_path):
    root = fixture(tmp_path)
    author = {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "prenom.nom@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "prenom.nom@example.org",
        "GIT_AUTHOR_DATE": "2025-06-05T10:00:00Z",
        "GIT_COMMITTER_DATE": "2025-06-05T10:00:00Z",
    }
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "x"]):
        subprocess.run(command, cwd=root, env={**os.environ, **author}, check=True)
    first, _ = build(root, "site-a", SOURCE_DATE_EPOCH=EPOCH)
    second, _ = build(root, "site-b")
    for site in (first, second):
        assert shown_date(site / "index.html") == (
            "Mis à jour le 5\u00a0juin\u00a02025",
            "2025-06-05",
        )
        assert feed_dates(site) == {"2025-06-05T10:00:00Z"}
    assert re.sub(r"site-[ab]", "", (first / "index.html").read_text()) == re.sub(
        r"site-[ab]", "", (second / "index.html").read_text()
    )

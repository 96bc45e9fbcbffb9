"""Shared fixtures: the real site built once per test session, and tiny fixture sites for bad input."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")


def required_tool(tool: str | Path, install: str) -> str:
    """A program or file the suite needs (.ci/run and `make test` install them all): its path,
    or a failure saying how to install it. A gate never skips for want of its tool."""
    found = str(tool) if Path(tool).is_absolute() and Path(tool).exists() else shutil.which(tool)
    if not found:
        pytest.fail(f"{tool} is missing: {install}")
    return found


def epubcheck(epub: Path) -> None:
    """EPUB 3 validity as readers check it: epubcheck reports no error and no warning."""
    jar = required_tool(EPUBCHECK, "apt-get install epubcheck")
    java = required_tool("java", "apt-get install default-jre-headless")
    result = subprocess.run([java, "-jar", jar, str(epub)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No errors or warnings detected" in result.stdout, result.stdout + result.stderr


def run_build(config: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=config.parent,
        env={**ENV, **(env or {})},
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real site, strictly built (or the one `make test` built, via OBS_SITE_DIR)."""
    prebuilt = os.environ.get("OBS_SITE_DIR")
    if prebuilt and (Path(prebuilt) / "index.html").exists():
        return Path(prebuilt)
    out = tmp_path_factory.mktemp("site")
    result = run_build(ROOT / "mkdocs.yml", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


# -- cold builds: two copies of the repository, each built from empty caches -------------------

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z: SOURCE_DATE_EPOCH, any fixed value works
COLD_STEPS = (
    # the online site, then the offline kit (zip, PDF, EPUB, ZIM) into dist/
    (*MKDOCS, "build", "--strict", "-d", "site"),
    (sys.executable, "-m", "observatoire_ia.offline", "--dist", "dist", "--config",
     "mkdocs.offline.yml"),
)  # fmt: skip


def copy_repository(target: Path) -> Path:
    """The working tree's files (tracked, and new ones not ignored: no .git, .cache, site/,
    dist/ or node_modules) copied to `target`."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # (a file deleted but not yet committed is listed too)
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@dataclass
class ColdBuild:
    root: Path
    log: str
    seconds: float

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def dist(self) -> Path:
        return self.root / "dist"


@pytest.fixture(scope="session")
def cold_builds(tmp_path_factory) -> tuple[ColdBuild, ColdBuild]:
    """The site and the offline kit built twice from empty caches, at the same time (one per
    core), in two copies of the repository at different paths, with different hash seeds, one
    started a second after the other."""
    copies = [
        copy_repository(tmp_path_factory.mktemp("cold-a") / "observatoire-ia"),
        copy_repository(tmp_path_factory.mktemp("cold-build-b") / "copie" / "obs"),
    ]
    script = " && ".join(" ".join(shlex.quote(part) for part in step) for step in COLD_STEPS)
    running = []
    for n, root in enumerate(copies):
        assert not (root / ".cache").exists() and not (root / "site").exists()
        env = {**ENV, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": str(n + 1)}
        started = time.monotonic()
        process = subprocess.Popen(
            ["bash", "-c", script],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        running.append((root, process, started))
        time.sleep(1.1)  # another second for anything that reads the clock
    builds = []
    for root, process, started in running:
        log, _ = process.communicate(timeout=1200)
        assert process.returncode == 0, log[-6000:]
        builds.append(ColdBuild(root, log, time.monotonic() - started))
    return builds[0], builds[1]


MINIMAL_BIB = textwrap.dedent(
    """\
    @misc{Solidaires2025Tract,
      author = {{Union syndicale Solidaires}},
      title  = {Tract},
      date   = {2025},
    }
    """
)

MINIMAL_MKDOCS = textwrap.dedent(
    """\
    site_name: Fixture
    site_url: https://example.org/
    theme:
      name: material
      language: fr
      font: false
    plugins:
      - search
      - observatoire/claims
      - i18n:
          docs_structure: folder
          fallback_to_default: false
          languages:
            - locale: fr
              name: Français
              default: true
            - locale: en
              name: English
    markdown_extensions:
      - attr_list
      - md_in_html
      - tables
      - toc
    validation:
      omitted_files: warn
      absolute_links: warn
      unrecognized_links: warn
      anchors: warn
    """
)


def fixture_files(**overrides: str | None) -> dict[str, str]:
    """A valid two-language site; pass path=text to change a file, path=None to delete it."""
    files = {
        "mkdocs.yml": MINIMAL_MKDOCS,
        "bibliography.bib": MINIMAL_BIB,
        "docs/fr/index.md": "# Accueil\n\nUn fait [@Solidaires2025Tract].\n{: .claim #un-fait }\n",
        "docs/en/index.md": "# Home\n\nA fact [@Solidaires2025Tract].\n{: .claim #un-fait }\n",
        "docs/fr/bibliographie.md": "# Bibliographie\n\n<!-- bibliography -->\n",
        "docs/en/bibliographie.md": "# Bibliography\n\n<!-- bibliography -->\n",
    }
    for path, text in overrides.items():
        path = path.replace("__", "/").replace("_DOT_", ".")
        if text is None:
            files.pop(path, None)
        else:
            files[path] = text
    return files


@pytest.fixture
def build_fixture_site(tmp_path):
    """Write a tiny site from {path: text} and build it strictly: (returncode, output, site_dir)."""

    def build(files: dict[str, str], env: dict | None = None):
        root = tmp_path / "fixture"
        if root.exists():
            shutil.rmtree(root)
        for path, text in files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        result = run_build(root / "mkdocs.yml", root / "site", env)
        return result.returncode, result.stdout + result.stderr, root / "site"

    return build

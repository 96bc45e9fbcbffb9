"""CI keeps `.cache/` between runs (issue 14): cards and formatted references are drawn and
formatted once, not on every run."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_github_pages_workflow_restores_and_saves_the_cache_before_building():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    cache = [i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/cache@")]
    assert cache, "no actions/cache step"
    assert steps[cache[0]]["with"]["path"] == ".cache"
    key = steps[cache[0]]["with"]["key"]
    # A new key when the inputs change (so the grown cache is saved), older caches restored.
    assert "hashFiles(" in key and "docs/**" in key and "bibliography.bib" in key
    assert steps[cache[0]]["with"]["restore-keys"]
    runs = [step.get("run", "").strip() for step in steps]
    assert cache[0] < runs.index("make offline") < runs.index("make build")


def test_gitlab_keeps_the_cache_between_pipelines():
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text())
    assert ".cache/" in gitlab["cache"]["paths"]
    for job in ("build", "pages"):
        assert "cache" not in gitlab[job], f"{job} would replace the global cache"


def test_ci_run_links_cache_to_the_runner_folder(tmp_path):
    """`.ci/run` with OBS_CACHE_DIR: .cache/ is that folder (checked on a copy of the script
    that stops before installing anything)."""
    script = (ROOT / ".ci" / "run").read_text()
    start = script.index('if [ -n "${OBS_CACHE_DIR:-}" ]')
    block = script[start : script.index("fi\n", start) + 3]
    runner = tmp_path / "runner-cache"
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    subprocess.run(
        ["bash", "-euc", block],
        cwd=checkout,
        env={**os.environ, "OBS_CACHE_DIR": str(runner)},
        check=True,
    )
    assert (checkout / ".cache").resolve() == runner.resolve() and runner.is_dir()

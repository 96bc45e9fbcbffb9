"""Reproducible build gate: two clean builds with SOURCE_DATE_EPOCH are byte-identical.

The two builds differ in everything that must not matter: output directory, hash seed
(set and dict ordering), and wall-clock time.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from conftest import ROOT, run_build

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z, any fixed value works


def tree(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def first_difference(a: Path, b: Path) -> str:
    x, y = a.read_bytes(), b.read_bytes()
    at = next((i for i in range(min(len(x), len(y))) if x[i] != y[i]), min(len(x), len(y)))
    return f"{x[max(0, at - 60) : at + 60]!r}\n    vs {y[max(0, at - 60) : at + 60]!r}"


def test_two_clean_builds_are_identical(tmp_path):
    builds = []
    for n, seed in ((1, "1"), (2, "2")):
        out = tmp_path / f"build-{n}" / "site"
        result = run_build(
            ROOT / "mkdocs.yml", out, env={"SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": seed}
        )
        assert result.returncode == 0, result.stdout + result.stderr
        builds.append(out)
        time.sleep(1.1)  # a different second for anything that reads the clock
    first, second = (tree(site) for site in builds)
    assert first.keys() == second.keys(), sorted(set(first) ^ set(second))
    differing = [name for name in first if first[name] != second[name]]
    details = [
        f"{name}: {first_difference(builds[0] / name, builds[1] / name)}" for name in differing[:5]
    ]
    print(f"\nreproducible: {len(first)} files compared, {len(differing)} differ")
    assert not differing, "\n".join(details)
    for name in ("claims.json", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json"):
        assert name in first, f"{name} missing from the build"

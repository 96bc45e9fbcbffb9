"""Before/after: the same sites built by an older commit's plugins and by today's.

The older `src/` is taken from git (`git archive`) into a temporary folder and put first on
PYTHONPATH; both versions build the same copies of the real site and of the scale corpora,
builds interleaved, each with its own `.cache` filled first (warm) or emptied (cold, real
site only: an old cold corpus build draws every card on one core). Prints a table and the
per-hook profile of each version (bench/profile_hooks.py).

    .venv/bin/python bench/compare_code.py --before 9d63935 --texts 25
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import build_bench  # noqa: E402
import corpus as scale_corpus  # noqa: E402


def export_src(rev: str, target: Path) -> Path:
    archive = subprocess.run(
        ["git", "archive", rev, "src"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target / "src"


def with_code(src: Path | None):
    env = dict(build_bench.ENV)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


def timed(config: Path, site: Path, env: dict) -> tuple[float, float]:
    build_bench.ENV = env
    seconds, _, cpu = build_bench.build(config, site)
    return seconds, cpu


def profile(config: Path, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "profile_hooks.py"), "-f", str(config), "-n", "8"],
        env=env,
        capture_output=True,
        text=True,
    )
    return "\n".join(line for line in result.stdout.splitlines() if line.startswith(("|", "total")))


def compare(name: str, folder: Path, docs: Path, bib: Path, nav, repeat: int, cold: bool, old):
    """Both versions build from `folder` (one `.cache`: their card keys differ)."""
    config = build_bench.site_config(folder, docs, bib, True, nav)
    bare = build_bench.site_config(folder, docs, bib, False, nav)
    envs = {"before": with_code(old), "after": with_code(None)}
    rows: dict[str, dict] = {label: {"warm": [], "cold": None} for label in envs}
    for label, env in envs.items():
        if cold:
            shutil.rmtree(folder / ".cache", ignore_errors=True)
            rows[label]["cold"] = timed(config, folder / "site", env)
    for env in envs.values():
        timed(config, folder / "site", env)  # each version's cards and caches, filled
    bare_times = []
    for _ in range(repeat):
        bare_times.append(timed(bare, folder / "site", envs["after"]))
        for label, env in envs.items():
            rows[label]["warm"].append(timed(config, folder / "site", env))
    bare_wall = min(t[0] for t in bare_times)
    bare_cpu = min(t[1] for t in bare_times)
    lines = [
        f"### {name}",
        "",
        f"Bare Material: {bare_wall:.1f} s ({bare_cpu:.1f} s CPU).",
        "",
        "| Code | warm | ratio | warm, CPU | ratio | cold | cold, CPU |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, row in rows.items():
        wall = min(t[0] for t in row["warm"])
        cpu = min(t[1] for t in row["warm"])
        cold_cells = f"{row['cold'][0]:.1f} s | {row['cold'][1]:.1f} s" if row["cold"] else "— | —"
        lines.append(
            f"| {label} | {wall:.1f} s | {wall / bare_wall:.2f}× | {cpu:.1f} s "
            f"| {cpu / bare_cpu:.2f}× | {cold_cells} |"
        )
    for label, env in envs.items():
        lines += ["", f"Per hook, {label} (warm, wall clock, one build):", ""]
        lines.append(profile(config, env))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="git revision of the older code")
    parser.add_argument("--texts", type=int, nargs="*", default=[25])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="obs-compare-") as tmp:
        work = Path(tmp)
        old = export_src(args.before, work)
        real = work / "real"
        shutil.copytree(ROOT / "docs", real / "docs")
        for name in ("bibliography.bib", "published.json", "redirects.yml"):
            shutil.copyfile(ROOT / name, real / name)
        print(
            compare(
                "Real site",
                real,
                real / "docs",
                real / "bibliography.bib",
                None,
                args.repeat,
                True,
                old,
            ),
            flush=True,
        )
        for texts in args.texts:
            folder = work / f"corpus-{texts}"
            counts = scale_corpus.generate(folder, texts)
            print(
                compare(
                    f"N = {texts}",
                    folder,
                    folder / "docs",
                    folder / "bibliography.bib",
                    counts["nav"],
                    args.repeat,
                    False,
                    old,
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()

"""Before/after: the same corpus built by an older commit's plugins and by today's.

The older commit's `src/`, `mkdocs.yml`, `overrides/` and hooks are taken from git
(`git archive`) into a temporary folder, its `src/` first on PYTHONPATH; both versions build
the same scale corpus (bench/corpus.py: its syntax is understood by both), builds
interleaved, each version's caches filled first (warm builds). Prints a table and the
per-hook profile of each version (bench/profile_hooks.py). The real site is not compared:
its sources changed with the code (passage ranges the older scanner rejects).

    .venv/bin/python bench/compare_code.py --before 9d63935 --texts 25
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import build_bench  # noqa: E402
import corpus as scale_corpus  # noqa: E402


def export(rev: str, target: Path) -> Path:
    """The commit's code and configuration in `target` (src/, mkdocs.yml, overrides/)."""
    target.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "archive", rev, "src", "mkdocs.yml", "overrides"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


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


def compare(name: str, folder: Path, docs: Path, bib: Path, nav, repeat: int, old: Path):
    """Both versions build from `folder` (one `.cache`: their card keys differ)."""
    configs = {
        "before": build_bench.site_config(
            folder, docs, bib, True, nav, source=old, name="mkdocs.before.yml"
        ),
        "after": build_bench.site_config(folder, docs, bib, True, nav),
    }
    envs = {"before": with_code(old / "src"), "after": with_code(None)}
    bare = build_bench.site_config(folder, docs, bib, False, nav)
    rows: dict[str, list] = {label: [] for label in envs}
    for label, env in envs.items():
        timed(configs[label], folder / "site", env)  # each version's cards and caches, filled
    bare_times = []
    for _ in range(repeat):
        bare_times.append(timed(bare, folder / "site", envs["after"]))
        for label, env in envs.items():
            rows[label].append(timed(configs[label], folder / "site", env))
    bare_wall = min(t[0] for t in bare_times)
    bare_cpu = min(t[1] for t in bare_times)
    lines = [
        f"### {name}",
        "",
        f"Bare Material: {bare_wall:.1f} s ({bare_cpu:.1f} s CPU).",
        "",
        "| Code | whole site, warm | ratio | warm, CPU | ratio |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, runs in rows.items():
        wall = min(t[0] for t in runs)
        cpu = min(t[1] for t in runs)
        lines.append(
            f"| {label} | {wall:.1f} s | {wall / bare_wall:.2f}× | {cpu:.1f} s "
            f"| {cpu / bare_cpu:.2f}× |"
        )
    for label, env in envs.items():
        lines += ["", f"Per hook, {label} (warm, wall clock, one build):", ""]
        lines.append(profile(configs[label], env))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="git revision of the older code")
    parser.add_argument("--texts", type=int, nargs="*", default=[25])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="obs-compare-") as tmp:
        work = Path(tmp)
        old = export(args.before, work / "before")
        for texts in args.texts:
            folder = work / f"corpus-{texts}"
            counts = scale_corpus.generate(folder, texts)
            build_bench.commit_all(folder)
            print(
                compare(
                    f"N = {texts}",
                    folder,
                    folder / "docs",
                    folder / "bibliography.bib",
                    counts["nav"],
                    args.repeat,
                    old,
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()

"""Where a build's time goes: wall-clock time of every plugin hook, and of MkDocs itself.

Runs `mkdocs build` in this process with every registered plugin event wrapped by a timer.
Times are exclusive: the languages mkdocs-static-i18n builds from inside its `on_post_build`
are counted in their own hooks, not in i18n's. What no hook accounts for (reading files,
Markdown, Material's templates, writing pages) is MkDocs' own share.

    .venv/bin/python bench/profile_hooks.py                      # the real site
    .venv/bin/python bench/profile_hooks.py -f /tmp/corpus/mkdocs.plugins.yml -n 15
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def profile(config_file: Path, site_dir: Path) -> tuple[float, dict[tuple[str, str], float]]:
    """(total seconds, {(plugin, event): exclusive seconds}) of one build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    cwd = os.getcwd()
    os.chdir(config_file.parent)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir))
        spent: dict[tuple[str, str], float] = defaultdict(float)
        stack: list[float] = []  # time spent in nested hooks, per open hook
        names = {id(plugin): name for name, plugin in config.plugins.items()}

        def timed(method, event: str):
            owner = getattr(method, "__self__", None)
            label = names.get(id(owner), getattr(method, "__module__", "?"))

            def wrapper(*args, **kwargs):
                stack.append(0.0)
                start = time.perf_counter()
                try:
                    return method(*args, **kwargs)
                finally:
                    elapsed = time.perf_counter() - start
                    nested = stack.pop()
                    spent[(label, event)] += elapsed - nested
                    if stack:
                        stack[-1] += elapsed

            return wrapper

        for event, methods in config.plugins.events.items():
            config.plugins.events[event] = [timed(m, event) for m in methods]
        start = time.perf_counter()
        build(config)
        total = time.perf_counter() - start
    finally:
        os.chdir(cwd)
    return total, dict(spent)


def report(total: float, spent: dict[tuple[str, str], float], top: int) -> str:
    by_plugin: dict[str, float] = defaultdict(float)
    for (plugin, _), seconds in spent.items():
        by_plugin[plugin] += seconds
    hooks = sum(spent.values())
    lines = [
        f"total {total:.2f} s; in plugin hooks {hooks:.2f} s; MkDocs and Material's templates "
        f"(Markdown, rendering, writing) {total - hooks:.2f} s",
        "",
        "| Plugin | seconds | share |",
        "|---|---:|---:|",
    ]
    for plugin, seconds in sorted(by_plugin.items(), key=lambda item: -item[1]):
        lines.append(f"| {plugin} | {seconds:.2f} | {seconds / total:.0%} |")
    lines += ["", "| Hook | seconds |", "|---|---:|"]
    ranked = sorted(spent.items(), key=lambda item: -item[1])[:top]
    lines += [f"| {plugin} `{event}` | {seconds:.2f} |" for (plugin, event), seconds in ranked]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("-n", "--top", type=int, default=12, help="hooks listed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="obs-profile-") as tmp:
        total, spent = profile(args.config_file.resolve(), Path(tmp) / "site")
    print(report(total, spent, args.top))


if __name__ == "__main__":
    sys.exit(main())

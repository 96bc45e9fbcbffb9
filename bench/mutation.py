#!/usr/bin/env python3
"""Mutation testing of the core modules (`make mutation`; not part of `make test`).

For each core module, mutmut changes the code one small fault at a time (an operator, a
constant, a condition, a removed call) and runs the module's fast unit tests against each
mutant: a mutant the tests do not notice "survives". Each module runs in its own copy of the
repository (under .cache/mutation/), so the working tree is left as it is. The score per module
(killed / all mutants) and the surviving mutants are printed and written to bench/RESULTS.md,
between the mutation markers. Goal: at least 85 % killed in each module.

    .venv/bin/python bench/mutation.py                  # every core module
    .venv/bin/python bench/mutation.py --module typography
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
BEGIN, END = "<!-- mutation:begin -->", "<!-- mutation:end -->"
GOAL = 0.85
CLAIM_RULES = "tests/test_bad_input.py::test_claim_rule_names_the_file_and_line"


@dataclass(frozen=True)
class Module:
    name: str
    path: str  # the file mutmut changes
    tests: tuple[str, ...]  # pytest arguments: the module's fast unit tests
    functions: tuple[str, ...] = ()  # only these functions count (empty: the whole module)
    notes: dict[str, str] = field(default_factory=dict)


MODULES = (
    Module(
        "claims scanning",
        "src/observatoire_ia/claims/scan.py",
        (
            CLAIM_RULES,
            "tests/test_bad_input.py::test_the_shapes_are_valid_claims",
            "tests/test_claims.py::test_scanner_finds_paragraph_list_and_table_claims_with_lines",
            "tests/test_claims.py::test_scanner_ignores_code_urls_and_emails",
            "tests/test_scan_units.py",
        ),
    ),
    Module(
        "claims registry",
        "src/observatoire_ia/claims/registry.py",
        (
            CLAIM_RULES,
            "tests/test_bad_input.py::test_the_shapes_are_valid_claims",
            "tests/test_fast_paths.py",
            "tests/test_scan_units.py",
            "tests/test_registry_pending.py",
        ),
    ),
    Module(
        "bibliography checks",
        "src/observatoire_ia/claims/bibliography.py",
        ("tests/test_bibliography.py", "tests/test_bibliography_units.py"),
    ),
    Module(
        "typography",
        "src/observatoire_ia/typography.py",
        (
            "tests/test_typography.py",
            "-k",
            # Not the tests that build a site or run the script (seconds each, per mutant).
            "not real_site and not built_claim_page and not around_the_page_body"
            " and not script_reports and not english_pages_mark",
        ),
    ),
    Module(
        "card and page text cutting",
        "src/observatoire_ia/textfit.py",
        (
            "tests/test_textfit.py",
            "tests/test_cards_wrap.py",
            "tests/test_cards.py",
            "-k",
            "not site_dir and not og_image",
        ),
    ),
)
# When the verifier (claims/verify.py) is in the tree, it joins the run with its unit tests.
VERIFIER = Module(
    "verifier",
    "src/observatoire_ia/claims/verify.py",
    (
        "tests/test_verify.py",
        "tests/test_verify_units.py",
        "tests/test_verify_messages.py",
        "-k",
        "not build and not passage_link",
    ),
)


def workdir(module: Module) -> Path:
    return ROOT / ".cache" / "mutation" / re.sub(r"\W+", "-", module.name)


def core_modules() -> list[Module]:
    found = list(MODULES)
    if (ROOT / VERIFIER.path).is_file() and (ROOT / VERIFIER.tests[0]).is_file():
        found.append(VERIFIER)
    return found


def copy_repository(target: Path) -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def mutmut_config(module: Module) -> str:
    def toml_list(items) -> str:
        return "[" + ", ".join(f'"{item}"' for item in items) + "]"

    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["src"]\n'
        f"only_mutate = {toml_list([module.path])}\n"
        f"pytest_add_cli_args_test_selection = {toml_list(module.tests)}\n"
        'pytest_add_cli_args = ["-p", "no:xdist", "-p", "no:cacheprovider", "-q"]\n'
        'also_copy = ["tests", "bibliography.bib", "docs", "scripts", "schemas", "published.json", '
        '"redirects.yml", "mkdocs.yml", "privacy-allowlist.yml"]\n'
    )


@dataclass
class Score:
    module: Module
    statuses: dict[str, str]  # mutant name -> killed, survived, timeout, …, "not run"
    seconds: float

    @property
    def counted(self) -> dict[str, str]:
        if not self.module.functions:
            return self.statuses
        wanted = tuple(f"x_{name}__mutmut_" for name in self.module.functions)
        return {n: s for n, s in self.statuses.items() if any(w in n for w in wanted)}

    @property
    def pending(self) -> int:
        """Mutants not run yet (a run stopped early: `--report` shows it as partial)."""
        return sum(status == "not run" for status in self.counted.values())

    @property
    def run_count(self) -> int:
        return len(self.counted) - self.pending

    @property
    def killed(self) -> int:
        # a mutant that hangs the tests (timeout) or crashes them is detected as well
        return sum(status in {"killed", "timeout", "segfault"} for status in self.counted.values())

    @property
    def survivors(self) -> list[str]:
        return sorted(n for n, s in self.counted.items() if s in {"survived", "no tests"})

    @property
    def ratio(self) -> float:
        return self.killed / self.run_count if self.run_count else 0.0


def run(module: Module, work: Path, jobs: int) -> Score:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    copy_repository(work)
    with (work / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write(mutmut_config(module))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.monotonic()
    mutmut = [sys.executable, "-m", "mutmut"]
    result = subprocess.run(
        [*mutmut, "run", "--max-children", str(jobs)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.monotonic() - started
    listed = subprocess.run(
        [*mutmut, "results", "--all", "true"], cwd=work, env=env, capture_output=True, text=True
    )
    statuses = dict(re.findall(r"^\s*(\S+__mutmut_\d+): (\w[\w ]*)$", listed.stdout, re.M))
    if not statuses:
        raise SystemExit(
            f"mutmut gave no result for {module.path}:\n{result.stdout[-3000:]}\n"
            f"{result.stderr[-3000:]}\n{listed.stdout[-2000:]}{listed.stderr[-2000:]}"
        )
    return Score(module, statuses, seconds)


def describe(work: Path, module: Module, mutant: str) -> str:
    """What the mutant changes: the lines of its function that differ from the original
    (read from mutmut's mutants/ copy; `mutmut show` per mutant takes seconds each)."""
    import difflib

    source = (work / "mutants" / module.path).read_text(encoding="utf-8")
    functions = _functions(source)
    name = mutant.rsplit(".", 1)[-1]
    original = functions.get(re.sub(r"__mutmut_\d+$", "__mutmut_orig", name))
    changed = functions.get(name)
    if original is None or changed is None:
        return ""
    original = re.sub(r"__mutmut_\w+", "", original).splitlines()
    changed = re.sub(r"__mutmut_\w+", "", changed).splitlines()
    lines = [
        line
        for line in difflib.unified_diff(original, changed, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    return " / ".join(line[0] + " " + line[1:].strip()[:100] for line in lines)


_SOURCES: dict[int, dict[str, str]] = {}


def _functions(source: str) -> dict[str, str]:
    """Function name -> its source text, for every function of a mutants/ file."""
    import ast

    key = hash(source)
    if key not in _SOURCES:
        tree = ast.parse(source)
        found = {}
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found[node.name] = ast.get_source_segment(source, node) or ""
        _SOURCES[key] = found
    return _SOURCES[key]


def partial_score(module: Module) -> tuple[Score, dict[str, str]]:
    """A run still going (or stopped): the mutants done so far, from mutmut's own records."""
    from mutmut.stats import status_by_exit_code

    work = workdir(module)
    meta = json.loads((work / "mutants" / f"{module.path}.meta").read_text(encoding="utf-8"))
    statuses = {
        name: "not run" if code is None else status_by_exit_code[code]
        for name, code in meta["exit_code_by_key"].items()
    }
    started = (work / "mutants").stat().st_mtime
    score = Score(module, statuses, time.time() - started)
    return score, {name: describe(work, module, name) for name in score.survivors}


def report(scores: list[tuple[Score, dict[str, str]]], jobs: int) -> str:
    import platform

    lines = [
        BEGIN,
        "## Mutation testing (`make mutation`)",
        "",
        f"mutmut {_version('mutmut')}, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}; times are wall-clock on a shared machine. Killed = the module's fast unit tests fail on the mutant "
        "(or hang: timeout). Goal: ≥ 85 % killed per module.",
        "",
        "| module | file | mutants | killed | score | survivors | time |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for score, _ in scores:
        module = score.module
        where = module.path + (f" ({', '.join(module.functions)})" if module.functions else "")
        count = str(len(score.counted))
        if score.pending:
            count += f" ({score.run_count} run so far: partial)"
        lines.append(
            f"| {module.name} | `{where}` | {count} | {score.killed} | "
            f"{score.ratio:.0%} | {len(score.survivors)} | {score.seconds:.0f} s |"
        )
    lines += ["", "Surviving mutants (what mutmut changed):", ""]
    for score, described in scores:
        if not score.survivors:
            continue
        lines.append(f"- **{score.module.name}**:")
        for name in score.survivors:
            lines.append(f"  - `{name}`: {described.get(name, '')}")
    lines.append(END)
    return "\n".join(lines)


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def write_results(section: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Results\n"
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", help="only modules whose name has this")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--no-write", action="store_true", help="do not write bench/RESULTS.md")
    parser.add_argument(
        "--report",
        action="store_true",
        help="only report the runs in .cache/mutation (even partial)",
    )
    args = parser.parse_args(argv)
    modules = [
        m for m in core_modules() if not args.module or any(w in m.name for w in args.module)
    ]
    for module in modules if not args.report else []:
        work = workdir(module)
        print(f"mutation: {module.name} ({module.path}) …", flush=True)
        score = run(module, work, args.jobs)
        described = {name: describe(work, module, name) for name in score.survivors}
        saved = {"statuses": score.statuses, "seconds": score.seconds, "described": described}
        (work / "score.json").write_text(json.dumps(saved, indent=1), encoding="utf-8")
        print(
            f"  {score.killed}/{len(score.counted)} killed ({score.ratio:.0%}), "
            f"{len(score.survivors)} survivors, {score.seconds:.0f} s",
            flush=True,
        )
        for name in score.survivors:
            print(f"    survived: {name}: {described[name]}")
    # Every core module's latest run (this one, or an earlier one for the modules not rerun).
    scores = []
    for module in core_modules():
        saved_file = workdir(module) / "score.json"
        if saved_file.is_file():
            saved = json.loads(saved_file.read_text(encoding="utf-8"))
            scores.append((Score(module, saved["statuses"], saved["seconds"]), saved["described"]))
        elif args.report and (workdir(module) / "mutants" / f"{module.path}.meta").is_file():
            scores.append(partial_score(module))
    section = report(scores, args.jobs)
    if args.report:
        print(section)
    if not args.no_write:
        write_results(section)
        print(f"written to {RESULTS.relative_to(ROOT)}")
    below = [s.module.name for s, _ in scores if s.ratio < GOAL]
    if below:
        print(f"below the {GOAL:.0%} goal: {', '.join(below)}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())

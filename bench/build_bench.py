"""`make bench`: the site at scale, against a bare Material build of the same Markdown.

For N = 5, 25 and 100 fictional union texts (bench/corpus.py: source pages with numbered
passages, their bibliography entries, theme pages of about 100 claims per text citing them
with passage locators, English twins), and for the real site, it measures in one run:
- build time: bare Material (the same mkdocs.yml without this project's plugins: citations
  stay text), the claims plugin alone, and the whole site, warm (caches filled, best of the
  runs, builds interleaved) and cold (empty `.cache`, as a CI run without cache);
- peak memory of the whole-site build (every process of the build, cards included);
- HTML weight per page, median and maximum per page type, against the 60 KB budget;
- the site's size on disk, by part (social cards, share pages, pages, search);
- a reader's first search per language in Chromium with the CPU slowed 4× (bench/search_bench.py);
- the offline kit (zip, EPUB, ZIM, PDF) of the real site: build time and sizes;
- social cards: time and size per PNG setting (bench/cards_bench.py).

    .venv/bin/python bench/build_bench.py                  # N = 5 25 100, real site, kit
    .venv/bin/python bench/build_bench.py --texts 5 --no-offline --no-write
Figures go to bench/RESULTS.md (between the `bench:build` markers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import corpus as scale_corpus  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
BUDGET_KB = 60
QUERIES = {"fr": "formation", "en": "training"}


# -- configuration --------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    pass


def _env_tag(loader, node):
    """`!ENV [NAME, default]` → its default (the benchmark never depends on the environment)."""
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
    return values[-1] if values else None


_Loader.add_constructor("!ENV", _env_tag)
_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/", lambda loader, suffix, node: loader.construct_scalar(node)
)


def project_plugin_names() -> set[str]:
    """Every MkDocs plugin shipped by this project (entry points of observatoire_ia)."""
    return {
        ep.name
        for ep in importlib.metadata.entry_points(group="mkdocs.plugins")
        if ep.value.startswith("observatoire_ia")
    }


def plugin_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


CLAIMS_ONLY = "claims"


MATERIAL_SEARCH = "material-search"


def site_config(
    folder: Path,
    docs: Path,
    bibliography: Path,
    with_plugins: bool | str,
    nav=None,
    source: Path = ROOT,
    name: str | None = None,
) -> Path:
    """The real mkdocs.yml pointed at `docs` and `bibliography`, written into `folder` (its
    `.cache` is `folder/.cache`): project plugins on, off (bare Material), only
    `observatoire/claims` (`with_plugins == "claims"`), or all of them with Material's search
    online instead of Pagefind (`"material-search"`); `nav` replaces the real one. `source`:
    where mkdocs.yml, its templates and hooks come from (another commit's, for a comparison);
    `name`: the file written."""
    config = yaml.load((source / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    for key in ("watch", "INHERIT"):
        config.pop(key, None)
    if nav is not None:
        config["nav"] = nav
    config["docs_dir"] = str(docs)
    config["site_url"] = "https://example.org/"
    theme = config.setdefault("theme", {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(source / theme["custom_dir"])
    if config.get("hooks"):
        config["hooks"] = [str(source / hook) for hook in config["hooks"]]
    ours = project_plugin_names()
    plugins = []
    for entry in config.get("plugins", []):
        plugin = plugin_name(entry)
        if plugin in ours:
            if not with_plugins:
                continue
            if with_plugins == CLAIMS_ONLY and plugin != "observatoire/claims":
                continue
            if isinstance(entry, dict) and isinstance(entry[plugin], dict):
                options = dict(entry[plugin])
                if "bibliography" in options:
                    options["bibliography"] = str(bibliography)
                if "pagefind" in options and with_plugins == MATERIAL_SEARCH:
                    options["pagefind"] = False
                entry = {plugin: options}
        plugins.append(entry)
    config["plugins"] = plugins
    names = {
        True: "mkdocs.plugins.yml",
        False: "mkdocs.bare.yml",
        CLAIMS_ONLY: "mkdocs.claims.yml",
        MATERIAL_SEARCH: "mkdocs.material-search.yml",
    }
    path = folder / (name or names[with_plugins])
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# -- measuring a build ----------------------------------------------------------------------


def _tree_rss(root_pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry.name)
        children.setdefault(int(fields.get("PPid", "0").strip() or 0), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def build(config: Path, site: Path) -> tuple[float, int, float]:
    """(seconds, peak memory in bytes of the build's processes, CPU seconds of all of them)
    of `mkdocs build`. CPU time is what load from other jobs on the machine changes least."""
    if site.exists():
        shutil.rmtree(site)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        cwd=config.parent,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], _tree_rss(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.communicate()[0]
    elapsed = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"build failed: {config}\n{output[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, peak[0], cpu


# -- what a built site weighs ---------------------------------------------------------------

PAGE_TYPES = (
    ("share page", re.compile(r"^(en/)?c/[^/]+/index\.html$")),
    # A long index or claim list continues on pages 2, 3… (claims/page_parts.py).
    ("bibliography index", re.compile(r"^(en/)?bibliographie/(\d+/)?index\.html$")),
    ("reference page", re.compile(r"^(en/)?bibliographie/[^/]+/(\d+/)?index\.html$")),
    ("source text", re.compile(r"^(en/)?sources/.+/index\.html$")),
    ("home", re.compile(r"^(en/)?index\.html$")),
    ("theme page", re.compile(r"^(en/)?[a-z-]+/.+/index\.html$")),
    ("section index", re.compile(r"^(en/)?[a-z-]+/index\.html$")),
)


def page_type(relative: str) -> str:
    for name, pattern in PAGE_TYPES:
        if pattern.match(relative):
            return name
    return "other"


def weights(site: Path) -> dict[str, list[int]]:
    """HTML bytes per page type, counted as the weight gate counts them: the whole file, the
    first screen's inline stylesheet included (DECISIONS.md 17)."""
    out: dict[str, list[int]] = {}
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        out.setdefault(page_type(relative), []).append(path.stat().st_size)
    return out


def disk(site: Path) -> dict[str, int]:
    parts = {"social cards": 0, "share pages": 0, "search": 0, "pages": 0, "other": 0}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(site).as_posix()
        size = path.stat().st_size
        if relative.startswith("assets/cards/"):
            parts["social cards"] += size
        elif re.match(r"^(en/)?c/", relative):
            parts["share pages"] += size
        elif relative.startswith(("search/", "pagefind/")):
            parts["search"] += size
        elif path.suffix == ".html":
            parts["pages"] += size
        else:
            parts["other"] += size
    return parts


def searches(site: Path) -> dict[str, dict]:
    import search_bench

    out = {}
    for lang, query in QUERIES.items():
        path = "" if lang == "fr" else "en/"
        try:
            out[lang] = search_bench.first_search(site, path, query)
        except Exception as error:  # reported in the table, the rest of the bench goes on
            out[lang] = {"error": f"{type(error).__name__}: {str(error)[:200]}"}
    return out


# -- one site -------------------------------------------------------------------------------

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "prenom.nom@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "prenom.nom@example.org",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
}


def commit_all(folder: Path) -> None:
    """The sources in a git repository of one commit: the site dates its pages from git
    (mkdocs-git-revision-date-localized-plugin, bare builds too), as in CI."""
    env = {**os.environ, **GIT_ENV}
    for command in (
        ["git", "init", "-q"],
        ["git", "add", "-A", "docs", "bibliography.bib"],
        ["git", "commit", "-q", "-m", "bench"],
    ):
        subprocess.run(command, cwd=folder, env=env, check=True, capture_output=True)


def bench_site(name: str, folder: Path, docs: Path, bib: Path, nav, repeat: int, search: bool):
    bare_cfg = site_config(folder, docs, bib, False, nav)
    claims_cfg = site_config(folder, docs, bib, CLAIMS_ONLY, nav)
    ours_cfg = site_config(folder, docs, bib, True, nav)
    shutil.rmtree(folder / ".cache", ignore_errors=True)
    cold, cold_memory, cold_cpu = build(ours_cfg, folder / "site-ours")
    bare, claims, ours, memory = [], [], [], [cold_memory]
    # Interleaved, so that every configuration sees the same load of the shared machine.
    for _ in range(repeat):
        bare.append(build(bare_cfg, folder / "site-bare"))
        claims.append(build(claims_cfg, folder / "site-claims")[0])
        run = build(ours_cfg, folder / "site-ours")
        ours.append(run)
        memory.append(run[1])
    site = folder / "site-ours"
    result = {
        "name": name,
        "bare": min(run[0] for run in bare),
        "bare_cpu": min(run[2] for run in bare),
        "claims": min(claims),
        "warm": min(run[0] for run in ours),
        "warm_cpu": min(run[2] for run in ours),
        "cold": cold,
        "cold_cpu": cold_cpu,
        "memory": max(memory),
        "weights": weights(site),
        "disk": disk(site),
        "search": searches(site) if search else {},
    }
    if search:  # the same site with Material's search online, for the comparison
        material_cfg = site_config(folder, docs, bib, MATERIAL_SEARCH, nav)
        build(material_cfg, folder / "site-material")
        result["search_material"] = searches(folder / "site-material")
        shutil.rmtree(folder / "site-material")
    return result


def bench_corpus(work: Path, texts: int, repeat: int, search: bool) -> dict:
    folder = work / f"corpus-{texts}"
    counts = scale_corpus.generate(folder, texts)
    commit_all(folder)
    print(
        f"corpus: {texts} texts, {counts['claims']} claims and {counts['theme_pages']} theme "
        "pages per language…",
        flush=True,
    )
    result = bench_site(
        f"N = {texts}",
        folder,
        folder / "docs",
        folder / "bibliography.bib",
        counts.pop("nav"),
        repeat,
        search,
    )
    result.update(
        texts=counts["texts"],
        claims_count=counts["claims"],
        theme_pages=counts["theme_pages"],
        references=counts["references"],
    )
    shutil.rmtree(folder)
    return result


def bench_real(work: Path, repeat: int, search: bool) -> dict:
    """The real site, from a copy of its sources committed once (its `.cache` is the
    copy's, not the repository's)."""
    print("real site…", flush=True)
    folder = work / "real"
    shutil.copytree(ROOT / "docs", folder / "docs")
    for name in ("bibliography.bib", "published.json", "redirects.yml"):
        if (ROOT / name).exists():
            shutil.copyfile(ROOT / name, folder / name)
    commit_all(folder)
    return bench_site(
        "real site", folder, folder / "docs", folder / "bibliography.bib", None, repeat, search
    )


def bench_offline(work: Path) -> dict | None:
    print("offline kit…", flush=True)
    dist = work / "dist"
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "observatoire_ia.offline", "--dist", str(dist)],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        return {"error": (result.stdout + result.stderr)[-800:], "time": elapsed}
    files = {p.name: p.stat().st_size for p in sorted(dist.rglob("*")) if p.is_file()}
    return {"time": elapsed, "files": files}


# -- report -----------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} CPU(s) visible, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def versions() -> str:
    names = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return ", ".join(f"{n} {importlib.metadata.version(n)}" for n in names) + f"; commit {commit}"


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def render(sites: list[dict], offline: dict | None, cards: str | None) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        f"Measured {now} on {machine()}; {versions()}.",
        "Bare = the same mkdocs.yml and Markdown without this project's plugins (citations left "
        "as text); warm = caches filled, best of the runs, builds interleaved; cold = empty "
        "`.cache` (a CI run without cache). The machine is shared: expect ±20 %.",
        "",
        "| Site | bare Material | claims plugin | whole site, warm | ratio (goal ≤ 1.5) "
        "| whole site, cold | ratio (goal ≤ 4) | peak memory (goal ≤ 2 GB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in sites:
        out.append(
            f"| {s['name']} | {s['bare']:.1f} s | {s['claims']:.1f} s ({s['claims'] / s['bare']:.2f}×) "
            f"| {s['warm']:.1f} s | {s['warm'] / s['bare']:.2f}× | {s['cold']:.1f} s "
            f"| {s['cold'] / s['bare']:.2f}× | {s['memory'] / 1024**3:.2f} GB |"
        )
    out += [
        "",
        "The same builds in CPU time (every process of the build, workers and Pagefind "
        "included; what the load of other jobs changes least):",
        "",
        "| Site | bare Material | whole site, warm | ratio | whole site, cold | ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for s in sites:
        out.append(
            f"| {s['name']} | {s['bare_cpu']:.1f} s | {s['warm_cpu']:.1f} s "
            f"| {s['warm_cpu'] / s['bare_cpu']:.2f}× | {s['cold_cpu']:.1f} s "
            f"| {s['cold_cpu'] / s['bare_cpu']:.2f}× |"
        )
    by_n = {s["texts"]: s for s in sites if "texts" in s}
    if 5 in by_n and 100 in by_n:
        small, large = by_n[5], by_n[100]
        out += [
            "",
            "Growth time(N=100)/time(N=5) (goal: not worse than bare Material's): "
            f"bare {large['bare'] / small['bare']:.1f}; whole site warm "
            f"{large['warm'] / small['warm']:.1f}, cold {large['cold'] / small['cold']:.1f}; "
            f"claims plugin {large['claims'] / small['claims']:.1f}. In CPU time: bare "
            f"{large['bare_cpu'] / small['bare_cpu']:.1f}, whole site warm "
            f"{large['warm_cpu'] / small['warm_cpu']:.1f}, cold "
            f"{large['cold_cpu'] / small['cold_cpu']:.1f}.",
        ]
    out += ["", "Corpora (per language):", ""]
    for s in sites:
        if "texts" in s:
            out.append(
                f"- N = {s['texts']}: {s['claims_count']} claims on {s['theme_pages']} theme "
                f"pages, {s['references']} references."
            )
    out += [
        "",
        f"HTML per page, median / max (budget {BUDGET_KB} KB, whole file, the inline "
        "first-screen CSS included), both languages:",
        "",
        "| Page type | " + " | ".join(s["name"] for s in sites) + " |",
        "|---|" + "---:|" * len(sites),
    ]
    types = [name for name, _ in PAGE_TYPES] + ["other"]
    over = []
    for kind in types:
        cells = []
        for s in sites:
            sizes = s["weights"].get(kind)
            if not sizes:
                cells.append("—")
                continue
            top = max(sizes) / 1024
            cells.append(
                f"{statistics.median(sizes) / 1024:.0f} / {top:.0f} KB ({len(sizes)})"
                + (" **over**" if top > BUDGET_KB else "")
            )
            if top > BUDGET_KB:
                over.append(f"{s['name']} {kind}")
        if any(cell != "—" for cell in cells):
            out.append(f"| {kind} | " + " | ".join(cells) + " |")
    out += [
        "",
        "Every page within the budget." if not over else f"Over the budget: {', '.join(over)}.",
        "",
        "Site on disk:",
        "",
        "| Site | total | social cards | share pages | other pages | search | other |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in sites:
        d = s["disk"]
        out.append(
            f"| {s['name']} | {_mb(sum(d.values()))} | {_mb(d['social cards'])} "
            f"| {_mb(d['share pages'])} | {_mb(d['pages'])} | {_mb(d['search'])} | {_mb(d['other'])} |"
        )
    if any(s["search"] for s in sites):
        out += [
            "",
            "A reader's first search (Chromium, CPU 4× slower, query typed at 12 characters a "
            "second; goal ≤ 300 KB and an answer within 1 s):",
            "",
            "| Site | Lang | query | downloaded | requests | from opening search "
            "| after the last keystroke |",
            "|---|---|---|---:|---:|---:|---:|",
        ]
        for s in sites:
            for lang, r in s["search"].items():
                if "error" in r:
                    out.append(
                        f"| {s['name']} | {lang} | {QUERIES[lang]} | failed: {r['error']} | | |"
                    )
                    continue
                out.append(
                    f"| {s['name']} | {lang} | {QUERIES[lang]} | {r['bytes'] / 1024:.0f} KB "
                    f"| {r['requests']} | {r['seconds']:.2f} s | {r['after_typing']:.2f} s |"
                )
    if any(s.get("search_material") for s in sites):
        out += [
            "",
            "Search, Material vs Pagefind (the same site built with Material's lazy "
            "per-language index online instead of Pagefind; same measure as above):",
            "",
            "| Site | Lang | Material: downloaded | from opening | after typing "
            "| Pagefind: downloaded | from opening | after typing |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for s in sites:
            for lang, material in s.get("search_material", {}).items():
                pagefind = s["search"].get(lang, {})
                if "error" in material or "error" in pagefind:
                    out.append(f"| {s['name']} | {lang} | failed | | | | | |")
                    continue
                out.append(
                    f"| {s['name']} | {lang} | {material['bytes'] / 1024:.0f} KB "
                    f"| {material['seconds']:.2f} s | {material['after_typing']:.2f} s "
                    f"| {pagefind['bytes'] / 1024:.0f} KB | {pagefind['seconds']:.2f} s "
                    f"| {pagefind['after_typing']:.2f} s |"
                )
    largest = {
        s["name"]: max(s["disk"], key=s["disk"].get) for s in sites if sum(s["disk"].values())
    }
    out += ["", "Largest part on disk: " + "; ".join(f"{n}: {p}" for n, p in largest.items()) + "."]
    if offline is not None:
        if "error" in offline:
            out += ["", f"Offline kit: failed after {offline['time']:.0f} s:", "", "```"]
            out += [offline["error"].strip(), "```"]
        else:
            files = ", ".join(
                f"{name} {size / 1024:.0f} KB" for name, size in offline["files"].items()
            )
            out += ["", f"Offline kit of the real site: built in {offline['time']:.0f} s; {files}."]
    if cards:
        out += ["", cards]
    out += ["", "Goals of issue 14, as measured in this run:", ""] + goals(sites)
    return "\n".join(out)


def goals(sites: list[dict]) -> list[str]:
    """One line per goal of issue 14 §§ 2–6: met or missed, with the figures."""

    def mark(ok: bool) -> str:
        return "met" if ok else "**missed**"

    lines = []
    by_n = {s.get("texts"): s for s in sites}
    large, small = by_n.get(100), by_n.get(5)
    if large:
        heaviest = max((max(v), k) for k, v in large["weights"].items())
        over = sum(size > BUDGET_KB * 1024 for sizes in large["weights"].values() for size in sizes)
        lines.append(
            f"- Every page ≤ {BUDGET_KB} KB of HTML at N = 100: {mark(not over)} "
            f"({over} page(s) over; heaviest {heaviest[0] / 1024:.1f} KB, {heaviest[1]})."
        )
    for s in [x for x in sites if x.get("texts") in (None, 100)]:
        lines.append(
            f"- Warm ≤ 1.5× bare, {s['name']}: {mark(s['warm'] <= 1.5 * s['bare'])} "
            f"({s['warm'] / s['bare']:.2f}×; CPU time {s['warm_cpu'] / s['bare_cpu']:.2f}×)."
        )
        lines.append(
            f"- Cold ≤ 4× bare, {s['name']}: {mark(s['cold'] <= 4 * s['bare'])} "
            f"({s['cold'] / s['bare']:.2f}×; CPU time {s['cold_cpu'] / s['bare_cpu']:.2f}×)."
        )
    if large and small:
        bare, warm = large["bare"] / small["bare"], large["warm"] / small["warm"]
        cold = large["cold"] / small["cold"]
        lines.append(
            f"- Growth N100/N5 not worse than bare's ({bare:.1f}): warm {mark(warm <= bare)} "
            f"({warm:.1f}), cold {mark(cold <= bare)} ({cold:.1f})."
        )
    if large:
        for lang, r in large.get("search", {}).items():
            if "error" in r:
                lines.append(f"- First search ({lang}) at N = 100: **failed** ({r['error']}).")
                continue
            ok = r["bytes"] <= 300 * 1024 and r["after_typing"] <= 1.0
            lines.append(
                f"- First search ({lang}) ≤ 300 KB and an answer within 1 s at N = 100: "
                f"{mark(ok)} ({r['bytes'] / 1024:.0f} KB; {r['after_typing']:.2f} s after the "
                f"last keystroke, {r['seconds']:.2f} s from opening search, typing included)."
            )
        lines.append(
            f"- Peak memory ≤ 2 GB at N = 100: {mark(large['memory'] <= 2 * 1024**3)} "
            f"({large['memory'] / 1024**3:.2f} GB)."
        )
        part = max(large["disk"], key=large["disk"].get)
        lines.append(
            f"- Site size at N = 100: {_mb(sum(large['disk'].values()))}, largest part {part} "
            f"({_mb(large['disk'][part])})."
        )
    return lines


def write_section(marker: str, body: str) -> None:
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmarks\n"
    block = f"{start}\n{body}\n{end}"
    if start in text and end in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda m: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, nargs="+", default=[5, 25, 100])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-real", action="store_true")
    parser.add_argument("--no-offline", action="store_true")
    parser.add_argument("--no-search", action="store_true")
    parser.add_argument("--no-cards", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()

    sites = []
    with tempfile.TemporaryDirectory(prefix="obs-bench-") as tmp:
        work = Path(tmp)
        if not args.no_real:
            sites.append(bench_real(work, args.repeat, not args.no_search))
        for texts in args.texts:
            result = bench_corpus(work, texts, args.repeat, not args.no_search)
            print(
                f"  bare {result['bare']:.1f} s, whole site {result['warm']:.1f} s warm, "
                f"{result['cold']:.1f} s cold",
                flush=True,
            )
            sites.append(result)
        offline = None if args.no_offline else bench_offline(work)
    cards = None
    if not args.no_cards:
        import cards_bench

        cards = cards_bench.report()
    report = render(sites, offline, cards)
    print("\n" + report)
    if not args.no_write:
        write_section("bench:build", report)
        print(f"\nwritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

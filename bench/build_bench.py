"""Build-time benchmark: the project's plugins vs a bare Material build of the same Markdown.

Generates synthetic bilingual corpora (N pages per language × M claims, K references, in the
project's claim syntax), builds each twice side by side in one run (with every plugin of the
`observatoire_ia` package, and without them: citations stay as text), and prints the ratios.
Also times the real site and the offline kit when its builder is present.

    .venv/bin/python bench/build_bench.py              # 100 and 1000 pages, 2000 references
    .venv/bin/python bench/build_bench.py --sizes 100  # quicker
Writes the figures into bench/RESULTS.md (between the build markers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import importlib.metadata
import importlib.util
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
THEMES = ("environnement", "travail", "surveillance", "culture", "droit")
WORDS = (
    "intelligence artificielle travail données syndicat salariés emploi surveillance algorithme "
    "énergie eau centre calcul droit culture négociation formation santé conditions agents "
    "service public automatisation contrôle évaluation consultation comité représentants"
).split()
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}


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


def synthetic_config(corpus: Path, with_plugins: bool | str) -> Path:
    """The real mkdocs.yml, pointed at the corpus: automatic nav, project plugins on or off
    (or only the citation plugin, `observatoire/claims`, when `with_plugins == "claims"`)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    for key in ("nav", "not_in_nav", "watch", "INHERIT"):
        config.pop(key, None)
    config["docs_dir"] = str(corpus / "docs")
    config["site_url"] = "https://example.org/"
    theme = config.setdefault("theme", {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    if config.get("hooks"):
        config["hooks"] = [str(ROOT / hook) for hook in config["hooks"]]
    ours = project_plugin_names()
    plugins = []
    for entry in config.get("plugins", []):
        name = plugin_name(entry)
        if name in ours:
            if not with_plugins:
                continue
            if with_plugins == CLAIMS_ONLY and name != "observatoire/claims":
                continue
            if isinstance(entry, dict) and isinstance(entry[name], dict):
                options = dict(entry[name])
                if "bibliography" in options:
                    options["bibliography"] = str(corpus / "bibliography.bib")
                entry = {name: options}
        plugins.append(entry)
    config["plugins"] = plugins
    names = {True: "mkdocs.plugins.yml", False: "mkdocs.bare.yml", CLAIMS_ONLY: "mkdocs.claims.yml"}
    path = corpus / names[with_plugins]
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# -- corpus -----------------------------------------------------------------------------------


def sentence(rng: random.Random, n: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def generate(corpus: Path, pages: int, claims: int, references: int, seed: int = 7) -> None:
    """N pages per language (in five theme sections) × M claims; K references, all cited."""
    rng = random.Random(seed)
    if corpus.exists():
        shutil.rmtree(corpus)
    keys = [f"Org{i:04d}Y{2000 + i % 25}Word" for i in range(references)]
    bib = [
        f"@misc{{{key},\n  author = {{{{Organisation syndicale {i}}}}},\n"
        f"  title = {{Texte syndical numéro {i} sur l'intelligence artificielle}},\n"
        f"  date = {{{2000 + i % 25}}},\n}}\n"
        for i, key in enumerate(keys)
    ]
    (corpus).mkdir(parents=True)
    (corpus / "bibliography.bib").write_text("\n".join(bib), encoding="utf-8")
    shutil.copytree(ROOT / "docs" / "assets", corpus / "docs" / "assets")
    next_key = 0
    plan = []  # (theme, page number, [(claim id, [keys], kind)])
    for number in range(pages):
        theme = THEMES[number % len(THEMES)]
        page_claims = []
        for c in range(claims):
            cited = []
            for _ in range(1 if c % 3 else 2):
                if next_key < len(keys):  # every reference is cited at least once
                    cited.append(keys[next_key])
                    next_key += 1
                else:
                    cited.append(rng.choice(keys))
            kind = "item" if c % 5 == 4 else "para"
            page_claims.append((f"p{number:04d}-c{c:02d}", cited, kind))
        plan.append((theme, number, page_claims))
    for lang, heading in (("fr", "Page"), ("en", "Page")):
        docs = corpus / "docs" / lang
        text_rng = random.Random(seed + (lang == "en"))
        (docs).mkdir(parents=True)
        (docs / "index.md").write_text(f"# {heading} d'accueil\n\n{sentence(text_rng)}.\n")
        (docs / "bibliographie.md").write_text("# Bibliographie\n\n<!-- bibliography -->\n")
        for theme in THEMES:
            (docs / theme).mkdir()
            (docs / theme / "index.md").write_text(f"# {theme.title()}\n\n{sentence(text_rng)}.\n")
        for theme, number, page_claims in plan:
            lines = [f"# {heading} {number}", "", sentence(text_rng) + ".", ""]
            for index, (claim_id, cited, kind) in enumerate(page_claims):
                if index % 4 == 0:
                    lines += [f"## Section {index // 4 + 1}", ""]
                citation = "[" + "; ".join(f"@{key}" for key in cited) + "]"
                text = f"{sentence(text_rng)} {citation}."
                if kind == "item":
                    lines += [f"- {text}", f"  {{: .claim #{claim_id} }}", ""]
                else:
                    lines += [text, f"{{: .claim #{claim_id} }}", ""]
            (docs / theme / f"page-{number:04d}.md").write_text("\n".join(lines), encoding="utf-8")


# -- timing -------------------------------------------------------------------------------------


def build(config: Path, site: Path) -> float:
    if site.exists():
        shutil.rmtree(site)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        cwd=config.parent,
        env=ENV,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed: {config}\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return elapsed


def html_stats(site: Path) -> tuple[int, float]:
    pages = list(site.rglob("*.html"))
    return len(pages), sum(p.stat().st_size for p in pages) / max(1, len(pages)) / 1024


def bench_corpus(
    work: Path, pages: int, claims: int, references: int, repeat: int, whole_site: bool = True
) -> dict:
    corpus = work / f"corpus-{pages}"
    generate(corpus, pages, claims, references)
    bare_cfg = synthetic_config(corpus, with_plugins=False)
    ours_cfg = synthetic_config(corpus, with_plugins=True)
    claims_cfg = synthetic_config(corpus, with_plugins=CLAIMS_ONLY)
    bare, ours, claims_only = [], [], []
    # Interleaved, so all see the same machine load. The first run of each fills the caches
    # (formatted references, social cards), as a second local build would find them.
    for _ in range(repeat):
        bare.append(build(bare_cfg, work / "site-bare"))
        claims_only.append(build(claims_cfg, work / "site-claims"))
        if whole_site:
            ours.append(build(ours_cfg, work / "site-ours"))
    site = work / ("site-ours" if whole_site else "site-claims")
    count, avg_kb = html_stats(site)
    index = {}
    for name in ("search_index.json", "search_index.fr.json"):
        path = site / "search" / name
        if path.exists():
            data = path.read_bytes()
            index[name] = (len(data) / 1024, len(gzip.compress(data, 6)) / 1024)
    shutil.rmtree(corpus)
    return {
        "index_kb": index,
        "pages": pages,
        "claims": claims,
        "references": references,
        "bare": min(bare),
        "ours": min(ours) if ours else None,
        "ours_cold": ours[0] if ours else None,
        "claims_only": min(claims_only),
        "html_files": count,
        "avg_html_kb": avg_kb,
    }


def bench_real(work: Path, repeat: int) -> dict:
    times = [build(ROOT / "mkdocs.yml", work / "site-real") for _ in range(repeat)]
    count, avg_kb = html_stats(work / "site-real")
    return {"time": min(times), "html_files": count, "avg_html_kb": avg_kb}


def bench_offline(work: Path) -> dict | None:
    if importlib.util.find_spec("observatoire_ia.offline") is None:
        return None
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


def render(corpora: list[dict], real: dict, offline: dict | None, plugins: list[str]) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        f"Measured {now} on {machine()}; {versions()}.",
        f"Project plugins measured: {', '.join(plugins)}. Bare = the same mkdocs.yml and Markdown "
        "without them (citations left as text). Each figure is the best of the runs, builds "
        "interleaved. Machine shared with other jobs: expect ±20 %.",
        "",
        "",
        "- *claims plugin*: bare + `observatoire/claims` (citations, claims, bibliography page "
        "with back-links, exports): the engine issue 4 measures.",
        "- *whole site*: every project plugin (also share pages and social cards for every claim, "
        "entry points, quality pass); *cold* = first build, empty caches.",
        "",
        "| Corpus (per language) | HTML files | bare Material | claims plugin | ratio (goal ≤ 1.5) "
        "| whole site | ratio | whole site, cold | avg HTML |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for c in corpora:
        whole = (
            f"{c['ours']:.2f} s | {c['ours'] / c['bare']:.2f}× | {c['ours_cold']:.1f} s"
            if c["ours"]
            else "— | — | —"
        )
        out.append(
            f"| {c['pages']} pages × {c['claims']} claims, {c['references']} refs | {c['html_files']} "
            f"| {c['bare']:.2f} s | {c['claims_only']:.2f} s | {c['claims_only'] / c['bare']:.2f}× "
            f"| {whole} | {c['avg_html_kb']:.0f} KB |"
        )
    for c in corpora:
        if c["index_kb"]:
            sizes = ", ".join(
                f"`{name}` {kb:.0f} KB ({gz:.0f} KB gzip)"
                for name, (kb, gz) in c["index_kb"].items()
            )
            out.append(f"\nSearch index at {c['pages']} pages per language: {sizes}.")
    by_size = {c["pages"]: c for c in corpora}
    if 100 in by_size and 1000 in by_size:
        claims = by_size[1000]["claims_only"] / by_size[100]["claims_only"]
        bare = by_size[1000]["bare"] / by_size[100]["bare"]
        whole = (
            f", whole site {by_size[1000]['ours'] / by_size[100]['ours']:.1f}"
            if by_size[1000]["ours"] and by_size[100]["ours"]
            else ""
        )
        out += [
            "",
            f"Scaling time(1000)/time(100) (goal ≤ 11): claims plugin {claims:.1f}{whole}, "
            f"bare {bare:.1f}.",
        ]
    out += [
        "",
        f"Real site: {real['time']:.2f} s, {real['html_files']} HTML files, "
        f"{real['avg_html_kb']:.0f} KB average HTML.",
    ]
    if offline is None:
        out += ["", "Offline kit: no builder (`observatoire_ia.offline`) in the package yet."]
    elif "error" in offline:
        out += [
            "",
            f"Offline kit: builder failed after {offline['time']:.1f} s:",
            "",
            "```",
            offline["error"].strip(),
            "```",
        ]
    else:
        out += [
            "",
            f"Offline kit: built in {offline['time']:.1f} s.",
            "",
            "| File | Size |",
            "|---|---:|",
        ]
        out += [f"| {name} | {size / 1024:.0f} KB |" for name, size in offline["files"].items()]
    return "\n".join(out)


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
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--claims", type=int, default=10)
    parser.add_argument("--references", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-offline", action="store_true")
    parser.add_argument(
        "--whole-site-up-to",
        type=int,
        default=100,
        help="build the whole site (share pages and cards for every claim) only for corpora up "
        "to this many pages: cold, 1000 pages means 20 000 social cards",
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()

    plugins = sorted(project_plugin_names())
    corpora = []
    with tempfile.TemporaryDirectory(prefix="obs-bench-") as tmp:
        work = Path(tmp)
        for size in args.sizes:
            print(
                f"corpus {size} pages × {args.claims} claims, {args.references} refs…", flush=True
            )
            result = bench_corpus(
                work,
                size,
                args.claims,
                args.references,
                args.repeat,
                whole_site=size <= args.whole_site_up_to,
            )
            corpora.append(result)
            whole = f", whole site {result['ours']:.2f} s" if result["ours"] else ""
            print(
                f"  bare {result['bare']:.2f} s, claims plugin {result['claims_only']:.2f} s "
                f"({result['claims_only'] / result['bare']:.2f}×){whole}",
                flush=True,
            )
        print("real site…", flush=True)
        real = bench_real(work, args.repeat)
        offline = None
        if not args.no_offline:
            print("offline kit…", flush=True)
            offline = bench_offline(work)
        report = render(corpora, real, offline, plugins)
    print("\n" + report)
    if not args.no_write:
        write_section("bench:build", report)
        print(f"\nwritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

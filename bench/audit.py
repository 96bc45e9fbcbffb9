"""Lighthouse audit (Debian Chromium) of the built site, served like Pages.

Pages: home, a theme page, the bibliography, a share page and the claim explorer, in both languages, each run
twice: Lighthouse's default mobile preset, and a 2G-class line (issue 16: simulated
250 kbit/s, 400 ms round trip, 4x CPU slowdown). The site is served by
observatoire_ia.quality.serve (gzip, cache headers, 404.html), not a bare http.server.
Also measured without a browser: the bytes each page costs before its first paint (its HTML
and whatever it requests before then, gzip). Reports (HTML + JSON) go to bench/reports/ (out
of git); figures are printed and written to bench/RESULTS.md, with the search index sizes.

    .venv/bin/python bench/audit.py [--site site] [--runs 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

from build_bench import machine, versions, write_section  # noqa: E402

from observatoire_ia.quality.critical_path import bytes_before_paint  # noqa: E402
from observatoire_ia.quality.pages import find  # noqa: E402
from observatoire_ia.quality.serve import gzip_bytes, serve  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "bench" / "reports"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
KINDS = ("home", "theme", "bibliography", "share", "explorer")
# Issue 16: a 2G-class line, simulated (Lighthouse's own model, as its mobile preset).
TWO_G = (
    "--throttling-method=simulate",
    "--throttling.rttMs=400",
    "--throttling.throughputKbps=250",
    "--throttling.cpuSlowdownMultiplier=4",
)
TWO_G_GOALS = {"first-contentful-paint": 3000, "largest-contentful-paint": 3500}
BEFORE_PAINT_LIMIT = 30 * 1024


def lighthouse(url: str, out: Path, extra: tuple[str, ...] = ()) -> dict:
    flags = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-sync"
    cmd = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-path={CHROMIUM}",
        f"--chrome-flags={flags}",
        "--only-categories=" + ",".join(CATEGORIES),
        "--output=json",
        "--output=html",
        f"--output-path={out}",
        "--quiet",
        "--max-wait-for-load=45000",
        *extra,
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
    report_file = out.with_suffix(".report.json")
    if result.returncode != 0 or not report_file.exists():
        raise RuntimeError(f"lighthouse failed for {url}:\n{result.stderr[-2000:]}")
    return json.loads(report_file.read_text(encoding="utf-8"))


def failing_audits(report: dict, category: str) -> list[str]:
    refs = report["categories"][category]["auditRefs"]
    out = []
    for ref in refs:
        audit = report["audits"].get(ref["id"], {})
        score = audit.get("score")
        if ref.get("weight", 0) > 0 and score is not None and score < 1:
            out.append(f"{ref['id']} ({audit.get('displayValue') or score})")
    return out


def two_g_figures(reports: list[dict]) -> dict:
    """Median over the runs of the 2G-class figures (ms for times)."""

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    audits = [r["audits"] for r in reports]
    return {
        "performance": round(
            median([r["categories"]["performance"]["score"] * 100 for r in reports])
        ),
        "fcp": median([a["first-contentful-paint"]["numericValue"] for a in audits]),
        "lcp": median([a["largest-contentful-paint"]["numericValue"] for a in audits]),
        "cls": median([a["cumulative-layout-shift"]["numericValue"] for a in audits]),
    }


def search_index_figures(site: Path) -> list[str]:
    """What search costs online. Pagefind (issue 14): its script, then per language the WASM
    and the metadata a first query loads before the index chunks it needs (`make bench`
    measures whole first queries). Material's lazy index, when the site carries one (the
    offline kit does; online it is left empty)."""
    lines = []
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        # pagefind.js is served gzip; Pagefind's own files are compressed already.
        script = len(gzip_bytes((pagefind / "pagefind.js").read_bytes()))
        for lang in ("fr", "en"):
            own = [
                *pagefind.glob(f"wasm.{lang}.pagefind"),
                *pagefind.glob(f"pagefind.{lang}_*.pf_meta"),
            ]
            size = (
                script
                + sum(p.stat().st_size for p in own)
                + (pagefind / "pagefind-entry.json").stat().st_size
            )
            lines.append(
                f"- Pagefind, first query in `{lang}`: {size / 1024:.0f} KB before the index chunks "
                "and fragments it needs (pagefind.js gzip, entry, WASM, metadata)"
            )
        total = sum(p.stat().st_size for p in pagefind.rglob("*") if p.is_file())
        lines.append(f"- Pagefind, whole index on disk (never loaded whole): {total / 1024:.0f} KB")
    for name in ("search_index.json", "search_index.fr.json", "search_index.en.json"):
        path = site / "search" / name
        if path.exists() and b'"docs":[]' not in path.read_bytes():
            data = path.read_bytes()
            lines.append(
                f"- `search/{name}`: {len(data) / 1024:.0f} KB, {len(gzip_bytes(data)) / 1024:.0f} KB gzip"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=1, help="runs per page (median kept)")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("lighthouse missing: run `npm ci`")
    if not (args.site / "index.html").exists():
        raise SystemExit(f"no built site in {args.site}: run `make build`")
    if REPORTS.exists():
        shutil.rmtree(REPORTS / "lighthouse", ignore_errors=True)
    (REPORTS / "lighthouse").mkdir(parents=True, exist_ok=True)

    rows, notes, slow_rows = [], [], []
    with serve(args.site) as base:
        for lang in ("fr", "en"):
            for kind in KINDS:
                path = find(args.site, kind, lang)
                if path is None:
                    notes.append(f"- {kind} ({lang}): page not found")
                    continue
                url = base + path.removesuffix("index.html")
                runs, slow = [], []
                for run in range(args.runs):
                    out = REPORTS / "lighthouse" / f"{lang}-{kind}-{run}"
                    print(f"lighthouse {url} (run {run + 1})…", flush=True)
                    runs.append(lighthouse(url, out))
                    print(f"lighthouse {url} at 2G (run {run + 1})…", flush=True)
                    slow.append(lighthouse(url, out.with_name(out.name + "-2g"), TWO_G))
                scores = {
                    c: sorted(round(r["categories"][c]["score"] * 100) for r in runs)[
                        len(runs) // 2
                    ]
                    for c in CATEGORIES
                }
                report = runs[0]
                metrics = report["audits"]
                weight = metrics.get("total-byte-weight", {}).get("numericValue", 0) / 1024
                lcp = metrics.get("largest-contentful-paint", {}).get("displayValue", "?")
                tbt = metrics.get("total-blocking-time", {}).get("displayValue", "?")
                rows.append((lang, kind, path, scores, weight, lcp, tbt))
                print(f"  {scores}  transfer {weight:.0f} KB, LCP {lcp}, TBT {tbt}", flush=True)
                for category in CATEGORIES:
                    if scores[category] < GOALS[category]:
                        notes.append(
                            f"- {kind} ({lang}) {category} {scores[category]}: "
                            + ", ".join(failing_audits(report, category))
                        )
                figures = two_g_figures(slow)
                before, _parts = bytes_before_paint(args.site, path)
                slow_rows.append((lang, kind, path, figures, before))
                print(
                    f"  2G: performance {figures['performance']}, FCP {figures['fcp'] / 1000:.1f} s, "
                    f"LCP {figures['lcp'] / 1000:.1f} s, CLS {figures['cls']:.3f}, "
                    f"{before / 1024:.1f} KB before first paint",
                    flush=True,
                )
                for audit, limit in TWO_G_GOALS.items():
                    value = figures["fcp" if audit.startswith("first") else "lcp"]
                    if value > limit:
                        notes.append(f"- {kind} ({lang}) at 2G: {audit} {value / 1000:.1f} s")
                if figures["cls"] > 0:
                    notes.append(f"- {kind} ({lang}) at 2G: CLS {figures['cls']:.3f}")
                if before > BEFORE_PAINT_LIMIT:
                    notes.append(f"- {kind} ({lang}): {before / 1024:.1f} KB before first paint")

    version = rows and runs[0].get("lighthouseVersion", "?")
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Measured {now} on {machine()}; {versions()}; Lighthouse {version}, mobile preset "
        "(simulated throttling) and a 2G-class line, Debian Chromium, site served with gzip by "
        f"`observatoire_ia.quality.serve`; {len(list(args.site.rglob('*.html')))} HTML files.",
        "",
        "| Page | Lang | Performance (≥ 95) | Accessibility (100) | Best practices (100) | SEO (100) | Transfer | LCP | TBT |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for lang, kind, path, scores, weight, lcp, tbt in rows:
        cells = " | ".join(str(scores[c]) for c in CATEGORIES)
        lines.append(f"| {kind} (`{path}`) | {lang} | {cells} | {weight:.0f} KB | {lcp} | {tbt} |")
    lines += [
        "",
        "2G-class line (issue 16): Lighthouse simulated throttling at 250 kbit/s, 400 ms round "
        "trip, 4× CPU slowdown (mobile emulation otherwise). *Before paint* is the page's HTML "
        "and what it requests before its first paint, gzip (budget 30 KB).",
        "",
        "| Page | Lang | Performance | FCP (≤ 3.0 s) | LCP (≤ 3.5 s) | CLS (0) | Before paint (≤ 30 KB) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for lang, kind, path, figures, before in slow_rows:
        lines.append(
            f"| {kind} (`{path}`) | {lang} | {figures['performance']} | "
            f"{figures['fcp'] / 1000:.1f} s | {figures['lcp'] / 1000:.1f} s | "
            f"{figures['cls']:.3f} | {before / 1024:.1f} KB |"
        )
    lines += ["", "Below goal:" if notes else "Every score meets its goal.", *notes]
    lines += ["", "Search index (loaded on first use of search, one language):"]
    lines += search_index_figures(args.site)
    text = "\n".join(lines)
    print("\n" + text)
    if not args.no_write:
        write_section("bench:audit", text)
        print("\nwritten to bench/RESULTS.md; reports in bench/reports/lighthouse/")


if __name__ == "__main__":
    main()

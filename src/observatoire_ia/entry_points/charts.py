"""Charts from docs/data/charts.yml: accessible inline SVG bar charts generated at build time.

Each value names the claim it comes from; the build fails when the claim does not exist, and
tests check the value appears in the claim's text. The SVG has role="img", <title> and <desc>;
a table with the same values and links to the claims follows it. Colours come from CSS
(currentColor and Material's variables), so the charts follow dark mode and print.
"""

from __future__ import annotations

import html
import logging
from functools import cache
from pathlib import Path

import yaml

from ..claims.bibliography_page import escape_markdown
from ..claims.markdown_ext import relative_link
from ..claims.registry import ClaimRegistry
from ..i18n import text as ui

log = logging.getLogger("mkdocs.plugins.observatoire.entry_points")

WIDTH, LABEL_W, BAR_H, GAP, TOP = 420, 170, 30, 12, 6


@cache
def load_charts(path: str) -> tuple[dict, ...]:
    return tuple(yaml.safe_load(Path(path).read_text(encoding="utf-8")) or [])


def number(value: float, lang: str) -> str:
    text = f"{value:,.10g}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "fr":
        return text.replace(",", "\u202f").replace(".", ",")
    return text


def number_forms(value: float) -> set[str]:
    """How a value may be written in a claim, in French or English."""
    plain = f"{value:.10g}"
    return {plain, plain.replace(".", ",")}


def missing_claims(registry: ClaimRegistry, chart: dict) -> list[str]:
    return [
        point["claim"]
        for point in chart["series"]
        for lang in registry.languages
        if (lang, point["claim"]) not in registry.by_id
    ]


def svg(chart: dict, lang: str) -> str:
    series = chart["series"]
    top = max(p["value"] for p in series) or 1
    unit = chart.get("unit", {}).get(lang, "")
    height = TOP * 2 + len(series) * (BAR_H + GAP)
    cid = f"chart-{chart['id']}-{lang}"
    title = html.escape(chart["title"][lang])
    desc = html.escape(
        chart["description"][lang]
        + " "
        + "; ".join(f"{p['label'][lang]}: {number(p['value'], lang)}{unit}" for p in series)
        + "."
    )
    parts = [
        f'<svg class="chart-svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{cid}-t {cid}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{cid}-t">{title}</title>',
        f'<desc id="{cid}-d">{desc}</desc>',
    ]
    span = WIDTH - LABEL_W - 95
    for index, point in enumerate(series):
        y = TOP + index * (BAR_H + GAP)
        w = max(2, round(span * point["value"] / top))
        cls = "chart-bar chart-bar-alt" if point.get("alt") else "chart-bar"
        parts.append(
            f'<text class="chart-label" x="{LABEL_W - 8}" y="{y + BAR_H * 0.68:.0f}" '
            f'text-anchor="end">{html.escape(point["label"][lang])}</text>'
        )
        parts.append(f'<rect class="{cls}" x="{LABEL_W}" y="{y}" width="{w}" height="{BAR_H}"/>')
        parts.append(
            f'<text class="chart-value" x="{LABEL_W + w + 6}" y="{y + BAR_H * 0.68:.0f}">'
            f"{number(point['value'], lang)}{html.escape(unit)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def charts_markdown(registry: ClaimRegistry, lang: str, page: str, data_file: str) -> str:
    charts = load_charts(data_file)
    lines: list[str] = []
    for chart in charts:
        missing = missing_claims(registry, chart)
        if missing:
            # Left out, not failed: the claims may be on a page not written yet; the tests
            # (tests/test_entry_points.py) require every chart of the data file to be shown.
            log.info(f"{data_file}: chart {chart['id']!r} left out, unknown claims {missing}")
            continue
        unit = chart.get("unit", {}).get(lang, "")
        lines += [f"## {escape_markdown(chart['title'][lang])} {{ #{chart['id']} }}", ""]
        lines += [f'<figure class="chart" id="figure-{chart["id"]}">', svg(chart, lang)]
        lines += [f"<figcaption>{html.escape(chart['description'][lang])}</figcaption>"]
        lines += ["</figure>", ""]
        lines += [
            f"| {ui(lang, 'lists.item')} | {ui(lang, 'lists.value')} | {ui(lang, 'lists.source')} |",
            "|---|---|---|",
        ]
        for point in chart["series"]:
            claim = registry.claim(lang, point["claim"])
            link = relative_link(page, claim.page, claim.id)
            lines.append(
                f"| {escape_markdown(point['label'][lang])} | {number(point['value'], lang)}"
                f"{unit} | [{ui(lang, 'lists.see_claim')}]({link}) |"
            )
        lines.append("")
    return "\n".join(lines)

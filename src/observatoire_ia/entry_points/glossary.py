"""Glossary: abbreviations and terms (docs/data/glossaire.yml), each entry linking to the
claims whose text uses the abbreviation; the same data gives the tooltips of every page
(docs/includes/abbreviations.<lang>.md, appended to each page's Markdown).

A definition cites its sources as a claim does (`[@UE2016RGPD, art. 35]`, `[@Key, § 6]`): the
site's Markdown renders them with the claims' HTML contract (a.citation to the bibliography).
`glossary_errors` fails the build, with glossaire.yml's line, on an unknown key, a union text
cited without a passage or past its last one, and a definition that names an article or holds a
figure without citing anything (no fact without a source); a gloss is a translation aid and holds
neither."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from ..claims.bibliography_page import escape_markdown
from ..claims.locators import LocatorError, parse_passages
from ..claims.markdown_ext import relative_link
from ..claims.registry import ClaimRegistry
from ..claims.scan import CITATION, CITATION_ITEM, Claim
from ..i18n import text as ui
from ..textfit import excerpt

ABBREVIATION_LINE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<title>.+?)\s*$", re.MULTILINE)
# What a definition may not state without a source: a figure (number, date, threshold in
# digits) or an article of law.
NEEDS_SOURCE = re.compile(r"\d|\b(?:articles?|art\.)\s", re.IGNORECASE)
TERM_LINE = re.compile(r"^-\s*term:\s*(?P<term>.+?)\s*$", re.MULTILINE)


@cache
def load_glossary(path: str) -> tuple[dict, ...]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    return tuple(data)


def abbreviations(text: str) -> dict[str, str]:
    return {m["abbr"]: m["title"] for m in ABBREVIATION_LINE.finditer(text)}


def claims_using(registry: ClaimRegistry, lang: str, term: str) -> list[Claim]:
    pattern = re.compile(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])")
    return [c for c in registry.claims(lang) if pattern.search(registry.plain_text(c))]


def anchor(term: str) -> str:
    return "gl-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def glossary_errors(
    entries: tuple[dict, ...],
    text: str,
    path: str,
    known: set[str] | dict[str, object],
    last_passage: dict[str, int],
) -> list[str]:
    """`path:line: message` for each citation problem of the glossary.

    `known`: the bibliography's keys; `last_passage`: for each union text, its last passage.
    """
    lines = {
        m["term"].strip("\"'"): text[: m.start()].count("\n") + 1 for m in TERM_LINE.finditer(text)
    }
    errors = []
    for entry in entries:
        term = entry["term"]
        where = f"{path}:{lines.get(term, 1)}: {term}"
        for lang in ("fr", "en"):
            local = entry.get(lang) or {}
            if NEEDS_SOURCE.search(local.get("gloss") or ""):
                errors.append(
                    f"{where} ({lang}): a gloss is a translation aid; move the figure or the "
                    "article to the definition, with its source"
                )
            definition = local.get("definition") or ""
            citations = list(CITATION.finditer(definition))
            if not citations and NEEDS_SOURCE.search(definition):
                errors.append(
                    f"{where} ({lang}): the definition states a figure or an article without a "
                    "source; cite the text that says it ([@Key, art. N]) or remove it"
                )
            for citation in citations:
                for item in citation["body"].split(";"):
                    parsed = CITATION_ITEM.match(item)
                    key = parsed["key"] if parsed else item.strip()
                    if not parsed or key not in known:
                        errors.append(
                            f"{where} ({lang}): unknown bibliography key in [{item.strip()}]"
                        )
                        continue
                    errors.extend(
                        f"{where} ({lang}): [{item.strip()}]: {problem}"
                        for problem in _locator_problems(parsed["locator"], last_passage.get(key))
                    )
    return errors


def _locator_problems(locator: str | None, last: int | None) -> list[str]:
    try:
        passages = parse_passages(locator)
    except LocatorError as error:
        return [str(error)]
    if last is None:
        return [] if passages is None else ["a § locator cites a text without passages"]
    if passages is None:
        return ["a union text is cited with its passages: [@Key, § 12]"]
    if passages.last > last:
        return [f"passage § {passages.last} is past the end of the text (§ {last})"]
    return []


def check_glossary(registry: ClaimRegistry, data_file: str, shown: str) -> None:
    """Fail the build on the glossary's citation errors (see glossary_errors)."""
    text = Path(data_file).read_text(encoding="utf-8")
    last = {key: source.last for key, source in registry.sources.items()}
    errors = glossary_errors(
        load_glossary(data_file), text, shown, registry.bibliography.references, last
    )
    if errors:
        raise PluginError(f"{len(errors)} glossary error(s):\n" + "\n".join(errors))


def glossary_markdown(
    registry: ClaimRegistry, lang: str, page: str, data_file: str, shown: str | None = None
) -> str:
    check_glossary(registry, data_file, shown or data_file)
    entries = sorted(load_glossary(data_file), key=lambda e: e["term"].casefold())
    # No heading per entry: 27 entries in Material's table of contents would weigh more
    # than the entries (page budget 60 KB); a compact A–Z index of links replaces it.
    index = " · ".join(f"[{e['term']}](#{anchor(e['term'])})" for e in entries)
    lines = ['<div class="glossary-index" markdown>', "", index, "", "</div>", ""]
    lines += ['<div class="glossary" markdown>', ""]
    for entry in entries:
        term = entry["term"]
        local = entry[lang]
        lines += [f'<div class="glossary-entry" id="{anchor(term)}" markdown>', ""]
        lines += [
            f'<p class="glossary-term"><dfn>{html.escape(term)}</dfn> — '
            f"<strong>{html.escape(local['expansion'])}</strong></p>",
            "",
        ]
        if local.get("gloss"):
            lines += [f"*{escape_markdown(local['gloss'])}*", ""]
        lines += [local["definition"].strip(), ""]
        using = claims_using(registry, lang, term)
        if using:
            lines += [f'<p class="glossary-used">{ui(lang, "lists.used_in")}</p>', ""]
            lines += _compact_links(registry, using, lang, page)
        else:
            lines.append(f'<p class="glossary-unused">{ui(lang, "lists.not_used")}</p>')
        lines += ["", "</div>", ""]
    lines += ["</div>", ""]
    return "\n".join(lines)


def _compact_links(registry: ClaimRegistry, claims: list[Claim], lang: str, page: str) -> list[str]:
    """One line per page: its title, then a short excerpt of each claim, linked (page weight:
    an abbreviation such as CST is used by dozens of claims)."""
    by_page: dict[str, list[Claim]] = {}
    for claim in claims:
        by_page.setdefault(claim.page, []).append(claim)
    lines = []
    for claim_page, page_claims in by_page.items():
        scan = registry.page_scan(lang, claim_page)
        title = escape_markdown(scan.title if scan and scan.title else claim_page)
        # Few uses: a short excerpt of each claim; many (CST…): numbered links, to keep
        # the page under its weight budget as content grows.
        short = len(claims) <= 4
        links = " · ".join(
            f"[{escape_markdown(excerpt(registry.plain_text(c), 50)) if short else n}]"
            f"({relative_link(page, c.page, c.id)})"
            for n, c in enumerate(page_claims, 1)
        )
        lines.append(f"- *{title}* : {links}" if lang == "fr" else f"- *{title}*: {links}")
    lines.append("")
    return lines

"""The bibliography page: every reference, formatted, with the claims that cite it, by page.

The list is written as final HTML (thousands of references and back-links went through
Markdown and md_in_html before: most of the plugin's cost on a large bibliography). The
page's Markdown keeps a placeholder; `on_page_content` replaces it with `bibliography_html`.
The output is the HTML Markdown produced before: the text of page titles and excerpts gets
the page's abbreviations (`<abbr>`), and a line with anything Markdown would change
(`*`, `&`, `(c)`, `1st`, `-->`…) is still rendered by Markdown (`render_markdown`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache

import markdown as markdown_lib
from markdown.extensions.abbr import AbbrExtension

from ..i18n import text as ui
from .markdown_ext import NEEDS_MARKDOWN
from .registry import ClaimRegistry
from .scan import Claim

MARKER = "<!-- bibliography -->"
# What the page's Markdown carries until on_page_content (a raw HTML block: kept as is).
PLACEHOLDER = "<!-- observatoire-claims:bibliography -->"
# Material's search skips these elements: the « cité par » lists (page names, numbers,
# excerpts of claims indexed on their own pages) would be most of the search index.
SEARCH_EXCLUDE = "data-search-exclude"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]>#])")
# Text that Markdown (with smartsymbols, attr_list, admonitions…) may render differently from
# its HTML-escaped self: such a line goes through Markdown. Everything else is plain text.
# A list item's text starting like a block (a nested list, a quote) counts too.
_NEEDS_MARKDOWN = re.compile(
    rf"{NEEDS_MARKDOWN.pattern}|^\s|\s$|^(?:\d+[.)]|[-*+:>])(?:\s|$)", re.IGNORECASE
)


def escape_markdown(text: str) -> str:
    """Plain text -> Markdown showing it as is (`<` as an entity: Markdown keeps `\\<`)."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")


_AMP = re.compile(r"&(?!(?:\#[0-9]+|\#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)


def escape_text(text: str) -> str:
    """Text as Python-Markdown's serializer writes it (an entity such as &amp; is kept)."""
    if "&" in text:
        text = _AMP.sub("&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    """Attribute value as Python-Markdown's serializer writes it."""
    return escape_text(text).replace('"', "&quot;")


def shorten(text: str, limit: int = 110) -> str:
    """Cut at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:–—")
    return cut + "…"


# A union text is cited by a hundred claims and more: listing each with an excerpt (or even
# its id) would put the page over its weight budget (60 KB). Beyond a few claims, each one is
# named by its position on its page (« Emploi : 1, 4, 7 » = the 1st, 4th and 7th claims of
# the Emploi page), like numbered notes; the page is named once, as text (each number already
# links into it).
EXCERPTS_UP_TO = 2


@lru_cache(maxsize=8)
def _abbreviation_pattern(abbreviations: tuple[tuple[str, str], ...]) -> re.Pattern | None:
    """The regular expression of Python-Markdown's abbr extension (longest first)."""
    if not abbreviations:
        return None
    keys = sorted((key for key, _ in abbreviations), key=len, reverse=True)
    return re.compile(f"\\b(?:{'|'.join(re.escape(key) for key in keys)})\\b")


class _Text:
    """Plain text → the HTML Markdown writes for it, abbreviations included."""

    def __init__(self, abbreviations: dict[str, str]) -> None:
        self.abbreviations = abbreviations
        self.pattern = _abbreviation_pattern(tuple(abbreviations.items()))

    def __call__(self, text: str) -> str:
        if self.pattern is None:
            return escape_text(text)
        out, last = [], 0
        for match in self.pattern.finditer(text):
            title = self.abbreviations[match.group(0)]
            if not title:
                continue
            out.append(escape_text(text[last : match.start()]))
            out.append(
                f'<abbr title="{escape_attribute(title)}">{escape_text(match.group(0))}</abbr>'
            )
            last = match.end()
        out.append(escape_text(text[last:]))
        return "".join(out)


def bibliography_html(
    registry: ClaimRegistry,
    lang: str,
    page_url: Callable[[str], str],
    abbreviations: dict[str, str] | None = None,
    render_markdown: Callable[[str], str] | None = None,
) -> str:
    """HTML of the bibliography of `lang`.

    `page_url(page)`: relative URL from the bibliography page to a page of the language
    (`travail/emploi.md` → `../travail/emploi/`). `abbreviations`: the page's (Python-Markdown
    abbr). `render_markdown(markdown)`: the page's Markdown for a list with special characters.
    """
    formatted = registry.bibliography.formatted(lang)
    citing = registry.citing_claims(lang)
    text = _Text(abbreviations or {})
    positions: dict[str, dict[str, int]] = {}
    titles: dict[str, str] = {}
    out = ['<div class="bibliography">']
    for reference in registry.bibliography.sorted_references():
        key = reference.key
        out.append(f'<div class="reference" id="ref-{key}">')
        out.append(f'<p class="reference-formatted">{formatted[key]}</p>')
        claims = citing.get(key, [])
        if claims:
            count = f" ({len(claims)})" if len(claims) > EXCERPTS_UP_TO else ""
            out.append(
                f'<p class="cited-by-title" {SEARCH_EXCLUDE}>{ui(lang, "cited_by")}{count}</p>'
            )
            cited_by = _cited_by(
                registry, claims, lang, page_url, text, render_markdown, positions, titles
            )
            out.append(cited_by.replace("<ul>", f"<ul {SEARCH_EXCLUDE}>", 1))
        else:
            out.append(f'<p class="cited-by-none">{ui(lang, "not_cited")}</p>')
        out.append("</div>")
    out.append("</div>")
    return "\n".join(out)


def _cited_by(
    registry: ClaimRegistry,
    claims: list[Claim],
    lang: str,
    page_url: Callable[[str], str],
    text: _Text,
    render_markdown: Callable[[str], str] | None,
    positions: dict[str, dict[str, int]],
    titles: dict[str, str],
) -> str:
    """The « cité par » list: one item per citing page, then a link to each citing claim."""
    by_page: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_page[claim.page].append(claim)
    excerpts = len(claims) <= EXCERPTS_UP_TO
    separator = " · " if excerpts else ", "
    colon = ui(lang, "colon")
    lines: list[tuple[str, list[tuple[str, str]]]] = []  # (page title, [(label, href)])
    plain = True
    for claim_page, page_claims in by_page.items():
        if claim_page not in positions:
            scan = registry.page_scan(lang, claim_page)
            positions[claim_page] = {c.id: n for n, c in enumerate(scan.claims, start=1)}
            titles[claim_page] = scan.title
        title = titles[claim_page]
        base = page_url(claim_page)
        links = []
        for claim in page_claims:
            if excerpts:
                label = shorten(registry.plain_text(claim), 60)
            else:
                label = str(positions[claim_page][claim.id])
            links.append((label, f"{base}#{claim.id}"))
        lines.append((title, links))
        plain = plain and not any(
            _NEEDS_MARKDOWN.search(piece) for piece in [title, *(label for label, _ in links)]
        )
    if not plain and render_markdown is not None:
        return render_markdown(
            "\n".join(
                f"- {escape_markdown(title)}{colon} "
                + separator.join(f"[{escape_markdown(label)}]({href})" for label, href in links)
                for title, links in lines
            )
        )
    items = []
    for title, links in lines:
        anchors = separator.join(
            f'<a href="{escape_attribute(href)}">{text(label)}</a>' for label, href in links
        )
        items.append(f"<li>{text(title)}{colon} {anchors}</li>")
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


class MarkdownRenderer:
    """Markdown with the site's extensions (strings of `markdown_extensions`, not the plugins'
    extension objects) and a page's abbreviations: what the page itself would render."""

    def __init__(self, extensions: list, configs: dict) -> None:
        self.md = markdown_lib.Markdown(extensions=extensions, extension_configs=configs)

    @classmethod
    def for_config(cls, config) -> MarkdownRenderer:
        extensions = [ext for ext in config.markdown_extensions if isinstance(ext, str)]
        return cls(extensions, config.mdx_configs)

    def __call__(self, text: str, abbreviations: dict[str, str] | None = None) -> str:
        for extension in self.md.registeredExtensions:
            if isinstance(extension, AbbrExtension):
                extension.glossary = dict(abbreviations or {})
        self.md.reset()
        return self.md.convert(text)

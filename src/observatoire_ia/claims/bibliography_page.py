"""The bibliography index: every reference, formatted, linking to its own page.

Each reference keeps an element `id="ref-<key>"` here (the target of every citation and of
every `bibliographie/#ref-<key>` link); the claims citing it are listed on its own page,
`bibliographie/<key>/` (reference_pages.py), so the index stays light however many claims
cite a text. The list is written as final HTML: the page's Markdown keeps a placeholder
that `on_page_content` replaces with `bibliography_html`.

Also the text helpers the generated pages share (escaping as Python-Markdown writes it,
abbreviations as its abbr extension applies them); their excerpts are textfit.excerpt.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..i18n import text as ui
from .registry import ClaimRegistry

MARKER = "<!-- bibliography -->"
# What the page's Markdown carries until on_page_content (a raw HTML block: kept as is).
PLACEHOLDER = "<!-- observatoire-claims:bibliography -->"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]>#])")


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


@lru_cache(maxsize=8)
def _abbreviation_pattern(abbreviations: tuple[tuple[str, str], ...]) -> re.Pattern | None:
    """The regular expression of Python-Markdown's abbr extension (longest first)."""
    if not abbreviations:
        return None
    keys = sorted((key for key, _ in abbreviations), key=len, reverse=True)
    return re.compile(f"\\b(?:{'|'.join(re.escape(key) for key in keys)})\\b")


class AbbreviatedText:
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


def cited_by(lang: str, count: int) -> str:
    """« Citée par 3 affirmations », "Cited by 1 claim"; « Citée par aucune… » for none."""
    if not count:
        return ui(lang, "not_cited")
    return ui(lang, "cited_by_one" if count == 1 else "cited_by_many").format(count=count)


def index_entry(key: str, formatted: str, href: str, label: str) -> str:
    """One reference on the index: formatted, in its `id="ref-<key>"`, linking to its page."""
    return (
        f'<div class="reference" id="ref-{key}">'
        f'<p class="reference-formatted">{formatted}</p>'
        f'<p class="reference-page"><a href="{escape_attribute(href)}">'
        f"{label}</a></p></div>"
    )


# The later pages' references, listed on the first page under this heading (page_parts.py).
def forward_entry(key: str, label: str, href: str) -> str:
    """A reference of a later page of the index, on its first page: `bibliographie/#ref-<key>`
    still lands on it, one link from its entry."""
    return (
        f'<li class="reference-forward" id="ref-{key}">'
        f'<a href="{escape_attribute(href)}">{escape_text(label)}</a></li>'
    )


def bibliography_html(
    registry: ClaimRegistry,
    lang: str,
    reference_href: Callable[[str], str],
    keys: list[str] | None = None,
    forward: list[tuple[str, str]] | None = None,
    nav: str = "",
) -> str:
    """HTML of the bibliography index of `lang`: every reference, formatted, in an element
    `id="ref-<key>"` (where every citation and every `bibliographie/#ref-<key>` lands), with
    a link to its own page (`reference_href(key)`, reference_pages.py), where the claims
    citing it are listed. A long index is split (page_parts.py): `keys` are this page's
    references, `forward` the (key, href) of the later pages' ones (on the first page), `nav`
    the links between the pages."""
    formatted = registry.bibliography.formatted(lang)
    citing = registry.citing_claims(lang)
    out = [nav] if nav else []
    out.append('<div class="bibliography">')
    shown = None if keys is None else set(keys)
    for reference in registry.bibliography.sorted_references():
        key = reference.key
        if shown is not None and key not in shown:
            continue
        label = cited_by(lang, len(citing.get(key, [])))
        out.append(index_entry(key, formatted[key], reference_href(key), label))
    out.append("</div>")
    if forward:
        references = registry.bibliography.references
        out.append(f'<h2 id="bibliography-more">{ui(lang, "more_references")}</h2>')
        out.append('<ul class="bibliography-more">')
        out += [forward_entry(key, references[key].label(lang), href) for key, href in forward]
        out.append("</ul>")
    if nav:
        out.append(nav)
    return "\n".join(out)

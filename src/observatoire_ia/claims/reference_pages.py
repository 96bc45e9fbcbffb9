"""One page per reference: `bibliographie/<key>/` and `en/bibliographie/<key>/`.

Each page holds the formatted reference, a link to the full text for a union text (its
`sourcepage`), and every claim citing it, grouped by page, each with its locators and a link
to the claim. The bibliography index (bibliography_page.py) keeps one element
`id="ref-<key>"` per reference, formatted, linking here: every `bibliographie/#ref-<key>`
still lands, and the index stays light however many claims cite a text.

The pages are virtual MkDocs files (added in `on_files`, after mkdocs-static-i18n has chosen
the files of the language being built), outside the navigation, so that they get the site's
theme, header, language switch and link checks like any page. Their Markdown is a front
matter and a placeholder; the HTML is written in `on_page_content` (thousands of claim links
through Markdown would cost more than the rest of the page). MkDocs validates the claim
anchors they link to, as for links written in Markdown.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from ..i18n import text as ui
from ..textfit import excerpt
from . import page_parts
from .bibliography import Reference
from .bibliography_page import (
    AbbreviatedText,
    cited_by,
    escape_attribute,
    escape_text,
    forward_entry,
    index_entry,
)
from .registry import ClaimRegistry
from .scan import Claim

PLACEHOLDER = "<!-- observatoire-claims:reference -->"
SEARCH_EXCLUDE = "data-search-exclude"
TITLE_LIMIT = 90  # link previews (sharing) warn beyond
EXCERPT = 160  # characters of a claim shown before its link is cut with an ellipsis


class ReferencePageError(Exception):
    """A reference page cannot be generated (a docs file already stands at its path)."""


@dataclass(frozen=True)
class ReferencePage:
    lang: str
    key: str | None  # None: a later page of the bibliography index
    src: str  # path inside the language folder: "bibliographie/<key>.md", "…/<key>/2.md"
    part: int = 1  # which page of a list split over several (page_parts.py)
    parts: int = 1


@dataclass(frozen=True)
class Layout:
    """How the generated lists are split (page_parts.py), the same in every language:
    the index's references page by page, and the number of pages of each reference."""

    index: list[list[str]]
    reference_parts: dict[str, int]

    def index_part(self, key: str) -> int:
        return next(n for n, keys in enumerate(self.index, 1) if key in keys)


def index_src(bibliography_page: str, part: int) -> str:
    """`bibliographie.md` (page 1), `bibliographie/2.md`, …"""
    if part == 1:
        return bibliography_page
    return f"{folder(bibliography_page)}/{part}.md"


def reference_src(bibliography_page: str, key: str, part: int = 1) -> str:
    """`bibliographie/<key>.md` (page 1), `bibliographie/<key>/2.md`, …"""
    stem = f"{folder(bibliography_page)}/{key}"
    return f"{stem}.md" if part == 1 else f"{stem}/{part}.md"


def _estimated_href(src: str, anchor: str = "") -> str:
    """A link at least as long as the relative one MkDocs writes from a generated page (at
    most three folders deep: `bibliographie/<key>/2/`), for sizing lists before the build."""
    return "../../../" + src.removesuffix(".md") + "/" + (f"#{anchor}" if anchor else "")


def layout(
    registry: ClaimRegistry, bibliography_page: str, budget: int = page_parts.BUDGET
) -> Layout:
    """Split every list longer than `budget` bytes over the fewest pages that hold it."""
    languages = registry.languages
    keys = [reference.key for reference in registry.bibliography.sorted_references()]
    later_src = index_src(bibliography_page, 2)
    citing = {lang: registry.citing_claims(lang) for lang in languages}

    def entry_size(key: str) -> int:
        return max(
            page_parts.size(
                index_entry(
                    key,
                    registry.bibliography.formatted(lang)[key],
                    _estimated_href(reference_src(bibliography_page, key)),
                    cited_by(lang, len(citing[lang].get(key, []))),
                )
            )
            for lang in languages
        )

    def forward_size(key: str) -> int:
        reference = registry.bibliography[key]
        href = _estimated_href(later_src, f"ref-{key}")
        return max(
            page_parts.size(forward_entry(key, reference.label(lang), href)) for lang in languages
        )

    entries = {key: entry_size(key) for key in keys}

    def index_fits(parts: int) -> bool:
        chunks = page_parts.split_evenly(keys, parts)
        later = sum(forward_size(key) for chunk in chunks[1:] for key in chunk)
        first = sum(entries[key] for key in chunks[0]) + later
        return first <= budget and all(
            sum(entries[key] for key in chunk) <= budget for chunk in chunks[1:]
        )

    index_parts = page_parts.fewest_parts(len(keys), index_fits)
    reference_parts = {}
    for key in keys:
        sizes = {
            lang: _claim_sizes(registry, lang, key, citing[lang].get(key, [])) for lang in languages
        }

        def fits(parts: int, sizes: dict = sizes) -> bool:
            return all(
                _claims_size(chunk) <= budget
                for lang_sizes in sizes.values()
                for chunk in page_parts.split_evenly(lang_sizes, parts)
            )

        count = max(len(lang_sizes) for lang_sizes in sizes.values())
        reference_parts[key] = page_parts.fewest_parts(count, fits)
    return Layout(page_parts.split_evenly(keys, index_parts), reference_parts)


def folder(bibliography_page: str) -> str:
    """`bibliographie.md` -> `bibliographie`: the reference pages' folder."""
    return bibliography_page.removesuffix(".md")


def _dest(src_uri: str, lang: str, default: str, directory_urls: bool) -> str:
    """Where mkdocs-static-i18n would write `<lang>/bibliographie/<key>.md`."""
    stem = src_uri.removesuffix(".md")
    if lang == default:
        stem = stem.removeprefix(f"{lang}/")
    return f"{stem}/index.html" if directory_urls else f"{stem}.html"


def _url(dest: str, directory_urls: bool) -> str:
    return dest.removesuffix("index.html") if directory_urls else dest


def page_title(reference: Reference, lang: str, suffix: str = "") -> str:
    """« Label : title » within the link-preview limit, cut at a word with an ellipsis;
    `suffix` (« (2/3) » on a later page) kept whole."""
    text = f"{reference.label(lang)}{ui(lang, 'colon')} {reference.fields.get('title', '')}"
    return excerpt(" ".join(text.split()), TITLE_LIMIT - 1 - len(suffix)) + suffix


def markdown_of(title: str, description: str) -> str:
    """Front matter (title, description for link previews) and the placeholder."""
    meta = {"title": title, "description": description}
    front = "\n".join(
        f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in meta.items()
    )
    return f"---\n{front}\n---\n\n{PLACEHOLDER}\n"


def _suffix(part: int, parts: int) -> str:
    return f" ({part}/{parts})" if parts > 1 else ""


def add_files(
    files: Files,
    config,
    registry: ClaimRegistry,
    bibliography_page: str,
    languages: tuple[str, ...],
    default: str,
    split: Layout | None = None,
) -> list[ReferencePage]:
    """Add a page per reference, and the later pages of long lists (`split`), for the language
    being built (the one whose bibliography page is among `files`); returns the pages added."""
    docs_dir = Path(config.docs_dir)
    split = split or Layout([list(registry.bibliography.references)], {})
    built = [lang for lang in languages if files.get_file_from_path(f"{lang}/{bibliography_page}")]
    added: list[ReferencePage] = []

    def add(lang: str, page: ReferencePage, content: str, what: str) -> None:
        src_uri = f"{lang}/{page.src}"
        if files.get_file_from_path(src_uri) is not None or (docs_dir / src_uri).exists():
            raise ReferencePageError(
                f"docs/{src_uri}: this path is the generated page of {what}; "
                "move or rename the file"
            )
        file = File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        # Where every plugin locates a page: its would-be path in the language folder.
        file.abs_src_path = str(docs_dir / src_uri)
        file.dest_uri = _dest(src_uri, lang, default, config.use_directory_urls)
        file.url = _url(file.dest_uri, config.use_directory_urls)
        file.abs_dest_path = str(Path(config.site_dir) / file.dest_uri)
        _language_switch(file, lang, languages, default, src_uri, config.use_directory_urls)
        files.append(file)
        added.append(page)

    for lang in built:
        index_parts = len(split.index)
        if index_parts > 1:
            index_file = files.get_file_from_path(f"{lang}/{bibliography_page}")
            _, meta = get_data(index_file.content_string)
            for part in range(2, index_parts + 1):
                title = (
                    f"{meta.get('title') or folder(bibliography_page)}{_suffix(part, index_parts)}"
                )
                content = markdown_of(title, str(meta.get("description") or ""))
                page = ReferencePage(
                    lang, None, index_src(bibliography_page, part), part, index_parts
                )
                add(lang, page, content, f"page {part} of the bibliography")
        for key, reference in registry.bibliography.references.items():
            parts = split.reference_parts.get(key, 1)
            for part in range(1, parts + 1):
                content = markdown_of(
                    page_title(reference, lang, _suffix(part, parts)),
                    ui(lang, "reference_description"),
                )
                page = ReferencePage(
                    lang, key, reference_src(bibliography_page, key, part), part, parts
                )
                add(lang, page, content, f"reference {key!r}" + _suffix(part, parts))
    return added


def _language_switch(file: File, lang, languages, default, src_uri, directory_urls) -> None:
    """What mkdocs-static-i18n sets on its files: Material's language switch then leads to
    the same reference in the other language."""
    file.locale = lang
    file.locale_alternate_of = lang
    file.alternates = {lang: file}
    for other in languages:
        if other != lang:
            other_uri = f"{other}/" + src_uri.split("/", 1)[1]
            dest = _dest(other_uri, other, default, directory_urls)
            file.alternates[other] = SimpleNamespace(url=_url(dest, directory_urls))


class Links:
    """Relative links from a generated page to documentation pages of its language, as
    MkDocs writes them, registered for MkDocs' anchor validation (strict builds fail on a
    missing claim id)."""

    def __init__(
        self, page, files: Files, lang: str, where: str, found: dict | None = None
    ) -> None:
        self.page, self.files, self.lang, self.where = page, files, lang, where
        self._resolved: dict[str, tuple[File, str]] = {}
        # src -> File, shared by the pages of one build (mkdocs-static-i18n's lookup is slow).
        self.found = {} if found is None else found

    def __call__(self, src: str, anchor: str = "") -> str:
        if src not in self._resolved:
            if src not in self.found:
                self.found[src] = self.files.get_file_from_path(f"{self.lang}/{src}")
            file = self.found[src]
            if file is None:
                raise ReferencePageError(
                    f"{self.where}: links to {self.lang}/{src}, which is not among the "
                    "documentation files"
                )
            url = get_relative_url(file.url, self.page.file.url)
            if ":" in url.split("/", 1)[0]:  # a key with ':' must not read as a URL scheme
                url = f"./{url}"
            self._resolved[src] = (file, url)
        file, url = self._resolved[src]
        if anchor and self.page.links_to_anchors is not None:
            self.page.links_to_anchors.setdefault(file, {}).setdefault(anchor, f"{src}#{anchor}")
        return f"{url}#{anchor}" if anchor else url


def _claim_sizes(
    registry: ClaimRegistry, lang: str, key: str, claims: list[Claim]
) -> list[tuple[str, int, int]]:
    """(page, bytes of its heading line, bytes of the claim's line) of each claim, as
    claims_html writes them with estimated links (for `layout`)."""
    out = []
    for claim in claims:
        heading = f"<h3>{escape_text(registry.page_scan(lang, claim.page).title)}</h3>"
        line = _claim_line(registry, lang, key, claim, _estimated_href, escape_text)
        out.append((claim.page, page_parts.size(heading), page_parts.size(line)))
    return out


_WRAPPER = page_parts.size(f'<div class="cited-by" {SEARCH_EXCLUDE}>\n</div>')
_GROUP = page_parts.size("\n<ul>\n</ul>\n")  # around a page's claims, its heading's newline


def _claims_size(sizes: list[tuple[str, int, int]]) -> int:
    """Bytes of claims_html for claims of these sizes (one line each, joined by newlines)."""
    headings = {page: heading for page, heading, _ in sizes}
    return (
        _WRAPPER
        + sum(heading + _GROUP for heading in headings.values())
        + sum(line + 1 for _, _, line in sizes)
    )


def _claim_line(
    registry: ClaimRegistry,
    lang: str,
    key: str,
    claim: Claim,
    link: Callable[[str, str], str],
    text: Callable[[str], str],
) -> str:
    """A claim citing `key`: its excerpt linking to it, its locators of `key`."""
    shown = excerpt(registry.plain_text(claim), EXCERPT)
    locators = ("\u202f; " if lang == "fr" else "; ").join(
        dict.fromkeys(c.locator for c in claim.citations if c.key == key and c.locator)
    )
    where = f' <span class="cited-by-locator">({text(locators)})</span>' if locators else ""
    href = escape_attribute(link(claim.page, claim.id))
    return f'<li><a href="{href}">{text(shown)}</a>{where}</li>'


def claims_html(
    registry: ClaimRegistry,
    lang: str,
    key: str,
    claims: list[Claim],
    link: Callable[[str, str], str],
    text: Callable[[str], str] = escape_text,
) -> str:
    """The claims citing `key` (some or all of them), grouped by page, each with its
    locators of `key` and a link to the claim."""
    out = [f'<div class="cited-by" {SEARCH_EXCLUDE}>']
    by_page: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_page[claim.page].append(claim)
    for claim_page, page_claims in by_page.items():
        scan = registry.page_scan(lang, claim_page)
        out.append(f"<h3>{text(scan.title)}</h3>")
        out.append("<ul>")
        out += [_claim_line(registry, lang, key, claim, link, text) for claim in page_claims]
        out.append("</ul>")
    out.append("</div>")
    return "\n".join(out)


def reference_html(
    registry: ClaimRegistry,
    lang: str,
    key: str,
    link: Callable[[str, str], str],
    abbreviations: dict[str, str] | None = None,
    bibliography_page: str = "bibliographie.md",
    citing: dict[str, list[Claim]] | None = None,
    part: int = 1,
    parts: int = 1,
    index_part: int = 1,
) -> str:
    """The body of the page of `key` in `lang`: title, formatted reference, links to the
    full text and to the index entry, and the claims citing it by page (`citing`:
    registry.citing_claims(lang), computed once for all the pages of a language). A reference
    cited by many claims lists them over `parts` pages (page_parts.py); this is page `part`;
    its index entry is on page `index_part` of the index."""
    reference = registry.bibliography[key]
    text = AbbreviatedText(abbreviations or {})
    formatted = registry.bibliography.formatted(lang)[key]
    out = [
        f"<h1>{html.escape(reference.fields.get('title') or reference.label(lang), quote=False)}</h1>",
        f'<p class="reference-formatted">{formatted}</p>',
        '<ul class="reference-links">',
    ]
    if reference.source_page:
        out.append(
            f'<li><a href="{link(reference.source_page + ".md", "")}">{ui(lang, "full_text")}</a></li>'
        )
    index = link(index_src(bibliography_page, index_part), "")
    out.append(
        f'<li><a href="{index}#ref-{escape_attribute(key)}">{ui(lang, "all_references")}</a></li>'
    )
    out.append("</ul>")
    claims = (citing if citing is not None else registry.citing_claims(lang)).get(key, [])
    if not claims:
        out.append(f'<p class="cited-by-none">{ui(lang, "not_cited")}</p>')
        return "\n".join(out)
    out.append(f'<h2 id="cited-by">{cited_by(lang, len(claims))}</h2>')
    nav = page_parts.parts_nav(
        lang, part, parts, lambda n: link(reference_src(bibliography_page, key, n), "")
    )
    if nav:
        out.append(nav)
    shown = page_parts.split_evenly(claims, parts)[part - 1]
    out.append(claims_html(registry, lang, key, shown, link, text))
    if nav:
        out.append(nav)
    return "\n".join(out)

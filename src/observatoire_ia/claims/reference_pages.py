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

from ..i18n import text as ui
from ..textfit import excerpt
from .bibliography import Reference
from .bibliography_page import AbbreviatedText, cited_by, escape_attribute
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
    key: str
    src: str  # path inside the language folder: "bibliographie/<key>.md"


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


def page_title(reference: Reference, lang: str) -> str:
    """« Label : title » within the link-preview limit, cut at a word with an ellipsis."""
    text = f"{reference.label(lang)}{ui(lang, 'colon')} {reference.fields.get('title', '')}"
    return excerpt(" ".join(text.split()), TITLE_LIMIT - 1)


def markdown_of(reference: Reference, lang: str) -> str:
    """Front matter (title, description for link previews) and the placeholder."""
    meta = {
        "title": page_title(reference, lang),
        "description": ui(lang, "reference_description"),
    }
    front = "\n".join(
        f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in meta.items()
    )
    return f"---\n{front}\n---\n\n{PLACEHOLDER}\n"


def add_files(
    files: Files,
    config,
    registry: ClaimRegistry,
    bibliography_page: str,
    languages: tuple[str, ...],
    default: str,
) -> list[ReferencePage]:
    """Add a page per reference for the language being built (the one whose bibliography
    page is among `files`); returns the pages added."""
    docs_dir = Path(config.docs_dir)
    built = [lang for lang in languages if files.get_file_from_path(f"{lang}/{bibliography_page}")]
    added: list[ReferencePage] = []
    for lang in built:
        for key, reference in registry.bibliography.references.items():
            src = f"{folder(bibliography_page)}/{key}.md"
            src_uri = f"{lang}/{src}"
            if files.get_file_from_path(src_uri) is not None or (docs_dir / src_uri).exists():
                raise ReferencePageError(
                    f"docs/{src_uri}: this path is the generated page of reference {key!r}; "
                    "move or rename the file"
                )
            file = File.generated(
                config,
                src_uri,
                content=markdown_of(reference, lang),
                inclusion=InclusionLevel.NOT_IN_NAV,
            )
            # Where every plugin locates a page: its would-be path in the language folder.
            file.abs_src_path = str(docs_dir / src_uri)
            file.dest_uri = _dest(src_uri, lang, default, config.use_directory_urls)
            file.url = _url(file.dest_uri, config.use_directory_urls)
            file.abs_dest_path = str(Path(config.site_dir) / file.dest_uri)
            _language_switch(file, lang, languages, default, src_uri, config.use_directory_urls)
            files.append(file)
            added.append(ReferencePage(lang, key, src))
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


def reference_html(
    registry: ClaimRegistry,
    lang: str,
    key: str,
    link: Callable[[str, str], str],
    abbreviations: dict[str, str] | None = None,
    bibliography_page: str = "bibliographie.md",
    citing: dict[str, list[Claim]] | None = None,
) -> str:
    """The body of the page of `key` in `lang`: title, formatted reference, links to the
    full text and to the index entry, and the claims citing it by page (`citing`:
    registry.citing_claims(lang), computed once for all the pages of a language)."""
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
    index = link(bibliography_page, "")
    out.append(
        f'<li><a href="{index}#ref-{escape_attribute(key)}">{ui(lang, "all_references")}</a></li>'
    )
    out.append("</ul>")
    claims = (citing if citing is not None else registry.citing_claims(lang)).get(key, [])
    if not claims:
        out.append(f'<p class="cited-by-none">{ui(lang, "not_cited")}</p>')
        return "\n".join(out)
    out.append(f'<h2 id="cited-by">{cited_by(lang, len(claims))}</h2>')
    out.append(f'<div class="cited-by" {SEARCH_EXCLUDE}>')
    by_page: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_page[claim.page].append(claim)
    for claim_page, page_claims in by_page.items():
        scan = registry.page_scan(lang, claim_page)
        out.append(f"<h3>{text(scan.title)}</h3>")
        out.append("<ul>")
        for claim in page_claims:
            shown = excerpt(registry.plain_text(claim), EXCERPT)
            locators = ("\u202f; " if lang == "fr" else "; ").join(
                dict.fromkeys(c.locator for c in claim.citations if c.key == key and c.locator)
            )
            where = f' <span class="cited-by-locator">({text(locators)})</span>' if locators else ""
            href = escape_attribute(link(claim_page, claim.id))
            out.append(f'<li><a href="{href}">{text(shown)}</a>{where}</li>')
        out.append("</ul>")
    out.append("</div>")
    return "\n".join(out)

"""Python-Markdown extension: render `[@key]` citations and `.claim` blocks (the HTML contract).

Contract (public: the features below, readers' tools and other sites rely on it):
- a claim is an element with class="claim" and id="<claim-id>" (a table claim is its <tr>),
  with the same ids in French and English;
- each citation is <a class="citation" href="<bibliography page>#ref-<key>" data-key="<key>">
  with a short visible label (« Solidaires, § 26 ») and, after it, its preview
  (<span class="citation-preview">, named by the link's aria-controls) holding « lire dans le
  texte » when it has a passage locator; claims.js adds the formatted reference, written once
  per page (page_references.py), and « voir dans la bibliographie » (without JavaScript the
  label itself is that link);
- each claim carries <span class="claim-tools">: a permalink <a class="claim-permalink"
  href="#<claim-id>">, then the controls other features add through
  RenderContext.claim_tool_hooks (sharing's « partager », feedback's « Signaler une erreur »).

Who reads it: docs/assets/javascripts/claims.js (previews, permalinks), sharing/ (share links
and share pages), feedback/ (report links), offline/booklet.py (PDF and EPUB), the explorer,
the contract tests (tests/test_claims.py, tests/test_citation_preview.py) and claims.json's
readers (same ids, exports.py).

Where each rendered piece comes from, to change it in one place:
- citation label: Reference.citation_label (claims/bibliography.py), written here;
- preview: « lire dans le texte » here (the passage link: claims/locators.py); the formatted
  reference and « voir dans la bibliographie »: claims/page_references.py writes the page's
  references once (Bibliography.formatted: citeproc-py, then the page's typography in the
  claims plugin) and claims.js fills the previews from them;
- bibliography entry: claims/bibliography_page.py (the index, id="ref-<key>", from
  Bibliography.formatted) and claims/reference_pages.py (one page per reference);
- PDF and EPUB [n]: offline/booklet.py numbers the built citations (data-key) in order of
  first citation and copies their entries from the built bibliography index;
- card text: sharing/cards.py draws the Card that sharing/plugin.py (a page: title, section,
  description) and sharing/share_pages.py (a claim: ClaimRegistry.plain_text) fill.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from functools import lru_cache
from typing import TYPE_CHECKING

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..i18n import text as ui
from .locators import parse_passages
from .scan import CITATION, CITATION_ITEM

if TYPE_CHECKING:
    from .context import RenderContext


# Text that Markdown's inline patterns (with smartsymbols, attr_list…) may render differently
# from its HTML-escaped self. Text without any of it is written as is.
NEEDS_MARKDOWN = re.compile(
    r"[\\`*_\[\]<>&{}!#|/\n]|--|\((?:tm|c|r)\)|\d(?:st|nd|rd|th)", re.IGNORECASE
)


def relative_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative .md link that MkDocs validates and rewrites (e.g. `../bibliographie.md#ref-x`)."""
    link = _relpath(to_page, posixpath.dirname(from_page) or ".")
    return link + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)  # a few targets (bibliography, sources) from each folder
def _relpath(to_page: str, folder: str) -> str:
    return posixpath.relpath(to_page, folder)


class CitationProcessor(InlineProcessor):
    def __init__(self, context: RenderContext, md: Markdown) -> None:
        super().__init__(CITATION.pattern, md)
        self.context = context

    def handleMatch(self, m, data):  # noqa: N802 (Markdown's API)
        context = self.context
        group = etree.Element("span", {"class": "citation-group"})
        group.text = "["
        previous: etree.Element | None = None
        for index, item in enumerate(m.group("body").split(";")):
            parsed = CITATION_ITEM.match(item)
            if not parsed or parsed.group("key") not in context.bibliography:
                # The registry has already failed the build with file:line; never drop silently.
                raise ValueError(f"{context.page}: unexpected citation [{m.group('body')}]")
            key, locator = parsed.group("key"), parsed.group("locator")
            if index:
                previous.tail = (previous.tail or "") + (
                    "\u202f; " if context.lang == "fr" else "; "
                )
            reference = context.bibliography[key]
            context.citation_count += 1
            preview_id = f"cite-{context.citation_count}"
            bibliography_href = relative_link(context.page, context.bibliography_page, f"ref-{key}")
            link = etree.SubElement(
                group,
                "a",
                {
                    "class": "citation",
                    "href": bibliography_href,
                    "aria-controls": preview_id,
                    "data-key": key,
                },
            )
            link.text = reference.citation_label(context.lang, locator)
            # Where to read it, shown on hover, focus or tap (claims.js, which adds the formatted
            # reference and the bibliography link: written once per page, not per citation, so
            # that pages stay light). Out of the search index: the same passage link would
            # match every claim of a union text.
            preview = etree.SubElement(
                group,
                "span",
                {"class": "citation-preview", "id": preview_id, "data-search-exclude": ""},
            )
            passages = parse_passages(locator)
            if passages is not None:
                # A single passage keeps its plain `#pN` link; several add the ones to highlight.
                target = (
                    f"{reference.source_page}.md"
                    if passages.is_single
                    else f"{reference.source_page}.md?passages={passages.query()}"
                )
                read = etree.SubElement(
                    preview,
                    "a",
                    {
                        "class": "citation-passage",
                        "href": relative_link(context.page, target, f"p{passages.first}"),
                    },
                )
                read.text = ui(context.lang, "read_in_text")
            previous = preview
        previous.tail = (previous.tail or "") + "]"
        if not any(NEEDS_MARKDOWN.search(child.text or "") for child in group.iter()):
            # Nothing in the labels and locators for Markdown's other inline patterns: an
            # AtomicString spares them a pass over each text of the group (same HTML; the
            # abbr tree processor still sees the labels and tails).
            group.text = AtomicString(group.text)
        return group, m.start(0), m.end(0)


class ClaimTreeprocessor(Treeprocessor):
    """Runs after attr_list: moves table claims to their row and adds the claim controls."""

    def __init__(self, context: RenderContext, md: Markdown) -> None:
        super().__init__(md)
        self.context = context

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        rendered: list[str] = []
        for element in list(root.iter()):
            classes = element.get("class", "").split()
            if "claim" not in classes:
                continue
            target = element
            if element.tag in {"td", "th"}:
                # attr_list put the claim on the last cell: the row is the claim.
                target = parents[element]
                target.set("id", element.attrib.pop("id"))
                target.set("class", element.attrib.pop("class"))
            # Author attributes (tags, date) become valid HTML data-* attributes.
            for name in [n for n in element.attrib if n not in {"id", "class"}]:
                value = element.attrib.pop(name)
                target.set(name if name.startswith(("data-", "aria-")) else f"data-{name}", value)
            claim_id = target.get("id")
            rendered.append(claim_id)
            holder = target[-1] if target.tag == "tr" else target
            self._add_controls(holder, target, claim_id)
        self.context.rendered_claims = rendered
        abbr = self.md.treeprocessors["abbr"] if "abbr" in self.md.treeprocessors else None
        self.context.abbreviations = dict(getattr(abbr, "abbrs", None) or {})

    def _add_controls(self, holder: etree.Element, claim: etree.Element, claim_id: str) -> None:
        lang = self.context.lang
        if "divergence" in claim.get("class", "").split():
            label = etree.Element("strong", {"class": "claim-divergence"})
            label.text = ui(lang, "divergence")
            label.tail = " " + (holder.text or "")
            holder.text = ""
            holder.insert(0, label)
        tools = etree.SubElement(holder, "span", {"class": "claim-tools"})
        permalink = etree.SubElement(
            tools,
            "a",
            {
                "class": "claim-permalink",
                "href": f"#{claim_id}",
                # The claim around it says which claim: no id repeated in each label, and the
                # tooltip and « Lien copié » come from claims.js (a page holds many claims).
                "aria-label": ui(lang, "permalink_title"),
            },
        )
        permalink.text = "#"
        for hook in self.context.claim_tool_hooks:
            hook(tools, claim_id, self.context)


class ClaimsExtension(Extension):
    def __init__(self, context: RenderContext) -> None:
        super().__init__()
        self.context = context

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        # Above links (160) so `[@key]` is not read as a reference link; code spans (190) win.
        md.inlinePatterns.register(CitationProcessor(self.context, md), "citation", 175)
        # attr_list runs at 8: ours comes right after it.
        md.treeprocessors.register(ClaimTreeprocessor(self.context, md), "claims", 7)

"""One self-contained document (print or e-book) from built pages of one language.

Pages come from the offline build in navigation order; their article content is kept, the
site furniture is dropped, each citation becomes a numbered reference [n] linking to the
booklet's own bibliography, and links between pages become internal anchors.
"""

from __future__ import annotations

import copy
import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from ..dates import build_date, day_words
from ..i18n import text as ui
from .kit import Page, Site

# MkDocs writes UTF-8; without <meta charset> libxml2 would guess Latin-1
UTF8 = lxml_html.HTMLParser(encoding="utf-8")

# "Label, p. 3": the locator part of a citation's text
LOCATOR = re.compile(r",\s*((?:p|pp|§|chap|ch|art|fig|sect|n°|para|l)\.?\s*\S.*)$")

# attributes naming ids of the same document (space-separated lists)
IDREFS = (
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
    "aria-details",
    "aria-flowto",
    "aria-errormessage",
    "aria-activedescendant",
    "for",
    "headers",
)

# pages about the site itself rather than its content
# (the explorer is a tool for the screen: its list needs JavaScript)
NOT_IN_BOOKLETS = {"telechargements.md", "explorer.md", "a-propos/ajouter-un-texte.md"}
# the banner of a page waiting for its translation (claims/pending.py): listed, not printed
PENDING_CLASS = "translation-pending"

DROP = (
    ".headerlink",
    ".claim-tools",
    ".md-source-file",
    ".md-content__button",
    ".cited-by-title",
    ".share",  # « Partager cette page »: buttons of the online page, nothing to print
    "script",
    "style",
    "form",
    "button",
)


@dataclass
class Booklet:
    lang: str
    title: str
    subtitle: str
    body: str  # HTML of the content (<section> per page, then the bibliography)
    toc: list[tuple[str, str, int]]  # (anchor, title, level)
    keys: list[str]  # references in order of first citation
    pages: list[Page]


def _select(tree, selector: str):
    """`tag`, `.class` or `tag.class` (no cssselect dependency)."""
    tag, _, cls = selector.partition(".")
    condition = f"[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]" if cls else ""
    return tree.xpath(f".//{tag or '*'}{condition}")


def _article(site: Site, page: Page):
    tree = lxml_html.fromstring((site.root / page.html).read_bytes(), parser=UTF8)
    found = _select(tree, "article.md-content__inner")
    return found[0] if found else None


@dataclass
class _Pages:
    """What a booklet knows of the site while it rewrites one page after another."""

    site: Site
    lang: str
    claim_ids: set[str]  # unique per language: they keep their ids
    bib_page: Page | None
    in_booklet: dict[str, Page]  # built file -> page, for the pages of this booklet
    all_pages: dict[str, Page]  # every page of the language
    keys: list[str] = field(default_factory=list)  # references in order of first citation

    def number(self, key: str) -> int:
        """The reference's [n], numbered at its first citation."""
        if key not in self.keys:
            self.keys.append(key)
        return self.keys.index(key) + 1

    def rewrite(self, href: str, base: str, page: Page) -> str:
        """A link of a page, as the booklet holds it: an anchor inside the booklet, or the
        online address of what the booklet does not hold."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("mailto:"):
            return href
        path = parts.path
        target = page.html if not path else posixpath.normpath(posixpath.join(base, path))
        frag = parts.fragment
        if self.bib_page is not None and target == self.bib_page.html:
            return f"#{frag}" if frag.startswith("ref-") else "#bibliography"
        if target in self.in_booklet:
            other = self.in_booklet[target]
            if not frag:
                return f"#page-{other.slug}"
            return f"#{frag}" if frag in self.claim_ids else f"#{other.slug}--{frag}"
        if target in self.all_pages:  # a page of the site outside this booklet
            return self.all_pages[target].url + (f"#{frag}" if frag else "")
        return self.site.site_url + target  # a file of the site (PDF of a source…): online


def build(
    site: Site, lang: str, pages: list[Page], subtitle: str, *, qr: bool, image_root: str
) -> Booklet:
    """`image_root`: prefix for image sources ("file:///…/" for Chromium, a folder for pandoc)."""
    bib_page = next((p for p in site.pages(lang) if p.src == site.bibliography_page), None)
    articles = {p.html: _article(site, p) for p in pages if (site.root / p.html).exists()}
    pending = [
        p
        for p in pages
        if articles.get(p.html) is not None and _select(articles[p.html], f".{PENDING_CLASS}")
    ]
    book = _Pages(
        site,
        lang,
        {c["id"] for c in site.claims_of(lang)},
        bib_page,
        {
            p.html: p
            for p in pages
            if not (bib_page and p.html == bib_page.html)
            and p.src not in NOT_IN_BOOKLETS
            and p not in pending
        },
        {p.html: p for p in site.pages(lang)},
    )
    sections: list[str] = []
    toc: list[tuple[str, str, int]] = []
    for page in pages:
        article = articles.get(page.html)
        if page.html not in book.in_booklet or article is None:
            continue
        section, entries = _page_section(book, page, article, qr=qr, image_root=image_root)
        sections.append(section)
        toc += entries
    if pending:
        toc.append(("original-only", ui(lang, "booklet.original_only"), 1))
        sections.append(_original_only(lang, pending))
    bib = _bibliography(site, lang, bib_page, book.keys)
    if book.keys:
        toc.append(("bibliography", ui(lang, "booklet.bibliography"), 1))
    return Booklet(
        lang=lang,
        title=site.names[lang],
        subtitle=subtitle,
        body="\n".join(sections) + bib,
        toc=toc,
        keys=book.keys,
        pages=list(book.in_booklet.values()),
    )


def _page_section(
    book: _Pages, page: Page, article, *, qr: bool, image_root: str
) -> tuple[str, list[tuple[str, str, int]]]:
    """One page as a <section> of the booklet, and its entries in the table of contents."""
    for selector in DROP:
        for element in _select(article, selector):
            element.drop_tree()
    _rename_ids(article, page, book.claim_ids)
    _number_citations(book, article, page)
    base = posixpath.dirname(page.html)
    for link in article.xpath(".//a[@href]"):
        if not {"ref", "ref-passage"} & set((link.get("class") or "").split()):
            link.set("href", book.rewrite(link.get("href"), base, page))
    for image in article.xpath(".//img[@src]"):
        src = image.get("src")
        if "://" not in src and not src.startswith("data:"):
            image.set("src", image_root + posixpath.normpath(posixpath.join(base, src)))
    anchor = f"page-{page.slug}"
    h1 = article.xpath(".//h1")
    if h1:
        h1[0].set("id", anchor)
    else:
        head = etree.Element("h1", id=anchor)
        head.text = page.title
        article.insert(0, head)
    toc = [(anchor, page.title, 1)]
    toc += [
        (h2.get("id"), " ".join(h2.text_content().split()), 2) for h2 in article.xpath(".//h2[@id]")
    ]
    qr_html = ""
    if qr:
        url = html.escape(page.url)
        qr_html = f'<img class="qr" alt="QR code: {url}" src="{_qr(page.url)}">'
        article.xpath(".//h1")[0].addnext(
            lxml_html.fragment_fromstring(
                f'<p class="online-url">{ui(book.lang, "booklet.scan")}{ui(book.lang, "colon")} '
                f'<a href="{url}">{url}</a></p>'
            )
        )
    inner = "".join(lxml_html.tostring(child, encoding="unicode") for child in article)
    return f'<section class="page" id="section-{page.slug}">{qr_html}{inner}</section>', toc


def _rename_ids(article, page: Page, claim_ids: set[str]) -> None:
    """Ids get the page's prefix (claim ids, unique per language, stay), and so do the
    attributes naming them."""
    renamed: dict[str, str] = {}
    for element in article.xpath(".//*[@id]"):
        ident = element.get("id")
        if ident not in claim_ids:
            renamed[ident] = f"{page.slug}--{ident}"
            element.set("id", renamed[ident])
    _rename_idrefs(article, renamed)


def _number_citations(book: _Pages, article, page: Page) -> None:
    """Citations become [n] (the booklet's bibliography); a locator with « lire dans le
    texte » links to its passage."""
    for group in _select(article, ".citation-group"):
        links = [_numbered(book, cite, page) for cite in _select(group, "a.citation")]
        new = lxml_html.fragment_fromstring(
            '<span class="refs">\u00a0[' + ", ".join(links) + "]</span>"
        )
        new.tail = group.tail
        group.getparent().replace(group, new)
    for preview in _select(article, ".citation-preview"):  # outside a group
        preview.drop_tree()
    for cite in _select(article, "a.citation"):  # a citation outside a group
        key = cite.get("data-key")
        number = book.number(key)
        cite.set("href", f"#ref-{key}")
        cite.text = f"[{number}]"


def _numbered(book: _Pages, cite, page: Page) -> str:
    """One citation of a group: its [n] link, then its locator (linked to the passage)."""
    key = cite.get("data-key")
    link = f'<a class="ref" href="#ref-{html.escape(key)}">{book.number(key)}</a>'
    locator = LOCATOR.search(cite.text_content())
    if not locator:
        return link
    # « lire dans le texte » (in the preview after the label): the locator links to the passage.
    preview = cite.getnext()
    passage = _select(preview, "a.citation-passage") if preview is not None else []
    if not passage:
        return link + ", " + html.escape(locator.group(1))
    href = book.rewrite(passage[0].get("href"), posixpath.dirname(page.html), page)
    return (
        link + f', <a class="ref-passage" href="{html.escape(href)}">'
        f"{html.escape(locator.group(1))}</a>"
    )


def _original_only(lang: str, pending: list[Page]) -> str:
    """The pages waiting for their translation: listed with their online address."""
    items = "".join(
        f'<li><a href="{html.escape(p.url)}">{html.escape(p.title)}</a></li>' for p in pending
    )
    return (
        f'<section class="page original-only" id="section-original-only">'
        f'<h1 id="original-only">{ui(lang, "booklet.original_only")}</h1>'
        f"<p>{html.escape(ui(lang, 'booklet.original_only_text'), quote=False)}</p>"
        f"<ul>{items}</ul></section>"
    )


def _rename_idrefs(article, renamed: dict[str, str]) -> None:
    """aria-labelledby, for… follow the ids renamed with the page's prefix; a reference to an
    id the booklet does not hold (furniture left out) is dropped, with the attribute if empty."""
    present = set(article.xpath(".//@id"))
    for attribute in IDREFS:
        for element in article.xpath(f".//*[@{attribute}]"):
            kept = [renamed.get(ident, ident) for ident in element.get(attribute).split()]
            kept = [ident for ident in kept if ident in present]
            if kept:
                element.set(attribute, " ".join(kept))
            else:
                del element.attrib[attribute]


def _bibliography(site: Site, lang: str, bib_page: Page | None, keys: list[str]) -> str:
    if not keys:
        return ""
    entries: dict[str, str] = {}
    if bib_page is not None and (site.root / bib_page.html).exists():
        index = site.root / bib_page.html
        tree = lxml_html.fromstring(index.read_bytes(), parser=UTF8)
        refs = tree.xpath("//*[starts-with(@id,'ref-')]")
        # A long index continues on later pages (claims/page_parts.py): their references are
        # listed on the first one, each linking to its entry there.
        later = dict.fromkeys(
            (index.parent / ref.xpath(".//a/@href")[0].split("#")[0]).resolve()
            for ref in refs
            if "reference-forward" in (ref.get("class") or "").split()
        )
        for part in later:
            part = part / "index.html" if part.is_dir() else part
            refs += lxml_html.fromstring(part.read_bytes(), parser=UTF8).xpath(
                "//*[starts-with(@id,'ref-')]"
            )
        for ref in refs:
            if "reference-forward" in (ref.get("class") or "").split():
                continue
            formatted = _select(ref, ".reference-formatted")
            node = formatted[0] if formatted else ref
            node = copy.deepcopy(node)
            for link in node.xpath(".//a[@href]"):
                href = link.get("href")
                if not urlsplit(href).scheme:
                    link.attrib.pop("href")
            entries[ref.get("id")[4:]] = lxml_html.tostring(node, encoding="unicode", method="html")
    items = []
    for number, key in enumerate(keys, 1):
        body = entries.get(key, html.escape(key))
        items.append(
            f'<li id="ref-{html.escape(key)}" value="{number}"><span class="num">[{number}]</span> {body}</li>'
        )
    return (
        f'<section class="bibliography" id="bibliography"><h1>{ui(lang, "booklet.bibliography")}</h1>'
        f'<ol class="references">{"".join(items)}</ol></section>'
    )


def _qr(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=3, border=1)


def document(
    booklet: Booklet, *, css: str, toc_pages: dict[str, int] | None = None, cover: bool = True
) -> str:
    """The whole booklet as one HTML document (cover, table of contents, content)."""
    from .kit import union_organisations

    organisations = union_organisations(booklet.keys) if cover else []
    lang = booklet.lang
    day = day_words(build_date(), lang)
    rows = []
    for anchor, title, level in booklet.toc:
        number = (toc_pages or {}).get(anchor)
        num = f'<span class="toc-page">{number}</span>' if number else ""
        rows.append(
            f'<li class="toc-{level}"><a href="#{html.escape(anchor)}">{html.escape(title)}</a>{num}</li>'
        )
    cover_html = ""
    if cover:
        cover_html = (
            f'<section class="cover"><p class="cover-site">{html.escape(booklet.title)}</p>'
            f'<h1 class="cover-title">{html.escape(booklet.subtitle)}</h1>'
            + (
                f'<p class="cover-orgs">{ui(lang, "booklet.texts")}{html.escape(", ".join(organisations))}</p>'
                if organisations
                else ""
            )
            + f'<p class="cover-date">{ui(lang, "booklet.edition")} {day}</p>'
            f'<p class="cover-licence">{html.escape(ui(lang, "booklet.licence"))}</p></section>'
        )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(booklet.title)} — {html.escape(booklet.subtitle)}</title>"
        f"<style>{css}</style></head><body>{cover_html}"
        f'<nav class="toc" id="toc"><h1>{ui(lang, "booklet.toc")}</h1><ol>{"".join(rows)}</ol></nav>'
        f"{booklet.body}</body></html>"
    )


def print_css() -> str:
    return (Path(__file__).parent / "print.css").read_text(encoding="utf-8")

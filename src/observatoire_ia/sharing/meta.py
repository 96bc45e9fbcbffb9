"""Link-preview metadata: Open Graph, Twitter card, hreflang alternates, JSON-LD, feed links.

Material's base.html already prints <title>, <meta name="description"> (from the page's
`description`, which the plugin fills in when missing) and <link rel="canonical">: they are
not repeated here. og:url is the same canonical URL.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from ..claims.bibliography import Reference
from ..i18n import text as ui
from ..site_languages import SiteLanguages

DESCRIPTION_LIMIT = 200
# Ordinary white space only: French no-break spaces (U+00A0, U+202F) stay.
_SPACES = re.compile(r"[ \t\r\n]+")
TITLE_LIMIT = 90


class SiteUrlError(ValueError):
    pass


def check_site_url(site_url: str | None, serving: bool = False) -> str:
    """The site's absolute https base URL, ending with '/'; anything else is an error."""
    value = (site_url or "").strip()
    parts = urlsplit(value)
    allowed = {"https"} | ({"http"} if serving else set())
    if parts.scheme not in allowed or not parts.hostname or parts.query or parts.fragment:
        raise SiteUrlError(
            f"site_url {value!r} must be an absolute https URL such as "
            "'https://example.org/observatoire/' (set the SITE_URL environment variable): "
            "link previews, canonical links and share pages need it"
        )
    return value if value.endswith("/") else value + "/"


_PARAGRAPH = re.compile(r"<p\b[^>]*>(?P<body>.*?)</p>", re.S)
_SKIPPED = {
    "citation-group",
    "citation",
    "citation-preview",
    "claim-tools",
    "claim-divergence",
    "headerlink",
}
_VOID = {"br", "img", "wbr", "hr", "input"}


class _Text(HTMLParser):
    """Text of an HTML fragment without citations and claim controls."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        if self.skip or classes & _SKIPPED:
            self.skip += 1

    def handle_endtag(self, tag):
        if self.skip and tag not in _VOID:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def plain(fragment: str) -> str:
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    text = _SPACES.sub(" ", "".join(parser.parts)).strip()
    return re.sub(r" +([.,)])", r"\1", text)


def first_paragraph(content_html: str) -> str:
    """Plain text of the first paragraph of a rendered page (20+ characters), citations removed."""
    for match in _PARAGRAPH.finditer(content_html):
        text = plain(match.group("body"))
        if len(text) > 20:
            return text
    return ""


@dataclass
class PageRecord:
    """A page as its card and the feeds see it (kept from on_page_context to on_post_build)."""

    lang: str
    title: str
    description: str
    url: str  # online, absolute
    card: str  # site-relative path of its card
    section: str  # the card's kicker: the page's section, or the site's name
    site_name: str
    source: Path  # the Markdown file
    is_404: bool
    generated: bool  # generated from other pages (a reference's page): no date, no feed entry
    updated: datetime | None


@dataclass
class PageMeta:
    lang: str
    title: str
    description: str
    url: str  # canonical, absolute
    alternates: dict[str, str]  # lang -> absolute URL of the same page
    x_default: str
    image: str  # absolute
    image_alt: str
    site_name: str
    image_size: tuple[int, int] = (1200, 630)  # as drawn (cards.LAYOUT.size)
    og_type: str = "website"
    feed: str | None = None  # absolute URL of the language's feed
    feed_title: str = ""
    citations: list[dict] = field(default_factory=list)
    publisher: str = ""
    fediverse_creator: str | None = None
    rel_me: list[str] = field(default_factory=list)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def head_tags(meta: PageMeta, *, title_and_description: bool = False) -> str:
    """The <head> tags, one per line. `title_and_description` for pages Material does not print
    (share pages): then <title>, description and canonical are included too."""
    e = _attr
    lines: list[str] = []
    if title_and_description:
        lines += [
            f"<title>{html.escape(meta.title)} - {html.escape(meta.site_name)}</title>",
            f'<meta name="description" content="{e(meta.description)}">',
            f'<link rel="canonical" href="{e(meta.url)}">',
        ]
    # hreflang before href: observatoire/quality drops i18n's own `rel/href/hreflang` links
    # (see quality/seo.py); these are removed from the live DOM by the early script below.
    for lang, url in meta.alternates.items():
        lines.append(f'<link rel="alternate" hreflang="{e(lang)}" href="{e(url)}">')
    lines.append(f'<link rel="alternate" hreflang="x-default" href="{e(meta.x_default)}">')
    if meta.feed:
        lines.append(
            f'<link rel="alternate" type="application/atom+xml" title="{e(meta.feed_title)}" '
            f'href="{e(meta.feed)}">'
        )
    other_locales = [ui(lang, "locale") for lang in meta.alternates if lang != meta.lang]
    properties = [
        ("og:type", meta.og_type),
        ("og:site_name", meta.site_name),
        ("og:title", meta.title),
        ("og:description", meta.description),
        ("og:url", meta.url),
        ("og:image", meta.image),
        ("og:image:type", "image/png"),
        ("og:image:width", str(meta.image_size[0])),
        ("og:image:height", str(meta.image_size[1])),
        ("og:image:alt", meta.image_alt),
        ("og:locale", ui(meta.lang, "locale")),
        *[("og:locale:alternate", locale) for locale in other_locales],
    ]
    lines += [f'<meta property="{p}" content="{e(v)}">' for p, v in properties]
    # X reads og:title, og:description, og:image and og:image:alt when its own twitter:* tags
    # are absent: only the card's size is X's own (each byte counts on a 60 KB page).
    names = [("twitter:card", "summary_large_image")]
    if meta.fediverse_creator:
        names.append(("fediverse:creator", meta.fediverse_creator))
    lines += [f'<meta name="{n}" content="{e(v)}">' for n, v in names]
    lines += [f'<link rel="me" href="{e(url)}">' for url in meta.rel_me]
    lines.append(json_ld(meta))
    # Material's bundle reads every <link rel="alternate"> as the root of a language version
    # and fetches "sitemap.xml" next to it (a 404 for a page URL). The links stay in the HTML
    # that crawlers and link-preview robots read; they leave the live DOM before the bundle
    # runs. (An inline script: the CSP of observatoire/quality hashes it.)
    lines.append(
        '<script>document.querySelectorAll("link[rel=alternate]")'
        ".forEach(function(l){l.remove()})</script>"
    )
    return "\n".join(lines)


def json_ld(meta: PageMeta) -> str:
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Article" if meta.og_type == "article" else "WebPage",
        "headline" if meta.og_type == "article" else "name": meta.title,
        "description": meta.description,
        "url": meta.url,
        "inLanguage": meta.lang,
        "image": meta.image,
        "publisher": {"@type": "Organization", "name": meta.publisher or meta.site_name},
    }
    if meta.citations:
        data["citation"] = meta.citations
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # No "</script>" (or "<!--") can end the block early.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def cited_work(reference: Reference, lang: str) -> dict:
    """A reference a share page cites, in JSON-LD: its title and its author (pages name each
    reference by its own page instead, `{"@id": …}`: sharing/plugin.py)."""
    return {
        "@type": "CreativeWork",
        "name": reference.fields.get("title", reference.label(lang)),
        "author": reference.short_source(lang),
    }


@dataclass(frozen=True)
class SiteMeta:
    """What the link-preview tags of every page and share page share: set once per build."""

    base_url: str  # absolute https, ending with "/"
    languages: SiteLanguages
    image_size: tuple[int, int]  # of every card (cards.LAYOUT.size)
    feeds: bool
    fediverse_creator: str | None = None
    rel_me: tuple[str, ...] = ()

    def page(
        self,
        *,
        lang: str,
        title: str,
        description: str,
        url: str,
        alternates: dict[str, str],
        card: str,
        image_alt: str,
        site_name: str,
        og_type: str,
        citations: list[dict],
        publisher: str,
    ) -> PageMeta:
        """The tags of one page (or share page) in one language."""
        feed = self.base_url + self.languages.prefix(lang) + "feed.xml" if self.feeds else None
        return PageMeta(
            lang=lang,
            title=title,
            description=description,
            url=url,
            alternates=alternates,
            x_default=alternates[self.languages.default],
            image=self.base_url + card,
            image_size=self.image_size,
            image_alt=image_alt,
            site_name=site_name,
            og_type=og_type,
            feed=feed,
            feed_title=ui(lang, "share.feed_title"),
            citations=citations,
            publisher=publisher,
            fediverse_creator=self.fediverse_creator,
            rel_me=list(self.rel_me),
        )


def meta_line(page_source: str, key: str) -> int:
    """Line of `key:` in a page's front matter (1, where it starts, if not found)."""
    lines = page_source.split("\n")
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        if re.match(rf"{re.escape(key)}\s*:", line):
            return number
    return 1

"""MkDocs plugin `observatoire/sharing`: link previews, social cards, share pages, feeds.

Listed after observatoire/claims (whose registry and claim hooks it uses) and before i18n.
Every page of both languages gets Open Graph / Twitter / hreflang / JSON-LD tags (rendered
by overrides/partials/sharing-head.html from `sharing_head`) and a share block; every claim
gets a « partager » link to its share page. Cards, share pages and feeds are written once,
after mkdocs-static-i18n has built every language.

Bad input: a site_url that is not absolute https, a description over 200 characters and a
card that fails to render stop the build (PluginError naming the page); a missing title or
description, or a title over 90 characters, is a warning naming the page (an error under
--strict, which is how the site is built) and a fallback is used.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from ..builds import i18n_building, offline_build
from ..claims.exports import page_href, page_url_path
from ..display_paths import display_path
from ..i18n import text as ui
from ..site_languages import SiteLanguages
from ..textfit import cut
from . import cards, controls, feeds, share_pages, updated
from .config import SharingPluginConfig
from .meta import (
    DESCRIPTION_LIMIT,
    TITLE_LIMIT,
    PageMeta,
    SiteUrlError,
    check_site_url,
    first_paragraph,
    head_tags,
)

log = logging.getLogger("mkdocs.plugins.observatoire.sharing")

CARDS_DIR = "assets/cards"


class SharingPlugin(BasePlugin[SharingPluginConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.root_site_dir: Path | None = None
        self.root: Path | None = None
        self.base_url = ""
        self.pages: dict[tuple[str, str], dict] = {}  # (lang, url) -> record
        self.site_names: dict[str, str] = {}
        self.directory_urls = True
        self.extra_css: list[str] = []
        self.favicon: str | None = None
        self.fediverse_creator: str | None = None
        self.rel_me: list[str] = []
        self._cards: list[tuple[cards.Card, Path, str]] = []  # (card, target, page) to draw
        # The offline kit draws no cards (no link previews from file://; og:image is online).
        self.skip_cards = False
        self._head = ""  # this page's head tags, for themes without sharing-head.html
        self.claims = None  # observatoire/claims: registry, languages, page locator
        # Other features add a block to each claim's share page: f(claim_id, lang, url, text).
        self.share_page_hooks: list = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # -- configuration ------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.base_url = check_site_url(config.site_url, self.serving)
        except SiteUrlError as error:
            raise PluginError(str(error)) from error
        if not i18n_building(config):
            self.root_site_dir = Path(config.site_dir)
            self.root = Path(config.config_file_path).parent
            self.pages = {}
            self.directory_urls = config.use_directory_urls
            self.extra_css = [str(css) for css in config.extra_css]
            self.favicon = config.theme.get("favicon")
            extra = config.extra or {}
            self.fediverse_creator = self.config.fediverse_creator or extra.get("fediverse_creator")
            self.rel_me = [str(u) for u in (self.config.rel_me or extra.get("rel_me") or [])]
            for url in self.rel_me:
                if not url.startswith("https://"):
                    raise PluginError(f"rel_me link {url!r} must be an absolute https URL")
        revision = config.plugins.get(updated.PLUGIN)
        self.revision_timezone = "UTC"
        if revision is not None:
            self.revision_timezone = revision.config.get("timezone") or "UTC"
            if revision.config.get("enabled") and not updated.in_git_repository(self.root):
                # A source tarball: no history to read; pages take SOURCE_DATE_EPOCH.
                revision.config["enabled"] = False
                log.info("sharing: no git repository; pages are dated from SOURCE_DATE_EPOCH")
        claims = config.plugins.get("observatoire/claims")
        if claims is None or claims.context is None:
            raise PluginError("observatoire/sharing must be listed after observatoire/claims")
        if controls.claim_tool_hook not in claims.context.claim_tool_hooks:
            claims.context.claim_tool_hooks.append(controls.claim_tool_hook)
        self.claims = claims
        return config

    # -- pages ----------------------------------------------------------------------------------

    @property
    def languages(self) -> SiteLanguages:
        return self.claims.languages

    def _href(self, url_path: str) -> str:
        """A site-relative page URL as the build writes it (index.html named without
        directory URLs, e.g. in the offline kit)."""
        path, _, anchor = url_path.partition("#")
        if not self.directory_urls and (path == "" or path.endswith("/")):
            path += "index.html"
        return path + (f"#{anchor}" if anchor else "")

    def _page_href(self, src: str, lang: str) -> str:
        """The site-relative URL of a docs page (`travail/emploi.md`) as the build writes it:
        `travail/emploi/` with directory URLs, `travail/emploi.html` without (offline kit,
        where `travail/emploi/index.html` does not exist)."""
        return page_href(src, lang, self.languages.default, self.directory_urls)

    def _share_path(self, lang: str, claim_id: str) -> str:
        return f"{self.languages.prefix(lang)}c/{claim_id}/"

    @event_priority(-50)  # after the claims plugin's own on_page_content
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files) -> str:
        lang, path = self.claims.locate(page)
        # Claim share links: from the placeholder self-anchor to the share page.
        depth = page.url.count("/") if self.directory_urls else page.file.dest_uri.count("/")
        prefix_depth = 1 if lang != self.languages.default else 0
        up = "../" * (depth - prefix_depth)
        marker = controls.SHARE_MARK
        # (Markdown writes attributes in alphabetical order: data-share-claim, then href.)
        for claim_id in page.meta.get("claims", []):
            html = html.replace(
                f'{marker}="{claim_id}" href="#{claim_id}"',
                f'href="{up}{self._href(f"c/{claim_id}/")}"',
            )
        where = f"docs/{lang}/{path}"
        title = page.meta.get("title")
        if not title:
            log.warning(
                f"{where}:1: no `title` in the front matter (link previews use {page.title!r})"
            )
        elif len(str(title)) > TITLE_LIMIT:
            log.warning(
                f"{where}:{_meta_line(page, 'title')}: title is {len(str(title))} characters; "
                f"link previews cut it at {TITLE_LIMIT}"
            )
        description = page.meta.get("description")
        if not description:
            fallback = (
                cut(first_paragraph(html), DESCRIPTION_LIMIT) or config.site_description or ""
            )
            log.warning(
                f"{where}:1: no `description` in the front matter; link previews use the first "
                f"paragraph: {fallback!r}"
            )
            page.meta["description"] = fallback
        elif len(str(description)) > DESCRIPTION_LIMIT:
            raise PluginError(
                f"{where}:{_meta_line(page, 'description')}: description is "
                f"{len(str(description))} characters "
                f"(at most {DESCRIPTION_LIMIT}: link previews cut it)"
            )
        return html

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        lang, path = self.claims.locate(page)
        default = self.languages.default
        title = str(page.meta.get("title") or page.title or config.site_name)
        if path == "index.md":
            # The home page is previewed as the site itself, not as « Accueil ».
            title = config.site_name
        description = str(page.meta.get("description") or "")
        # The online address, shared and previewed. The offline kit (no directory URLs) names
        # its files travail/emploi.html, which do not exist online: its pages share the online
        # travail/emploi/ instead.
        directory = self.directory_urls or page.file.src_uri.endswith(
            "404.md"
        )  # 404.html as online
        online = page.url if directory else page_url_path(path, lang, default)
        url = (page.canonical_url if directory else None) or (self.base_url + online)
        own = self.languages.prefix(lang)
        bare = online[len(own) :] if own and online.startswith(own) else online
        alternates = {
            other: self.base_url + self.languages.prefix(other) + bare
            for other in self.languages.codes
        }
        card_path = self._card_path(page.url)
        section = page.parent.title if page.parent else ""
        site_name = config.site_name
        self.site_names[lang] = site_name
        scan = self.claims.registry.page_scan(lang, path)
        citations = []
        if scan:
            bibliography = self.claims.registry.bibliography
            keys = list(dict.fromkeys(cit.key for cit in scan.citations if cit.key in bibliography))
            bib_page = self.claims.config.bibliography_page
            bib_url = self.base_url + page_url_path(bib_page, lang, default)
            for key in keys:
                reference = bibliography[key]
                citations.append(
                    {
                        "@type": "CreativeWork",
                        "name": reference.fields.get("title", reference.label(lang)),
                        "url": f"{bib_url}#ref-{key}",
                    }
                )
        meta = PageMeta(
            lang=lang,
            title=cut(title, TITLE_LIMIT),
            description=description,
            url=url,
            alternates=alternates,
            x_default=alternates[default],
            image=self.base_url + card_path,
            image_size=cards.LAYOUT.size,
            image_alt=ui(lang, "share.card_alt").format(title=title),
            site_name=site_name,
            og_type="article" if scan and scan.claims else "website",
            feed=self.base_url + self.languages.prefix(lang) + "feed.xml"
            if self.config.feeds
            else None,
            feed_title=ui(lang, "share.feed_title"),
            citations=citations,
            publisher=config.site_author or site_name,
            fediverse_creator=self.fediverse_creator,
            rel_me=self.rel_me,
        )
        context["sharing_head"] = Markup(head_tags(meta))
        self._head = str(context["sharing_head"])
        if not page.file.src_uri.endswith("404.md"):
            context["sharing_block"] = Markup(
                controls.share_block(lang, url, title, None, ui(lang, "share.page"))
            )
        # Pages generated from other pages (a reference's page lists the claims citing it)
        # have no file and no commit of their own: no date, and they stay out of the feeds.
        generated = page.file.generated_by is not None
        date = None if generated else updated.page_date(page.meta, self.revision_timezone)
        is_404 = page.file.src_uri.endswith("404.md")
        context["page_updated"] = (
            Markup(updated.updated_html(date, lang)) if date and not is_404 else None
        )
        self.pages[(lang, page.url)] = {
            "lang": lang,
            "title": title,
            "description": description,
            "url": url,
            "card": card_path,
            "section": section if section and section != title else site_name,
            "site_name": site_name,
            "source": Path(page.file.abs_src_path),
            "is_404": is_404,
            "generated": generated,
            "updated": date,
        }
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Themes without overrides/partials/sharing-head.html (fixture sites, another
        custom_dir) still get the tags: before </head>, once."""
        head, self._head = self._head, ""
        if head and 'property="og:url"' not in output and "</head>" in output:
            output = output.replace("</head>", head + "\n</head>", 1)
        return output

    @staticmethod
    def _card_path(url: str) -> str:
        stem = url.split("#")[0]
        if stem.endswith("index.html"):
            stem = stem[: -len("index.html")]
        stem = stem.removesuffix(".html").strip("/") or "index"
        return f"{CARDS_DIR}/{stem}.png"

    # -- after every language is built -----------------------------------------------------------

    @event_priority(-150)  # after mkdocs-static-i18n (-100), before observatoire/quality (-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if i18n_building(config):
            return
        site = self.root_site_dir
        cache_dir = self.root / self.config.cache_dir if self.config.cache_dir else None
        # The offline kit (file://, Material's offline plugin on): no link previews there, and
        # og:image names the online card anyway; the cards would only weigh on the zip.
        self.skip_cards = offline_build(config)
        self._cards = []
        for record in sorted(self.pages.values(), key=lambda r: r["card"]):
            card = cards.Card(
                record["title"],
                record["section"],
                record["site_name"],
                record["lang"],
                subtitle=record["description"],
            )
            self._write_card(card, site / record["card"], record["source"])
        if self.config.share_pages:
            self._write_share_pages(site, cache_dir)
        # Every card at once: each one missing from the cache is drawn once, on every core.
        try:
            drawn = cards.write_cards(self._cards, cache_dir)
        except cards.CardError as error:
            raise PluginError(str(error)) from error
        if self.config.feeds:
            self._write_feeds(site)
        log.info(f"sharing: {drawn} social card(s) drawn, the others from {self.config.cache_dir}")

    def _write_card(self, card: cards.Card, target: Path, source) -> None:
        """Queue a card for `write_cards`; `source` names the page in an error."""
        if self.skip_cards:
            return
        shown = display_path(source, self.root) if isinstance(source, Path) else source
        self._cards.append((card, target, str(shown)))

    def _write_share_pages(self, site: Path, cache_dir) -> None:
        registry = self.claims.registry
        bibliography = registry.bibliography
        default = self.languages.default
        css = share_pages.stylesheets(site, self.extra_css + ["assets/stylesheets/share.css"])
        css = list(dict.fromkeys(css))
        for lang in registry.languages:
            formatted = bibliography.formatted(lang)
            site_name = self.site_names.get(lang, "")
            other = next((x for x in registry.languages if x != lang), lang)
            for claim in registry.claims(lang):
                text = registry.plain_text(claim)
                keys = [key for key in claim.keys if key in bibliography]
                short = "; ".join(dict.fromkeys(bibliography[k].short_source(lang) for k in keys))
                dest_dir = self._share_path(lang, claim.id)
                url = self.base_url + dest_dir
                scan = registry.page_scan(lang, claim.page)
                theme_scan = (
                    registry.page_scan(lang, f"{claim.theme}/index.md") if claim.theme else None
                )
                theme_title = (
                    theme_scan.title if theme_scan else (scan.title if scan else site_name)
                )
                card_path = f"{CARDS_DIR}/{dest_dir.strip('/')}.png"
                self._write_card(
                    cards.Card(
                        text,
                        f"{ui(lang, 'share.claim_kicker')} · {theme_title}",
                        f"{short} · {site_name}" if short else site_name,
                        lang,
                    ),
                    site / card_path,
                    f"docs/{lang}/{claim.page} (claim {claim.id})",
                )
                alternates = {
                    x: self.base_url + self._share_path(x, claim.id) for x in registry.languages
                }
                meta = PageMeta(
                    lang=lang,
                    title=cut(text, TITLE_LIMIT),
                    description=cut(f"{text} ({short})" if short else text, DESCRIPTION_LIMIT),
                    url=url,
                    alternates=alternates,
                    x_default=alternates[default],
                    image=self.base_url + card_path,
                    image_size=cards.LAYOUT.size,
                    image_alt=ui(lang, "share.card_alt").format(title=cut(text, 120)),
                    site_name=site_name,
                    og_type="article",
                    feed=self.base_url + self.languages.prefix(lang) + "feed.xml"
                    if self.config.feeds
                    else None,
                    feed_title=ui(lang, "share.feed_title"),
                    citations=[
                        {
                            "@type": "CreativeWork",
                            "name": bibliography[k].fields.get(
                                "title", bibliography[k].label(lang)
                            ),
                            "author": bibliography[k].short_source(lang),
                        }
                        for k in keys
                    ],
                    publisher=site_name,
                    fediverse_creator=self.fediverse_creator,
                    rel_me=self.rel_me,
                )
                leaflet = "\n".join(
                    part for part in (text, f"({short})" if short else "", url) if part
                )
                dest = dest_dir + "index.html"
                context_url = (
                    self.base_url + page_url_path(claim.page, lang, default) + f"#{claim.id}"
                )
                html = share_pages.render(
                    share_pages.ShareClaim(
                        claim_id=claim.id,
                        lang=lang,
                        text=text,
                        sources=[
                            (k, bibliography[k].label(lang), formatted.get(k, "")) for k in keys
                        ],
                        short_sources=short,
                        context_href=f"{self._page_href(claim.page, lang)}#{claim.id}",
                        theme_title=theme_title,
                    ),
                    meta,
                    dest,
                    css,
                    other_lang=other,
                    other_dest=self._href(self._share_path(other, claim.id)),
                    other_name=self.languages.names.get(other, other),
                    bibliography_href=self._page_href(self.claims.config.bibliography_page, lang),
                    home_href=self._page_href("index.md", lang),
                    leaflet=leaflet,
                    favicon=self.favicon,
                    extra="".join(
                        hook(claim.id, lang, context_url, text) for hook in self.share_page_hooks
                    ),
                )
                target = site / dest
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(html, encoding="utf-8")

    def _write_feeds(self, site: Path) -> None:
        records = [r for r in self.pages.values() if not r["is_404"] and not r["generated"]]
        # The dates the pages show (« Mis à jour le … »).
        dates = {r["source"].resolve(): r["updated"] for r in records if r["updated"]}
        for lang in self.languages.codes:
            entries = [
                feeds.FeedEntry(r["title"], r["url"], r["description"], r["source"])
                for r in records
                if r["lang"] == lang
            ]
            if not entries:
                continue
            prefix = self.languages.prefix(lang)
            feed_url = self.base_url + prefix + "feed.xml"
            text = feeds.atom(
                entries,
                dates,
                lang=lang,
                title=ui(lang, "share.feed_title"),
                feed_url=feed_url,
                site_url=self.base_url + prefix,
                author=self.site_names.get(lang, ""),
            )
            target = site / prefix / "feed.xml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def _meta_line(page: Page, key: str) -> int:
    """Line of `key:` in the page's front matter (1, where it starts, if not found)."""
    lines = page.file.content_string.split("\n")
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        if re.match(rf"{re.escape(key)}\s*:", line):
            return number
    return 1

"""MkDocs plugin `observatoire/sharing`: link previews, social cards, share pages, feeds.

Listed after observatoire/claims (whose registry, languages, page locator and claim hooks it
uses) and before i18n. Every page of both languages gets Open Graph / Twitter / hreflang /
JSON-LD tags (meta.py; rendered by overrides/partials/sharing-head.html from `sharing_head`)
and a share block (controls.py); every claim gets a « partager » link to its share page.
Cards (cards.py), share pages (share_pages.py) and feeds (feeds.py) are written once, after
mkdocs-static-i18n has built every language. This module wires those to MkDocs' events.

Bad input: a site_url that is not absolute https, a description over 200 characters and a
card that fails to render stop the build (PluginError naming the page); a missing title or
description, or a title over 90 characters, is a warning naming the page (an error under
--strict, which is how the site is built) and a fallback is used.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from ..builds import i18n_building, offline_build
from ..claims import reference_pages
from ..claims.exports import page_url_path
from ..display_paths import display_path
from ..i18n import text as ui
from ..textfit import cut
from . import cards, controls, feeds, share_pages, updated
from .addresses import Addresses, page_card
from .config import SharingPluginConfig
from .meta import (
    DESCRIPTION_LIMIT,
    TITLE_LIMIT,
    PageRecord,
    SiteMeta,
    SiteUrlError,
    check_site_url,
    first_paragraph,
    head_tags,
    meta_line,
)

log = logging.getLogger("mkdocs.plugins.observatoire.sharing")


class SharingPlugin(BasePlugin[SharingPluginConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.root_site_dir: Path | None = None
        self.root: Path | None = None
        self.base_url = ""
        self.pages: dict[tuple[str, str], PageRecord] = {}  # (lang, url) -> record
        self.site_names: dict[str, str] = {}
        self.directory_urls = True
        self.extra_css: list[str] = []
        self.favicon: str | None = None
        self.fediverse_creator: str | None = None
        self.rel_me: list[str] = []
        self.revision_timezone = "UTC"
        self.claims = None  # observatoire/claims: registry, languages, page locator
        self.addresses: Addresses | None = None
        self.site_meta: SiteMeta | None = None
        self._head = ""  # this page's head tags, for themes without sharing-head.html
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
        self.addresses = Addresses(claims.languages, self.directory_urls)
        self.site_meta = SiteMeta(
            self.base_url,
            claims.languages,
            cards.LAYOUT.size,
            self.config.feeds,
            self.fediverse_creator,
            tuple(self.rel_me),
        )
        return config

    # -- pages ----------------------------------------------------------------------------------

    @event_priority(-50)  # after the claims plugin's own on_page_content
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files) -> str:
        lang, path = self.claims.locate(page)
        html = controls.point_share_links(
            html, page.meta.get("claims", []), self._up(page, lang), self.addresses
        )
        self._check_title(page, f"docs/{lang}/{path}")
        description = page.meta.get("description")
        if not description:
            fallback = (
                cut(first_paragraph(html), DESCRIPTION_LIMIT) or config.site_description or ""
            )
            log.warning(
                f"docs/{lang}/{path}:1: no `description` in the front matter; link previews use "
                f"the first paragraph: {fallback!r}"
            )
            page.meta["description"] = fallback
        elif len(str(description)) > DESCRIPTION_LIMIT:
            raise PluginError(
                f"docs/{lang}/{path}:{meta_line(page.file.content_string, 'description')}: "
                f"description is {len(str(description))} characters "
                f"(at most {DESCRIPTION_LIMIT}: link previews cut it)"
            )
        return html

    def _up(self, page: Page, lang: str) -> str:
        """From a page to its language's root (where `c/<id>/` is)."""
        depth = page.url.count("/") if self.directory_urls else page.file.dest_uri.count("/")
        return "../" * (depth - (0 if lang == self.claims.languages.default else 1))

    def _check_title(self, page: Page, where: str) -> None:
        title = page.meta.get("title")
        if not title:
            log.warning(
                f"{where}:1: no `title` in the front matter (link previews use {page.title!r})"
            )
        elif len(str(title)) > TITLE_LIMIT:
            log.warning(
                f"{where}:{meta_line(page.file.content_string, 'title')}: title is "
                f"{len(str(title))} characters; link previews cut it at {TITLE_LIMIT}"
            )

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        lang, path = self.claims.locate(page)
        languages = self.claims.languages
        title = str(page.meta.get("title") or page.title or config.site_name)
        if path == "index.md":
            # The home page is previewed as the site itself, not as « Accueil ».
            title = config.site_name
        description = str(page.meta.get("description") or "")
        is_404 = page.file.src_uri.endswith("404.md")
        # The online address, shared and previewed. The offline kit (no directory URLs) names
        # its files travail/emploi.html, which do not exist online: its pages share the online
        # travail/emploi/ instead (404.html as online).
        directory = self.directory_urls or is_404
        online = page.url if directory else page_url_path(path, lang, languages.default)
        url = (page.canonical_url if directory else None) or (self.base_url + online)
        own = languages.prefix(lang)
        bare = online[len(own) :] if own and online.startswith(own) else online
        scan = self.claims.registry.page_scan(lang, path)
        site_name = config.site_name
        self.site_names[lang] = site_name
        card = page_card(page.url)
        meta = self.site_meta.page(
            lang=lang,
            title=cut(title, TITLE_LIMIT),
            description=description,
            url=url,
            alternates={x: self.base_url + languages.prefix(x) + bare for x in languages.codes},
            card=card,
            image_alt=ui(lang, "share.card_alt").format(title=title),
            site_name=site_name,
            og_type="article" if scan and scan.claims else "website",
            citations=self._citations(lang, scan),
            publisher=config.site_author or site_name,
        )
        context["sharing_head"] = Markup(head_tags(meta))
        self._head = str(context["sharing_head"])
        if not is_404:
            context["sharing_block"] = Markup(
                controls.share_block(lang, url, title, None, ui(lang, "share.page"))
            )
        # Pages generated from other pages (a reference's page lists the claims citing it)
        # have no file and no commit of their own: no date, and they stay out of the feeds.
        generated = page.file.generated_by is not None
        date = None if generated else updated.page_date(page.meta, self.revision_timezone)
        context["page_updated"] = (
            Markup(updated.updated_html(date, lang)) if date and not is_404 else None
        )
        section = page.parent.title if page.parent else ""
        self.pages[(lang, page.url)] = PageRecord(
            lang=lang,
            title=title,
            description=description,
            url=url,
            card=card,
            section=section if section and section != title else site_name,
            site_name=site_name,
            source=Path(page.file.abs_src_path),
            is_404=is_404,
            generated=generated,
            updated=date,
        )
        return context

    def _citations(self, lang: str, scan) -> list[dict]:
        """The page's references in JSON-LD, each named by its reference page."""
        if not scan:
            return []
        bibliography = self.claims.registry.bibliography
        folder = reference_pages.folder(self.claims.config.bibliography_page)
        bib_url = self.base_url + self.claims.languages.prefix(lang) + folder + "/"
        keys = dict.fromkeys(cit.key for cit in scan.citations if cit.key in bibliography)
        # Each reference by its own page, which describes it: a page citing twenty-five texts
        # would otherwise repeat their titles here (issue 14, 60 KB a page).
        return [{"@id": f"{bib_url}{key}/"} for key in keys]

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Themes without overrides/partials/sharing-head.html (fixture sites, another
        custom_dir) still get the tags: before </head>, once."""
        head, self._head = self._head, ""
        if head and 'property="og:url"' not in output and "</head>" in output:
            output = output.replace("</head>", head + "\n</head>", 1)
        return output

    # -- after every language is built -----------------------------------------------------------

    @event_priority(-150)  # after mkdocs-static-i18n (-100), before observatoire/quality (-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if i18n_building(config):
            return
        site = self.root_site_dir
        queued = []  # (card, target, where) to draw
        for record in sorted(self.pages.values(), key=lambda r: r.card):
            card = cards.Card(
                record.title,
                record.section,
                record.site_name,
                record.lang,
                subtitle=record.description,
            )
            queued.append((card, site / record.card, display_path(record.source, self.root)))
        if self.config.share_pages:
            css = share_pages.stylesheets(site, self.extra_css + ["assets/stylesheets/share.css"])
            share_site = share_pages.ShareSite(
                self.addresses,
                self.site_meta,
                self.site_names,
                list(dict.fromkeys(css)),
                self.favicon,
                self.claims.config.bibliography_page,
                self.share_page_hooks,
            )
            queued += share_pages.write_share_pages(site, self.claims.registry, share_site)
        # The offline kit draws no cards: no link previews from file://, and og:image names the
        # online card anyway; the cards would only weigh on the zip.
        cache_dir = self.root / self.config.cache_dir if self.config.cache_dir else None
        # Every card at once: each one missing from the cache is drawn once, on every core.
        try:
            drawn = cards.write_cards([] if offline_build(config) else queued, cache_dir)
        except cards.CardError as error:
            raise PluginError(str(error)) from error
        if self.config.feeds:
            feeds.write_feeds(
                site,
                list(self.pages.values()),
                self.claims.languages,
                self.base_url,
                self.site_names,
            )
        log.info(f"sharing: {drawn} social card(s) drawn, the others from {self.config.cache_dir}")

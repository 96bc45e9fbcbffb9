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

from .. import parallel
from ..claims import reference_pages
from ..claims.exports import page_url_path
from . import cards, controls, feeds, share_pages, updated
from .config import SharingPluginConfig
from .meta import (
    DESCRIPTION_LIMIT,
    TITLE_LIMIT,
    PageMeta,
    SiteUrlError,
    check_site_url,
    cut,
    first_paragraph,
    head_tags,
    lang_prefix,
)

log = logging.getLogger("mkdocs.plugins.observatoire.sharing")

CARDS_DIR = "assets/cards"
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


class SharingPlugin(BasePlugin[SharingPluginConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.root_site_dir: Path | None = None
        self.docs_dir: Path | None = None
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
        self._locations: dict[str, tuple[str, str]] = {}  # abs_src_path -> (lang, path)
        # Other features add a block to each claim's share page: f(claim_id, lang, url, text),
        # without side effects (share pages are written on every core).
        self.share_page_hooks: list = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # -- configuration ------------------------------------------------------------------------

    def _i18n_building(self, config: MkDocsConfig) -> bool:
        i18n = config.plugins.get("i18n")
        return bool(i18n is not None and getattr(i18n, "building", False))

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.base_url = check_site_url(config.site_url, self.serving)
        except SiteUrlError as error:
            raise PluginError(str(error)) from error
        if not self._i18n_building(config):
            self.root_site_dir = Path(config.site_dir)
            self.docs_dir = Path(config.docs_dir)
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

    def _locate(self, page: Page) -> tuple[str, str]:
        source = page.file.abs_src_path
        if source not in self._locations:  # resolve() costs file-system calls: once a page
            relative = Path(source).resolve().relative_to(self.docs_dir.resolve())
            lang, *rest = relative.parts
            self._locations[source] = (lang, "/".join(rest))
        return self._locations[source]

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
        if self.directory_urls:
            return page_url_path(src, lang, self.config.default_language)
        return lang_prefix(lang, self.config.default_language) + src[: -len(".md")] + ".html"

    def _share_path(self, lang: str, claim_id: str) -> str:
        return f"{lang_prefix(lang, self.config.default_language)}c/{claim_id}/"

    @event_priority(-50)  # after the claims plugin's own on_page_content
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files) -> str:
        lang, path = self._locate(page)
        # Claim share links: from the placeholder self-anchor to the share page.
        depth = page.url.count("/") if self.directory_urls else page.file.dest_uri.count("/")
        prefix_depth = 1 if lang != self.config.default_language else 0
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
            fallback = cut(first_paragraph(html)) or config.site_description or ""
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
        lang, path = self._locate(page)
        default = self.config.default_language
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
        own = lang_prefix(lang, default)
        bare = online[len(own) :] if own and online.startswith(own) else online
        alternates = {
            other: self.base_url + lang_prefix(other, default) + bare
            for other in self.config.languages
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
            folder = reference_pages.folder(self.claims.config.bibliography_page)
            bib_url = self.base_url + lang_prefix(lang, default) + folder + "/"
            # Each reference by its own page, which describes it: a page citing twenty-five
            # texts would otherwise repeat their titles here (issue 14, 60 KB a page).
            citations = [{"@id": f"{bib_url}{key}/"} for key in keys]
        meta = PageMeta(
            lang=lang,
            title=cut(title, TITLE_LIMIT),
            description=description,
            url=url,
            alternates=alternates,
            x_default=alternates[default],
            image=self.base_url + card_path,
            image_size=cards.LAYOUT.size,
            image_alt=controls.t(lang, "card_alt").format(title=title),
            site_name=site_name,
            og_type="article" if scan and scan.claims else "website",
            feed=self.base_url + lang_prefix(lang, default) + "feed.xml"
            if self.config.feeds
            else None,
            feed_title=controls.t(lang, "feed_title"),
            citations=citations,
            publisher=config.site_author or site_name,
            fediverse_creator=self.fediverse_creator,
            rel_me=self.rel_me,
        )
        context["sharing_head"] = Markup(head_tags(meta))
        self._head = str(context["sharing_head"])
        if not page.file.src_uri.endswith("404.md"):
            context["sharing_block"] = Markup(
                controls.share_block(lang, url, title, None, controls.t(lang, "share_page"))
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
        head, self._head = getattr(self, "_head", ""), ""
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
        if self._i18n_building(config):
            return
        site = self.root_site_dir
        cache_dir = self.root / self.config.cache_dir if self.config.cache_dir else None
        # The offline kit (file://, Material's offline plugin on): no link previews there, and
        # og:image names the online card anyway; the cards would only weigh on the zip.
        offline = config.plugins.get("material/offline") or config.plugins.get("offline")
        self.skip_cards = bool(offline and getattr(offline, "config", {}).get("enabled", True))
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
        if getattr(self, "skip_cards", False):
            return
        shown = source
        if isinstance(source, Path):
            try:
                shown = source.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                shown = source.as_posix()
        self._cards.append((card, target, str(shown)))

    def _write_share_pages(self, site: Path, cache_dir) -> None:
        """A page per claim and language (twenty thousand at a hundred texts), written on
        every core; their cards are queued here, in the order of the claims."""
        registry = self.claims.registry
        css = share_pages.stylesheets(site, self.extra_css + ["assets/stylesheets/share.css"])
        self._share_css = list(dict.fromkeys(css))
        self._share_site = site
        registry.by_id  # noqa: B018 (built once here, not in each worker)
        items = [(lang, claim.id) for lang in registry.languages for claim in registry.claims(lang)]
        global _WRITING
        _WRITING = self
        try:
            jobs = parallel.run(_write_share_chunk, items, inherit=True)
        finally:
            _WRITING = None
        for job in jobs:
            self._write_card(*job)

    def _share_page(self, lang: str, claim_id: str) -> tuple[cards.Card, Path, str]:
        """Write the share page of a claim; the card it needs (card, target, where)."""
        registry = self.claims.registry
        bibliography = registry.bibliography
        default = self.config.default_language
        site, css = self._share_site, self._share_css
        formatted = bibliography.formatted(lang)
        site_name = self.site_names.get(lang, "")
        other = next((x for x in registry.languages if x != lang), lang)
        claim = registry.claim(lang, claim_id)
        text = registry.plain_text(claim)
        keys = [key for key in claim.keys if key in bibliography]
        short = "; ".join(dict.fromkeys(bibliography[k].short_source(lang) for k in keys))
        dest_dir = self._share_path(lang, claim.id)
        url = self.base_url + dest_dir
        scan = registry.page_scan(lang, claim.page)
        theme_scan = registry.page_scan(lang, f"{claim.theme}/index.md") if claim.theme else None
        theme_title = theme_scan.title if theme_scan else (scan.title if scan else site_name)
        card_path = f"{CARDS_DIR}/{dest_dir.strip('/')}.png"
        card = (
            cards.Card(
                text,
                f"{controls.t(lang, 'claim_kicker')} · {theme_title}",
                f"{short} · {site_name}" if short else site_name,
                lang,
            ),
            site / card_path,
            f"docs/{lang}/{claim.page} (claim {claim.id})",
        )
        alternates = {x: self.base_url + self._share_path(x, claim.id) for x in registry.languages}
        meta = PageMeta(
            lang=lang,
            title=cut(text, TITLE_LIMIT),
            description=cut(f"{text} ({short})" if short else text, DESCRIPTION_LIMIT),
            url=url,
            alternates=alternates,
            x_default=alternates[default],
            image=self.base_url + card_path,
            image_size=cards.LAYOUT.size,
            image_alt=controls.t(lang, "card_alt").format(title=cut(text, 120)),
            site_name=site_name,
            og_type="article",
            feed=self.base_url + lang_prefix(lang, default) + "feed.xml"
            if self.config.feeds
            else None,
            feed_title=controls.t(lang, "feed_title"),
            citations=[
                {
                    "@type": "CreativeWork",
                    "name": bibliography[k].fields.get("title", bibliography[k].label(lang)),
                    "author": bibliography[k].short_source(lang),
                }
                for k in keys
            ],
            publisher=site_name,
            fediverse_creator=self.fediverse_creator,
            rel_me=self.rel_me,
        )
        leaflet = "\n".join(part for part in (text, f"({short})" if short else "", url) if part)
        dest = dest_dir + "index.html"
        context_url = self.base_url + page_url_path(claim.page, lang, default) + f"#{claim.id}"
        html = share_pages.render(
            share_pages.ShareClaim(
                claim_id=claim.id,
                lang=lang,
                text=text,
                sources=[(k, bibliography[k].label(lang), formatted.get(k, "")) for k in keys],
                short_sources=short,
                context_href=f"{self._page_href(claim.page, lang)}#{claim.id}",
                theme_title=theme_title,
                text_lang=registry.text_lang(claim),
            ),
            meta,
            dest,
            css,
            other_lang=other,
            other_dest=self._href(self._share_path(other, claim.id)),
            other_name=LANGUAGE_NAMES.get(other, other),
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
        return card

    def _write_feeds(self, site: Path) -> None:
        records = [r for r in self.pages.values() if not r["is_404"] and not r["generated"]]
        # The dates the pages show (« Mis à jour le … »).
        dates = {r["source"].resolve(): r["updated"] for r in records if r["updated"]}
        default = self.config.default_language
        for lang in self.config.languages:
            entries = [
                feeds.FeedEntry(r["title"], r["url"], r["description"], r["source"])
                for r in records
                if r["lang"] == lang
            ]
            if not entries:
                continue
            prefix = lang_prefix(lang, default)
            feed_url = self.base_url + prefix + "feed.xml"
            text = feeds.atom(
                entries,
                dates,
                lang=lang,
                title=controls.t(lang, "feed_title"),
                feed_url=feed_url,
                site_url=self.base_url + prefix,
                author=self.site_names.get(lang, ""),
            )
            target = site / prefix / "feed.xml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


# The plugin whose share pages are being written: forked workers inherit it (parallel.py).
_WRITING: SharingPlugin | None = None


def _write_share_chunk(items: list[tuple[str, str]]) -> list[tuple[cards.Card, Path, str]]:
    """Share pages of (language, claim id) items, on another core; the cards they need."""
    return [_WRITING._share_page(lang, claim_id) for lang, claim_id in items]


def _meta_line(page: Page, key: str) -> int:
    """Line of `key:` in the page's front matter (1, where it starts, if not found)."""
    lines = page.file.content_string.split("\n")
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        if re.match(rf"{re.escape(key)}\s*:", line):
            return number
    return 1

"""MkDocs plugin `observatoire/claims`: wiring only.

The bibliography is parsed and every page of every language scanned once, on the first
`on_config` of a build (mkdocs-static-i18n re-runs the build for each language with the
same plugin instance), so cross-language checks and the bibliography back-links see the
whole site before any page is rendered.
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from ..errors import AuthoringErrors
from ..i18n import text as ui
from ..page_location import PageLocator
from ..site_languages import WITHOUT_I18N, SiteLanguages, site_languages
from ..site_nav import nav_folders, nav_pages
from ..typography import french_spacing, mark_french_quotes
from . import page_parts, pending, reference_pages
from .bibliography import Bibliography
from .bibliography_page import MARKER, PLACEHOLDER, bibliography_html
from .config import ClaimsPluginConfig
from .context import RenderContext
from .exports import page_url_path, write_exports
from .markdown_ext import ClaimsExtension
from .page_references import add_references_block
from .registry import ClaimRegistry
from .stability import PUBLISHED, Redirects, moved_claims_script, write_redirect_pages
from .stability import check as check_published
from .verify import ExceptionsFileError, load_exceptions, load_sources, verify

log = logging.getLogger("mkdocs.plugins.observatoire.claims")


class ClaimsPlugin(BasePlugin[ClaimsPluginConfig]):
    def __init__(self) -> None:
        self.registry: ClaimRegistry | None = None
        self.context: RenderContext | None = None
        self.root_site_dir: Path | None = None
        self.docs_dir: Path | None = None
        # The site's languages (mkdocs.yml, mkdocs-static-i18n): every plugin reads them here.
        self.languages: SiteLanguages = WITHOUT_I18N
        # (language, path) of a page; the plugins listed after this one ask it too.
        self.locate: PageLocator | None = None
        self.redirects = Redirects()
        self.published: dict = {}
        self._bibliography_pending = False
        # Pages generated per reference (reference_pages.py), by language and path.
        self._reference_pages: dict[tuple[str, str], reference_pages.ReferencePage] = {}
        self._citing: dict[str, dict] = {}  # lang -> key -> claims citing it
        self._previews: dict[str, dict[str, str]] = {}  # lang -> key -> reference in previews
        self._found: dict = {}  # docs path -> File of the language being built
        self._layout: reference_pages.Layout | None = None  # long lists over several pages

    # -- loading ------------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.registry is not None:
            # A later language build (mkdocs-static-i18n): its theme 404 template would
            # overwrite the root 404.html written from docs/fr/404.md.
            config.theme.static_templates.discard("404.html")
        if self.registry is None:
            root = Path(config.config_file_path).parent
            self.docs_dir = Path(config.docs_dir)
            self.root_site_dir = Path(config.site_dir)
            self.languages = site_languages(config)
            self.locate = PageLocator(self.docs_dir)
            self.registry = load_registry(
                root,
                self.docs_dir,
                self.config.bibliography,
                self.languages.codes,
                self.config.verification_exceptions,
            )
            try:
                self.redirects = check_published(self.registry, root, self.languages.default)
            except AuthoringErrors as errors:
                raise PluginError(
                    f"{len(errors.errors)} published address(es) broken:\n{errors}"
                ) from errors
            if (root / PUBLISHED).is_file():
                self.published = json.loads((root / PUBLISHED).read_text(encoding="utf-8"))
            for key in self.registry.unused_keys():
                reference = self.registry.bibliography[key]
                log.info(
                    f"{self.config.bibliography}:{reference.line}: entry {key!r} is cited by no claim"
                )
            self.registry.folders = nav_folders(nav_pages(config.nav or []))
            self.context = RenderContext(self.registry.bibliography, self.config.bibliography_page)
        if not any(isinstance(ext, ClaimsExtension) for ext in config.markdown_extensions):
            config.markdown_extensions.append(ClaimsExtension(self.context))
        return config

    @event_priority(-200)  # after mkdocs-static-i18n has placed each language's files
    def on_files(self, files, config: MkDocsConfig):
        """`en/404.md` must become `en/404.html` (MkDocs only special-cases the root 404.md)."""
        for file in files:
            if file.dest_uri.endswith("404/index.html") and file.src_uri.endswith("404.md"):
                file.dest_uri = file.dest_uri[: -len("404/index.html")] + "404.html"
                file.url = file.dest_uri
                file.abs_dest_path = str(Path(config.site_dir) / file.dest_uri)
        if self._layout is None:  # the registry is the whole site's: once for both languages
            self._layout = reference_pages.layout(
                self.registry, self.config.bibliography_page, self.config.list_budget
            )
        try:
            added = reference_pages.add_files(
                files,
                config,
                self.registry,
                self.config.bibliography_page,
                self.languages.codes,
                self.languages.default,
                self._layout,
            )
        except reference_pages.ReferencePageError as error:
            raise PluginError(str(error)) from error
        self._reference_pages.update({(page.lang, page.src): page for page in added})
        self._found = {}  # this build's files: links of the reference pages look them up
        return files

    def on_env(self, env, config: MkDocsConfig, files):
        """Every citation and « lire dans le texte » link is a .md link MkDocs resolves through
        mkdocs-static-i18n's file lookup, which tries several paths each time (most of MkDocs'
        own cost at ten thousand claims). The files are settled by now: each path is looked
        up once per build."""
        files.get_file_from_path = functools.cache(files.get_file_from_path)
        return env

    # -- pages --------------------------------------------------------------------------------

    @event_priority(100)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files) -> str:
        lang, path = self.locate(page)
        context = self.context
        context.lang, context.page = lang, path
        context.formatted = self.registry.bibliography.formatted(lang)
        context.citation_count = 0
        context.rendered_claims = []
        if self.registry.is_pending(lang, path):
            markdown = self._pending_markdown(path, page)
        if path == self.config.bibliography_page:
            # Written as HTML in on_page_content (see bibliography_page.py).
            self._bibliography_pending = MARKER in markdown
            markdown = markdown.replace(MARKER, PLACEHOLDER)
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files) -> str:
        lang, path = self.locate(page)
        scan = self.registry.page_scan(lang, path)
        expected = [claim.id for claim in scan.claims] if scan else []
        rendered = self.context.rendered_claims
        if sorted(rendered) != sorted(expected):
            missing = sorted(set(expected) - set(rendered))
            extra = sorted(set(rendered) - set(expected))
            raise PluginError(
                f"docs/{lang}/{path}: claims rendered differ from claims written "
                f"(not rendered: {missing}; unexpected: {extra}); check the attribute list syntax"
            )
        page.meta.setdefault("claims", expected)
        if path == self.config.bibliography_page and self._bibliography_pending:
            self._bibliography_pending = False
            if PLACEHOLDER not in html:
                source = page.file.content_string
                line = source[: source.find(MARKER)].count("\n") + 1
                raise PluginError(
                    f"docs/{lang}/{path}:{line}: {MARKER} must stand on its own line, "
                    "outside any block"
                )
            html = html.replace(PLACEHOLDER, self._bibliography(lang, path, page, config, files))
        elif (lang, path) in self._reference_pages:
            html = html.replace(
                reference_pages.PLACEHOLDER, self._reference(lang, path, page, config, files)
            )
        if lang != self.languages.default:
            # mkdocs.yml sets one `permalink_title` (French) for the heading anchors.
            title = (config.mdx_configs.get("toc") or {}).get("permalink_title")
            if title:
                html = html.replace(f'title="{title}"', f'title="{ui(lang, "section_link")}"')
        if self.registry.is_pending(lang, path):
            return pending.wrap(french_spacing(html), lang, self.languages.default)
        return french_spacing(html) if lang == "fr" else mark_french_quotes(html)

    def _pending_markdown(self, path: str, page: Page) -> str:
        """A page waiting for its translation: the original's text, out of the search index,
        with the original's title and description where it gives none."""
        original = self.docs_dir / self.languages.default / path
        meta = yaml.safe_load(pending.original_meta(original).strip().strip("-")) or {}
        for name in ("title", "description"):
            if not page.meta.get(name) and meta.get(name):
                page.meta[name] = meta[name]
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return pending.original_body(original)

    def _bibliography(
        self, lang: str, path: str, page: Page, config: MkDocsConfig, files, part: int = 1
    ) -> str:
        """The bibliography index as HTML, each reference linking to its own page; page
        `part` of it when it is split (page_parts.py), the first page listing the others'
        references so that `bibliographie/#ref-<key>` lands on each."""
        links = reference_pages.Links(page, files, lang, f"docs/{lang}/{path}", self._found)
        bibliography_page = self.config.bibliography_page
        split = self._layout.index
        keys = None if len(split) == 1 else split[part - 1]
        forward = None
        if part == 1 and len(split) > 1:
            forward = [
                (key, links(reference_pages.index_src(bibliography_page, number), f"ref-{key}"))
                for number, chunk in enumerate(split[1:], start=2)
                for key in chunk
            ]
        nav = page_parts.parts_nav(
            lang,
            part,
            len(split),
            lambda number: links(reference_pages.index_src(bibliography_page, number)),
        )
        html = bibliography_html(
            self.registry,
            lang,
            lambda key: links(reference_pages.reference_src(bibliography_page, key)),
            keys,
            forward,
            nav,
        )
        if page.present_anchor_ids is not None:
            # MkDocs validates anchors from what Markdown rendered: add the references' ids.
            shown = self.registry.bibliography.references if part == 1 else keys
            page.present_anchor_ids |= {f"ref-{key}" for key in shown}
        return html

    def _reference(self, lang: str, path: str, page: Page, config: MkDocsConfig, files) -> str:
        """A reference's own page (reference_pages.py), or a later page of the index; its
        claim links are validated."""
        generated = self._reference_pages[(lang, path)]
        if generated.key is None:
            return self._bibliography(lang, path, page, config, files, generated.part)
        if lang not in self._citing:
            self._citing[lang] = self.registry.citing_claims(lang)
        return reference_pages.reference_html(
            self.registry,
            lang,
            generated.key,
            reference_pages.Links(page, files, lang, f"docs/{lang}/{path}", self._found),
            self.context.abbreviations,
            self.config.bibliography_page,
            self._citing[lang],
            generated.part,
            generated.parts,
            self._layout.index_part(generated.key),
        )

    def _preview_references(self, lang: str) -> dict[str, str]:
        """Formatted references as the previews show them: with the page's typography, as the
        body they were part of (on_page_content)."""
        if lang not in self._previews:
            finish = french_spacing if lang == "fr" else mark_french_quotes
            formatted = self.registry.bibliography.formatted(lang)
            self._previews[lang] = {key: finish(text) for key, text in formatted.items()}
        return self._previews[lang]

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        lang, path = self.locate(page)
        default = self.languages.default
        moved = moved_claims_script(
            page_url_path(path, default, default),
            self.redirects,
            self.published,
            config.use_directory_urls,
            _base_url(page),
        )
        if moved:
            output = output.replace("</body>", f"{moved}\n</body>", 1)
        output = add_references_block(output, self._preview_references(lang), lang)
        # The text outside the page body (title, navigation, table of contents built from the
        # headings, the footer's copyright from mkdocs.yml) is French too on French pages;
        # the body itself was spaced in on_page_content.
        if lang != "fr":
            return output
        start = output.find(page.content) if page.content else -1
        if start < 0:
            return french_spacing(output)
        end = start + len(page.content)
        return french_spacing(output[:start]) + page.content + french_spacing(output[end:])

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig):
        # A theme's static pages (404.html when docs/ has none) in the French build.
        if template_name.endswith(".html") and config.theme.get("language") == "fr":
            return french_spacing(output_content)
        return output_content

    def on_post_build(self, config: MkDocsConfig) -> None:
        lang = config.theme.get("language") or self.languages.default
        prefix = self.languages.prefix(lang)
        write_redirect_pages(
            Path(config.site_dir),
            self.redirects,
            lang,
            config.use_directory_urls,
            config.site_url or "",
            prefix,
        )
        if Path(config.site_dir) == self.root_site_dir:
            write_exports(
                self.registry,
                self.root_site_dir,
                config.site_url or "",
                self.languages.default,
            )


def _base_url(page: Page) -> str:
    """Relative link from a page to the site root (what MkDocs' templates call base_url)."""
    depth = page.url.count("/") if page.url else 0
    return "/".join([".."] * depth) or "."


def load_registry(
    root: Path,
    docs_dir: Path,
    bibliography_path: str,
    languages: tuple[str, ...],
    exceptions_path: str | None = None,
) -> ClaimRegistry:
    """Parse the bibliography, scan every page and (given an exceptions file's path) verify every
    claim against the passages it cites; authoring errors become one PluginError."""
    try:
        bibliography = Bibliography.load(
            root / bibliography_path, bibliography_path, root / ".cache" / "bibliography"
        )
        bibliography.cache_dir = root / ".cache" / "citations"
        registry = ClaimRegistry.scan(docs_dir, languages, bibliography, root)
        registry.sources = load_sources(registry, docs_dir, root)
        if exceptions_path is not None:
            exceptions = load_exceptions(root / exceptions_path, exceptions_path)
            verification = verify(
                registry, registry.sources, exceptions, exceptions_path, root / ".cache" / "verify"
            )
            if verification.errors:
                raise AuthoringErrors(verification.errors)
            log.info(verification.summary())
        return registry
    except (AuthoringErrors, ExceptionsFileError) as errors:
        for error in errors.errors:
            log.error(str(error))
        raise PluginError(f"{len(errors.errors)} authoring error(s):\n" + str(errors)) from errors

"""MkDocs plugin `observatoire/feedback`: reader paths back to the project, from `repo_url`.

- every claim gets « Signaler une erreur » / "Report an error": one short link (the claim's
  share page, whose « Signaler une erreur » opens the prefilled form without JavaScript);
  feedback.js points it straight at the new-issue form, prefilled with the claim's id, online
  address and text taken from the page, so the long URL is not written 40 times per page;
- the share page of each claim gets the prefilled link itself;
- the Sources page gets « Proposer un texte » / "Propose a text" and a link to the guide.

Listed after observatoire/sharing. Without `repo_url` nothing is rendered. Material's header
link to the repository is left without its GitHub API call (overrides/partials/source.html).
"""

from __future__ import annotations

import html
import json
from xml.etree import ElementTree as etree

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..i18n import text as ui
from .config import FeedbackPluginConfig
from .links import Tracker, guess_forge

SCRIPT = "assets/javascripts/feedback.js"
MARK = "data-report-claim"
DATA_ID = "observatoire-report"


class FeedbackPlugin(BasePlugin[FeedbackPluginConfig]):
    def __init__(self) -> None:
        self.tracker: Tracker | None = None
        self.share_pages = False
        self.claims = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.tracker = None
        if not config.repo_url:
            return config
        forge = self.config.forge or guess_forge(config.repo_url)
        if forge is None:
            raise PluginError(
                f"repo_url {config.repo_url!r}: cannot tell GitHub from GitLab; set "
                "`forge: github` or `forge: gitlab` under observatoire/feedback in mkdocs.yml"
            )
        self.tracker = Tracker(
            config.repo_url, forge, self.config.error_template, self.config.propose_template
        )
        claims = config.plugins.get("observatoire/claims")
        if claims is None or claims.context is None:
            raise PluginError("observatoire/feedback must be listed after observatoire/claims")
        self.claims = claims
        if claim_tool_hook not in claims.context.claim_tool_hooks:
            claims.context.claim_tool_hooks.append(claim_tool_hook)
        sharing = config.plugins.get("observatoire/sharing")
        self.share_pages = bool(sharing and sharing.config.share_pages)
        if sharing is not None and self.share_page_block not in sharing.share_page_hooks:
            sharing.share_page_hooks.append(self.share_page_block)
        return config

    @event_priority(-60)  # after observatoire/sharing has pointed its own links
    def on_page_content(self, output: str, page: Page, config: MkDocsConfig, files) -> str:
        if self.tracker is None:
            return output
        lang, path = self.claims.locate(page)
        for claim_id in page.meta.get("claims", []):
            output = output.replace(
                f'{MARK}="{claim_id}" href="#{claim_id}"',
                f'href="{html.escape(self._fallback(page, lang, path, claim_id, config))}"',
            )
        if path == self.config.propose_page:
            output += self._propose(page, lang, files)
        return output

    def _fallback(self, page: Page, lang: str, path: str, claim_id: str, config) -> str:
        """Where the link goes without JavaScript: the claim's share page (whose link is
        prefilled), or the form with the claim's id and address when there are no share pages."""
        default = self.claims.languages.default
        if self.share_pages:
            directory = config.use_directory_urls
            depth = page.url.count("/") if directory else page.file.dest_uri.count("/")
            up = "../" * (depth - (0 if lang == default else 1))
            return f"{up}c/{claim_id}/{'' if directory else 'index.html'}#signaler"
        url = (page.canonical_url or page.url) + f"#{claim_id}"
        registry = self.claims.registry
        text = registry.plain_text(registry.claim(lang, claim_id))
        return self.tracker.report_url(claim_id, url, text, lang)

    def _propose(self, page: Page, lang: str, files) -> str:
        guide = files.get_file_from_path(
            f"{lang}/{self.config.guide_page}"
        ) or files.get_file_from_path(self.config.guide_page)
        guide_link = (
            f' <a href="{html.escape(get_relative_url(guide.url, page.file.url))}">{ui(lang, "feedback.guide")}</a>.'
            if guide
            else ""
        )
        return (
            f'\n<p class="propose-text"><a class="md-button" href="{html.escape(self.tracker.propose_url(lang))}">'
            f"{ui(lang, 'feedback.propose')}</a> {html.escape(ui(lang, 'feedback.propose_intro'), quote=False)}{guide_link}</p>"
        )

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Pages with claims only: the form's address with placeholders, and feedback.js."""
        if self.tracker is None or not page.meta.get("claims"):
            return output
        lang, _ = self.claims.locate(page)
        data = json.dumps({"url": self.tracker.report_template(lang)}, ensure_ascii=False)
        data = data.replace("</", "<\\/")  # never closes the script element early
        root = "/".join([".."] * page.url.count("/")) or "."
        block = (
            f'<script type="application/json" id="{DATA_ID}">{data}</script>\n'
            f'<script src="{root}/{SCRIPT}"></script>'
        )
        return output.replace("</body>", f"{block}\n</body>", 1)

    def share_page_block(self, claim_id: str, lang: str, claim_url: str, text: str) -> str:
        """« Signaler une erreur » on the claim's share page, prefilled, without JavaScript."""
        if self.tracker is None:
            return ""
        href = html.escape(self.tracker.report_url(claim_id, claim_url, text, lang))
        return (
            f'<h2 id="signaler">{html.escape(ui(lang, "feedback.report_intro"), quote=False)}</h2>'
            f'<p><a class="md-button share-page__report" href="{href}">{ui(lang, "feedback.report")}</a> '
            f"{html.escape(ui(lang, 'feedback.report_public'), quote=False)}</p>"
        )


def claim_tool_hook(tools: etree.Element, claim_id: str, context) -> None:
    """Appended to the claims plugin's `claim_tool_hooks`: « Signaler une erreur » per claim.

    A self-anchor until on_page_content points it at the claim's share page (MkDocs would
    report a link to a page it does not know)."""
    link = etree.SubElement(
        tools,
        "a",
        {
            "class": "claim-report",
            "href": f"#{claim_id}",
            MARK: claim_id,
            # The claim around it says which claim (a page holds many: no id in each label).
            "aria-label": ui(context.lang, "feedback.report"),
        },
    )
    link.text = "!"

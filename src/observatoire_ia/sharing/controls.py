"""Share controls: the per-claim link to its share page, and the share block of a page.

Without JavaScript: the claim's « partager » link opens its share page, and the Telegram link
is a plain link. share.js reveals the buttons that need it (Mastodon, copy, Web Share,
leaflet). No third-party script, no counter: the only outside addresses are the t.me link
and the Mastodon instance the reader types.
"""

from __future__ import annotations

import html
from urllib.parse import quote
from xml.etree import ElementTree as etree

from ..i18n import text as ui
from .addresses import Addresses


def telegram_url(url: str, text: str) -> str:
    return f"https://t.me/share/url?url={quote(url, safe='')}&text={quote(text, safe='')}"


def share_block(
    lang: str, url: str, text: str, leaflet: str | None, heading: str, after_list: str = ""
) -> str:
    """The share controls for one URL (a page, or a claim on its share page).

    The messages (copied, Mastodon prompt…) live in share.js, per <html lang>, to keep pages
    light; without `leaflet`, the leaflet text is the share text and the URL. `after_list`
    goes right after the buttons (a share page's script that reveals them as they are parsed)."""
    e = lambda value: html.escape(value, quote=True)  # noqa: E731
    heading_id = "share-heading"
    return (
        f'<section class="share" aria-labelledby="{heading_id}" data-share-url="{e(url)}" '
        f'data-share-text="{e(text)}"'
        + (f' data-share-leaflet="{e(leaflet)}"' if leaflet else "")
        + ">"
        f'<p class="share__heading" id="{heading_id}">{e(heading)}</p>'
        '<ul class="share__list">'
        f'<li><a class="share__telegram md-button" href="{e(telegram_url(url, text))}" '
        f'rel="noopener">{e(ui(lang, "share.telegram"))}</a></li>'
        f'<li hidden><button type="button" class="share__mastodon md-button">{e(ui(lang, "share.mastodon"))}</button></li>'
        f'<li hidden><button type="button" class="share__copy md-button">{e(ui(lang, "share.copy"))}</button></li>'
        f'<li hidden><button type="button" class="share__native md-button">{e(ui(lang, "share.native"))}</button></li>'
        f'<li hidden><button type="button" class="share__leaflet md-button">{e(ui(lang, "share.leaflet"))}</button></li>'
        "</ul>"
        f"{after_list}"
        '<p class="share__status" role="status" aria-live="polite"></p>'
        "</section>"
    )


SHARE_MARK = "data-share-claim"


def point_share_links(html: str, claim_ids: list[str], up: str, addresses: Addresses) -> str:
    """The claims' « partager » self-anchors (claim_tool_hook) pointed at their share pages;
    `up` leads from the page to its language's root."""
    # (Markdown writes attributes in alphabetical order: data-share-claim, then href.)
    for claim_id in claim_ids:
        html = html.replace(
            f'{SHARE_MARK}="{claim_id}" href="#{claim_id}"',
            f'href="{up}{addresses.href(f"c/{claim_id}/")}"',
        )
    return html


def claim_tool_hook(tools: etree.Element, claim_id: str, context) -> None:
    """Appended to the claims plugin's `claim_tool_hooks`: a « partager » link per claim.

    Its href is a self-anchor here (MkDocs would report a link to a page it does not know);
    the plugin's on_page_content points it at the claim's share page.
    """
    lang = context.lang
    link = etree.SubElement(
        tools,
        "a",
        {
            "class": "claim-share",
            "href": f"#{claim_id}",
            SHARE_MARK: claim_id,
            # The claim around it says which claim (a page holds many: no id in each label).
            "aria-label": ui(lang, "share.claim"),
        },
    )
    link.text = "↗"

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

STRINGS = {
    "fr": {
        "share": "Partager",
        "share_claim": "Partager cette affirmation",
        "share_page": "Partager cette page",
        "telegram": "Telegram",
        "mastodon": "Mastodon",
        "copy": "Copier le lien",
        "copied": "Lien copié",
        "native": "Partager…",
        "leaflet": "Copier pour un tract",
        "leaflet_copied": "Texte copié pour un tract",
        "instance_prompt": "Votre instance Mastodon (par exemple mastodon.social) :",
        "instance_invalid": "Nom d'instance non valide : un nom d'hôte seul, comme mastodon.social.",
        "copy_failed": "Copie impossible : sélectionnez le texte.",
        "claim_kicker": "Affirmation sourcée",
        "sources": "Sources",
        "context": "Lire dans son contexte",
        "leaflet_heading": "Texte pour un tract",
        "card_alt": "Carte de partage : {title}",
        "feed_title": "Nouveautés de l'Observatoire syndical de l'IA",
        "share_page_title": "Affirmation : {text}",
    },
    "en": {
        "share": "Share",
        "share_claim": "Share this claim",
        "share_page": "Share this page",
        "telegram": "Telegram",
        "mastodon": "Mastodon",
        "copy": "Copy link",
        "copied": "Link copied",
        "native": "Share…",
        "leaflet": "Copy for a leaflet",
        "leaflet_copied": "Text copied for a leaflet",
        "instance_prompt": "Your Mastodon instance (for example mastodon.social):",
        "instance_invalid": "Not a valid instance name: a bare host name, such as mastodon.social.",
        "copy_failed": "Could not copy: select the text.",
        "claim_kicker": "Sourced claim",
        "sources": "Sources",
        "context": "Read in context",
        "leaflet_heading": "Text for a leaflet",
        "card_alt": "Share card: {title}",
        "feed_title": "What's new at the Trade Union AI Observatory",
        "share_page_title": "Claim: {text}",
    },
}


def t(lang: str, name: str) -> str:
    return STRINGS[lang][name]


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
    s = STRINGS[lang]
    heading_id = "share-heading"
    return (
        f'<section class="share" aria-labelledby="{heading_id}" data-share-url="{e(url)}" '
        f'data-share-text="{e(text)}"'
        + (f' data-share-leaflet="{e(leaflet)}"' if leaflet else "")
        + ">"
        f'<p class="share__heading" id="{heading_id}">{e(heading)}</p>'
        '<ul class="share__list">'
        f'<li><a class="share__telegram md-button" href="{e(telegram_url(url, text))}" '
        f'rel="noopener">{e(s["telegram"])}</a></li>'
        f'<li hidden><button type="button" class="share__mastodon md-button">{e(s["mastodon"])}</button></li>'
        f'<li hidden><button type="button" class="share__copy md-button">{e(s["copy"])}</button></li>'
        f'<li hidden><button type="button" class="share__native md-button">{e(s["native"])}</button></li>'
        f'<li hidden><button type="button" class="share__leaflet md-button">{e(s["leaflet"])}</button></li>'
        "</ul>"
        f"{after_list}"
        '<p class="share__status" role="status" aria-live="polite"></p>'
        "</section>"
    )


SHARE_MARK = "data-share-claim"


def claim_tool_hook(tools: etree.Element, claim_id: str, context) -> None:
    """Appended to the claims plugin's `claim_tool_hooks`: a « partager » link per claim.

    Its href is a self-anchor here (MkDocs would report a link to a page it does not know);
    the plugin's on_page_content points it at the claim's share page.
    """
    lang = context.lang if context.lang in STRINGS else "fr"
    link = etree.SubElement(
        tools,
        "a",
        {
            "class": "claim-share",
            "href": f"#{claim_id}",
            SHARE_MARK: claim_id,
            # The claim around it says which claim (a page holds many: no id in each label).
            "aria-label": t(lang, "share_claim"),
        },
    )
    link.text = "↗"

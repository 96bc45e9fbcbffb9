"""One share page per claim and language: /c/<claim-id>/ and /en/c/<claim-id>/.

Written as plain HTML files after the build (on_post_build), not as MkDocs pages: generated
pages would have to exist in every language's file collection, stay out of the navigation,
the search index and the sitemap, and get past mkdocs-static-i18n's per-language rebuilds;
a few hundred small static files with their own head tags are simpler and cannot break the
strict build or the language switch. They reuse Material's stylesheets (found by name in the
built site) and the site's own CSS, and load only share.js. observatoire/quality sweeps them
afterwards like every other page (CSP, rel="noopener").
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import material

from .. import parallel
from ..claims.exports import page_url_path
from ..claims.registry import ClaimRegistry
from ..i18n import text as ui
from ..textfit import cut
from . import cards
from .addresses import Addresses
from .controls import share_block
from .meta import DESCRIPTION_LIMIT, TITLE_LIMIT, PageMeta, SiteMeta, cited_work, head_tags


@dataclass
class ShareClaim:
    claim_id: str
    lang: str
    text: str
    sources: list[tuple[str, str, str]]  # (key, label, formatted HTML)
    short_sources: str  # « organisation, year; … »
    context_href: str  # site-relative path of the page holding the claim, with #id
    theme_title: str
    text_lang: str = ""  # the text's language where it is not the page's (translation pending)


def _relative_root(path: str) -> str:
    """'en/c/x/index.html' -> '../../../'"""
    return "../" * path.count("/")


def stylesheets(site_dir: Path, extra_css: list[str]) -> list[str]:
    found = []
    for pattern in ("main.*.min.css", "palette.*.min.css"):
        found += sorted(
            p.relative_to(site_dir).as_posix()
            for p in (site_dir / "assets" / "stylesheets").glob(pattern)
        )
    return found + [css for css in extra_css if not css.startswith(("http:", "https:", "//"))]


# Material's icons, as mkdocs.yml names them (logo, palette toggles).
LOGO_ICON = "material/scale-balance"
PALETTE_ICONS = ("material/brightness-4", "material/brightness-7")


@cache
def material_icon(name: str) -> str:
    """The inline SVG of one of Material's bundled icons (`material/brightness-4`)."""
    path = Path(material.__file__).parent / "templates" / ".icons" / f"{name}.svg"
    return path.read_text(encoding="utf-8").strip()


def palette_form(lang: str, root: str) -> str:
    """Light/dark switch with Material's markup and storage key (share.js applies it), so a
    reader's choice on the site holds on share pages too."""
    to_dark, to_light = ui(lang, "palette.to_dark"), ui(lang, "palette.to_light")
    options = (
        ("0", "(prefers-color-scheme: light)", "default", to_dark, "1", PALETTE_ICONS[0]),
        ("1", "(prefers-color-scheme: dark)", "slate", to_light, "0", PALETTE_ICONS[1]),
    )
    parts = [
        f'<form class="md-header__option share-page__palette" data-md-component="palette" '
        f'data-root="{root}">'
    ]
    for index, media, scheme, label, other, icon in options:
        parts.append(
            f'<input class="md-option" data-md-color-media="{media}" data-md-color-scheme="{scheme}" '
            f'data-md-color-primary="red" data-md-color-accent="red" aria-label="{label}" '
            f'type="radio" name="__palette" id="__palette_{index}"{" checked" if index == "0" else ""}>'
            f'<label class="md-header__button md-icon share-page__palette-label" title="{label}" '
            f'for="__palette_{other}" hidden>{material_icon(icon)}</label>'
        )
    parts.append("</form>")
    return "".join(parts)


# Run as the parser reaches them, before anything after them exists, so that nothing painted
# moves when share.js arrives (CLS 0 on a slow line): the palette the reader chose (its label
# in the header) and the share buttons that need JavaScript. share.js binds them.
EARLY_PALETTE = (
    "(function(f){var s=null,i=[].slice.call(f.querySelectorAll('input.md-option')),c=i[0];"
    "try{s=JSON.parse(localStorage.getItem(new URL(f.getAttribute('data-root')||'./',location)"
    ".pathname+'.__palette'))}catch(e){}"
    "if(s&&s.color&&s.color.scheme){c=i.filter(function(n){return n.getAttribute("
    "'data-md-color-scheme')===s.color.scheme})[0]||c}"
    "else if(window.matchMedia&&matchMedia('(prefers-color-scheme: dark)').matches){c=i[1]||c}"
    "['scheme','primary','accent'].forEach(function(a){document.body.setAttribute("
    "'data-md-color-'+a,c.getAttribute('data-md-color-'+a))});c.checked=true;"
    "i.forEach(function(n){f.querySelector('label[for=\"'+n.id+'\"]').hidden=n===c})"
    "})(document.currentScript.previousElementSibling)"
)
EARLY_BUTTONS = (
    "[].forEach.call(document.currentScript.previousElementSibling.children,function(l){"
    "if(!l.querySelector('.share__native')||navigator.share)l.hidden=false})"
)

# Characters beyond which a claim is set in body size rather than heading size on its page.
LONG_CLAIM = 180


def render(
    claim: ShareClaim,
    meta: PageMeta,
    dest: str,
    css: list[str],
    *,
    other_lang: str,
    other_dest: str,
    other_name: str,
    bibliography_href: str,
    home_href: str,
    leaflet: str,
    favicon: str | None,
    extra: str = "",
) -> str:
    root = _relative_root(dest)
    e = lambda value: html.escape(value, quote=True)  # noqa: E731
    lang = claim.lang
    links = "\n".join(f'<link rel="stylesheet" href="{e(root + href)}">' for href in css)
    icon = f'<link rel="icon" href="{e(root + favicon)}">' if favicon else ""
    sources = "\n".join(
        f'<li><a href="{e(root + bibliography_href)}#ref-{e(key)}">{e(label)}</a> — '
        f'<span class="share-page__reference">{formatted}</span></li>'
        for key, label, formatted in claim.sources
    )
    long_claim = " share-page__claim--long" if len(claim.text) > LONG_CLAIM else ""
    # Read aloud in its own language (a French original on an English page).
    text_lang = (
        f' lang="{e(claim.text_lang)}"' if claim.text_lang and claim.text_lang != lang else ""
    )
    return f"""<!doctype html>
<html lang="{lang}" class="no-js">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
{head_tags(meta, title_and_description=True)}
{icon}
{links}
</head>
<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="red" data-md-color-accent="red">
<header class="md-header md-header--shadow share-page__header">
<nav class="md-header__inner md-grid" aria-label="{e(meta.site_name)}">
<a class="md-header__button md-logo" href="{e(root + home_href)}" aria-label="{e(meta.site_name)}">{material_icon(LOGO_ICON)}</a>
<div class="md-header__title"><div class="md-header__ellipsis"><div class="md-header__topic"><a class="md-ellipsis share-page__site" href="{e(root + home_href)}">{e(meta.site_name)}</a></div></div></div>
{palette_form(lang, root)}<script>{EARLY_PALETTE}</script>
<div class="md-header__option share-page__other"><a class="md-header__button share-page__lang" href="{e(root + other_dest)}" hreflang="{other_lang}" lang="{other_lang}">{e(other_name)}</a></div>
</nav>
</header>
<main class="md-main">
<div class="md-main__inner md-grid">
<div class="md-content">
<article class="md-content__inner md-typeset share-page">
<p class="share-page__kicker">{e(ui(lang, "share.claim_kicker"))} · {e(claim.theme_title)}</p>
<h1 class="share-page__claim{long_claim}"{text_lang}>{e(claim.text)}</h1>
<p><a class="md-button md-button--primary share-page__context" href="{e(root + claim.context_href)}">{e(ui(lang, "share.context"))}</a></p>
<h2>{e(ui(lang, "share.sources"))}</h2>
<ul class="share-page__sources">
{sources}
</ul>
{share_block(lang, meta.url, claim.text, leaflet, ui(lang, "share.claim"), f"<script>{EARLY_BUTTONS}</script>")}
<h2>{e(ui(lang, "share.leaflet_heading"))}</h2>
<pre class="share-page__leaflet"{text_lang}>{e(leaflet)}</pre>{extra}
</article>
</div>
</div>
</main>
<script src="{e(root + "assets/javascripts/share.js")}"></script>
</body>
</html>
"""


@dataclass
class ShareSite:
    """What every share page takes from the site (set by the plugin once per build)."""

    addresses: Addresses
    meta: SiteMeta
    site_names: dict[str, str]  # site_name per language, as the pages were built
    css: list[str]  # site-relative stylesheets
    favicon: str | None
    bibliography_page: str  # the claims plugin's
    # Other features add a block to each claim's share page: f(claim_id, lang, url, text),
    # without side effects (share pages are written on every core).
    hooks: list[Callable[[str, str, str, str], str]] = field(default_factory=list)


def write_share_pages(
    site_dir: Path, registry: ClaimRegistry, site: ShareSite
) -> list[tuple[cards.Card, Path, str]]:
    """Every claim's share page, in every language (twenty thousand at a hundred texts),
    written on every core; returns their cards, to draw (card, target, where an error is
    reported), in the order of the claims."""
    global _WRITING
    registry.by_id  # noqa: B018 (built once here, not in each worker)
    items = [(lang, claim.id) for lang in registry.languages for claim in registry.claims(lang)]
    _WRITING = (site_dir, registry, site)
    try:
        return parallel.run(_write_chunk, items, inherit=True)
    finally:
        _WRITING = None


# What the share pages being written read: forked workers inherit it (parallel.py).
_WRITING: tuple[Path, ClaimRegistry, ShareSite] | None = None


def _write_chunk(items: list[tuple[str, str]]) -> list[tuple[cards.Card, Path, str]]:
    """Share pages of (language, claim id) items, maybe on another core; their cards."""
    site_dir, registry, site = _WRITING
    queued = []
    for lang, claim_id in items:
        claim = registry.claim(lang, claim_id)
        page, card = _share_page(registry, site, lang, claim)
        target = site_dir / site.addresses.share_path(lang, claim.id) / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
        where = f"docs/{lang}/{claim.page} (claim {claim.id})"
        queued.append((card, site_dir / site.addresses.share_card(lang, claim.id), where))
    return queued


def _share_page(
    registry: ClaimRegistry, site: ShareSite, lang: str, claim
) -> tuple[str, cards.Card]:
    """One claim's share page in one language, and its card."""
    bibliography = registry.bibliography
    languages, addresses = site.meta.languages, site.addresses
    base_url = site.meta.base_url
    site_name = site.site_names.get(lang, "")
    text = registry.plain_text(claim)
    keys = [key for key in claim.keys if key in bibliography]
    short = "; ".join(dict.fromkeys(bibliography[k].short_source(lang) for k in keys))
    scan = registry.page_scan(lang, claim.page)
    theme_scan = registry.page_scan(lang, f"{claim.theme}/index.md") if claim.theme else None
    theme_title = theme_scan.title if theme_scan else (scan.title if scan else site_name)
    card = cards.Card(
        text,
        f"{ui(lang, 'share.claim_kicker')} · {theme_title}",
        f"{short} · {site_name}" if short else site_name,
        lang,
    )
    dest_dir = addresses.share_path(lang, claim.id)
    url = base_url + dest_dir
    meta = site.meta.page(
        lang=lang,
        title=cut(text, TITLE_LIMIT),
        description=cut(f"{text} ({short})" if short else text, DESCRIPTION_LIMIT),
        url=url,
        alternates={x: base_url + addresses.share_path(x, claim.id) for x in languages.codes},
        card=addresses.share_card(lang, claim.id),
        image_alt=ui(lang, "share.card_alt").format(title=cut(text, 120)),
        site_name=site_name,
        og_type="article",
        citations=[cited_work(bibliography[k], lang) for k in keys],
        publisher=site_name,
    )
    other = next((x for x in registry.languages if x != lang), lang)
    context_url = base_url + page_url_path(claim.page, lang, languages.default) + f"#{claim.id}"
    formatted = bibliography.formatted(lang)
    html_text = render(
        ShareClaim(
            claim_id=claim.id,
            lang=lang,
            text=text,
            sources=[(k, bibliography[k].label(lang), formatted.get(k, "")) for k in keys],
            short_sources=short,
            context_href=f"{addresses.page_href(claim.page, lang)}#{claim.id}",
            theme_title=theme_title,
            text_lang=registry.text_lang(claim),
        ),
        meta,
        dest_dir + "index.html",
        site.css,
        other_lang=other,
        other_dest=addresses.href(addresses.share_path(other, claim.id)),
        other_name=languages.names.get(other, other),
        bibliography_href=addresses.page_href(site.bibliography_page, lang),
        home_href=addresses.page_href("index.md", lang),
        leaflet="\n".join(part for part in (text, f"({short})" if short else "", url) if part),
        favicon=site.favicon,
        extra="".join(hook(claim.id, lang, context_url, text) for hook in site.hooks),
    )
    return html_text, card

"""One critical path per page: nothing but the HTML before the first paint.

Material's pages get it from overrides/partials/styles.html and theme.html (the `styles` and
`header` blocks of overrides/main.html): this module fills <style data-critical> with the
page's critical CSS. Pages written outside Material's templates (share pages /c/<id>/, any
page a plugin writes) get the same markup: their stylesheet links in <head> are folded into
it. External scripts are loaded after the first paint too, in their order (the loader then
repeats DOMContentLoaded, which Material's bundle waits for).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable

from .critical import Stylesheet

PLACEHOLDER = "<style data-critical></style>"
_HEAD_END = re.compile(r"</head\s*>", re.I)
_STYLESHEET = re.compile(
    r"""[ \t]*<link\b(?=[^>]*\brel=["']?stylesheet["']?)(?![^>]*\bmedia=["']?print)[^>]*>\n?""",
    re.I,
)
_HREF = re.compile(r"""\bhref=["']([^"']+)["']""", re.I)
_NOSCRIPT = re.compile(r"<noscript>.*?</noscript>", re.S | re.I)
_EXTERNAL_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*\bsrc=[^>]*)>", re.I)
_BODY = re.compile(r"<body\b[^>]*>", re.I)
_THEME_MARK = "data-dark="


def local_href(href: str) -> bool:
    return not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", href, re.I)


def scripts_after_paint(page: str) -> str:
    """Every external classic script becomes a placeholder the loader of partials/styles.html
    turns back into a script after the first paint, in the same order."""

    def placeholder(match: re.Match) -> str:
        attrs = match.group("attrs")
        if re.search(r"""\stype=["']?(?!text/javascript|application/javascript)""", attrs, re.I):
            return match.group(0)  # modules and data blocks are left alone
        attrs = re.sub(r"\s(?:defer|async)(?==|\s|$)(?:=[\"'][^\"']*[\"'])?", "", attrs)
        attrs = re.sub(r"\ssrc=", " data-src=", attrs, count=1)
        return f'<script type="text/plain" data-after-paint{attrs}>'

    return _EXTERNAL_SCRIPT.sub(placeholder, page)


def blocking_stylesheets(page: str) -> list[str]:
    """hrefs of the stylesheets in <head> that block the first paint (outside <noscript>)."""
    head_end = _HEAD_END.search(page)
    head = _NOSCRIPT.sub("", page[: head_end.start() if head_end else len(page)])
    return [_HREF.search(link).group(1) for link in _STYLESHEET.findall(head) if _HREF.search(link)]


def fold_stylesheets(
    page: str, styles_markup: Callable[[], str], merged: set[str]
) -> tuple[str, list[str]]:
    """Move the head's blocking stylesheet links into the critical-path markup: Material's
    and the project's are in site.css already; any other (a page's own) is loaded with it.
    Returns the page and the hrefs of the page's own stylesheets."""
    head_end = _HEAD_END.search(page)
    if not head_end:
        return page, []
    head, rest = page[: head_end.start()], page[head_end.start() :]
    links = [m for m in _STYLESHEET.finditer(_NOSCRIPT.sub(_blank, head))]
    if not links and PLACEHOLDER in head:
        return page, []
    own: list[str] = []
    first = links[0].start() if links else None
    for match in reversed(links):
        href = html_lib.unescape(_HREF.search(match.group(0)).group(1))
        if local_href(href) and not _site_wide(href, merged):
            own.insert(0, href)
        head = head[: match.start()] + head[match.end() :]
    if PLACEHOLDER not in head:
        at = first if first is not None else len(head)
        head = head[:at] + styles_markup() + "\n" + head[at:]
    if own:
        extra = "".join(
            f'<link rel="stylesheet" href="{html_lib.escape(href, quote=True)}">' for href in own
        )
        head = head.replace("<noscript><link", "<noscript>" + extra + "<link", 1)
    return head + rest, own


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))  # keeps offsets while hiding <noscript> links


def _site_wide(href: str, merged: set[str]) -> bool:
    """Material's stylesheets and those merged into site.css (by file name)."""
    name = href.split("?")[0].rsplit("/", 1)[-1]
    return bool(re.match(r"^(?:main|palette)\.[0-9a-f]+\.min\.css$", name)) or name in merged


def add_theme_script(page: str, theme_markup: Callable[[], str]) -> str:
    """Pages without Material's header get the no-flash theme script first thing in <body>."""
    if _THEME_MARK in page:
        return page
    body = _BODY.search(page)
    if not body:
        return page
    return page[: body.end()] + "\n" + theme_markup() + page[body.end() :]


def fill_critical(page: str, stylesheet: Stylesheet) -> str:
    if PLACEHOLDER not in page:
        return page
    css = stylesheet.critical(page)
    return page.replace(PLACEHOLDER, f"<style data-critical>{css}</style>", 1)

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
from pathlib import Path

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


_IMG = re.compile(r"<img\b[^>]*>", re.I)
# Characters of article text a first screen holds (a phone shows ~1200, a wide screen more).
FIRST_SCREEN_CHARS = 2400
_ARTICLE = re.compile(r"<article\b", re.I)
_TAG_OR_TEXT = re.compile(r"<[^>]*>|[^<]+")


def lazy_images(page: str, size_of: Callable[[str], tuple[int, int] | None]) -> str:
    """Every <img> gets its width and height (nothing shifts as it loads); those past the first
    screen (FIRST_SCREEN_CHARS of article text) load lazily and are decoded off the main thread."""
    article = _ARTICLE.search(page)
    fold = len(page)
    if article:
        seen = 0
        for match in _TAG_OR_TEXT.finditer(page, article.start()):
            if not match.group(0).startswith("<"):
                seen += len(match.group(0).strip())
                if seen > FIRST_SCREEN_CHARS:
                    fold = match.start()
                    break

    def fix(match: re.Match) -> str:
        tag = match.group(0)
        attrs = tag[4:].rstrip("/>").rstrip()
        if not re.search(r"\swidth=", tag) or not re.search(r"\sheight=", tag):
            src = re.search(r"""\ssrc=["']([^"']+)["']""", tag)
            size = size_of(html_lib.unescape(src.group(1))) if src else None
            if size:
                attrs += f' width="{size[0]}" height="{size[1]}"'
        if match.start() > fold and not re.search(r"\sloading=", tag):
            attrs += ' loading="lazy" decoding="async"'
        return f"<img{attrs}>"

    return _IMG.sub(fix, page)


_PRELOAD = re.compile(r"""<link\b[^>]*\brel=["']?(?:preload|modulepreload)["']?[^>]*>""", re.I)
_SRC = re.compile(r"""\ssrc=["']([^"']+)["']""", re.I)


def requested_before_paint(page: str) -> list[str]:
    """What the HTML makes a browser fetch while parsing, before any script of ours runs: the
    head's stylesheets (outside <noscript>), every <script src> (deferred ones too: they share
    the line with the page), eager images and preloads. After issue 16: nothing."""
    without_noscript = _NOSCRIPT.sub("", page)
    found = blocking_stylesheets(page)
    found += [
        m.group(1)
        for m in _EXTERNAL_SCRIPT.finditer(without_noscript)
        for m in [_SRC.search(m.group(0))]
        if m
    ]
    for tag in _IMG.findall(without_noscript):
        src = _SRC.search(tag)
        if src and not re.search(r"""\sloading=["']?lazy""", tag, re.I):
            found.append(src.group(1))
    found += [h.group(1) for tag in _PRELOAD.findall(without_noscript) if (h := _HREF.search(tag))]
    return [html_lib.unescape(href) for href in found]


def bytes_before_paint(site_dir: Path, page_path: str) -> tuple[int, list[tuple[str, int]]]:
    """Bytes on the wire (gzip as a Pages-like server sends them) before the first paint: the
    HTML and whatever it requests before then. Returns the total and each file's share."""
    from .serve import transfer_size

    file = site_dir / page_path
    parts = [(page_path, transfer_size(file))]
    for href in requested_before_paint(file.read_text(encoding="utf-8")):
        if not local_href(href):
            parts.append((href, 10**9))  # a third party before paint: over any budget
            continue
        target = (file.parent / href.split("?")[0].split("#")[0]).resolve()
        parts.append((href, transfer_size(target) if target.is_file() else 0))
    return sum(size for _name, size in parts), parts

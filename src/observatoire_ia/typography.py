"""French typography: no-break spaces before high punctuation and inside guillemets.

Authors type ordinary spaces; French pages get the right no-break spaces at build time,
and `find_french_spacing_errors` reports what cannot be fixed automatically (a missing space).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

NBSP = "\u00a0"  # before « : » and inside guillemets
NNBSP = "\u202f"  # narrow no-break space before ; ! ?

_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_SPACES = "[ \u00a0\u202f]"


# Text without any of these has nothing to fix (most text nodes of a page): skip the regexes.
_NEEDS_FIX = re.compile(rf"[:;!?«»%]|\d{_SPACES}\d")


_FIXES = [
    (re.compile(rf"{_SPACES}+:"), NBSP + ":"),
    (re.compile(rf"{_SPACES}+([;!?])"), NNBSP + r"\1"),
    (re.compile(rf"(\d){_SPACES}+%"), "\\1" + NNBSP + "%"),
    # Thousands: 300 000 -> 300 000 (narrow no-break), never across a line break.
    (re.compile(rf"(?<![\d,.])(\d{{1,3}})(?:{_SPACES})(?=\d{{3}}(?!\d))"), "\\1" + NNBSP),
    (re.compile(rf"«{_SPACES}*"), "«" + NBSP),
    (re.compile(rf"{_SPACES}*»"), NBSP + "»"),
]
# An element whose text is left alone (its name: letters and digits, as far as they go).
_SKIPPED_TAG = re.compile(r"</?\s*(?:code|pre|script|style|kbd|samp)(?![a-zA-Z0-9])", re.I | re.A)


def _fix_text(text: str) -> str:
    if not _NEEDS_FIX.search(text):
        return text
    for pattern, replacement in _FIXES:
        text = pattern.sub(replacement, text)
    return text


def _map_text(html: str, change: Callable[[str], str]) -> str:
    """Apply `change` to the text of an HTML fragment, outside tags and outside <code>, <pre>,
    <script>, <style>, <kbd> and <samp>."""
    out = []
    skip = 0
    for part in _TAG_OR_TEXT.split(html):
        if part.startswith("<"):
            if _SKIPPED_TAG.match(part):
                skip += -1 if part.startswith("</") else 1
                skip = max(skip, 0)
            out.append(part)
        else:
            out.append(part if skip else change(part))
    return "".join(out)


def french_spacing(html: str) -> str:
    """Apply French no-break spacing to the text of an HTML fragment (tags untouched)."""
    return _map_text(html, _fix_text)


# A quotation to mark: something to pronounce between « and » (an empty « » is left alone).
_FRENCH_QUOTATION = re.compile(r"«\s*[^\s«»][^«»]*»")


def mark_french_quotes(html: str) -> str:
    """On an English page, a French quotation kept beside its translation (« … ») is marked
    `lang="fr"`, so that screen readers pronounce it in French (WCAG 3.1.2, language of parts).
    Only quotations within one text node are marked (none spans markup today)."""
    return _map_text(html, _mark_quotes)


def _mark_quotes(text: str) -> str:
    if "«" not in text:
        return text
    return _FRENCH_QUOTATION.sub(lambda m: f'<span lang="fr">{m.group(0)}</span>', text)


# A letter glued to high punctuation (« mot: ») or to a guillemet; URLs and times are excluded.
_MISSING_SPACE = re.compile(r"(?<![:/\w.])[^\W\d_]+[;!?](?=\s|$)|[^\W\d_]+:(?=\s)|«\S|\S»")


def find_french_spacing_errors(text: str) -> list[str]:
    """Snippets of plain French text where a space before `: ; ! ?` or inside « » is missing."""
    return [match.group(0) for match in _MISSING_SPACE.finditer(text)]


# -- Checking built French pages ----------------------------------------------------------
# The build fixes what it can (french_spacing); these checks read the text a reader sees on a
# built French page (text nodes only: not code, URLs or attributes) and report the rest.

_OBJECT = "\ufffc"  # stands for skipped code, so that neighbouring text is not glued together


@dataclass(frozen=True)
class TypographyError:
    kind: str  # spacing · number · date
    snippet: str
    message: str


_SPACING_RULES = [
    (re.compile(r"\S[ \t\r\n]+[:;!?»]"), "breaking space before « {p} »: use a no-break space"),
    (re.compile(r"«[ \t\r\n]+\S"), "breaking space after «: use a no-break space"),
    (re.compile(r"[\w)\]»\"”’%…][;!?:](?=[\s)]|$)"), "missing no-break space before « {p} »"),
    (re.compile(r"«[^\s]"), "missing no-break space after «"),
    (re.compile(r"[^\s]»"), "missing no-break space before »"),
]
# Licence versions and standards keep their dotted numbers (CC BY-SA 4.0, ISO 26000:2010).
_NUMBER_EXCEPTIONS = re.compile(r"\bCC BY(?:-[A-Z]{2})* \d+\.\d+\b|\bISO \d+(?:[:-]\d+)*")
_NUMBER_RULES = [
    (
        re.compile(r"(?<![\w.,/-])\d{1,3}(?:\.\d{3})+(?![\w.,/-])"),
        "thousands are separated by a no-break space in French (300 000)",
    ),
    (
        re.compile(r"(?<![\w.,/-])[1-9]\d{0,2}(?:,\d{3})+(?![\w.,/-])"),
        "English thousands separator: write 300 000 in French",
    ),
    (
        re.compile(r"(?<![\w.,/-])\d+\.\d+(?![\w.,/-])"),
        "English decimal point: write 4,2 in French",
    ),
    (
        re.compile(r"(?<![\w.,])\d{1,3}[ \t\r\n]\d{3}(?!\d)"),
        "ordinary space inside a number: use a no-break space",
    ),
    (re.compile(r"\d%"), "a no-break space goes before % in French (65 %)"),
]
_MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_RULES = [
    (
        re.compile(r"(?<![\w/-])(?:19|20)\d\d[-/](?:0[1-9]|1[0-2])[-/](?:[0-2]\d|3[01])(?![\w/-])"),
        "ISO date in French prose: write 14 février 2025",
    ),
    (
        re.compile(r"(?<![\w/])(?:0?[1-9]|1[0-2])/(?:1[3-9]|2\d|3[01])/(?:19|20)\d\d(?![\w/])"),
        "month-first date: write 14 février 2025 (or 14/02/2025)",
    ),
    (
        re.compile(rf"\b(?:{_MONTHS_EN}) \d{{1,2}}, \d{{4}}\b"),
        "English date in French prose: write 14 février 2025",
    ),
]
# Quoted text keeps its original notation: blanked out before numbers and dates are checked.
_QUOTED = re.compile(r"«[^«»]*»")


def _snippet(text: str, start: int, end: int, width: int = 25) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    shown = text[left:right].replace("\u00a0", "⍽").replace("\u202f", "⍽").replace("\n", " ")
    return (
        ("…" if left else "")
        + shown.replace(_OBJECT, "<code>")
        + ("…" if right < len(text) else "")
    )


def find_typography_errors(text: str, numbers_and_dates: bool = True) -> list[TypographyError]:
    """French typography errors in one block of plain text (a paragraph, a list item, a cell).

    Numbers and dates inside « » are quotations and keep their original notation; pass
    `numbers_and_dates=False` for text quoted verbatim (the union texts on their source pages).
    """
    errors = []
    for pattern, message in _SPACING_RULES:
        for match in pattern.finditer(text):
            mark = match.group(0).strip()[-1] if "{p}" in message else ""
            errors.append(
                TypographyError("spacing", _snippet(text, *match.span()), message.format(p=mark))
            )
    if not numbers_and_dates:
        return errors
    blank = lambda m: " " * len(m.group(0))  # noqa: E731 (keep offsets)
    prose = _QUOTED.sub(blank, _NUMBER_EXCEPTIONS.sub(blank, text))
    for kind, rules in (("number", _NUMBER_RULES), ("date", _DATE_RULES)):
        for pattern, message in rules:
            for match in pattern.finditer(prose):
                errors.append(TypographyError(kind, _snippet(text, *match.span()), message))
    return errors


class _TextBlocks(HTMLParser):
    BLOCKS = {
        "p", "li", "td", "th", "dt", "dd", "div", "blockquote", "figcaption", "caption", "title",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "nav", "section", "article",
        "aside", "main", "summary", "details", "label", "button", "option", "ul", "ol", "table",
        "tr", "form", "body", "br", "hr",
    }  # fmt: skip
    SKIPPED = {"script", "style", "code", "pre", "kbd", "samp", "svg", "math", "textarea", "template"}  # fmt: skip
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _flush(self) -> None:
        text = "".join(self.current).strip()
        if text.replace(_OBJECT, "").strip():
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = (attributes.get("lang") or "").lower()
        skipped = (
            self.skipping
            or tag in self.SKIPPED
            or (lang and not lang.startswith("fr"))
            or attributes.get("translate") == "no"
        )
        if tag in self.BLOCKS and not self.skipping:
            self._flush()
        if tag in self.SKIPPED and not self.skipping:
            self.current.append(_OBJECT)
        if tag not in self.VOID:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCKS and not self.skipping:
            self._flush()

    def handle_endtag(self, tag):
        if not any(open_tag == tag for open_tag, _ in self.stack):
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break
        if tag in self.BLOCKS and not self.skipping:
            self._flush()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)

    def close(self):
        super().close()
        self._flush()


def text_blocks(html: str) -> list[str]:
    """The visible text of an HTML page, one string per block; code, scripts, SVG, attributes
    and elements in another language (lang="en") are left out."""
    parser = _TextBlocks()
    parser.feed(html)
    parser.close()
    return parser.blocks


def check_french_html(html: str, numbers_and_dates: bool = True) -> list[TypographyError]:
    """French typography errors in the text of a built French page."""
    return [
        error
        for block in text_blocks(html)
        for error in find_typography_errors(block, numbers_and_dates)
    ]

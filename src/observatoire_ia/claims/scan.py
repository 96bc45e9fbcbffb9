"""Find claims and citations in the Markdown sources, with the line each one is on.

A claim is a paragraph, list item or table row followed by an attribute list naming it:

    Les data centers pourraient consommer… [@Solidaires2025; @ContreSommet2025].
    {: .claim #eau-datacenters-2027 }

In a table, the attribute list ends the row's last cell: `| … [@Key] {: .claim #id } |`.
Citations use pandoc's syntax: `[@key]`, `[@key, p. 3]`, `[@a; @b]`; `[@key, § 12]`
points at passage 12 of a union text on its source page, `[@key, § 56–57]` and
`[@key, § 5, 27]` at several (see locators.py).

This module reads the raw Markdown once, so that every error names a file and a line and
so that the whole site's claims (both languages) are known before any page is rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import LocatedError, Location
from .locators import LocatorError, Passages, parse_passages

CLAIM_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY = r"[A-Za-z0-9_:-]+"
# `[@key…]` not followed by `(` (that would be a Markdown link whose text starts with @).
CITATION = re.compile(r"\[(?P<body>@" + KEY + r"[^\[\]\n]*)\](?!\()")
CITATION_ITEM = re.compile(r"^\s*@(?P<key>" + KEY + r")\s*(?:,\s*(?P<locator>\S.*?))?\s*$")
ATTR_LIST = re.compile(r"\{:?[ \t]*(?P<body>[^{}\n]*?)[ \t]*\}")
OWN_LINE_ATTR = re.compile(r"^[ \t]*\{:?[ \t]*(?P<body>[^{}\n]*?)[ \t]*\}[ \t]*$")
FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)")
LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d+[.)])[ \t]+")
AUTOLINK = re.compile(r"<[^>\s]+(?:://|@)[^>\s]*>|https?://\S+|\S+@\S+\.\w+")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
TITLE_FIELD = re.compile(r"^title:\s*(?P<title>.+?)\s*$", re.MULTILINE)
DATE_ATTR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
CONTAINERS = ("!!!", "???", "===")
# A line that starts a block of its own: an ATX heading (`#` then a space: `#TouchePasMaVF` at
# the start of a wrapped line is text), a table row, an admonition.
BLOCK_START = re.compile(r"^[ \t]*(?:#{1,6}(?:[ \t]|$)|\||!!!|\?\?\?)")
HEADING = re.compile(r"^#\s+(?P<title>.+?)\s*(?:\{[^}]*\})?\s*$", re.MULTILINE)
# A link, reference definition or HTML attribute whose URL runs a script instead of opening a page.
SCRIPT_URL = re.compile(
    r"(?:\]\(\s*<?|^[ \t]{0,3}\[[^\]]+\]:[ \t]*<?|\b(?:href|src|action|formaction)\s*=\s*[\"']?\s*)"
    r"(?P<url>(?:javascript|vbscript)\s*:[^\s)\"'>]*)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CitationRef:
    key: str
    locator: str | None
    line: int

    @property
    def passages(self) -> Passages | None:
        """The passages of a union text a `§` locator names (None for no or another locator).

        Only called on citations `scan_page` has accepted: their `§` locators parse."""
        return parse_passages(self.locator)

    @property
    def passage(self) -> int | None:
        """The first passage named (where « lire dans le texte » leads)."""
        passages = self.passages
        return passages.first if passages else None


@dataclass
class Claim:
    id: str
    lang: str
    page: str  # path inside the language folder, e.g. "travail/emploi.md"
    line: int
    markdown: str  # the claim's block, attribute list removed
    citations: list[CitationRef]
    classes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    attrs: dict[str, str] = field(default_factory=dict)  # e.g. {"date": "2025-02-14"}

    @property
    def keys(self) -> list[str]:
        """Cited keys in order of first appearance, without repeats."""
        return list(dict.fromkeys(citation.key for citation in self.citations))

    @property
    def theme(self) -> str | None:
        return self.page.split("/", 1)[0] if "/" in self.page else None


@dataclass
class PageScan:
    lang: str
    page: str
    path: str  # as shown in messages, e.g. "docs/fr/travail/emploi.md"
    title: str
    claims: list[Claim] = field(default_factory=list)
    citations: list[CitationRef] = field(default_factory=list)  # every citation of the page
    errors: list[LocatedError] = field(default_factory=list)


def parse_attributes(body: str) -> tuple[str | None, list[str], dict[str, str]]:
    """`.claim #id tags="a b"` -> ("id", ["claim"], {"tags": "a b"})."""
    ident: str | None = None
    classes: list[str] = []
    attrs: dict[str, str] = {}
    for token in re.findall(r'[\w-]+="[^"]*"|[\w-]+=\'[^\']*\'|\S+', body):
        if token.startswith("#"):
            ident = token[1:]
        elif token.startswith("."):
            classes.append(token[1:])
        elif "=" in token:
            name, value = token.split("=", 1)
            attrs[name] = value.strip("\"'")
    return ident, classes, attrs


def page_title(markdown: str, fallback: str) -> str:
    front = FRONT_MATTER.match(markdown)
    if front:
        match = TITLE_FIELD.search(front.group(0))
        if match:
            return match.group("title").strip("\"'")
    heading = HEADING.search(markdown)
    return heading.group("title") if heading else fallback


def _mask_code(lines: list[str]) -> list[str]:
    """Blank out fenced code, indented code, HTML comments and code spans (keeping line count)."""
    masked: list[str] = []
    fence: str | None = None
    in_comment = False
    in_container = False  # list item or admonition: indented lines are its content, not code
    previous_blank = True
    for line in lines:
        if fence:
            if line.strip().startswith(fence):
                fence = None
            masked.append("")
            continue
        match = FENCE.match(line)
        if match:
            fence = match.group("fence")
            masked.append("")
            continue
        while in_comment or "<!--" in line:  # every comment of the line, not only the first
            start = 0 if in_comment else line.index("<!--")
            end = line.find("-->", start)
            in_comment = end == -1
            line = line[:start] + ("" if in_comment else line[end + 3 :])
            if in_comment:
                break
        stripped = line.strip()
        if stripped and not line.startswith((" ", "\t")):
            in_container = bool(LIST_ITEM.match(line)) or stripped.startswith(CONTAINERS)
        indented_code = (
            previous_blank and not in_container and re.match(r"^(?: {4}|\t)", line) and stripped
        )
        if indented_code:
            masked.append("")
            previous_blank = True  # the code block goes on while its lines stay indented
            continue
        previous_blank = not stripped
        line = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        line = AUTOLINK.sub(lambda m: " " * len(m.group(0)), line)
        masked.append(line)
    return masked


def _citations_in(
    line: str, number: int, where: str, errors: list[LocatedError]
) -> list[CitationRef]:
    found = []
    for match in CITATION.finditer(line):
        for item in match.group("body").split(";"):
            parsed = CITATION_ITEM.match(item)
            if not parsed:
                errors.append(
                    LocatedError(
                        Location(where, number),
                        f"malformed citation [{match.group('body')}]: write [@key], "
                        "[@key, p. 3] or [@a; @b]",
                    )
                )
                continue
            try:
                parse_passages(parsed.group("locator"))
            except LocatorError as error:
                errors.append(
                    LocatedError(Location(where, number), f"[@{parsed.group('key')}]: {error}")
                )
                continue
            found.append(CitationRef(parsed.group("key"), parsed.group("locator"), number))
    return found


def _block_start(masked: list[str], marker_index: int, marker_indent: int) -> int:
    """Index of the first line of the block that the attribute list on `marker_index` closes."""
    index = marker_index - 1
    while index >= 0:
        line = masked[index]
        if not line.strip():
            return index + 1
        item = LIST_ITEM.match(line)
        if item and len(item.group("indent").expandtabs(4)) <= marker_indent:
            return index
        if BLOCK_START.match(line):
            return index + 1
        index -= 1
    return 0


def scan_page(markdown: str, lang: str, page: str, path: str) -> PageScan:
    """Claims and citations of one Markdown page, with located errors."""
    lines = markdown.split("\n")
    masked = _mask_code(lines)
    front = FRONT_MATTER.match(markdown)
    body_start = front.group(0).count("\n") if front else 0
    scan = PageScan(lang, page, path, page_title(markdown, page))
    claimed_lines: set[int] = set()

    for index in range(body_start, len(masked)):
        line = masked[index]
        number = index + 1
        scan.citations.extend(_citations_in(line, number, path, scan.errors))
        for match in SCRIPT_URL.finditer(line):
            scan.errors.append(
                LocatedError(
                    Location(path, number),
                    f"script URL {match.group('url')!r}: link to a page of the site or to an "
                    "http(s) address",
                )
            )
        for match in ATTR_LIST.finditer(line):
            ident, classes, attrs = parse_attributes(match.group("body"))
            if "claim" not in classes:
                continue
            location = Location(path, number)
            if not ident:
                scan.errors.append(LocatedError(location, "claim without an id: add #some-id"))
                continue
            if not CLAIM_ID.match(ident):
                scan.errors.append(
                    LocatedError(
                        location,
                        f"claim id {ident!r} must be lower-case words joined by hyphens "
                        "(a-z, 0-9), e.g. eau-datacenters-2027",
                    )
                )
                continue
            own_line = OWN_LINE_ATTR.match(line)
            if own_line:
                indent = len(line) - len(line.lstrip())
                start = _block_start(masked, index, indent)
                block = list(range(start, index))
            elif line.lstrip().startswith("|"):
                block = [index]
            else:
                scan.errors.append(
                    LocatedError(
                        location,
                        f"claim {ident!r}: put its attribute list on its own line under the "
                        "paragraph or list item (or at the end of a table row's last cell)",
                    )
                )
                continue
            bad_date = attrs.get("date") and not DATE_ATTR.match(attrs["date"])
            if bad_date:
                scan.errors.append(
                    LocatedError(
                        location, f"claim {ident!r}: date={attrs['date']!r} is not YYYY-MM-DD"
                    )
                )
            if not block:
                scan.errors.append(
                    LocatedError(
                        location, f"claim {ident!r}: no paragraph before its attribute list"
                    )
                )
                continue
            citations = [
                citation for i in block for citation in _citations_in(masked[i], i + 1, path, [])
            ]
            source = "\n".join(
                ATTR_LIST.sub("", lines[i]) if i == index else lines[i] for i in block
            )
            if not citations:
                scan.errors.append(
                    LocatedError(
                        location,
                        f"claim {ident!r} has no citation: add [@key] with a key of bibliography.bib",
                    )
                )
            claimed_lines.update(block)
            scan.claims.append(
                Claim(
                    id=ident,
                    lang=lang,
                    page=page,
                    line=block[0] + 1,
                    markdown=source.strip(),
                    citations=citations,
                    classes=tuple(c for c in classes if c != "claim"),
                    tags=tuple(attrs.get("tags", "").replace(",", " ").split()),
                    attrs={k: v for k, v in attrs.items() if k != "tags"},
                )
            )
    for citation in scan.citations:
        if citation.line - 1 not in claimed_lines:
            scan.errors.append(
                LocatedError(
                    Location(path, citation.line),
                    f"citation [@{citation.key}] is outside any claim: end its paragraph with "
                    "{: .claim #some-id }",
                )
            )
    return scan

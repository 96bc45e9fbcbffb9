"""Markdown (pandoc's output, or a .md file) into blocks: headings, paragraphs, list items.

Tables become one block per row (« cell — cell »), block quotes plain paragraphs; images are
dropped and relative links keep their text only (their targets are not pages of this site).
Each change is noted for the report.
"""

from __future__ import annotations

import re

from .model import Block

ATX = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
SETEXT = re.compile(r"^[ \t]*(?P<rule>=+|-+)[ \t]*$")
ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d+[.)])[ \t]+(?P<text>.*)$")
TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
QUOTE = re.compile(r"^[ \t]*>[ \t]?")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]*)(?:[ \t]+\"[^\"]*\")?\)")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")  # a thematic break


def markdown_blocks(markdown: str) -> tuple[list[Block], list[str]]:
    """The blocks of a Markdown text, and notes on what was changed."""
    notes: list[str] = []
    markdown = COMMENT.sub("", markdown)
    images = len(IMAGE.findall(markdown))
    if images:
        markdown = IMAGE.sub("", markdown)
        notes.append(f"images dropped: {images} (the site reproduces the text only)")
    relative = [m for m in LINK.finditer(markdown) if not _kept_link(m.group("target"))]
    if relative:
        markdown = LINK.sub(
            lambda m: m.group(0) if _kept_link(m.group("target")) else m.group("text"), markdown
        )
        notes.append(
            f"links to the document's own parts or files kept as text: {len(relative)} "
            f"({', '.join(sorted({m.group('target') for m in relative})[:5])})"
        )
    blocks: list[Block] = []
    current: Block | None = None
    rows = 0
    fence: str | None = None

    def close() -> None:
        nonlocal current
        if current is not None and current.text:
            blocks.append(current)
        current = None

    for line in markdown.split("\n"):
        if fence:
            if line.strip().startswith(fence):
                fence = None
                close()
            elif current is not None:
                current.lines.append(line)
            continue
        if not line.strip():
            close()
            continue
        fenced = FENCE.match(line)
        if fenced:
            close()
            fence = fenced.group(1)
            current = Block("paragraph", [], markdown=False)
            continue
        heading = ATX.match(line)
        if heading:
            close()
            level = len(heading.group("hashes"))
            blocks.append(Block("heading", [heading.group("text")], markdown=True, level=level))
            continue
        setext = SETEXT.match(line)
        if setext and current is not None and current.kind == "paragraph" and current.lines:
            level = 1 if setext.group("rule").startswith("=") else 2
            blocks.append(Block("heading", current.lines, markdown=True, level=level))
            current = None
            continue
        if TABLE_RULE.match(line) and "|" in line:
            continue
        if RULE.match(line) and not (current is not None and line.strip().startswith("-")):
            close()
            continue
        if TABLE_ROW.match(line):
            close()
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if any(cells):
                blocks.append(Block("paragraph", [" — ".join(c for c in cells if c)], True))
                rows += 1
            continue
        item = ITEM.match(line)
        if item and not (current is not None and current.kind != "item" and item.group("indent")):
            close()
            marker = item.group("marker")
            marker = "-" if marker in "-*+" else marker.rstrip(".)") + "."
            current = Block("item", [item.group("text")], markdown=True, marker=marker)
            continue
        text = QUOTE.sub("", line)
        if current is None:
            current = Block("paragraph", [text], markdown=True)
        else:
            current.lines.append(text)
    close()
    if rows:
        notes.append(f"table rows turned into passages « cell — cell »: {rows}")
    return blocks, notes


def _kept_link(target: str) -> bool:
    """Links to the web stay links; mailto/tel go to contacts.py; anything else is text."""
    return target.startswith(("https://", "http://", "mailto:", "tel:"))

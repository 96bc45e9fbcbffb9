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
    markdown, notes = _without_images_and_local_links(COMMENT.sub("", markdown))
    reader = _Reader()
    for line in markdown.split("\n"):
        reader.read(line)
    reader.close()
    if reader.rows:
        notes.append(f"table rows turned into passages « cell — cell »: {reader.rows}")
    return reader.blocks, notes


def _without_images_and_local_links(markdown: str) -> tuple[str, list[str]]:
    notes: list[str] = []
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
    return markdown, notes


class _Reader:
    """Lines in, blocks out: the block being read is `current` until a line closes it."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.rows = 0  # table rows read
        self.fence: str | None = None  # inside a fenced code block: its fence

    def close(self) -> None:
        if self.current is not None and self.current.text:
            self.blocks.append(self.current)
        self.current = None

    def read(self, line: str) -> None:
        if self.fence:
            self._fenced(line)
        elif not line.strip():
            self.close()
        elif not (self._opens_fence(line) or self._heading(line) or self._table_or_rule(line)):
            self._item_or_text(line)

    def _fenced(self, line: str) -> None:
        if line.strip().startswith(self.fence):
            self.fence = None
            self.close()
        elif self.current is not None:
            self.current.lines.append(line)

    def _opens_fence(self, line: str) -> bool:
        fenced = FENCE.match(line)
        if fenced:
            self.close()
            self.fence = fenced.group(1)
            self.current = Block("paragraph", [], markdown=False)
        return bool(fenced)

    def _heading(self, line: str) -> bool:
        heading = ATX.match(line)
        if heading:
            self.close()
            level = len(heading.group("hashes"))
            self.blocks.append(
                Block("heading", [heading.group("text")], markdown=True, level=level)
            )
            return True
        setext = SETEXT.match(line)
        current = self.current
        if setext and current is not None and current.kind == "paragraph" and current.lines:
            level = 1 if setext.group("rule").startswith("=") else 2
            self.blocks.append(Block("heading", current.lines, markdown=True, level=level))
            self.current = None
            return True
        return False

    def _table_or_rule(self, line: str) -> bool:
        if TABLE_RULE.match(line) and "|" in line:
            return True
        if RULE.match(line) and not (self.current is not None and line.strip().startswith("-")):
            self.close()
            return True
        if TABLE_ROW.match(line):
            self.close()
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if any(cells):
                self.blocks.append(Block("paragraph", [" — ".join(c for c in cells if c)], True))
                self.rows += 1
            return True
        return False

    def _item_or_text(self, line: str) -> None:
        item = ITEM.match(line)
        current = self.current
        if item and not (current is not None and current.kind != "item" and item.group("indent")):
            self.close()
            marker = item.group("marker")
            marker = "-" if marker in "-*+" else marker.rstrip(".)") + "."
            self.current = Block("item", [item.group("text")], markdown=True, marker=marker)
            return
        text = QUOTE.sub("", line)
        if current is None:
            self.current = Block("paragraph", [text], markdown=True)
        else:
            current.lines.append(text)


def _kept_link(target: str) -> bool:
    """Links to the web stay links; mailto/tel go to contacts.py; anything else is text."""
    return target.startswith(("https://", "http://", "mailto:", "tel:"))

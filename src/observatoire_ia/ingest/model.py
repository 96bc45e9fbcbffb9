"""What the readers produce and the rules transform: pages of blocks, and what was removed."""

from __future__ import annotations

from dataclasses import dataclass, field


class IngestError(Exception):
    """A clear reason why the text cannot be ingested; nothing has been written."""


@dataclass
class Block:
    """A paragraph, heading or list item of the document.

    `lines` are the block's lines as the reader found them (a PDF block keeps its line breaks
    until layout.join_lines); `markdown` says whether they are Markdown (pandoc's output, a .md
    file) or plain text to escape.
    """

    kind: str  # "paragraph" | "heading" | "item"
    lines: list[str]
    markdown: bool = False
    level: int = 1  # heading level in the document (1 = top)
    marker: str = "-"  # list item marker: "-" or "1." (ordered lists keep their numbers)
    size: float = 0.0  # PDF: the block's line height (a larger font is a heading)
    page: int = 1

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines if line.strip())


@dataclass
class Page:
    number: int
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    """A read document: its pages (one for formats without pages) and its own metadata."""

    path: str
    format: str  # "PDF", "DOCX", "ODT", "HTML", "Markdown", "text"
    pages: list[Page]
    metadata: dict[str, str] = field(default_factory=dict)  # title, author, date, url
    notes: list[str] = field(default_factory=list)  # what the reader dropped (images…)

    @property
    def blocks(self) -> list[Block]:
        return [block for page in self.pages for block in page.blocks]


@dataclass(frozen=True)
class Removal:
    """Something the rules took out of the text, for the report."""

    rule: str  # "page number", "running header/footer", "hyphenation", …
    text: str
    page: int | None = None

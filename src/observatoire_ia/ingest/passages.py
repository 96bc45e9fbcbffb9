"""Blocks into the numbered passages of a source page: one passage per block, `{: #pN }`.

Headings keep their level under the page's « Texte intégral » (the document's top level
becomes ###); list items stay list items; plain text (PDF, .txt) is escaped so that Markdown
shows it as printed.
"""

from __future__ import annotations

import re

from .contacts import OMISSION, PLACEHOLDER
from .model import Block

# Characters Markdown would read as markup anywhere in plain text.
_INLINE = re.compile(r"([\\`*_\[\]{}])")
# What Markdown would read as markup at the start of a line.
_LINE_START = re.compile(r"^[#>+|-]")
_NUMBERED = re.compile(r"^(\d+)([.)])(?=\s)")  # « 1. » would start a numbered list
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def escape_plain(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text)
    text = _TAG_START.sub("&lt;", text)
    text = _LINE_START.sub(lambda m: "\\" + m.group(0), text)
    return _NUMBERED.sub(r"\1\\\2", text)


def passage_text(block: Block) -> str:
    text = " ".join(block.text.split())
    if block.markdown:
        # A brace would open an attribute list ({: …}) on the site.
        text = re.sub(r"(?<!\\)([{}])", r"\\\1", text)
    else:
        text = escape_plain(text)
    return text.replace(PLACEHOLDER, OMISSION)


def render_passages(blocks: list[Block]) -> str:
    """The Markdown of the text in full, passage N anchored `#pN`, in document order."""
    top = min((block.level for block in blocks if block.kind == "heading"), default=1)
    parts: list[str] = []
    previous: Block | None = None
    for number, block in enumerate(blocks, start=1):
        text = passage_text(block)
        anchor = f"{{: #p{number} }}"
        if block.kind == "heading":
            level = min(6, 3 + block.level - top)
            chunk = f"{'#' * level} {text} {anchor}"
        elif block.kind == "item":
            chunk = f"{block.marker} {text}\n{' ' * (len(block.marker) + 1)}{anchor}"
        else:
            chunk = f"{text}\n{anchor}"
        tight = previous is not None and previous.kind == block.kind == "item"
        parts.append(("\n" if tight else "\n\n") + chunk if parts else chunk)
        previous = block
    return "".join(parts) + "\n"

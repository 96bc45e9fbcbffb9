"""Layout noise: explicit rules, each one reported, that turn printed pages back into a text.

Paged documents (PDF, plain text with form feeds) go through every rule in this order:

1. `strip_furniture`: page numbers (« 3 », « - 3 - », « 3/12 », « page 3 sur 12 ») and running
   headers and footers (a block repeated, digits aside, at the top or bottom of at least two
   pages and half of them) are removed from the top and bottom of each page;
2. `split_items`: a block whose lines start with bullets (•, ▪, –, -, …) becomes list items;
3. `join_across_pages`: a paragraph cut by a page break (no final punctuation, the next page
   going on in lower case) is joined again;
4. `mark_headings`: a block in a larger font (PDF), or a single short line without final
   punctuation, is a heading;
5. `join_lines`: the lines of a block become one text; a word cut by a hyphen at a line end is
   joined as the document writes it elsewhere, else kept hyphenated when the end is an
   inclusive-writing ending (« salarié-es »), else joined (« interven-tion »);
6. `drop_repeated` (every format): a block of four words or more repeated word for word (a
   signature block printed twice) is kept once.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter

from .model import Block, Page, Removal

EDGE = 3  # blocks at the top and at the bottom of a page that may be page furniture
PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.)[ \t]*)?[-–—]?[ \t]*\d{1,3}[ \t]*(?:(?:/|sur|of)[ \t]*\d{1,3})?[ \t]*[-–—]?$",
    re.IGNORECASE,
)
BULLET = re.compile(r"^[ \t]*(?:[•●▪◦■□➢➤►▶‣⁃∙·*–—-]|\uf0b7|\uf0a7|\uf0d8)[ \t]+(?=\S)")
FINAL = re.compile(r"[.!?…:;»\"”)\]]$")
WORD = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
# Endings that French inclusive writing joins with a hyphen: « salarié-es », « agent-es »…
INCLUSIVE_ENDINGS = {
    "e", "es", "s", "x", "ne", "nes", "le", "les", "te", "tes", "fe", "fes", "ve", "ves",
    "euse", "euses", "rice", "rices", "trice", "trices", "ère", "ères", "ice", "ices",
}  # fmt: skip
HEADING_WORDS = 12  # a heading is a short line


def _key(text: str) -> str:
    """Compare furniture digits aside: « Page 1 sur 4 » and « Page 2 sur 4 » are the same line."""
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def strip_furniture(pages: list[Page]) -> list[Removal]:
    removed: list[Removal] = []
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_key(block.text) for block in _edges(page.blocks)})
    running = (
        {key for key, count in seen.items() if count >= 2 and count * 2 >= len(pages)}
        if len(pages) >= 2
        else set()
    )
    for page in pages:
        edges = {id(block) for block in _edges(page.blocks)}
        kept = []
        for block in page.blocks:
            if id(block) in edges and PAGE_NUMBER.match(block.text.strip()):
                removed.append(Removal("page number", block.text, page.number))
            elif id(block) in edges and _key(block.text) in running:
                removed.append(Removal("running header/footer", block.text, page.number))
            else:
                kept.append(block)
        page.blocks = kept
    return removed


def _edges(blocks: list[Block]) -> list[Block]:
    return blocks[:EDGE] + blocks[max(EDGE, len(blocks) - EDGE) :]


def split_items(pages: list[Page]) -> None:
    for page in pages:
        split: list[Block] = []
        for block in page.blocks:
            if not any(BULLET.match(line) for line in block.lines):
                split.append(block)
                continue
            current: Block | None = None
            for line in block.lines:
                bullet = BULLET.match(line)
                if bullet:
                    current = Block(
                        "item", [line[bullet.end() :]], size=block.size, page=page.number
                    )
                    split.append(current)
                elif current is None:
                    current = Block("paragraph", [line], size=block.size, page=page.number)
                    split.append(current)
                else:
                    current.lines.append(line)
        page.blocks = split


def join_across_pages(pages: list[Page]) -> list[Removal]:
    joined: list[Removal] = []
    previous: Page | None = None
    for page in pages:
        if previous and previous.blocks and page.blocks:
            last, first = previous.blocks[-1], page.blocks[0]
            cut = not FINAL.search(last.lines[-1].strip())
            goes_on = first.kind == "paragraph" and first.text[:1].islower()
            if last.kind in {"paragraph", "item"} and cut and goes_on:
                last.lines.extend(first.lines)
                page.blocks.pop(0)
                joined.append(
                    Removal(
                        "paragraph cut by a page break",
                        f"…{_tail(last.lines[-len(first.lines) - 1])} / {_head(first.lines[0])}…",
                        previous.number,
                    )
                )
        if page.blocks:
            previous = page
    return joined


def _tail(text: str, words: int = 4) -> str:
    return " ".join(text.split()[-words:])


def _head(text: str, words: int = 4) -> str:
    return " ".join(text.split()[:words])


def mark_headings(pages: list[Page]) -> None:
    blocks = [block for page in pages for block in page.blocks]
    sizes = [block.size for block in blocks for _ in block.lines if block.size]
    body = statistics.median(sizes) if sizes else 0.0
    larger = sorted(
        {
            block.size
            for block in blocks
            if body
            and block.size >= body * 1.15
            and block.kind == "paragraph"
            and len(block.text.split()) <= HEADING_WORDS * 2
        },
        reverse=True,
    )
    for block in blocks:
        if block.kind != "paragraph":
            continue
        if block.size in larger:
            block.kind, block.level = "heading", larger.index(block.size) + 1
        elif (
            len(block.lines) == 1
            and len(block.text.split()) <= HEADING_WORDS
            and not FINAL.search(block.text)
            and not block.text[:1].islower()
            and not block.text[:1].isdigit()
        ):
            block.kind, block.level = "heading", len(larger) + 1


def vocabulary(blocks: list[Block]) -> set[str]:
    """The words of the document as printed inside lines (not cut at a line end)."""
    words: set[str] = set()
    for block in blocks:
        for line in block.lines:
            text = line.strip()
            if text.endswith(("-", "\u00ad")):
                text = text.rsplit(None, 1)[0] if " " in text else ""
            words.update(word.casefold() for word in WORD.findall(text))
    return words


def join_lines(block: Block, known: set[str]) -> list[Removal]:
    """One line of text for the block; every hyphen decision goes to the report."""
    decisions: list[Removal] = []
    text = block.lines[0].strip() if block.lines else ""
    for line in block.lines[1:]:
        line = line.strip()
        if not line:
            continue
        if text.endswith("\u00ad"):
            text = text[:-1] + line
            continue
        left = re.search(r"([^\W\d_]+)[-‐]$", text)
        right = re.match(r"[^\W\d_]+", line)
        if left and right:
            first, second = left.group(1), right.group(0)
            hyphenated, whole = f"{first}-{second}".casefold(), f"{first}{second}".casefold()
            if hyphenated in known:
                keep, why = True, "written with its hyphen elsewhere in the document"
            elif whole in known:
                keep, why = False, "written as one word elsewhere in the document"
            elif second.islower() and second.casefold() in INCLUSIVE_ENDINGS:
                keep, why = True, "inclusive-writing ending"
            elif second[:1].islower():
                keep, why = False, "word cut at the line end"
            else:
                keep, why = True, "capital after the hyphen"
            result = f"{first}-{second}" if keep else f"{first}{second}"
            decisions.append(
                Removal("hyphen at a line end", f"{first}-|{second} → {result} ({why})", block.page)
            )
            text = (text if keep else text[:-1]) + line
        else:
            text = f"{text} {line}"
    block.lines = [text]
    return decisions


def drop_repeated(blocks: list[Block]) -> tuple[list[Block], list[Removal]]:
    kept: list[Block] = []
    seen: set[str] = set()
    removed: list[Removal] = []
    for block in blocks:
        key = " ".join(block.text.split()).casefold()
        if block.kind != "heading" and len(key.split()) >= 4 and key in seen:
            removed.append(Removal("repeated block", block.text, block.page))
            continue
        seen.add(key)
        kept.append(block)
    return kept, removed


def clean_pages(pages: list[Page]) -> tuple[list[Block], list[Removal]]:
    """Rules 1–6 on a paged document (PDF, plain text); returns the blocks and the removals."""
    removals = strip_furniture(pages)
    split_items(pages)
    removals += join_across_pages(pages)
    mark_headings(pages)
    blocks = [block for page in pages for block in page.blocks]
    known = vocabulary(blocks)
    for block in blocks:
        removals += join_lines(block, known)
    blocks, repeated = drop_repeated(blocks)
    return blocks, removals + repeated

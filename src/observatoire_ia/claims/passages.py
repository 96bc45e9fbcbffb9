"""The numbered passages of a union text's source page, as plain text, with their speakers.

A source page (`docs/<lang>/sources/<slug>.md`, named by the `sourcepage` field of its
bibliography entry) holds the text in full; each paragraph, list item or heading carries an
anchor `{: #pN }`. A block holding `{: #pN }` (or `id="pN"`) is passage N; an anchor alone in
its block names the next block; a block without an anchor belongs to the passage before it.

Who speaks: where a text gives speakers (the counter-summit's report), the first passage of
each speaker's section carries `data-speaker="Name"` in its attribute list; the following
passages belong to the same speaker until another passage names one, or until a heading.
`data-speaker=""` ends a section (passages whose speaker the document leaves open).

Readers: the verifier (quotations, figures, speakers against the cited passages), coverage
(every passage cited or excluded), the locator proposals and the ingest command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .scan import FRONT_MATTER

_ATTR_LIST = re.compile(r"\{:?[ \t]*[#.][^{}\n]*\}")
PASSAGE_ANCHOR = re.compile(r"\{:?[^{}\n]*#(?P<a>p\d+)\b[^{}\n]*\}|\bid=[\"'](?P<b>p\d+)[\"']")
_OWN_LINE_ANCHOR = re.compile(r"^[ \t]*\{:?[^{}\n]*#p\d+\b[^{}\n]*\}[ \t]*$")
_SPEAKER = re.compile(r"\bdata-speaker=(?:\"(?P<a>[^\"]*)\"|'(?P<b>[^']*)')")
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]")
_LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>]+>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_CITATION = re.compile(r"\[@[^\[\]\n]*\]")


def markdown_to_text(markdown: str) -> str:
    """Plain text of a Markdown fragment: markup, link targets, HTML tags and attribute lists removed."""
    text = _ATTR_LIST.sub("", markdown)
    text = _CITATION.sub("", text)
    text = _LINK.sub(lambda m: m.group("text"), text)
    text = _AUTOLINK.sub("", text)
    text = re.sub(r"\^\{([^}]*)\}", r"\1", text)  # 1^{re}
    text = _TAG.sub("", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)
    text = re.sub(r"(?m)^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)", "", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text, flags=re.DOTALL)
    text = re.sub(r"(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])", r"\1", text, flags=re.DOTALL)
    text = text.replace("&nbsp;", " ").replace("&amp;", "&")
    return text


@dataclass
class Passage:
    anchor: str  # "p12", or "" when the page has no anchors
    text: str
    line: int
    speaker: str | None = None

    @property
    def number(self) -> int | None:
        return int(self.anchor[1:]) if self.anchor.startswith("p") else None


def _blocks(markdown: str) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of each block between blank lines (front matter skipped)."""
    front = FRONT_MATTER.match(markdown)
    offset = front.group(0).count("\n") if front else 0
    body = markdown[front.end() :] if front else markdown
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = offset
    for number, line in enumerate(body.split("\n"), start=offset + 1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
            if _OWN_LINE_ANCHOR.match(line):  # `{: #p3 }` closes its item, even in a tight list
                blocks.append((start, current))
                current = []
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def source_passages(markdown: str) -> list[Passage]:
    """The anchored passages of a source page, from the first anchor to the last.

    Text before the first and after the last anchor is page furniture. A page without any
    anchor is read whole (minus front matter and title). Several blocks may share an anchor
    (a heading without its own anchor joins the passage before it): one Passage per block.
    """
    anchored: list[tuple[str | None, int, str, str | None, bool]] = []
    pending: tuple[str, str | None] | None = None
    blocks = _blocks(markdown)
    for line_number, lines in blocks:
        raw = "\n".join(lines)
        found = [m.group("a") or m.group("b") for m in PASSAGE_ANCHOR.finditer(raw)]
        speaker_match = _SPEAKER.search(raw)
        speaker = (
            (speaker_match.group("a") or speaker_match.group("b") or "") if speaker_match else None
        )
        text = markdown_to_text(PASSAGE_ANCHOR.sub("", raw)).strip()
        if re.fullmatch(r"<a\s*>\s*</a>|\s*", text):
            text = ""
        if found and not text:
            pending = (found[0], speaker)
            continue
        anchor = found[0] if found else (pending[0] if pending else None)
        if pending and speaker is None:
            speaker = pending[1]
        pending = None
        heading = bool(_HEADING.match(lines[0]))
        anchored.append((anchor, line_number, text, speaker, heading))

    if not any(anchor for anchor, *_ in anchored):
        texts = [(line, text) for _, line, text, _, _ in anchored if text]
        if texts and texts[0][1] and blocks and blocks[0][1][0].startswith("# "):
            texts = texts[1:]
        return [Passage("", text, line) for line, text in texts]
    first = next(i for i, (anchor, *_) in enumerate(anchored) if anchor)
    last = max(i for i, (anchor, *_) in enumerate(anchored) if anchor)
    passages: list[Passage] = []
    name = ""
    current_speaker: str | None = None
    for anchor, line, text, speaker, heading in anchored[first : last + 1]:
        name = anchor or name
        if speaker is not None:
            current_speaker = speaker or None
        elif heading:
            current_speaker = None
        if text:
            passages.append(Passage(name, text, line, None if heading else current_speaker))
    return passages


def source_page_path(docs_dir: Path, lang: str, source_page: str) -> Path:
    """docs/<lang>/<sourcepage>.md, or …/index.md when the source page is a folder."""
    base = docs_dir / lang / source_page.strip("/")
    for candidate in (base.with_suffix(".md"), base / "index.md"):
        if candidate.exists():
            return candidate
    return base.with_suffix(".md")


@dataclass
class SourceText:
    """A union text's passages by number (the blocks of one anchor joined), with speakers."""

    key: str
    path: Path
    shown: str  # the source page as messages show it, e.g. docs/fr/sources/x.md
    passages: dict[int, str] = field(default_factory=dict)
    lines: dict[int, int] = field(default_factory=dict)
    speakers: dict[int, str | None] = field(default_factory=dict)

    @classmethod
    def parse(cls, key: str, path: Path, shown: str, markdown: str) -> SourceText:
        text = cls(key, path, shown)
        for passage in source_passages(markdown):
            number = passage.number
            if number is None:
                continue
            joined = text.passages.get(number)
            text.passages[number] = passage.text if joined is None else f"{joined}\n{passage.text}"
            text.lines.setdefault(number, passage.line)
            if number not in text.speakers or text.speakers[number] is None:
                text.speakers[number] = passage.speaker
        return text

    @property
    def last(self) -> int:
        return max(self.passages, default=0)

    @cached_property
    def speaker_names(self) -> list[str]:
        """Every speaker the page names, in order of first appearance."""
        return list(dict.fromkeys(s for s in self.speakers.values() if s))

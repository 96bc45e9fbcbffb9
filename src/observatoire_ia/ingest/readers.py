"""Read a union text into pages of blocks, whatever its format.

- PDF: `pdftotext -bbox-layout` (poppler-utils) gives pages, blocks and lines with their
  positions, and keeps every character as printed (the plain mode would silently join
  « salarié-es » cut at a line end into « salariées »; layout.py decides instead, by rule);
- DOCX, ODT: pandoc to Markdown (headings, emphasis, lists, links kept), metadata from pandoc;
- HTML: the page's navigation, header, footer, scripts and forms are dropped, then pandoc;
- Markdown: read as is (front matter: title, author or organisation, date, url);
- plain text: paragraphs are separated by blank lines, pages by form feeds.

A file that cannot be read (not the format its name says, empty, a scan without text) raises
IngestError with what to do.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import yaml
from lxml import etree
from lxml import html as lxml_html

from .markdown_blocks import markdown_blocks
from .model import Block, Document, IngestError, Page

SUFFIXES = {
    ".pdf": "PDF",
    ".docx": "DOCX",
    ".odt": "ODT",
    ".html": "HTML",
    ".htm": "HTML",
    ".xhtml": "HTML",
    ".md": "Markdown",
    ".markdown": "Markdown",
    ".txt": "text",
    ".text": "text",
}
PANDOC_MARKDOWN = "gfm-raw_html"  # Markdown without raw HTML (no stray <span id="anchor">)
# Parts of a web page that are not the text: menus, banners, footers, scripts, forms.
HTML_NOISE = (
    "//script|//style|//noscript|//template|//nav|//header|//footer|//aside|//form|//button"
    "|//iframe|//object|//embed|//svg|//canvas|//*[@role='navigation' or @role='banner'"
    " or @role='contentinfo' or @role='search' or @aria-hidden='true' or @hidden]"
)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n---[ \t]*\n", re.DOTALL)


def read(path: Path) -> Document:
    """The document at `path`, or IngestError saying why it cannot be read."""
    if not path.is_file():
        raise IngestError(f"{path}: no such file")
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(SUFFIXES))
        raise IngestError(f"{path}: unknown format {path.suffix!r}; give one of {known}")
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(f"{path}: the file is empty")
    reader = {
        "PDF": _read_pdf,
        "DOCX": _read_office,
        "ODT": _read_office,
        "HTML": _read_html,
        "Markdown": _read_markdown,
        "text": _read_text,
    }[kind]
    document = reader(path, data, kind)
    if not any(block.text for block in document.blocks):
        raise IngestError(f"{path}: no text found in this {kind} file")
    return document


# -- PDF -------------------------------------------------------------------------------------


def _read_pdf(path: Path, data: bytes, kind: str) -> Document:
    if not data[:1024].lstrip().startswith(b"%PDF-"):
        raise IngestError(
            f"{path}: not a PDF file (it does not start with %PDF-); "
            "check the file, or give it the right extension"
        )
    tool = _require("pdftotext", "apt-get install poppler-utils")
    result = subprocess.run(
        [tool, "-bbox-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise IngestError(
            f"{path}: pdftotext cannot read this PDF ({message[-1] if message else 'no message'}); "
            "is it damaged or password-protected?"
        )
    tree = etree.fromstring(result.stdout, etree.XMLParser(recover=True, huge_tree=True))
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    pages: list[Page] = []
    for number, page in enumerate(tree.iterfind(".//x:page", ns), start=1):
        blocks = []
        for block in page.iterfind(".//x:block", ns):
            lines, heights = [], []
            for line in block.iterfind("x:line", ns):
                words = [word.text or "" for word in line.iterfind("x:word", ns)]
                if any(words):
                    lines.append(" ".join(words))
                    heights.append(float(line.get("yMax")) - float(line.get("yMin")))
            if lines:
                size = round(sum(heights) / len(heights), 1)
                blocks.append(Block("paragraph", lines, size=size, page=number))
        pages.append(Page(number, blocks))
    if not any(page.blocks for page in pages):
        raise IngestError(
            f"{path}: this PDF has no text layer (a scanned document?); run it through OCR "
            "software first, or give the text as a .docx, .odt or .txt file"
        )
    metadata = {}
    title = tree.find(".//x:head/x:title", ns)
    if title is not None and (title.text or "").strip():
        metadata["title"] = title.text.strip()
    for meta in tree.iterfind(".//x:head/x:meta", ns):
        if (meta.get("name") or "").lower() == "author" and (meta.get("content") or "").strip():
            metadata["author"] = meta.get("content").strip()
    return Document(str(path), kind, pages, metadata)


# -- DOCX, ODT (pandoc) ----------------------------------------------------------------------


def _read_office(path: Path, data: bytes, kind: str) -> Document:
    if not data.startswith(b"PK\x03\x04"):
        raise IngestError(
            f"{path}: not a {kind} file (a {kind} file is a zip archive); "
            "check the file, or give it the right extension"
        )
    source = kind.lower()
    tree = json.loads(_pandoc(path, ["-f", source, "-t", "json"]))
    markdown = _pandoc(path, ["-f", source, "-t", PANDOC_MARKDOWN, "--wrap=none"])
    metadata = {
        name: _meta_text(value)
        for name, value in (tree.get("meta") or {}).items()
        if name in {"title", "author", "date"} and _meta_text(value)
    }
    return _from_markdown(path, kind, markdown, metadata)


def _pandoc(path: Path, args: list[str], stdin: bytes | None = None) -> str:
    tool = _require("pandoc", "apt-get install pandoc")
    command = [tool, *args] + ([] if stdin is not None else [str(path)])
    result = subprocess.run(command, input=stdin, capture_output=True)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise IngestError(f"{path}: pandoc cannot read this file ({message or 'no message'})")
    return result.stdout.decode("utf-8")


def _meta_text(value) -> str:
    """Plain text of a pandoc metadata value (MetaInlines, MetaString, MetaList…)."""
    if isinstance(value, dict):
        kind, content = value.get("t"), value.get("c")
        if kind == "Str" or kind == "MetaString":
            return content
        if kind in {"Space", "SoftBreak", "LineBreak"}:
            return " "
        if kind == "MetaList":
            return ", ".join(filter(None, (_meta_text(item).strip() for item in content)))
        return _meta_text(content)
    if isinstance(value, list):
        return "".join(_meta_text(item) for item in value).strip()
    return str(value) if isinstance(value, str | int | float) else ""


# -- HTML ------------------------------------------------------------------------------------


def _read_html(path: Path, data: bytes, kind: str) -> Document:
    try:
        tree = lxml_html.document_fromstring(data)
    except (etree.ParserError, ValueError) as error:
        raise IngestError(f"{path}: not an HTML document ({error})") from error
    if tree.find(".//body") is None and tree.tag != "body":
        raise IngestError(f"{path}: not an HTML document (no <body>)")
    metadata = _html_metadata(tree)
    notes = []
    noise = tree.xpath(HTML_NOISE)
    if noise:
        names = sorted({element.tag for element in noise if isinstance(element.tag, str)})
        notes.append(f"web page furniture dropped: {len(noise)} element(s) ({', '.join(names)})")
    for element in noise:
        if element.getparent() is not None:
            element.drop_tree()
    content = next(iter(tree.xpath("//main|//article|//*[@role='main']")), None)
    if content is None:
        content = tree.find(".//body")
    html = lxml_html.tostring(content, encoding="unicode")
    # Without native_divs, pandoc reads what is inside <div>, <main>, <section> as plain blocks.
    markdown = _pandoc(
        path, ["-f", "html-native_divs", "-t", PANDOC_MARKDOWN, "--wrap=none"], html.encode()
    )
    document = _from_markdown(path, kind, markdown, metadata)
    document.notes[:0] = notes
    return document


def _html_metadata(tree) -> dict[str, str]:
    def first(xpath: str) -> str:
        for value in tree.xpath(xpath):
            if str(value).strip():
                return " ".join(str(value).split())
        return ""

    found = {
        "title": first("//head/title/text()") or first("//meta[@property='og:title']/@content"),
        "author": first("//meta[@name='author']/@content"),
        "date": first(
            "//meta[@name='date' or @name='dcterms.date' or @name='DC.date'"
            " or @property='article:published_time']/@content"
        )
        or first("//time[@datetime][1]/@datetime"),
        # The page names its own address: the only url a bibliography entry may take from it.
        "url": first("//link[@rel='canonical']/@href")
        or first("//meta[@property='og:url']/@content"),
    }
    if found["url"] and not found["url"].startswith(("https://", "http://")):
        found["url"] = ""
    return {name: value for name, value in found.items() if value}


# -- Markdown and plain text -----------------------------------------------------------------


def _decode(path: Path, data: bytes, notes: list[str]) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        notes.append("not UTF-8: read as Windows-1252 (check accented letters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_markdown(path: Path, data: bytes, kind: str) -> Document:
    notes: list[str] = []
    text = _decode(path, data, notes)
    metadata: dict[str, str] = {}
    front = FRONT_MATTER.match(text)
    if front:
        try:
            fields = yaml.safe_load(front.group("yaml")) or {}
        except yaml.YAMLError as error:
            raise IngestError(f"{path}: the front matter is not valid YAML ({error})") from error
        if isinstance(fields, dict):
            aliases = {"organisation": "author", "organization": "author"}
            for name, value in fields.items():
                name = aliases.get(str(name).lower(), str(name).lower())
                if name in {"title", "author", "date", "url"} and value not in (None, ""):
                    metadata.setdefault(name, str(value).strip())
        text = text[front.end() :]
    document = _from_markdown(path, kind, text, metadata)
    document.notes[:0] = notes
    return document


def _from_markdown(path: Path, kind: str, markdown: str, metadata: dict[str, str]) -> Document:
    blocks, notes = markdown_blocks(markdown)
    return Document(str(path), kind, [Page(1, blocks)], metadata, notes)


def _read_text(path: Path, data: bytes, kind: str) -> Document:
    notes: list[str] = []
    text = _decode(path, data, notes)
    pages = []
    for number, page_text in enumerate(text.split("\f"), start=1):
        blocks = []
        for chunk in re.split(r"\n[ \t]*\n", page_text):
            lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
            if lines:
                blocks.append(Block("paragraph", lines, page=number))
        pages.append(Page(number, blocks))
    return Document(str(path), kind, pages, {}, notes)


def _require(name: str, hint: str) -> str:
    found = shutil.which(name)
    if not found:
        raise IngestError(f"{name} is needed to read this file and is not installed ({hint})")
    return found

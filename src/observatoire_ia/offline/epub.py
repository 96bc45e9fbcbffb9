"""EPUB 3 with pandoc (from the same booklet HTML): table of contents, internal links to the
numbered references, metadata (title, language, date, organisations)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from lxml import html as lxml_html

from . import booklet as bk
from .kit import OfflineError, Site, require_tool, union_organisations

# pandoc keeps ids on headings, divs and spans only: move the others onto an empty span
_KEEPS_ID = {"h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "span"}


def _anchors_for_pandoc(body: str) -> str:
    root = lxml_html.fragment_fromstring(body, create_parent="div")
    for element in root.xpath(".//*[@id]"):
        if element.tag in _KEEPS_ID:
            continue
        ident = element.attrib.pop("id")
        span = lxml_html.Element("span", id=ident)
        target = element
        if element.tag in {"tr", "table", "tbody", "thead", "ul", "ol"}:
            cells = element.xpath(".//td|.//th|.//li")
            target = cells[0] if cells else element
        span.tail = target.text
        target.text = None
        target.insert(0, span)
    return "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


def write_epub(site: Site, work: Path, lang: str, pages, subtitle: str, target: Path) -> None:
    pandoc = require_tool("pandoc", hint="apt-get install pandoc")
    data = bk.build(site, lang, pages, subtitle, qr=False, image_root=str(site.root) + "/")
    body = _anchors_for_pandoc(data.body)
    source = work / (target.stem + ".epub.html")
    source.write_text(
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{data.title}</title></head>'
        f"<body>{body}</body></html>",
        encoding="utf-8",
    )
    css = work / "epub.css"
    css.write_text(
        "body{font-family:serif;line-height:1.4}h1{color:#a4161a}"
        "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:2px 4px}"
        ".refs{font-size:.85em}\n",
        encoding="utf-8",
    )
    day = bk.build_date().isoformat()
    metadata = work / f"{target.stem}.metadata.json"
    metadata.write_text(json.dumps({"contributor": union_organisations(data.keys)}, ensure_ascii=False), encoding="utf-8")
    command = [
        pandoc,
        str(source),
        "-f", "html",
        "-t", "epub3",
        "-o", str(target),
        "--toc",
        "--toc-depth=2",
        "--epub-chapter-level=1",
        f"--resource-path={site.root}",
        f"--css={css}",
        f"--metadata-file={metadata}",
        "--metadata", f"title={data.title} — {subtitle}",
        "--metadata", f"lang={lang}",
        "--metadata", f"date={day}",
        "--metadata", f"creator={site.names[lang]}",
        "--metadata", f"publisher={site.names[lang]}",
        "--metadata", f"rights={bk.LABELS[lang]['licence']}",
        "--metadata", f"identifier=urn:observatoire-ia:{target.stem}",
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not target.exists():
        raise OfflineError(f"pandoc failed for {target.name}:\n{result.stderr[-2000:]}")

"""EPUB 3 with pandoc (from the same booklet HTML): table of contents, internal links to the
numbered references, metadata (title, language, date, organisations)."""

from __future__ import annotations

import base64
import json
import subprocess
import zipfile
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from ..dates import build_date
from ..i18n import text as ui
from . import booklet as bk
from .kit import OfflineError, Site, require_tool, union_organisations

# pandoc keeps ids on headings, divs and spans only: move the others onto an empty span
_KEEPS_ID = {"h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "span"}


# The HTML parser lower-cases names; SVG, an XML language, needs them as the spec writes them.
_SVG_NAMES = {
    name.lower(): name
    for name in (
        "attributeName attributeType baseFrequency baseProfile calcMode clipPathUnits "
        "diffuseConstant edgeMode filterUnits glyphRef gradientTransform gradientUnits "
        "kernelMatrix kernelUnitLength keyPoints keySplines keyTimes lengthAdjust "
        "limitingConeAngle markerHeight markerUnits markerWidth maskContentUnits maskUnits "
        "numOctaves pathLength patternContentUnits patternTransform patternUnits pointsAtX "
        "pointsAtY pointsAtZ preserveAlpha preserveAspectRatio primitiveUnits refX refY "
        "repeatCount repeatDur requiredExtensions requiredFeatures specularConstant "
        "specularExponent spreadMethod startOffset stdDeviation stitchTiles surfaceScale "
        "systemLanguage tableValues targetX targetY textLength viewBox viewTarget "
        "xChannelSelector yChannelSelector zoomAndPan "
        "altGlyph altGlyphDef altGlyphItem animateColor animateMotion animateTransform clipPath "
        "feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix "
        "feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB "
        "feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset "
        "fePointLight feSpecularLighting feSpotLight feTile feTurbulence foreignObject "
        "linearGradient radialGradient textPath"
    ).split()
}
SVG_NS = "http://www.w3.org/2000/svg"
# the print colours of the chart classes (docs/assets/stylesheets/entry-points.css), which an
# image file cannot load; grey levels suit e-ink readers too
_SVG_STYLE = (
    ".chart-bar{fill:#444}.chart-bar-alt{fill:#999}"
    ".chart-label,.chart-value{fill:#000;font-family:sans-serif;font-size:17px}"
)


def _svg_document(svg) -> bytes:
    """A standalone SVG file from an inline <svg> parsed as HTML: names in their SVG case, the
    SVG namespace, no HTML left inside (ids and aria-labelledby kept: they stay in the file)."""
    out = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS})

    def copy(src, dst):
        for name, value in src.attrib.items():
            if name == "xmlns" or name.startswith("xmlns:"):
                continue
            dst.set(_SVG_NAMES.get(name, name), value)
        dst.text = src.text
        for child in src:
            if not isinstance(child.tag, str):
                continue
            node = etree.SubElement(dst, f"{{{SVG_NS}}}{_SVG_NAMES.get(child.tag, child.tag)}")
            copy(child, node)
            node.tail = child.tail

    copy(svg, out)
    style = etree.Element(f"{{{SVG_NS}}}style")
    style.text = _SVG_STYLE
    out.insert(0, style)
    return etree.tostring(out, encoding="utf-8", xml_declaration=True)


def _svg_to_images(root) -> None:
    """Inline charts become SVG images (pandoc would extract them anyway, lower-cased and with
    HTML inside); their <title> is the image's text alternative."""
    for svg in root.xpath(".//svg"):
        titles = svg.xpath("./title")
        alt = " ".join(titles[0].text_content().split()) if titles else ""
        data = base64.b64encode(_svg_document(svg)).decode("ascii")
        image = lxml_html.Element("img", src=f"data:image/svg+xml;base64,{data}", alt=alt)
        if svg.get("class"):
            image.set("class", svg.get("class"))
        image.tail = svg.tail
        svg.getparent().replace(svg, image)


def _unwrap_sections(root) -> None:
    """Pages in <section> wrappers stay in one EPUB chapter (pandoc splits only at top-level
    headings): unwrap them so that each page is a chapter of its own."""
    for section in root.xpath("./section"):
        ident = section.get("id")
        heading = (section.xpath("./h1") or [None])[0]
        if ident and heading is not None and not heading.get("id"):
            heading.set("id", ident)
        elif ident:  # after the heading: in its chapter, out of the table of contents
            marker = lxml_html.Element("span", id=ident)
            if heading is not None:
                heading.addnext(marker)
            else:
                section.insert(0, marker)
        section.drop_tag()


def _anchors_for_pandoc(body: str) -> str:
    root = lxml_html.fragment_fromstring(body, create_parent="div")
    _svg_to_images(root)
    _unwrap_sections(root)
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
    day = build_date().isoformat()
    metadata = work / f"{target.stem}.metadata.json"
    metadata.write_text(
        json.dumps({"contributor": union_organisations(data.keys)}, ensure_ascii=False),
        encoding="utf-8",
    )
    command = [
        pandoc,
        str(source),
        "-f",
        "html",
        "-t",
        "epub3",
        "-o",
        str(target),
        "--toc",
        "--toc-depth=2",
        "--epub-chapter-level=1",
        f"--resource-path={site.root}",
        f"--css={css}",
        f"--metadata-file={metadata}",
        "--metadata",
        f"title={data.title} — {subtitle}",
        "--metadata",
        f"lang={lang}",
        "--metadata",
        f"date={day}",
        "--metadata",
        f"creator={site.names[lang]}",
        "--metadata",
        f"publisher={site.names[lang]}",
        "--metadata",
        f"rights={ui(lang, 'booklet.licence')}",
        "--metadata",
        f"identifier=urn:observatoire-ia:{target.stem}",
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not target.exists():
        raise OfflineError(f"pandoc failed for {target.name}:\n{result.stderr[-2000:]}")
    _fix_timestamps(target, build_date())


def _fix_timestamps(target: Path, day) -> None:
    """pandoc stamps each file of the EPUB with the time of the build: the build date instead
    (same order, same compression; the mimetype stays first and stored, as EPUB requires)."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    with zipfile.ZipFile(target) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(target, "w") as archive:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            archive.writestr(fixed, data)

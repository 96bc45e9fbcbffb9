"""The references a page cites, written once per page for claims.js.

A citation's preview shows the whole formatted reference (« SUD CT RÉGION OCCITANIE, 2025.
*Intervention…* … ») and « voir dans la bibliographie ». A theme page cites the same few
references twenty times: writing the reference into every preview made a third of the page
(issue 14: ≤ 60 KB of HTML per page). Each page instead carries one JSON block with the
references its citations name (by the `data-key` of each `a.citation`) and the preview's
labels; claims.js fills the previews from it. Without JavaScript the label is itself the link
to the reference and the preview keeps « lire dans le texte ».
"""

from __future__ import annotations

import json
import re

from ..i18n import text as ui

BLOCK_ID = "citation-references"
# A citation's opening tag as markdown_ext.py writes it (Markdown sorts attributes by name).
_CITED_KEY = re.compile(r'<a\b[^>]*\bclass="citation"[^>]*\bdata-key="([^"]+)"')


def cited_keys(html: str) -> list[str]:
    """Keys of the citations of `html`, in order of first appearance."""
    return list(dict.fromkeys(_CITED_KEY.findall(html)))


def references_block(html: str, formatted: dict[str, str], lang: str) -> str:
    """The JSON block for the citations of `html` ('' for a page without citation)."""
    keys = cited_keys(html)
    if not keys:
        return ""
    data = {
        "labels": {
            "bibliography": ui(lang, "see_in_bibliography"),
            "copied": ui(lang, "copied"),
        },
        "references": {key: formatted[key] for key in keys},
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # Inside <script>, "</" could close the element early: JSON allows "<\/".
    text = text.replace("</", "<\\/")
    return f'<script type="application/json" id="{BLOCK_ID}">{text}</script>'


def add_references_block(output: str, formatted: dict[str, str], lang: str) -> str:
    """`output` (a built page) with its block at the end of the article (or of the body)."""
    block = references_block(output, formatted, lang)
    if not block:
        return output
    for closing in ("</article>", "</body>"):
        at = output.find(closing)
        if at >= 0:
            return output[:at] + block + output[at:]
    raise ValueError("a page with citations has neither </article> nor </body>")

"""French typography: no-break spaces before high punctuation and inside guillemets.

Authors type ordinary spaces; French pages get the right no-break spaces at build time,
and `find_french_spacing_errors` reports what cannot be fixed automatically (a missing space).
"""

from __future__ import annotations

import re

NBSP = "\u00a0"  # before « : » and inside guillemets
NNBSP = "\u202f"  # narrow no-break space before ; ! ?

_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_SPACES = "[ \u00a0\u202f]"


def _fix_text(text: str) -> str:
    text = re.sub(rf"{_SPACES}+:", NBSP + ":", text)
    text = re.sub(rf"{_SPACES}+([;!?])", NNBSP + r"\1", text)
    text = re.sub(rf"(\d){_SPACES}+%", "\\1" + NNBSP + "%", text)
    # Thousands: 300 000 -> 300 000 (narrow no-break), never across a line break.
    text = re.sub(rf"(?<![\d,.])(\d{{1,3}})(?:{_SPACES})(?=\d{{3}}(?!\d))", "\\1" + NNBSP, text)
    text = re.sub(rf"«{_SPACES}*", "«" + NBSP, text)
    text = re.sub(rf"{_SPACES}*»", NBSP + "»", text)
    return text


def french_spacing(html: str) -> str:
    """Apply French no-break spacing to the text of an HTML fragment (tags untouched)."""
    parts = _TAG_OR_TEXT.split(html)
    out = []
    skip = 0  # inside <code>, <pre>, <script>, <style>
    for part in parts:
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            tag = name.group(1).lower() if name else ""
            if tag in {"code", "pre", "script", "style", "kbd", "samp"}:
                skip += -1 if part.startswith("</") else 1
                skip = max(skip, 0)
            out.append(part)
        else:
            out.append(part if skip else _fix_text(part))
    return "".join(out)


# A letter glued to high punctuation (« mot: ») or to a guillemet; URLs and times are excluded.
_MISSING_SPACE = re.compile(r"(?<![:/\w.])[^\W\d_]+[;!?](?=\s|$)|[^\W\d_]+:(?=\s)|«\S|\S»")


def find_french_spacing_errors(text: str) -> list[str]:
    """Snippets of plain French text where a space before `: ; ! ?` or inside « » is missing."""
    return [match.group(0) for match in _MISSING_SPACE.finditer(text)]

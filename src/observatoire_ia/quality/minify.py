"""Drop the indentation of Material's templates from built pages.

Jinja leaves each line of the theme indented as in its templates: about 10 KB per page,
a third of the theme's markup, paid on every page view. Leading whitespace and blank lines
are not rendered in HTML (a run of white space renders as one space, and a line break stays),
except inside <pre>, <textarea> and scripts, which are left as written.
"""

from __future__ import annotations

import re

_VERBATIM = re.compile(r"(<(pre|textarea|script)\b.*?</\2\s*>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t\n]+")


def collapse_indentation(html: str) -> str:
    parts = _VERBATIM.split(html)
    out: list[str] = []
    # split() with two groups yields: text, whole verbatim block, tag name, text, …
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(_INDENT.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)

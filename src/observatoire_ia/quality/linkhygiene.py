"""External links get rel="noopener" (and keep any rel they already have)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Only <a> tags with an absolute http(s) href reach the Python callback (pages carry hundreds
# of relative navigation links).
_A_TAG = re.compile(r"""<a\s[^>]*?\bhref\s*=\s*["']https?://[^>]*>""", re.I)
_HREF = re.compile(r"""\shref\s*=\s*(["'])(?P<url>[^"']*)\1""", re.I)
_REL = re.compile(r"""\srel\s*=\s*(["'])(?P<rel>[^"']*)\1""", re.I)


def is_external(url: str, site_host: str | None) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    return not site_host or parts.hostname != site_host


def add_noopener(html: str, site_host: str | None = None) -> str:
    def fix(match: re.Match) -> str:
        tag = match.group(0)
        href = _HREF.search(tag)
        if not href or not is_external(href.group("url"), site_host):
            return tag
        rel = _REL.search(tag)
        if rel is None:
            return tag[:-1] + ' rel="noopener">'
        values = rel.group("rel").split()
        if "noopener" in values:
            return tag
        new_rel = f' rel="{" ".join([*values, "noopener"])}"'
        return tag[: rel.start()] + new_rel + tag[rel.end() :]

    return _A_TAG.sub(fix, html)

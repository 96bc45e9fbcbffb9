"""Language alternates: declared in the sitemap only, not in each page's <head>.

mkdocs-static-i18n writes `<link rel="alternate" hreflang>` in every page head, pointing at
the same page in the other language. Material treats every head alternate as the root of a
language version and fetches `sitemap.xml` under it on each page load
(`/en/environnement/sitemap.xml`…): a 404 and a console error on every page, and wasted bytes
on metered phones. The sitemap already carries the same hreflang alternates
(`<xhtml:link rel="alternate" hreflang>`), which search engines accept, and the header's
language selector links to the same page in the other language: the head links are dropped.
"""

from __future__ import annotations

import re

_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]+">\n?')


def drop_head_alternates(html: str) -> str:
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    return _ALTERNATE.sub("", html[:head_end]) + html[head_end:]

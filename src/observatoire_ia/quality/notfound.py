"""404 pages and sitemaps.

Pages serves /404.html (and /en/404.html on GitLab) for any missing path, at any depth, so
the 404 pages built from docs/<lang>/404.md must not use relative URLs: they are rewritten
to root-absolute ones (from site_url). Their language links point at `…/404/`, which does not
exist (the page is `404.html`). 404 pages are also dropped from the sitemaps.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

_URL_ATTR = re.compile(r'(?P<pre>\s(?:href|src)=")(?P<url>[^"#][^"]*)"')


def absolutize_404(html: str, page_path: str, base_path: str) -> str:
    """Rewrite relative URLs of the page at `page_path` (site-relative) to root-absolute ones."""
    page_url = base_path + page_path

    def absolute(url: str) -> str:
        if urlsplit(url).scheme or url.startswith("/"):
            return url
        resolved = urljoin(page_url, url)
        # The language switcher of mkdocs-static-i18n names the other 404 page "…/404/".
        return re.sub(r"(^|/)404/$", r"\g<1>404.html", resolved)

    html = _URL_ATTR.sub(lambda m: f'{m.group("pre")}{absolute(m.group("url"))}"', html)
    html = re.sub(
        r'__md_scope=new URL\("(?P<url>[^"]*)",location\)',
        lambda m: (
            f'__md_scope=new URL("{absolute(m.group("url")) if m.group("url") else base_path}",location)'
        ),
        html,
    )
    html = re.sub(
        r'("base": ")(?P<url>[^"]*)(")',
        lambda m: f"{m.group(1)}{absolute(m.group('url').rstrip('/') + '/')}{m.group(3)}",
        html,
        count=1,
    )
    return html


_URL_ENTRY = re.compile(r"\s*<url>.*?</url>", re.S)


def drop_404_from_sitemap(sitemap: Path, timestamp: int) -> bool:
    """Remove 404 entries; rewrite sitemap.xml.gz reproducibly. True if the file changed."""
    text = sitemap.read_text(encoding="utf-8")
    new = _URL_ENTRY.sub(
        lambda m: "" if re.search(r"<loc>[^<]*/404(\.html|/)</loc>", m.group(0)) else m.group(0),
        text,
    )
    if new == text:
        return False
    sitemap.write_text(new, encoding="utf-8")
    packed = sitemap.with_name(sitemap.name + ".gz")
    if packed.exists():
        with (
            open(packed, "wb") as raw,
            gzip.GzipFile(filename="sitemap.xml", fileobj=raw, mode="wb", mtime=timestamp) as out,
        ):
            out.write(new.encode("utf-8"))
    return True

"""Internal link and anchor check of a built site; external links are listed, never fetched."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .linkhygiene import is_external

URL_ATTRS = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("form", "action"),
    ("video", "src"),
    ("audio", "src"),
}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, dict]] = []  # (tag, url, attrs)

    def handle_starttag(self, tag, attrs):
        attrs_d = {k: (v or "") for k, v in attrs}
        if "id" in attrs_d:
            self.ids.add(attrs_d["id"])
        if tag == "a" and "name" in attrs_d:
            self.ids.add(attrs_d["name"])
        for name in ("href", "src", "action"):
            if (tag, name) in URL_ATTRS and name in attrs_d:
                self.links.append((tag, attrs_d[name], attrs_d))
        if "srcset" in attrs_d:
            for candidate in attrs_d["srcset"].split(","):
                if candidate.strip():
                    self.links.append((tag, candidate.split()[0], attrs_d))


@dataclass
class LinkReport:
    pages: int = 0
    internal: int = 0
    broken: list[str] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    missing_noopener: list[str] = field(default_factory=list)

    def write_external(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [
            f"{url}\t{', '.join(sorted(pages))}" for url, pages in sorted(self.external.items())
        ]
        path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def check_site(site: Path, site_url: str) -> LinkReport:
    site = site.resolve()
    root = urlsplit(site_url)
    base_path = root.path if root.path.endswith("/") else root.path + "/"
    report = LinkReport()
    parsed: dict[Path, _PageParser] = {}

    def page(path: Path) -> _PageParser:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    def target_file(url_path: str) -> Path | None:
        """Site file for a URL path relative to the site root ('' is the home page)."""
        candidate = (site / unquote(url_path)).resolve()
        if site not in (candidate, *candidate.parents):
            return None
        if url_path.endswith("/") or url_path == "" or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def check(url: str, page_url_path: str, where: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in ("mailto", "tel", "data", "javascript"):
            return
        if parts.scheme in ("http", "https"):
            if is_external(url, root.hostname):
                report.external[url].add(where)
                return
            path = parts.path
        elif parts.scheme:
            report.external[url].add(where)
            return
        else:
            path = urlsplit(urljoin(base_path + page_url_path, url)).path
        if not path.startswith(base_path):
            report.broken.append(f"{where}: {url} (outside the site)")
            return
        rel = path[len(base_path) :]
        report.internal += 1
        target = target_file(rel)
        if target is None:
            report.broken.append(f"{where}: {url} (no file)")
            return
        if parts.fragment and target.suffix == ".html":
            if unquote(parts.fragment) not in page(target).ids:
                report.broken.append(f"{where}: {url} (no #{parts.fragment})")

    html_files = sorted(site.rglob("*.html"))
    for path in html_files:
        report.pages += 1
        rel = path.relative_to(site).as_posix()
        page_url_path = rel
        for tag, url, attrs in page(path).links:
            url = url.strip()
            if not url:
                continue
            check(url, page_url_path, rel)
            if tag == "a" and is_external(url, root.hostname):
                if "noopener" not in attrs.get("rel", "").split():
                    report.missing_noopener.append(f"{rel}: {url}")

    # Sitemaps and exports name pages by absolute URL: they must resolve too.
    for sitemap in sorted(site.glob("**/sitemap.xml")):
        text = sitemap.read_text(encoding="utf-8")
        where = sitemap.relative_to(site).as_posix()
        for url in re.findall(r"<loc>([^<]+)</loc>|href=\"([^\"]+)\"", text):
            check(next(u for u in url if u), "", where)
    claims_file = site / "claims.json"
    if claims_file.exists():
        data = json.loads(claims_file.read_text(encoding="utf-8"))
        claims = data.get("claims", data) if isinstance(data, dict) else data
        for claim in claims:
            check(claim["url"], "", "claims.json")
    return report

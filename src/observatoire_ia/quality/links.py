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


class _Checker:
    """Checks links of the built site into one report, each page parsed once."""

    def __init__(self, site: Path, site_url: str) -> None:
        self.site = site.resolve()
        self.root = urlsplit(site_url)
        path = self.root.path
        self.base_path = path if path.endswith("/") else path + "/"
        self.report = LinkReport()
        self.parsed: dict[Path, _PageParser] = {}

    def page(self, path: Path) -> _PageParser:
        if path not in self.parsed:
            self.parsed[path] = _parse(path)
        return self.parsed[path]

    def target_file(self, url_path: str) -> Path | None:
        """Site file for a URL path relative to the site root ('' is the home page)."""
        candidate = (self.site / unquote(url_path)).resolve()
        if self.site not in (candidate, *candidate.parents):
            return None
        if url_path.endswith("/") or url_path == "" or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def _site_path(self, url: str, page_url_path: str, where: str) -> str | None:
        """The URL's path when it points into the site; an outside link is recorded."""
        parts = urlsplit(url)
        if parts.scheme in ("mailto", "tel", "data", "javascript"):
            return None
        if parts.scheme in ("http", "https"):
            if is_external(url, self.root.hostname):
                self.report.external[url].add(where)
                return None
            return parts.path
        if parts.scheme:
            self.report.external[url].add(where)
            return None
        return urlsplit(urljoin(self.base_path + page_url_path, url)).path

    def check(self, url: str, page_url_path: str, where: str) -> None:
        path = self._site_path(url, page_url_path, where)
        if path is None:
            return
        if not path.startswith(self.base_path):
            self.report.broken.append(f"{where}: {url} (outside the site)")
            return
        self.report.internal += 1
        target = self.target_file(path[len(self.base_path) :])
        if target is None:
            self.report.broken.append(f"{where}: {url} (no file)")
            return
        fragment = urlsplit(url).fragment
        if fragment and target.suffix == ".html":
            if unquote(fragment) not in self.page(target).ids:
                self.report.broken.append(f"{where}: {url} (no #{fragment})")

    def pages(self) -> None:
        for path in sorted(self.site.rglob("*.html")):
            self.report.pages += 1
            rel = path.relative_to(self.site).as_posix()
            for tag, url, attrs in self.page(path).links:
                url = url.strip()
                if not url:
                    continue
                self.check(url, rel, rel)
                if tag == "a" and is_external(url, self.root.hostname):
                    if "noopener" not in attrs.get("rel", "").split():
                        self.report.missing_noopener.append(f"{rel}: {url}")

    def absolute_addresses(self) -> None:
        """Sitemaps and exports name pages by absolute URL: they must resolve too."""
        for sitemap in sorted(self.site.glob("**/sitemap.xml")):
            text = sitemap.read_text(encoding="utf-8")
            where = sitemap.relative_to(self.site).as_posix()
            for url in re.findall(r"<loc>([^<]+)</loc>|href=\"([^\"]+)\"", text):
                self.check(next(u for u in url if u), "", where)
        claims_file = self.site / "claims.json"
        if claims_file.exists():
            data = json.loads(claims_file.read_text(encoding="utf-8"))
            claims = data.get("claims", data) if isinstance(data, dict) else data
            for claim in claims:
                self.check(claim["url"], "", "claims.json")


def check_site(site: Path, site_url: str) -> LinkReport:
    checker = _Checker(site, site_url)
    checker.pages()
    checker.absolute_addresses()
    return checker.report

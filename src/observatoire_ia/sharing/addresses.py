"""Where the sharing plugin's pages and files are, as the build writes them.

Online (directory URLs) a page is `travail/emploi/` and a share page `c/<id>/`; the offline
kit (no directory URLs) names `travail/emploi.html` and `c/<id>/index.html`. Social cards are
`assets/cards/<page>.png` and `assets/cards/[<lang>/]c/<id>.png`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..claims.exports import page_href
from ..site_languages import SiteLanguages

CARDS_DIR = "assets/cards"


@dataclass(frozen=True)
class Addresses:
    languages: SiteLanguages
    directory_urls: bool = True

    def href(self, url_path: str) -> str:
        """A site-relative page URL as the build writes it (index.html named without
        directory URLs, e.g. in the offline kit)."""
        path, _, anchor = url_path.partition("#")
        if not self.directory_urls and (path == "" or path.endswith("/")):
            path += "index.html"
        return path + (f"#{anchor}" if anchor else "")

    def page_href(self, src: str, lang: str) -> str:
        """The site-relative URL of a docs page (`travail/emploi.md`) as the build writes it:
        `travail/emploi/` with directory URLs, `travail/emploi.html` without (offline kit,
        where `travail/emploi/index.html` does not exist)."""
        return page_href(src, lang, self.languages.default, self.directory_urls)

    def share_path(self, lang: str, claim_id: str) -> str:
        """A claim's share page, from the site root: `c/<id>/`, `en/c/<id>/`."""
        return f"{self.languages.prefix(lang)}c/{claim_id}/"

    def share_card(self, lang: str, claim_id: str) -> str:
        return f"{CARDS_DIR}/{self.share_path(lang, claim_id).strip('/')}.png"


def page_card(url: str) -> str:
    """The card of a page, from its URL: `travail/emploi/` -> assets/cards/travail/emploi.png."""
    stem = url.split("#")[0]
    if stem.endswith("index.html"):
        stem = stem[: -len("index.html")]
    stem = stem.removesuffix(".html").strip("/") or "index"
    return f"{CARDS_DIR}/{stem}.png"

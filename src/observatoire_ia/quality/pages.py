"""Every page type the quality gates visit, found in a built site.

Every page type is mandatory: a gate fails, naming the page type, when the site has none.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..site_languages import site_languages_of
from ..site_nav import nav_folders_of

# The gates visit the project's own site: its languages, default first, and the folders of
# its navigation, in order, from mkdocs.yml.
_MKDOCS_YML = Path(__file__).resolve().parents[3] / "mkdocs.yml"
_SITE = site_languages_of(_MKDOCS_YML)
LANGUAGES = (_SITE.default, *_SITE.others(_SITE.default))
FOLDERS = nav_folders_of(_MKDOCS_YML)


@dataclass(frozen=True)
class PageRef:
    kind: str
    lang: str
    path: str  # site-relative file path, e.g. "en/environnement/index.html"

    @property
    def url_path(self) -> str:
        """URL path (relative to the site root) as a reader would open it."""
        return self.path[: -len("index.html")] if self.path.endswith("index.html") else self.path


def _prefix(lang: str) -> str:
    return "" if lang == LANGUAGES[0] else f"{lang}/"


def _first_existing(site: Path, candidates: list[str]) -> str | None:
    for candidate in candidates:
        if (site / candidate).is_file():
            return candidate
    return None


def _dirs_matching(site: Path, lang: str, pattern: str) -> list[str]:
    base = site / _prefix(lang) if _prefix(lang) else site
    if not base.is_dir():
        return []
    found = []
    for child in sorted(base.iterdir()):
        if child.is_dir() and re.search(pattern, child.name) and (child / "index.html").is_file():
            found.append(f"{_prefix(lang)}{child.name}/index.html")
    return found


def _deeper_page(site: Path, lang: str, parents: tuple[str, ...]) -> str | None:
    for parent in parents:
        base = site / f"{_prefix(lang)}{parent}"
        if not base.is_dir():
            continue
        pages = sorted(p for p in base.rglob("index.html") if p.parent != base)
        if pages:
            return pages[0].relative_to(site).as_posix()
    return None


def _claims(site: Path) -> list[dict] | None:
    """The built site's claims.json entries, or None when it has none."""
    claims_file = site / "claims.json"
    if not claims_file.is_file():
        return None
    data = json.loads(claims_file.read_text(encoding="utf-8"))
    return data.get("claims", data) if isinstance(data, dict) else data


def _themes(site: Path) -> tuple[str, ...]:
    """The folders of the navigation that hold claims (claims.json's themes), in its order."""
    claims = _claims(site)
    if claims is None:
        return FOLDERS
    themes = {claim.get("theme") for claim in claims}
    return tuple(folder for folder in FOLDERS if folder in themes)


def _share_page(site: Path, lang: str) -> str | None:
    for claim in _claims(site) or []:
        candidate = f"{_prefix(lang)}c/{claim['id']}/index.html"
        if claim.get("lang") == lang and (site / candidate).is_file():
            return candidate
    return _deeper_page(site, lang, ("c",))


def _reference(site: Path, lang: str, p: str) -> str | None:
    """A reference's own page: the heaviest (the most cited text)."""
    pages = (site / f"{p}bibliographie").glob("*/index.html")
    heaviest = max(pages, key=lambda page: (page.stat().st_size, page.as_posix()), default=None)
    return heaviest.relative_to(site).as_posix() if heaviest else None


def _pending(site: Path, lang: str, p: str) -> str | None:
    """A page waiting for its translation (claims/pending.py)."""
    base = site / p if p else site
    for page in sorted(base.rglob("index.html")) if base.is_dir() else []:
        relative = page.relative_to(site).as_posix()
        if "/c/" in f"/{relative}" or (
            not p and relative.startswith(tuple(f"{x}/" for x in LANGUAGES[1:]))
        ):
            continue
        if 'class="admonition info translation-pending"' in page.read_text(encoding="utf-8"):
            return relative
    return None


def _first_folder(pattern: str):
    return lambda site, lang, p: next(iter(_dirs_matching(site, lang, pattern)), None)


# kind -> finder(site, lang, language prefix)
_FINDERS = {
    "home": lambda site, lang, p: _first_existing(site, [f"{p}index.html"]),
    "theme": lambda site, lang, p: _first_existing(
        site, [f"{p}{theme}/index.html" for theme in _themes(site)]
    ),
    "sub-page": lambda site, lang, p: _deeper_page(site, lang, _themes(site)),
    "bibliography": lambda site, lang, p: _first_existing(
        site, [f"{p}bibliographie/index.html", f"{p}bibliography/index.html"]
    ),
    "source": lambda site, lang, p: _deeper_page(
        site, lang, ("sources", "textes", "sources-texts")
    ),
    "reference": _reference,
    "share": lambda site, lang, p: _share_page(site, lang),
    "glossary": _first_folder(r"^gloss"),
    "timeline": _first_folder(r"^(chronolog|timeline|frise)"),
    "downloads": _first_folder(r"^(t[eé]l[eé]charg|download|hors-ligne|offline)"),
    "pending": _pending,
    "404": lambda site, lang, p: _first_existing(site, [f"{p}404.html"]),
    "explorer": lambda site, lang, p: _first_existing(site, [f"{p}explorer/index.html"]),
}


def find(site: Path, kind: str, lang: str) -> str | None:
    if kind not in _FINDERS:
        raise ValueError(kind)
    return _FINDERS[kind](site, lang, _prefix(lang))


PAGE_TYPES = (
    "home",
    "theme",
    "sub-page",
    "bibliography",
    "reference",
    "source",
    "share",
    "glossary",
    "timeline",
    "downloads",
    "pending",
    "404",
    "explorer",
)


# (kind, lang) of every page the gates visit: each page type in each language, except that
# the original language is never waiting for its translation.
EXPECTED = tuple(
    (kind, lang)
    for kind in PAGE_TYPES
    for lang in LANGUAGES
    if not (kind == "pending" and lang == LANGUAGES[0])
)


def page_refs(site: Path) -> list[tuple[str, str, PageRef | None]]:
    """(kind, lang, page or None) for every expected page."""
    return [
        (
            kind,
            lang,
            (lambda path: PageRef(kind, lang, path) if path else None)(find(site, kind, lang)),
        )
        for kind, lang in EXPECTED
    ]


def missing_reason(kind: str, lang: str) -> str:
    return f"page type {kind!r} ({lang}) not found in the built site"

"""Published addresses keep working: pages and claim ids, once published, never disappear.

People paste `page/#claim-id` into leaflets and group chats. `published.json` (repository
root) records every page and claim id the site has published; `redirects.yml` says where a
page or a claim went when it moved. The build fails when a published page or claim vanishes
without a redirect, and writes what the redirects need:

- a moved page: a small page at the old address that forwards to the new one, keeping the
  `#claim-id` (meta refresh, plus `redirect.js`, which carries the fragment over);
- a moved claim: the page where it was published lists it in
  `<script type="application/json" id="moved-claims">`, and `claims.js` follows the link.

`scripts/published.py --update` records the current pages and claims (run it in the change that
adds them; a test checks the record is complete).
"""

from __future__ import annotations

import html
import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import AuthoringErrors, LocatedError, Location
from ..i18n import text as ui
from .exports import page_url_path
from .registry import ClaimRegistry

PUBLISHED = "published.json"
REDIRECTS = "redirects.yml"


@dataclass
class Redirects:
    pages: dict[str, str] = field(default_factory=dict)  # old url path -> new url path
    claims: dict[str, str] = field(default_factory=dict)  # claim id -> new page url path

    @classmethod
    def load(cls, path: Path) -> Redirects:
        if not path.is_file():
            return cls()
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        pages = {_slashed(k): _slashed(v) for k, v in (data.get("pages") or {}).items()}
        claims = {str(k): _slashed(v) for k, v in (data.get("claims") or {}).items()}
        return cls(pages, claims)


def _slashed(path: str) -> str:
    """`travail/emploi` / `travail/emploi.md` / `/travail/emploi/` -> `travail/emploi/`."""
    path = str(path).strip().strip("/")
    if path.endswith(".md"):
        return page_url_path(path, "fr", "fr")
    return f"{path}/" if path else ""


def current_record(registry: ClaimRegistry, default_lang: str) -> dict:
    """Pages (url paths, language-neutral) and claim id -> page of the default language."""
    pages = sorted(
        page_url_path(p, default_lang, default_lang) for p in registry.pages[default_lang]
    )
    claims = {
        claim.id: page_url_path(claim.page, default_lang, default_lang)
        for claim in registry.claims(default_lang)
    }
    return {"pages": pages, "claims": dict(sorted(claims.items()))}


def _line_of(text: str, needle: str) -> int:
    """Line of the first line holding `needle` (quoted JSON string or YAML key), else 1."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


@dataclass
class _Lines:
    """Errors located in published.json or redirects.yml, at the line naming what failed."""

    published: str  # the text of published.json
    redirects: str  # the text of redirects.yml ("" when there is none)

    def in_published(self, needle: str, message: str) -> LocatedError:
        return LocatedError(Location(PUBLISHED, _line_of(self.published, f'"{needle}"')), message)

    def in_redirects(self, needle: str, message: str) -> LocatedError:
        return LocatedError(Location(REDIRECTS, _line_of(self.redirects, needle)), message)


def check(registry: ClaimRegistry, root: Path, default_lang: str) -> Redirects:
    """Fail when a published page or claim is gone without a redirect; return the redirects."""
    published_path = root / PUBLISHED
    redirects = Redirects.load(root / REDIRECTS)
    if not published_path.is_file():
        return redirects
    published_text = published_path.read_text(encoding="utf-8")
    published = json.loads(published_text)
    redirects_path = root / REDIRECTS
    redirects_text = redirects_path.read_text(encoding="utf-8") if redirects_path.is_file() else ""
    lines = _Lines(published_text, redirects_text)
    now = current_record(registry, default_lang)
    errors = _page_errors(lines, redirects, published, set(now["pages"]))
    errors += _claim_errors(lines, redirects, published, now["claims"])
    if errors:
        raise AuthoringErrors(errors)
    return redirects


def _page_errors(
    lines: _Lines, redirects: Redirects, published: dict, pages: set[str]
) -> list[LocatedError]:
    """Redirects of pages that exist or lead nowhere; published pages gone without one."""
    errors: list[LocatedError] = []
    for page, target in redirects.pages.items():
        if page in pages:
            errors.append(
                lines.in_redirects(
                    page.rstrip("/"), f"page {page!r} still exists: remove its redirect"
                )
            )
        elif target not in pages:
            errors.append(
                lines.in_redirects(
                    page.rstrip("/"), f"redirect {page!r} -> {target!r}: no such page"
                )
            )
    for page in published.get("pages", []):
        if page not in pages and page not in redirects.pages:
            errors.append(
                lines.in_published(
                    page,
                    f"published page {page!r} no longer exists: add `{page}: <new page>/` under "
                    f"`pages:` in {REDIRECTS} so its links keep working",
                )
            )  # fmt: skip
    return errors


def _claim_errors(
    lines: _Lines, redirects: Redirects, published: dict, claims: dict[str, str]
) -> list[LocatedError]:
    """Published claims gone, or moved without a redirect; claim redirects that are wrong."""
    errors: list[LocatedError] = []
    for claim_id, page in published.get("claims", {}).items():
        where = claims.get(claim_id)
        if where is None:
            errors.append(
                lines.in_published(
                    claim_id,
                    f"published claim {claim_id!r} (on {page!r}) no longer exists: claim ids are "
                    "permanent; restore it (reworded if needed) under the same id",
                )
            )  # fmt: skip
        elif where != page and redirects.pages.get(page) != where:
            if redirects.claims.get(claim_id) != where:
                errors.append(
                    lines.in_published(
                        claim_id,
                        f"published claim {claim_id!r} moved from {page!r} to {where!r}: add "
                        f"`{claim_id}: {where}` under `claims:` in {REDIRECTS}",
                    )
                )  # fmt: skip
    for claim_id, target in redirects.claims.items():
        if claims.get(claim_id) != target:
            errors.append(lines.in_redirects(claim_id, f"claim {claim_id!r} is not on {target!r}"))
    return errors


def _relative(from_dir: str, to_path: str, directory_urls: bool) -> str:
    """Link from the page at url path `from_dir` to url path `to_path` (both ending in /)."""
    target = to_path if directory_urls else f"{to_path}index.html"
    link = posixpath.relpath(target or ".", from_dir.rstrip("/") or ".")
    if directory_urls and not link.endswith("/"):
        link = "./" if link == "." else link + "/"
    return link


def write_redirect_pages(
    site_dir: Path, redirects: Redirects, lang: str, directory_urls: bool, site_url: str,
    lang_prefix: str,
) -> list[Path]:  # fmt: skip
    """A forwarding page at each old address, in this language's part of the site
    (mkdocs-static-i18n builds every language into the same site folder)."""
    written = []
    if redirects.pages or redirects.claims:
        write_scripts(site_dir)
    for old, new in redirects.pages.items():
        target = _relative(old, new, directory_urls)
        script = _relative(lang_prefix + old, "assets/javascripts/", directory_urls)
        script = script.removesuffix("index.html")
        canonical = f"{site_url.rstrip('/')}/{lang_prefix}{new}" if site_url else target
        page = (
            f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            f"<title>{html.escape(ui(lang, 'moved'))}</title>\n"
            f'<meta name="robots" content="noindex">\n'
            f'<link rel="canonical" href="{html.escape(canonical)}">\n'
            f'<meta http-equiv="refresh" content="0; url={html.escape(target)}">\n'
            f'<script src="{script}redirect.js"></script>\n'
            f"</head>\n<body>\n<p>{html.escape(ui(lang, 'moved') + ui(lang, 'colon'))} "
            f'<a id="moved-to" href="{html.escape(target)}">{html.escape(canonical)}</a></p>\n'
            f"</body>\n</html>\n"
        )
        path = site_dir / lang_prefix / old / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
        written.append(path)
    return written


def write_scripts(site_dir: Path) -> None:
    """The forwarding scripts, written by the plugin so that any site using it has them."""
    folder = site_dir / "assets" / "javascripts"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("redirect.js", "moved-claims.js"):
        (folder / name).write_bytes((Path(__file__).parent / "assets" / name).read_bytes())


def moved_claims_script(
    page_path: str, redirects: Redirects, published: dict, directory_urls: bool, base_url: str
) -> str:
    """The JSON block (and its script) for the page at `page_path` listing its claims that
    moved elsewhere; `base_url` is the page's relative link to the site root."""
    moved = {
        claim_id: f"{_relative(page_path, target, directory_urls)}#{claim_id}"
        for claim_id, target in redirects.claims.items()
        if published.get("claims", {}).get(claim_id) == page_path
    }
    if not moved:
        return ""
    data = json.dumps(moved, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    root = base_url.rstrip("/") + "/" if base_url not in ("", ".") else ""
    return (
        f'<script type="application/json" id="moved-claims">{data}</script>\n'
        f'<script src="{root}assets/javascripts/moved-claims.js"></script>'
    )

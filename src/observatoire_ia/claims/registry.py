"""Every claim of the site, in both languages, checked against the bibliography."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import markdown as markdown_lib

from ..display_paths import display_path
from ..errors import AuthoringErrors, LocatedError, Location
from ..typography import french_spacing
from . import pending
from .bibliography import Bibliography
from .passages import SourceText
from .scan import CITATION, Claim, PageScan, scan_page

ATTR_LIST_TEXT = re.compile(r"\{:[^}]*\}")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
TAG = re.compile(r"<[^>]+>")


@dataclass
class ClaimRegistry:
    bibliography: Bibliography
    languages: tuple[str, ...]
    pages: dict[str, dict[str, PageScan]] = field(default_factory=dict)  # lang -> page -> scan
    pending: set[tuple[str, str]] = field(default_factory=set)  # (lang, page): translation pending
    # Union texts' passages (key -> SourceText), set by load_registry.
    sources: dict[str, SourceText] = field(default_factory=dict)
    # The folders of the navigation's pages, in its order (set by the claims plugin from
    # mkdocs.yml): the order of the themes on generated lists (site_nav.py).
    folders: tuple[str, ...] = ()

    @classmethod
    def scan(
        cls, docs_dir: Path, languages: tuple[str, ...], bibliography: Bibliography, root: Path
    ) -> ClaimRegistry:
        """Scan docs/<lang>/**/*.md for every language and check the whole site at once."""
        registry = cls(bibliography, languages)
        errors: list[LocatedError] = []
        for lang in languages:
            lang_dir = docs_dir / lang
            registry.pages[lang] = {}
            for path in sorted(lang_dir.rglob("*.md")):
                page = path.relative_to(lang_dir).as_posix()
                shown = display_path(path, root)
                markdown = path.read_text(encoding="utf-8")
                errors.extend(pending.check(markdown, lang, languages[0], shown))
                original = docs_dir / languages[0] / page
                if lang != languages[0] and pending.is_pending(markdown) and original.is_file():
                    # Built from the original: its claims, whose errors the original reports.
                    registry.pending.add((lang, page))
                    markdown = original.read_text(encoding="utf-8")
                    scan = scan_page(markdown, lang, page, shown)
                    scan.errors = []
                else:
                    scan = scan_page(markdown, lang, page, shown)
                registry.pages[lang][page] = scan
                errors.extend(scan.errors)
        errors.extend(registry._check())
        if errors:
            raise AuthoringErrors(errors)
        return registry

    def _check(self) -> list[LocatedError]:
        errors: list[LocatedError] = self._check_translations()
        seen: dict[str, dict[str, Claim]] = {lang: {} for lang in self.languages}
        for lang in self.languages:
            for scan in self.pages[lang].values():
                for citation in scan.citations:
                    if citation.key not in self.bibliography:
                        hint = self.bibliography.suggest(citation.key)
                        errors.append(
                            LocatedError(
                                Location(scan.path, citation.line),
                                f"unknown citation key {citation.key!r}"
                                + (f" (did you mean {hint!r}?)" if hint else "")
                                + " — add it to bibliography.bib or fix the key",
                            )
                        )
                    elif citation.passage is not None:
                        source = self.bibliography[citation.key].source_page
                        if not source:
                            errors.append(
                                LocatedError(
                                    Location(scan.path, citation.line),
                                    f"[@{citation.key}, {citation.locator}]: this reference has no "
                                    "source page (sourcepage field), so it has no numbered passages",
                                )
                            )
                for claim in scan.claims:
                    first = seen[lang].get(claim.id)
                    if first:
                        first_at = self.pages[lang][first.page].path
                        errors.append(
                            LocatedError(
                                Location(scan.path, claim.line),
                                f"duplicate claim id {claim.id!r} (first used at {first_at}:{first.line})",
                            )
                        )
                    else:
                        seen[lang][claim.id] = claim
        for lang in self.languages:
            for claim_id, claim in seen[lang].items():
                for other in self.languages:
                    if other == lang:
                        continue
                    twin = seen[other].get(claim_id)
                    where = Location(self.pages[lang][claim.page].path, claim.line)
                    if twin is None:
                        errors.append(
                            LocatedError(
                                where,
                                f"claim {claim_id!r} exists in '{lang}' but not in '{other}': "
                                f"translate it in docs/{other}/{claim.page}",
                            )
                        )
                    elif twin.page != claim.page:
                        errors.append(
                            LocatedError(
                                where,
                                f"claim {claim_id!r} is on {lang}/{claim.page} but on "
                                f"{other}/{twin.page}: both languages must use the same page",
                            )
                        )
        return errors

    def _check_translations(self) -> list[LocatedError]:
        """Every page exists in every language (fallback_to_default is off: no silent gap)."""
        errors = []
        for lang in self.languages:
            for page, scan in self.pages[lang].items():
                for other in self.languages:
                    if other != lang and page not in self.pages[other]:
                        errors.append(
                            LocatedError(
                                Location(scan.path, 1),
                                f"missing translation: this page has no '{other}' version "
                                f"(create docs/{other}/{page})",
                            )
                        )
        return errors

    # -- queries ----------------------------------------------------------------------------

    def claims(self, lang: str) -> list[Claim]:
        return [claim for scan in self.pages[lang].values() for claim in scan.claims]

    @cached_property
    def by_id(self) -> dict[tuple[str, str], Claim]:
        return {
            (claim.lang, claim.id): claim for lang in self.languages for claim in self.claims(lang)
        }

    def claim(self, lang: str, claim_id: str) -> Claim:
        return self.by_id[(lang, claim_id)]

    def is_pending(self, lang: str, page: str) -> bool:
        """The page waits for its translation and shows the original (claims/pending.py)."""
        return (lang, page) in self.pending

    def text_lang(self, claim: Claim) -> str:
        """The language a claim's text is written in: the original's on a page waiting for its
        translation, else the page's."""
        return self.languages[0] if self.is_pending(claim.lang, claim.page) else claim.lang

    def page_scan(self, lang: str, page: str) -> PageScan | None:
        return self.pages.get(lang, {}).get(page)

    def citing_claims(self, lang: str) -> dict[str, list[Claim]]:
        """Reference key -> claims citing it, in page then line order."""
        citing: dict[str, list[Claim]] = defaultdict(list)
        for claim in self.claims(lang):
            for key in claim.keys:
                citing[key].append(claim)
        return citing

    def unused_keys(self) -> list[str]:
        used = {key for lang in self.languages for claim in self.claims(lang) for key in claim.keys}
        return [key for key in self.bibliography.references if key not in used]

    def plain_text(self, claim: Claim) -> str:
        """The claim as plain text, citations removed (for exports, share text, previews)."""
        return _plain_text(claim.markdown, claim.lang)


_converter = markdown_lib.Markdown(extensions=["abbr", "attr_list", "tables"])
# What Markdown (abbr, attr_list, tables) may turn into markup, remove or unescape: emphasis,
# code, links, HTML and entities, escapes, attribute lists, headings, quotes, rules, setext
# underlines, tables. Most claims have none of it and skip the conversion (2000 claims: 0.2 s).
_MARKUP = re.compile(r"[\\`*_\[\]<>&{}!#|=]|--|^[ \t]*(?:[-+>]|\d+[.)][ \t])", re.MULTILINE)


@cache  # exports, previews and share text ask again for the same claims in each language build
def _plain_text(source: str, lang: str) -> str:
    text = CITATION.sub("", source)
    text = ATTR_LIST_TEXT.sub("", text)
    text = LIST_MARKER.sub("", text)
    if text.lstrip().startswith("|"):
        cells = [cell.strip() for cell in text.strip().strip("|").split("|")]
        text = " — ".join(cell for cell in cells if cell)
    if _MARKUP.search(text):
        _converter.reset()
        plain = html.unescape(TAG.sub("", _converter.convert(text)))
    else:
        plain = text  # nothing Markdown would change but spaces, collapsed below
    plain = re.sub(r"\s+", " ", plain).strip()
    plain = re.sub(r"\s+([.,)])", r"\1", plain)
    plain = re.sub(r"\(\s*\)", "", plain).strip()
    return french_spacing(plain) if lang == "fr" else plain

"""Translation status of the site, in the spirit of FastAPI's docs scripts.

- a page present in one language only is *missing* in the other;
- a claim id present on a page in one language only is a *missing claim*;
- an English page whose front matter says `translation: pending` is *pending*: it holds no
  text and the build shows the French page in its place (claims/pending.py); it is listed on
  its own, and is not a problem (a pending page with text, or a pending French page, is);
- an English page records the hash of the French file it translates in its front matter
  (`source_hash: 1a2b3c4d5e6f`, the first 12 hex digits of the SHA-256 of the French file);
  when the French file changes, the recorded hash no longer matches and the English page is
  *outdated* (or *unstamped* when it records no hash). After updating the translation,
  `stamp` records the current hash.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .claims import pending
from .claims.scan import FRONT_MATTER, scan_page

SOURCE_LANG = "fr"
HASH_FIELD = "source_hash"
HASH_LENGTH = 12
_HASH_LINE = re.compile(
    rf"^{HASH_FIELD}:[ \t]*[\"']?(?P<hash>[0-9a-fA-F]*)[\"']?[ \t]*$", re.MULTILINE
)


def source_hash(path: Path) -> str:
    """First 12 hex digits of the SHA-256 of a file (line endings normalised)."""
    return text_hash(path.read_bytes())


def text_hash(data: bytes) -> str:
    """The `source_hash` of a file's content."""
    return hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()[:HASH_LENGTH]


def recorded_hash(markdown: str) -> str | None:
    """The `source_hash` of a page's front matter, or None."""
    front = FRONT_MATTER.match(markdown)
    if not front:
        return None
    match = _HASH_LINE.search(front.group(0))
    return match.group("hash").lower() if match and match.group("hash") else None


def with_hash(markdown: str, digest: str) -> str:
    """The page with `source_hash: <digest>` in its front matter (added or replaced, nothing else moved)."""
    line = f"{HASH_FIELD}: {digest}"
    front = FRONT_MATTER.match(markdown)
    if not front:
        return f"---\n{line}\n---\n\n{markdown}"
    block = front.group(0)
    if _HASH_LINE.search(block):
        block = _HASH_LINE.sub(line, block, count=1)
    else:
        block = block[: -len("---\n")] + line + "\n---\n"
    return block + markdown[front.end() :]


@dataclass
class Status:
    missing_pages: dict[str, list[str]] = field(default_factory=dict)  # lang -> pages
    missing_claims: list[tuple[str, str, str]] = field(default_factory=list)  # (lang, page, id)
    outdated: list[tuple[str, str, str]] = field(default_factory=list)  # (page, recorded, current)
    unstamped: list[str] = field(default_factory=list)  # pages
    pending: list[str] = field(default_factory=list)  # English pages waiting for a translation
    invalid_pending: list[str] = field(default_factory=list)  # "path:line: message"

    @property
    def problems(self) -> int:
        return (
            sum(len(pages) for pages in self.missing_pages.values())
            + len(self.missing_claims)
            + len(self.outdated)
            + len(self.unstamped)
            + len(self.invalid_pending)
        )

    def render(self, docs_dir: str = "docs") -> str:
        out: list[str] = []
        for lang, pages in self.missing_pages.items():
            if pages:
                out.append(f"Pages missing in '{lang}' ({len(pages)}):")
                out += [f"  {docs_dir}/{lang}/{page}" for page in pages]
        if self.missing_claims:
            out.append(f"Claims missing in one language ({len(self.missing_claims)}):")
            out += [
                f"  {docs_dir}/{lang}/{page}: #{claim_id}"
                for lang, page, claim_id in self.missing_claims
            ]
        if self.outdated:
            out.append(
                f"Outdated English pages: the French page changed since ({len(self.outdated)}):"
            )
            for page, recorded, current in self.outdated:
                out.append(
                    f"  {docs_dir}/en/{page} (translated from {recorded}, French is now {current}; "
                    f"see: git log -p {docs_dir}/{SOURCE_LANG}/{page})"
                )
        if self.unstamped:
            out.append(f"English pages without {HASH_FIELD} ({len(self.unstamped)}):")
            out += [f"  {docs_dir}/en/{page}" for page in self.unstamped]
        if self.invalid_pending:
            out.append(f"Wrong `translation: pending` pages ({len(self.invalid_pending)}):")
            out += [f"  {error}" for error in self.invalid_pending]
        if self.pending:
            out.append(
                f"Waiting for a translation (translation: pending; the site shows the French "
                f"page) ({len(self.pending)}):"
            )
            out += [f"  {docs_dir}/en/{page}" for page in self.pending]
        if self.problems:
            out.append(
                "After updating a translation: scripts/translations.py stamp docs/en/<page>.md"
            )
        elif self.pending:
            out.append(
                "translations: nothing missing or outdated; the pages above wait for a translation"
            )
        else:
            out.append(
                "translations: every page and claim exists in both languages and is up to date"
            )
        return "\n".join(out)


def _pages(docs_dir: Path, lang: str) -> set[str]:
    root = docs_dir / lang
    return {p.relative_to(root).as_posix() for p in root.rglob("*.md")} if root.exists() else set()


def _claim_ids(path: Path, lang: str, page: str) -> set[str]:
    scan = scan_page(path.read_text(encoding="utf-8"), lang, page, path.as_posix())
    return {claim.id for claim in scan.claims}


def translation_status(docs_dir: Path, languages: tuple[str, ...] = ("fr", "en")) -> Status:
    """Missing pages and claims in every language, outdated and unstamped translations."""
    status = Status()
    pages = {lang: _pages(docs_dir, lang) for lang in languages}
    for lang in languages:
        others = set().union(*(pages[o] for o in languages if o != lang))
        status.missing_pages[lang] = sorted(others - pages[lang])
    common = sorted(set.intersection(*pages.values()))
    for lang in languages:
        for page in sorted(pages[lang]):
            markdown = (docs_dir / lang / page).read_text(encoding="utf-8")
            shown = f"{docs_dir.name}/{lang}/{page}"
            status.invalid_pending += [
                str(error) for error in pending.check(markdown, lang, SOURCE_LANG, shown)
            ]
            if lang != SOURCE_LANG and pending.is_pending(markdown) and page in common:
                status.pending.append(page)
    common = [page for page in common if page not in status.pending]
    for page in common:
        ids = {lang: _claim_ids(docs_dir / lang / page, lang, page) for lang in languages}
        for lang in languages:
            others = set().union(*(ids[o] for o in languages if o != lang))
            status.missing_claims += [
                (lang, page, claim_id) for claim_id in sorted(others - ids[lang])
            ]
    for lang in languages:
        if lang == SOURCE_LANG:
            continue
        for page in common:
            recorded = recorded_hash((docs_dir / lang / page).read_text(encoding="utf-8"))
            current = source_hash(docs_dir / SOURCE_LANG / page)
            if recorded is None:
                status.unstamped.append(page)
            elif recorded != current:
                status.outdated.append((page, recorded, current))
    return status


def stamp(docs_dir: Path, translated: Path) -> str:
    """Record in a translated page the hash of its French source; returns the hash."""
    translated = translated.resolve()
    docs_dir = docs_dir.resolve()
    try:
        lang, *rest = translated.relative_to(docs_dir).parts
    except ValueError as error:
        raise ValueError(f"{translated} is not under {docs_dir}") from error
    if lang == SOURCE_LANG:
        raise ValueError(f"{translated} is a French page: stamp its translation (docs/en/…)")
    source = docs_dir / SOURCE_LANG / Path(*rest)
    if not source.exists():
        raise ValueError(f"{translated}: no French page {source} to translate from")
    digest = source_hash(source)
    markdown = translated.read_text(encoding="utf-8")
    updated = with_hash(markdown, digest)
    if updated != markdown:
        translated.write_text(updated, encoding="utf-8")
    return digest

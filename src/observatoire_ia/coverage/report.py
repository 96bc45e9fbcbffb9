"""Every union text, the facts no claim carries, and the report scripts/coverage.py prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..claims.bibliography import Bibliography, Reference
from ..claims.passages import source_page_path, source_passages
from ..claims.registry import ClaimRegistry
from ..display_paths import display_path
from .exclusions import Exclusion
from .items import Item, Vocabulary, extract_items, unique_items
from .matching import ClaimText, covered_by, quote_covered


@dataclass
class TextCoverage:
    key: str
    source: str  # the source page, e.g. docs/fr/sources/x.md
    items: list[Item] = field(default_factory=list)
    gaps: list[Item] = field(default_factory=list)
    excluded: list[tuple[Item, Exclusion]] = field(default_factory=list)
    claims: int = 0
    problem: str | None = None  # e.g. the source page is missing

    @property
    def ok(self) -> bool:
        return not self.gaps and not self.problem


@dataclass
class CoverageReport:
    texts: list[TextCoverage]
    unused_exclusions: list[Exclusion]

    @property
    def gap_count(self) -> int:
        return sum(len(t.gaps) + (1 if t.problem else 0) for t in self.texts)

    def render(self, verbose: bool = False) -> str:
        out = []
        for text in self.texts:
            out.append(f"{text.key} — {text.source}")
            if text.problem:
                out.append(f"  ERROR: {text.problem}")
                out.append("")
                continue
            out.append(
                f"  {len(text.items)} items, {len(text.items) - len(text.gaps) - len(text.excluded)} "
                f"found in {text.claims} claims, {len(text.excluded)} excluded, "
                f"{len(text.gaps)} in no claim"
            )
            for item in text.gaps:
                out.append("    " + item.label())
            if verbose:
                for item, exclusion in text.excluded:
                    out.append(f"    excluded {item.label().strip()} ({exclusion.reason})")
            out.append("")
        for exclusion in self.unused_exclusions:
            out.append(
                f"warning: exclusion {exclusion.text!r} ({exclusion.scope}) matches no item: remove it"
            )
        total = self.gap_count
        out.append(
            "coverage: every item of every text is in a claim"
            if total == 0
            else f"coverage: {total} gap(s): write the missing claims (or exclude layout noise, with a reason)"
        )
        return "\n".join(out)


def union_texts(bibliography: Bibliography) -> list[Reference]:
    """The references that have a source page: the union texts."""
    return [ref for ref in bibliography.references.values() if ref.source_page]


def text_coverage(
    key: str,
    source_markdown: str,
    source_label: str,
    claims: list[ClaimText],
    exclusions: list[Exclusion],
    vocabulary: Vocabulary,
    used: set[Exclusion] | None = None,
) -> TextCoverage:
    """Items of one text and those that no claim carries."""
    result = TextCoverage(key, source_label, claims=len(claims))
    passages = source_passages(source_markdown)
    if not passages:
        result.problem = f"{source_label} holds no text"
        return result
    items: list[Item] = []
    for passage in passages:
        items.extend(extract_items(passage.text, passage.anchor, vocabulary))
    result.items = unique_items(items)
    for item in result.items:
        exclusion = next((e for e in exclusions if e.matches(item, key)), None)
        if exclusion:
            result.excluded.append((item, exclusion))
            if used is not None:
                used.add(exclusion)
            continue
        if item.kind == "quote":
            found = quote_covered(item, claims)
        else:
            found = any(covered_by(item, claim) for claim in claims)
        if not found:
            result.gaps.append(item)
    return result


def coverage(
    registry: ClaimRegistry,
    docs_dir: Path,
    exclusions: list[Exclusion],
    root: Path | None = None,
    lang: str = "fr",
) -> CoverageReport:
    """Coverage of every union text by the claims (in `lang`) that cite it."""
    bibliography = registry.bibliography
    texts = union_texts(bibliography)
    sources: dict[str, tuple[Path, str | None]] = {}
    for reference in texts:
        path = source_page_path(docs_dir, lang, reference.source_page)
        sources[reference.key] = (path, path.read_text(encoding="utf-8") if path.exists() else None)
    vocabulary = Vocabulary.of(
        [p.text for _, text in sources.values() if text is not None for p in source_passages(text)]
    )
    citing = registry.citing_claims(lang)
    used: set[Exclusion] = set()
    results = []
    for reference in texts:
        path, markdown = sources[reference.key]
        label = display_path(path, root)
        source_page = path.relative_to(docs_dir / lang).as_posix() if path.exists() else None
        claims = [
            ClaimText.of(
                claim,
                registry.plain_text(claim),
                [bibliography[k] for k in claim.keys if k in bibliography],
            )
            for claim in citing.get(reference.key, [])
            if claim.page != source_page  # the text itself is no claim about it
        ]
        if markdown is None:
            results.append(
                TextCoverage(
                    reference.key, label, claims=len(claims), problem=f"{label} does not exist"
                )
            )
            continue
        results.append(
            text_coverage(reference.key, markdown, label, claims, exclusions, vocabulary, used)
        )
    unused = [e for e in exclusions if e not in used]
    return CoverageReport(results, unused)

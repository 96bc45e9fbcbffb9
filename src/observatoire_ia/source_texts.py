"""The union texts on their source pages, checked line by line against the original documents.

The originals (the seeds) print their authors' phone numbers and e-mail addresses: they stay out
of the repository. When they are at hand, every substantive line of each one must be on its
source page (`missing_lines`), and `scripts/source_texts.py --record` writes, for each text, a
digest of the words of its passages into `scripts/source_texts_checked.json`. Where they are not
(a fresh clone, CI), the passages must still have the words that were checked: same digest.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

from .claims.passages import markdown_to_text, source_passages
from .coverage.normalise import words

RECORD = Path("scripts") / "source_texts_checked.json"

# Contact lines (phones, e-mails, handles, links) and social-network lines: layout, not text.
CONTACT_OR_LAYOUT = re.compile(
    r"\b0\d(?:[ .]?\d\d){4}\b|\+33|@|https?://|\bt\.me/|www\.|^contacts?\s*:|^(?:fil )?t[ée]l[ée]gram\b"
    r"|^(?:facebook|x|instagram|mastodon|tiktok|telegram)\s*:",
    re.IGNORECASE,
)


def substantive_lines(seed: str) -> list[str]:
    """Lines of a seed that carry text: not blank, not contact lines (phones, e-mails, handles),
    not a running footer (a line printed three times or more, once per page of the leaflet)."""
    texts = [markdown_to_text(line).strip() for line in seed.splitlines()]
    counts = Counter(tuple(words(text)) for text in texts)
    return [
        text
        for text in texts
        if words(text) and not CONTACT_OR_LAYOUT.search(text) and counts[tuple(words(text))] < 3
    ]


def page_words(markdown: str) -> tuple[str, str]:
    """A source page's words, spaced and joined (an editorial « [sic] » does not count)."""
    tokens = [w for w in words(markdown_to_text(markdown)) if w != "sic"]
    return " " + " ".join(tokens) + " ", "".join(tokens)


def line_in_page(line: str, spaced: str, joined: str) -> bool:
    tokens = words(line)
    if " " + " ".join(tokens) + " " in spaced:
        return True
    if line.rstrip().endswith("-") and " " + " ".join(tokens) in spaced:
        return True  # « pro- » cut at a page break: the page joins « professionnelle »
    return "".join(tokens) in joined  # words joined or split differently (SUDCT, m3)


def missing_lines(seed: str, markdown: str) -> list[str]:
    """The seed's substantive lines that are not on the source page."""
    spaced, joined = page_words(markdown)
    return [line for line in substantive_lines(seed) if not line_in_page(line, spaced, joined)]


def passages_digest(markdown: str) -> str:
    """Digest of the words of the page's numbered passages, in order (markup, anchors and
    attributes such as who speaks do not count; a changed, added or lost word does)."""
    tokens = [
        " ".join(w for w in words(markdown_to_text(p.text)) if w != "sic")
        for p in source_passages(markdown)
    ]
    return hashlib.sha256("\n".join(tokens).encode("utf-8")).hexdigest()


def seed_digest(seed: str) -> str:
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()


def load_record(root: Path) -> dict[str, dict[str, str]]:
    """source page (e.g. "sources/tract") -> {"seed": digest, "passages": digest}."""
    path = root / RECORD
    return json.loads(path.read_text(encoding="utf-8"))["texts"] if path.is_file() else {}


def save_record(root: Path, texts: dict[str, dict[str, str]]) -> None:
    data = {
        "about": "Digests of the union texts checked line by line against their originals "
        "(src/observatoire_ia/source_texts.py); written by scripts/source_texts.py --record.",
        "texts": dict(sorted(texts.items())),
    }
    (root / RECORD).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def check(seeds: list[tuple[str, str]], pages: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Match each seed (name, text) to the source page (path -> Markdown) holding most of its
    lines: ({seed name: page}, problems). Two seeds on one page, or a line missing, is a problem."""
    matched: dict[str, str] = {}
    problems: list[str] = []
    for name, seed in seeds:
        missing = {page: missing_lines(seed, markdown) for page, markdown in pages.items()}
        page = min(missing, key=lambda p: len(missing[p]))
        matched[name] = page
        problems += [f"{name} -> {page}: missing line: {line[:100]}" for line in missing[page]]
    if len(set(matched.values())) != len(matched):
        problems.append(f"two seeds match one source page: {matched}")
    return matched, problems

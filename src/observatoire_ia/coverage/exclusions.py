"""`sourcing/item-exclusions.yml`: layout noise a text holds, excluded with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .items import KINDS, Item
from .normalise import words


@dataclass(frozen=True)
class Exclusion:
    text: str
    reason: str
    scope: str  # a bibliography key, or "*" for every text
    kind: str | None = None

    def matches(self, item: Item, key: str) -> bool:
        if self.scope not in ("*", key) or (self.kind and self.kind != item.kind):
            return False
        return words(self.text) == words(item.text)


def load_exclusions(path: Path) -> list[Exclusion]:
    """`sourcing/item-exclusions.yml`: every item needs a reason (ValueError otherwise)."""
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    exclusions = []
    sections = {"*": data.get("all_texts") or []} | dict(data.get("texts") or {})
    for scope, entries in sections.items():
        for entry in entries or []:
            text, reason = entry.get("item"), (entry.get("reason") or "").strip()
            if not text or not reason:
                raise ValueError(f"{path}: exclusion {entry!r} needs both 'item' and 'reason'")
            kind = entry.get("kind")
            if kind is not None and kind not in KINDS:
                raise ValueError(f"{path}: exclusion {text!r}: kind must be one of {KINDS}")
            exclusions.append(Exclusion(str(text), reason, scope, kind))
    return exclusions

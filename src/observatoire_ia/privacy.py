"""Phone numbers and e-mail addresses in a text, however they are written.

The union texts print their authors' phone numbers and e-mail addresses. Neither the site nor
the repository may carry them: the built site carries no contact detail at all, and a tracked
file only numbers reserved for fiction, addresses at reserved domains and the organisations'
public addresses listed, with a reason, in `privacy-allowlist.yml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

# One separator at most between two digits: space, no-break spaces, dot, hyphen, slash.
SEP = r"[ \t.\-/\u00a0\u202f]?"
NINE_DIGITS = rf"[1-9](?:{SEP}\d){{8}}"
PHONE = re.compile(
    r"(?<![\w.,/+])(?:"
    # +33 6…, 0033 6…, (+33) 6…, +33 (0)6…, +33 639 980 017 (any grouping of the nine digits)
    rf"(?:(?:\+|00){SEP}33|\(\s?(?:\+|00)\s?33\s?\)|\+\s?\(33\)){SEP}(?:\(0\){SEP})?{NINE_DIGITS}"
    # 06 39 98 00 17, 06.39.98.00.17, 0639980017, 063 998 0017
    rf"|0{NINE_DIGITS}"
    r")(?![\w,])"
)
# `@` or its usual disguises: [at], (at), {at}, <at>, (@), « arobase »; dots as [dot], (point)…
AT = r"(?:\s?@\s?|\s*[\[({<]\s*(?:at|@|arobase)\s*[\])}>]\s*|\s+arobase\s+)"
DOT = r"(?:\.|\s*[\[({<]\s*(?:dot|point)\s*[\])}>]\s*)"
LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
EMAIL = re.compile(
    rf"(?<![\w.%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*{AT}{LABEL}(?:{DOT}{LABEL})*{DOT}[A-Za-z]{{2,}}\b",
    re.IGNORECASE,
)
# The French numbering plan reserves these blocks for audiovisual works (fiction).
FICTIONAL_PHONE_BLOCKS = ("019900", "063998")
# Domains reserved for documentation and tests (RFC 2606, RFC 6761).
FICTIONAL_DOMAINS = re.compile(
    r"(?:^|\.)(?:example\.(?:org|com|net)|[a-z0-9-]+\.(?:example|test|invalid|localhost))$"
)
ALLOWLIST = "privacy-allowlist.yml"


def find_personal_data(text: str) -> list[str]:
    """Every phone number and every e-mail-shaped address of a text, as written."""
    found = [match.group(0) for match in PHONE.finditer(text)]
    found += [match.group(0) for match in EMAIL.finditer(text)]
    return found


def normalise_phone(number: str) -> str:
    """`+33 6 39 98 00 17`, `(+33) 639 980 017`, `06.39.98.00.17` -> `0639980017`."""
    digits = re.sub(r"\D", "", number.replace("(0)", ""))
    return "0" + digits[-9:]


def normalise_email(address: str) -> str:
    """`nom [at] example (point) org` -> `nom@example.org`, lower-case."""
    at = re.compile(AT, re.IGNORECASE).sub("@", address, count=1)
    return re.compile(DOT, re.IGNORECASE).sub(".", at).replace(" ", "").lower()


def normalise(contact: str) -> str:
    return (
        normalise_email(contact) if PHONE.fullmatch(contact) is None else normalise_phone(contact)
    )


def is_fictional(
    contact: str,
    phone_blocks: tuple[str, ...] = FICTIONAL_PHONE_BLOCKS,
    domains: re.Pattern | None = FICTIONAL_DOMAINS,
) -> bool:
    """A number of a block reserved for fiction, or an address at a reserved domain."""
    if PHONE.fullmatch(contact):
        return normalise_phone(contact).startswith(phone_blocks)
    domain = normalise_email(contact).rsplit("@", 1)[-1]
    return bool(domains and domains.search(domain))


@dataclass(frozen=True)
class Allowed:
    contact: str  # normalised
    reason: str
    line: int


def load_allowlist(path: Path) -> dict[str, Allowed]:
    """The reviewed public addresses: `- contact: …` with a `reason:` each, no repeats."""
    data = yaml.compose(path.read_text(encoding="utf-8")) if path.is_file() else None
    allowed: dict[str, Allowed] = {}
    if data is None:
        return allowed
    if not isinstance(data, yaml.SequenceNode):
        raise ValueError(f"{path.name}:1: expected a list of `- contact: …` / `reason: …` entries")
    for node in data.value:
        line = node.start_mark.line + 1
        entry = yaml.safe_load(yaml.serialize(node)) if isinstance(node, yaml.MappingNode) else None
        if not isinstance(entry, dict) or set(entry) != {"contact", "reason"}:
            raise ValueError(f"{path.name}:{line}: each entry has exactly `contact` and `reason`")
        contact, reason = str(entry["contact"]), str(entry["reason"] or "").strip()
        if not find_personal_data(contact) or find_personal_data(contact) != [contact]:
            raise ValueError(f"{path.name}:{line}: {contact!r} is not one phone number or address")
        if not reason:
            raise ValueError(f"{path.name}:{line}: {contact!r} needs a reason")
        key = normalise(contact)
        if key in allowed:
            raise ValueError(f"{path.name}:{line}: {contact!r} is listed twice")
        allowed[key] = Allowed(key, reason, line)
    return allowed

"""Phone numbers and e-mail addresses: found, removed, and listed for the report only.

A reader cannot tell a person's number or address from an organisation's, and the texts print
both: every French phone number (here in numbers reserved for fiction: 01 99 00 12 34,
01.99.00.12.34, 0199001234, +33 1 99 00 12 34, +33 (0)1 99 00 12 34, 0033 1 99 00 12 34) and
every address-shaped text (including « nom [at]
domaine.fr » and Mastodon handles written as addresses) is replaced by « […] ». What was
removed goes to the command's report, never to a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SEP = r"[ \t.\-\u00a0\u202f/]?"
PHONE = re.compile(
    rf"(?<![\w.,/+])(?:(?:\+|00){SEP}33{SEP}(?:\(0\){SEP})?[1-9]|0[1-9])(?:{SEP}\d\d){{4}}"
    r"(?!\w|[.,]\d)"
)
EMAIL = re.compile(
    r"(?<![\w.%+\-])[A-Za-z0-9._%+\-]+"
    r"(?:@|[ \t]*[\[(][ \t]*(?:at|arobase|@)[ \t]*[\])][ \t]*)"
    r"[A-Za-z0-9\-]+(?:(?:\.|[ \t]*[\[(][ \t]*(?:dot|point)[ \t]*[\])][ \t]*)[A-Za-z0-9\-]+)*"
    r"\.[A-Za-z]{2,}\b"
)
# A Markdown link to an address or a number: its text stays (unless it is the address itself).
CONTACT_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<target>(?:mailto|tel):[^)\s]*)\)")
AUTOLINK = re.compile(r"<(?P<target>(?:mailto:|tel:)?[^<>\s]+@[^<>\s]+|(?:mailto|tel):[^<>\s]+)>")
# Stands for a removed contact until the text is escaped for Markdown, then becomes « […] ».
PLACEHOLDER = "\x00"
OMISSION = "[…]"


@dataclass(frozen=True)
class Contact:
    kind: str  # "phone" | "e-mail"
    value: str


def find_contacts(text: str) -> list[Contact]:
    found = [Contact("phone", m.group(0)) for m in PHONE.finditer(text)]
    found += [Contact("e-mail", m.group(0)) for m in EMAIL.finditer(text)]
    return found


def remove_contacts(text: str, markdown: bool) -> tuple[str, list[Contact]]:
    """The text with every contact detail replaced by PLACEHOLDER, and what was removed."""
    removed: list[Contact] = []
    if markdown:

        def link(match: re.Match) -> str:
            target = match.group("target")
            kind = "phone" if target.startswith("tel:") else "e-mail"
            removed.append(Contact(kind, target.split(":", 1)[1]))
            return match.group("text")

        text = CONTACT_LINK.sub(link, text)

        def autolink(match: re.Match) -> str:
            target = match.group("target")
            kind = "phone" if target.startswith("tel:") else "e-mail"
            removed.append(Contact(kind, target.split(":", 1)[-1]))
            return PLACEHOLDER

        text = AUTOLINK.sub(autolink, text)

    def replace(kind: str):
        def sub(match: re.Match) -> str:
            removed.append(Contact(kind, match.group(0)))
            return PLACEHOLDER

        return sub

    text = PHONE.sub(replace("phone"), text)
    text = EMAIL.sub(replace("e-mail"), text)
    return text, removed


def mask_contacts(text: str, mask: str = "…") -> str:
    """The text with every phone number and address-shaped text replaced by `mask` (for a
    report shown in the contributor guide)."""
    return EMAIL.sub(mask, PHONE.sub(mask, text))

"""No personal phone number or personal e-mail address anywhere in the built site.

The union texts print their authors' phone numbers and e-mail addresses; the site must not.
Every file a reader or a robot can fetch is scanned: HTML, JSON (search index, claims.json),
XML (sitemap), text and BibTeX.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SCANNED = ("*.html", "*.json", "*.xml", "*.txt", "*.bib")
SEP = r"[\s.\-\u00a0\u202f/]?"
PHONE = re.compile(
    rf"(?<![\w.,/])(?:(?:\+|00){SEP}33{SEP}(?:\(0\){SEP})?[1-9]|0[1-9])(?:{SEP}\d\d){{4}}(?![\w,])"
)
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# No address at all, not even an organisation's: a reader (or a robot) cannot tell a union's
# address from a person's, and the texts print both. A Mastodon handle is written
# « @compte (instance exemple.org) », which no e-mail pattern matches.


def find_personal_data(text: str) -> list[str]:
    """Phone numbers and anything shaped like an e-mail address in a text."""
    found = [match.group(0) for match in PHONE.finditer(text)]
    found += [match.group(0) for match in EMAIL.finditer(text)]
    return found


@pytest.mark.parametrize(
    "text",
    [
        "Contacts : 07 85 01 77 13",
        "tél. 06.85.69.18.81",
        "appeler le 0685691881.",
        "+33 7 85 01 77 13",
        "+33 (0)6 85 69 18 81",
        "0033 6 85 69 18 81",
        "écrire à jean.dupont@exemple.fr",
        '<a href="mailto:marie-claire@orange.fr">écrire</a>',
        '{"text": "contact : p.nom@free.fr"}',
    ],
)
def test_personal_data_is_found(text):
    assert find_personal_data(text)


@pytest.mark.parametrize(
    "text", ["syndicat-sud@laregion.fr", "mastodon : @compte@instance.example.org"]
)
def test_organisation_addresses_and_handles_written_as_addresses_are_found_too(text):
    assert find_personal_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "300 000 appels, 70.000 salariées, 4,2 à 6,6 milliards",
        "Règlement (UE) 2024/1689, TJ de Nanterre, n° 24/01457, le 14/02/2025, 2025-02-14",
        "du 18 mars au 17 avril 2025, de 9h à 17h, 1000 oeuvres par jour",
        "facebook : @UnionSolidaires, X : @UnionSolidaires",
        '<span data-date="2025-02-14">', "id=cite-12 ref-TJNanterre2025",
    ],
)  # fmt: skip
def test_figures_dates_and_organisations_are_not_personal_data(text):
    assert find_personal_data(text) == []


def test_built_site_has_no_phone_number_or_personal_email(site_dir: Path):
    files = sorted({path for pattern in SCANNED for path in site_dir.rglob(pattern)})
    assert files, f"no file to scan in {site_dir}"
    leaks = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for found in find_personal_data(text):
            leaks.append(f"{path.relative_to(site_dir)}: {found}")
    assert not leaks, "\n".join(leaks)

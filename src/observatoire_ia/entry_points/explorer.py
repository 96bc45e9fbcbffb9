"""The claim explorer (« Explorer les affirmations », `<!-- explorer -->`): every claim of a
language, filtered in the browser by theme, source text, organisation, kind, date and words.

The claims travel as script files (assets/explorer/claims.<lang>*.js, each a `push()` onto a
queue), not fetched JSON, so the explorer works from file:// (offline zip) and in a ZIM; only
the explorer page loads them. The page loads the head, `claims.<lang>.js`: the facets, the
number of claims per facet value, the total and the first STEP claims, which is all the first
view shows. The others (`claims.<lang>.rest.js`, or past a size budget one file per theme) are
loaded when the reader needs them: a filter, words, « Afficher 40 de plus », copying the
selection, or an address that carries filters. Without JavaScript, the page says so and links
to the theme pages.

Records are compact: a claim names its page by an index into `pages` ([href, title, theme]);
its sources are its citations' keys, its short sources and organisations come from `refs`
(key -> [short source, organisation slug or ""]). explorer.js rebuilds the full records.

Kinds are derived from each claim's tags and content: `chiffre` (tag, or a percentage),
`revendication` and `procedure` (tags), `divergence` (the claim's class), `citation` (a
quotation in « » or “ ”).
"""

from __future__ import annotations

import gzip
import html
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..claims.figures import FRENCH_MARKS, quotations
from ..claims.markdown_ext import relative_link
from ..claims.registry import ClaimRegistry
from ..claims.scan import Claim
from ..dates import date_words
from ..typography import french_spacing
from .common import ordered_themes, organisations, theme_title

# The explorer's script and stylesheet, shipped with the plugin (written to the site with the data).
ASSETS = Path(__file__).parent / "assets"
DATA_DIR = "assets/explorer"
SCRIPT = "assets/javascripts/explorer.js"
STYLESHEET = "assets/stylesheets/explorer.css"
# The explorer's data for one language, gzip; above it, one file per theme (issue 15).
DATA_LIMIT = 150 * 1024
# Claims shown at once, and in the head file: the first view needs no other.
STEP = 40

# The theme value of claims outside the five themes (the home page, the demands page…).
GENERAL = "general"
KINDS = ("chiffre", "revendication", "procedure", "divergence", "citation")
PERCENTAGE = re.compile(r"\d\s?%|\d\s(?:pour\s?cent|per\s?cent)\b", re.IGNORECASE)

STRINGS: dict[str, dict[str, str]] = {
    "fr": {
        "chiffre": "Chiffres",
        "revendication": "Revendications",
        "procedure": "Procédures et recours",
        "divergence": "Sources en désaccord",
        "citation": "Citations",
        "search": "Mots à chercher",
        "search_hint": "Sans tenir compte des accents ni des majuscules.",
        "theme": "Thème",
        "all_themes": "Tous",
        "kind": "Type",
        "all_kinds": "Tous",
        "source": "Texte source",
        "all_sources": "Tous",
        "union_texts": "Textes syndicaux",
        "other_sources": "Autres sources",
        "organisation": "Organisation",
        "all_organisations": "Toutes",
        "date": "Date",
        "all_dates": "Toutes",
        "filters": "Filtrer les affirmations",
        "reset": "Effacer les filtres",
        "copy_all": "Copier la sélection pour un tract",
        "copy_link": "Copier le lien de cette sélection",
        "leaflet": "Copier pour un tract",
        "permalink": "Lire l'affirmation dans sa page",
        "share": "Partager cette affirmation",
        "count_none": "Aucune affirmation ne correspond à ces filtres.",
        "count_one": "1 affirmation",
        "count_many": "{n} affirmations",
        "loading": "Chargement des affirmations…",
        "load_failed": (
            "Les affirmations n'ont pas pu se charger\u00a0: vérifiez la connexion et réessayez."
        ),
        "copied": "Texte copié pour un tract.",
        "copied_all": "{n} affirmations copiées pour un tract.",
        "link_copied": "Lien de la sélection copié.",
        "copy_failed": "Copie impossible\u00a0: sélectionnez le texte à la main.",
        "results": "Affirmations",
        "more": "Afficher {n} de plus",
        "left": "{n} restantes",
        "nojs": (
            "Cet explorateur a besoin de JavaScript, qui est désactivé ou n'a pas pu se "
            "charger. Les mêmes affirmations se lisent, avec leurs sources, sur les pages des "
            "thèmes :"
        ),
    },
    "en": {
        "chiffre": "Figures",
        "revendication": "Demands",
        "procedure": "Procedures and remedies",
        "divergence": "Sources that disagree",
        "citation": "Quotations",
        "search": "Words to look for",
        "search_hint": "Accents and capitals do not matter.",
        "theme": "Theme",
        "all_themes": "All",
        "kind": "Kind",
        "all_kinds": "All",
        "source": "Source text",
        "all_sources": "All",
        "union_texts": "Union texts",
        "other_sources": "Other sources",
        "organisation": "Organisation",
        "all_organisations": "All",
        "date": "Date",
        "all_dates": "All",
        "filters": "Filter the claims",
        "reset": "Clear the filters",
        "copy_all": "Copy the selection for a leaflet",
        "copy_link": "Copy the link to this selection",
        "leaflet": "Copy for a leaflet",
        "permalink": "Read the claim on its page",
        "share": "Share this claim",
        "count_none": "No claim matches these filters.",
        "count_one": "1 claim",
        "count_many": "{n} claims",
        "loading": "Loading the claims…",
        "load_failed": "The claims could not load: check the connection and try again.",
        "copied": "Text copied for a leaflet.",
        "copied_all": "{n} claims copied for a leaflet.",
        "link_copied": "Link to the selection copied.",
        "copy_failed": "Could not copy: select the text by hand.",
        "results": "Claims",
        "more": "Show {n} more",
        "left": "{n} left",
        "nojs": (
            "This explorer needs JavaScript, which is switched off or could not load. The "
            "same claims, with their sources, are on the theme pages:"
        ),
    },
}


def text(lang: str, name: str) -> str:
    return STRINGS[lang][name]


def slug(name: str) -> str:
    """« Union syndicale Solidaires » -> `union-syndicale-solidaires` (a stable URL value)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def claim_kinds(registry: ClaimRegistry, claim: Claim) -> list[str]:
    """The kinds a claim belongs to, in KINDS order (from its tags, class and text)."""
    plain = registry.plain_text(claim)
    found = {
        "chiffre": "chiffre" in claim.tags or bool(PERCENTAGE.search(plain)),
        "revendication": "revendication" in claim.tags,
        "procedure": "procedure" in claim.tags,
        "divergence": "divergence" in claim.classes,
        "citation": bool(quotations(plain, FRENCH_MARKS)),
    }
    return [kind for kind in KINDS if found[kind]]


@dataclass(frozen=True)
class Links:
    """How the build names its files (`travail/emploi/` online, `travail/emploi.html` in the
    offline kit), as hrefs from the site root, and the online address for leaflets."""

    page: dict[str, str]  # docs page ("travail/emploi.md") -> href from the site root
    share: str  # share page of a claim, `{id}` in place of its id (c/{id}/); "" without
    bibliography: str  # the bibliography page
    share_url: str  # online address of a claim's share page (`{id}`), "" without share pages
    page_url: dict[str, str]  # docs page -> its online address

    def online(self, claim: Claim) -> str:
        """The address a leaflet prints: the claim's share page, else the claim on its page."""
        if self.share_url:
            return self.share_url.replace("{id}", claim.id)
        return f"{self.page_url[claim.page]}#{claim.id}"


def ordered_claims(registry: ClaimRegistry, lang: str, nav: list[str]) -> list[Claim]:
    """Claims by theme (the navigation's order), then in the order of the navigation, then by
    line."""
    claims = registry.claims(lang)
    themes = ordered_themes(registry, claims)
    position = {page: index for index, page in enumerate(nav)}
    return sorted(
        claims,
        key=lambda c: (
            themes.index(c.theme),
            position.get(c.page, len(position)),
            c.page,
            c.line,
        ),
    )


def explorer_data(registry: ClaimRegistry, lang: str, nav: list[str], links: Links) -> dict:
    """What the explorer shows and filters, for one language (JSON-ready)."""
    bibliography = registry.bibliography
    claims = ordered_claims(registry, lang, nav)
    cited: dict[str, None] = {}
    names: dict[str, str] = {}
    refs: dict[str, list[str]] = {}
    records = []
    for claim in claims:
        keys = [key for key in claim.keys if key in bibliography]
        cited.update(dict.fromkeys(keys))
        orgs = organisations(registry, claim)
        names.update({slug(name): name for name in orgs})
        for key in keys:
            author = bibliography[key].authors[:1] if bibliography[key].source_page else []
            refs[key] = [bibliography[key].short_source(lang), slug(author[0]) if author else ""]
        scan = registry.page_scan(lang, claim.page)
        record = {
            "n": len(records),
            "id": claim.id,
            "text": registry.plain_text(claim),
            "page": links.page[claim.page],
            "title": display(scan.title if scan else claim.page, lang),
            "theme": claim.theme or GENERAL,
            "kinds": claim_kinds(registry, claim),
            "sources": keys,
            "orgs": list(dict.fromkeys(slug(name) for name in orgs)),
            "cite": [
                [c.key, bibliography[c.key].citation_label(lang, c.locator)]
                for c in claim.citations
                if c.key in bibliography
            ],
            "short": "; ".join(dict.fromkeys(bibliography[k].short_source(lang) for k in keys)),
        }
        if not links.share_url:  # else the share page's address, from `shareUrl`
            record["url"] = links.online(claim)
        if registry.text_lang(claim) != lang:  # a French original on a pending English page
            record["textLang"] = registry.text_lang(claim)
        if claim.attrs.get("date"):
            record["date"] = claim.attrs["date"]
            record["when"] = date_words(claim.attrs["date"], lang)
        records.append(record)
    references = [bibliography[key] for key in cited]
    union = [r for r in references if r.source_page]
    others = sorted((r for r in references if not r.source_page), key=lambda r: r.label(lang))
    years = sorted({r["date"][:4] for r in records if "date" in r}, reverse=True)
    themes = ordered_themes(registry, claims)
    return {
        "lang": lang,
        "share": links.share,
        "shareUrl": links.share_url,
        "bibliography": links.bibliography,
        "facets": {
            "theme": [
                [t or GENERAL, display(theme_title(registry, lang, t), lang)] for t in themes
            ],
            "kind": [[kind, text(lang, kind)] for kind in KINDS],
            "source": [
                [r.key, source_label(r, lang), "union" if r.source_page else "other"]
                for r in union + others
            ],
            "org": sorted(([s, n] for s, n in names.items()), key=lambda item: item[1].casefold()),
            "date": [[year, year] for year in years],
        },
        "refs": refs,
        "claims": records,
    }


def source_label(reference, lang: str) -> str:
    """« Solidaires (s. d.) : Intelligence artificielle : tract de… » (short name, year,
    title cut at 60 characters)."""
    title = reference.fields.get("title", "")
    if len(title) > 60:
        title = title[:59].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    year = reference.year or ("s. d." if lang == "fr" else "n.d.")
    colon = " :" if lang == "fr" else ":"
    return display(f"{reference.short_name(lang)} ({year}){colon} {title}", lang)


def display(value: str, lang: str) -> str:
    """Text shown on a French page: French spacing (the page's own text gets it at build)."""
    return french_spacing(value) if lang == "fr" else value


def _script(payload: dict) -> str:
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    # Nothing in the data can close a script or open a comment in it.
    data = data.replace("<", "\\u003c").replace(">", "\\u003e")
    return (
        "/* Observatoire syndical de l'IA: claims for the explorer (generated). */\n"
        f"(window.observatoireExplorer=window.observatoireExplorer||[]).push({data});\n"
    )


def gzip_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def facet_values(record: dict, name: str) -> list[str]:
    """The values of a facet a (full) record has, as explorer.js counts them."""
    if name == "theme":
        return [record["theme"]]
    if name == "date":
        return [record["date"][:4]] if "date" in record else []
    return list(dict.fromkeys(record[{"kind": "kinds", "source": "sources", "org": "orgs"}[name]]))


def facet_counts(data: dict) -> dict[str, dict[str, int]]:
    """Facet -> value -> number of claims: the counts the filters show before any filter."""
    counts: dict[str, dict[str, int]] = {name: {} for name in data["facets"]}
    for record in data["claims"]:
        for name, values in counts.items():
            for value in facet_values(record, name):
                values[value] = values.get(value, 0) + 1
    return counts


def derived(record: dict, page: list[str], refs: dict[str, list[str]]) -> dict:
    """What explorer.js rebuilds of a record from its page's row and its citations."""
    keys = list(dict.fromkeys(key for key, _ in record["cite"]))
    return {
        "page": page[0],
        "title": page[1],
        "theme": page[2],
        "sources": keys,
        "short": "; ".join(dict.fromkeys(refs[key][0] for key in keys)),
        "orgs": list(dict.fromkeys(refs[key][1] for key in keys if refs[key][1])),
    }


def compact(data: dict) -> tuple[dict, list[dict]]:
    """The head's tables (`pages`, `refs`) and the records without what they give; fails if a
    record could not be rebuilt the same (the explorer would show or copy something else)."""
    pages: dict[tuple[str, str, str], int] = {}
    records = []
    for record in data["claims"]:
        row = (record["page"], record["title"], record["theme"])
        index = pages.setdefault(row, len(pages))
        rebuilt = derived(record, list(row), data["refs"])
        if any(record[name] != value for name, value in rebuilt.items()):
            raise ValueError(f"explorer: claim {record['id']} cannot be rebuilt from the tables")
        short = {key: value for key, value in record.items() if key not in rebuilt}
        records.append({**short, "p": index})
    return {"pages": [list(row) for row in pages]}, records


def data_files(data: dict, limit: int = DATA_LIMIT) -> dict[str, str]:
    """File name (in DATA_DIR) -> script text. The head `claims.<lang>.js` holds the facets,
    their counts, the total and the first STEP claims; the others go to `claims.<lang>.rest.js`
    or, past `limit` bytes gzip, to one file per theme (`claims.fr.travail.js`)."""
    lang = data["lang"]
    tables, records = compact(data)
    first, others = records[:STEP], records[STEP:]
    head = {
        **{key: value for key, value in data.items() if key != "claims"},
        **tables,
        "step": STEP,
        "total": len(records),
        "counts": facet_counts(data),
        "claims": first,
        "parts": {},
    }
    files: dict[str, str] = {}
    if others:
        whole = _script({"lang": lang, "part": "rest", "claims": others})
        if gzip_size(whole) <= limit:
            files[f"claims.{lang}.rest.js"] = whole
            head["parts"] = {"rest": f"claims.{lang}.rest.js"}
        else:
            parts: dict[str, list[dict]] = {}
            for record in others:
                parts.setdefault(tables["pages"][record["p"]][2], []).append(record)
            for part, claims in parts.items():
                files[f"claims.{lang}.{part}.js"] = _script(
                    {"lang": lang, "part": part, "claims": claims}
                )
            head["parts"] = {p: f"claims.{lang}.{p}.js" for p in parts}
            head["byTheme"] = True  # a theme's claims past the head are all in its file
    return {f"claims.{lang}.js": _script(head), **files}


def explorer_markdown(
    registry: ClaimRegistry, lang: str, page: str, root: str, online_url: str
) -> str:
    """The explorer's page block. `root`: relative link from the page to the site root;
    `online_url`: the explorer's online address (for « copier le lien »)."""
    e = lambda value: html.escape(value, quote=True)  # noqa: E731
    s = STRINGS[lang]
    messages = " ".join(
        f'data-{name.replace("_", "-")}="{e(s[name])}"'
        for name in (
            "count_none",
            "count_one",
            "count_many",
            "loading",
            "load_failed",
            "copied",
            "copied_all",
            "link_copied",
            "copy_failed",
            "leaflet",
            "permalink",
            "share",
            "all_themes",
            "all_kinds",
            "all_sources",
            "all_organisations",
            "all_dates",
            "union_texts",
            "other_sources",
            "more",
            "left",
        )
    )
    theme_links = ", ".join(
        f"[{theme_title(registry, lang, theme)}]({relative_link(page, f'{theme}/index.md')})"
        for theme in ordered_themes(registry, registry.claims(lang))
        if theme and registry.page_scan(lang, f"{theme}/index.md")
    )

    def field(name: str, label_name: str) -> str:
        return (
            f'<div class="explorer-field"><label for="explorer-{name}">{e(s[label_name])}</label>'
            f'<select id="explorer-{name}" name="{name}"></select></div>'
        )

    return "\n".join(
        [
            f'<div class="explorer" id="explorer" data-root="{e(root)}" '
            f'data-data="{e(root + DATA_DIR)}/" data-url="{e(online_url)}" {messages} '
            'markdown="1">',
            "",
            '<div class="explorer-nojs" markdown="1">',
            "",
            f"{s['nojs']} {theme_links}.",
            "",
            "</div>",
            "",
            '<div class="explorer-ui" hidden>',
            f'<link rel="stylesheet" href="{e(root + STYLESHEET)}">',
            f'<form class="explorer-filters" aria-label="{e(s["filters"])}">',
            '<div class="explorer-field explorer-field--words">'
            f'<label for="explorer-q">{e(s["search"])}</label>'
            '<input type="search" id="explorer-q" name="q" autocomplete="off" '
            'aria-describedby="explorer-q-hint">'
            f'<span class="explorer-hint" id="explorer-q-hint">{e(s["search_hint"])}</span></div>',
            field("theme", "theme"),
            field("kind", "kind"),
            field("source", "source"),
            field("org", "organisation"),
            field("date", "date"),
            f'<div class="explorer-field explorer-field--reset"><button type="reset" '
            f'class="md-button explorer-reset">{e(s["reset"])}</button></div>',
            "</form>",
            '<p class="explorer-count" id="explorer-count" role="status" aria-live="polite" '
            'aria-atomic="true"></p>',
            '<div class="explorer-actions">'
            f'<button type="button" class="md-button md-button--primary explorer-copy-all">'
            f"{e(s['copy_all'])}</button>"
            f'<button type="button" class="md-button explorer-copy-link">{e(s["copy_link"])}</button>'
            "</div>",
            '<p class="explorer-feedback" role="status" aria-live="polite"></p>',
            f'<ol class="explorer-results" aria-label="{e(s["results"])}"></ol>',
            '<p><button type="button" class="md-button explorer-more" hidden></button></p>',
            "</div>",
            # Deferred: the page paints first, the list follows (its place is kept by CSS).
            f'<script src="{e(root + DATA_DIR)}/claims.{lang}.js" defer></script>',
            f'<script src="{e(root + SCRIPT)}" defer></script>',
            "",
            "</div>",
            "",
        ]
    )

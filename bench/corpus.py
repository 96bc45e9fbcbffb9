"""The scale corpus of `make bench`: N fictional union texts and the site written from them.

For N texts it writes, in French and English (issue 14):
- N source pages (`sources/groupe-XX/texte-NNN.md`), each a fictional union text of numbered
  passages `{: #pN }` (the English page keeps the French text, as the real site does);
- their bibliography entries (`sourcepage` set) and a few fictional reports they cite;
- theme pages (5 themes, in parts of at most 25 pages) holding about 100 claims per text,
  20 per page, each citing its text with a passage locator `[@Key, § n]`; a French claim
  quotes its passage word for word and repeats its figure, so that a verifier of quotations
  finds them; some claims cite two texts or a report, some are list items, some figures;
- a home page and the bibliography page.

Everything is invented from a fixed vocabulary and a seeded random generator: no real
organisation, person, place, number or contact detail.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

THEMES = {
    "environnement": ("Environnement", "Environment"),
    "travail": ("Travail", "Work"),
    "surveillance": ("Surveillance", "Surveillance"),
    "culture": ("Culture", "Culture"),
    "droit": ("Droit", "Law"),
}
FR_WORDS = (
    "intelligence artificielle travail données syndicat agents emploi surveillance algorithme "
    "énergie eau calcul droit culture négociation formation santé conditions service public "
    "automatisation contrôle évaluation consultation comité représentants outils logiciel "
    "direction collectif charge rythme métier qualité usagers moyens effectifs transparence "
    "expérimentation déploiement information instance accord protection savoir-faire"
).split()
EN_WORDS = (
    "artificial intelligence work data union staff jobs surveillance algorithm energy water "
    "computing law culture bargaining training health conditions public service automation "
    "control assessment consultation committee representatives tools software management "
    "workload pace trade quality users means staffing transparency trial rollout information"
).split()
KINDS = ("Tract", "Déclaration en instance", "Compte rendu", "Note syndicale", "Motion")
SECTORS = ("des agents territoriaux", "des salariés du numérique", "de la santé", "de la culture")
PASSAGES = 60  # per text
CLAIMS_PER_TEXT = 100  # per language
CLAIMS_PER_PAGE = 20
PAGES_PER_PART = 25
TEXTS_PER_GROUP = 10
REPORTS = 10


@dataclass
class Claim:
    id: str
    text: int  # index of the union text it cites first
    passage: int
    kind: str  # "para" or "item"
    figure: str | None = None
    quote: str = ""
    also: list[str] = field(default_factory=list)  # other citations: "@Key, § n" or "@Key"


def sentence(rng: random.Random, words: tuple[str, ...] | list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n))


def text_key(number: int) -> str:
    return f"Fictif{number:03d}Texte"


def report_key(number: int) -> str:
    return f"RapportFictif{number:02d}"


def group(number: int) -> str:
    return f"groupe-{number // TEXTS_PER_GROUP + 1:02d}"


def source_page(number: int) -> str:
    return f"sources/{group(number)}/texte-{number + 1:03d}"


def organisation(number: int) -> str:
    return f"Syndicat fictif n° {number + 1} {SECTORS[number % len(SECTORS)]}"


def passages(rng: random.Random, count: int) -> list[tuple[str, str | None]]:
    """(text, figure) of each passage; about half state a figure."""
    out = []
    for n in range(count):
        figure = f"{rng.randint(2, 98)} %" if n % 2 == 0 else None
        parts = [sentence(rng, FR_WORDS, rng.randint(12, 20)).capitalize()]
        if figure:
            parts.append(f"Selon notre enquête, {figure} des {rng.choice(FR_WORDS)} sont concernés")
        parts.append(sentence(rng, FR_WORDS, rng.randint(10, 16)).capitalize())
        out.append((". ".join(parts) + ".", figure))
    return out


def generate(corpus: Path, texts: int, seed: int = 14) -> dict:
    """Write the corpus for `texts` union texts into `corpus` (docs/, bibliography.bib);
    returns its counts."""
    rng = random.Random(seed)
    if corpus.exists():
        shutil.rmtree(corpus)
    docs = corpus / "docs"
    root = Path(__file__).resolve().parents[1]
    shutil.copytree(root / "docs" / "assets", docs / "assets")
    sources = [passages(rng, PASSAGES) for _ in range(texts)]
    claims = _claims(rng, sources)
    (corpus / "bibliography.bib").write_text(_bibliography(texts, rng), encoding="utf-8")
    pages = _theme_pages(claims)
    for lang in ("fr", "en"):
        text_rng = random.Random(seed + (lang == "en"))
        _write_lang(docs / lang, lang, sources, pages, text_rng)
    return {
        "texts": texts,
        "claims": len(claims),
        "theme_pages": sum(len(p) for parts in pages.values() for p in parts),
        "references": texts + REPORTS,
        "nav": _nav(texts, pages),
    }


def _nav(texts: int, pages) -> list:
    """The navigation (mkdocs.yml `nav`), as the real site spells its own out."""
    nav: list = [{"Accueil": "index.md"}]
    for theme, parts in pages.items():
        section: list = [f"{theme}/index.md"]
        for part_number, part in enumerate(parts, start=1):
            folder = f"{theme}/partie-{part_number}"
            section.append(
                {
                    f"{THEMES[theme][0]} {part_number}": [f"{folder}/index.md"]
                    + [f"{folder}/page-{n:02d}.md" for n in range(1, len(part) + 1)]
                }
            )
        nav.append({THEMES[theme][0]: section})
    sources: list = ["sources/index.md"]
    for first in range(0, texts, TEXTS_PER_GROUP):
        members = range(first, min(texts, first + TEXTS_PER_GROUP))
        sources.append(
            {
                f"Groupe {first // TEXTS_PER_GROUP + 1}": [f"sources/{group(first)}/index.md"]
                + [f"{source_page(n)}.md" for n in members]
            }
        )
    nav.append({"Sources": sources})
    nav.append("bibliographie.md")
    return nav


def _claims(rng: random.Random, sources: list) -> list[Claim]:
    claims = []
    for number, text_passages in enumerate(sources):
        for n in range(CLAIMS_PER_TEXT):
            passage = rng.randrange(len(text_passages))
            body, figure = text_passages[passage]
            words = body.rstrip(".").split()
            start = rng.randrange(max(1, len(words) - 8))
            claim = Claim(
                id=f"c{number + 1:03d}-{n + 1:03d}",
                text=number,
                passage=passage + 1,
                kind="item" if n % 6 == 5 else "para",
                figure=figure if figure and n % 3 == 0 else None,
                quote=" ".join(words[start : start + rng.randint(4, 8)]).strip(".,"),
            )
            if n % 10 == 7 and len(sources) > 1:
                other = (number + 1 + rng.randrange(len(sources) - 1)) % len(sources)
                claim.also.append(f"@{text_key(other)}, § {rng.randint(1, PASSAGES)}")
            if n % 25 == 11:
                claim.also.append(f"@{report_key(rng.randrange(REPORTS))}")
            claims.append(claim)
    rng.shuffle(claims)
    return claims


def _bibliography(texts: int, rng: random.Random) -> str:
    entries = []
    for number in range(texts):
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        entries.append(
            f"@misc{{{text_key(number)},\n"
            f"  author       = {{{{{organisation(number)}}}}},\n"
            f"  title        = {{Texte syndical fictif numéro {number + 1} sur l'intelligence "
            "artificielle au travail},\n"
            f"  howpublished = {{{KINDS[number % len(KINDS)]}}},\n"
            f"  date         = {{{2020 + number % 6}-{month:02d}-{day:02d}}},\n"
            f"  sourcepage   = {{{source_page(number)}}},\n"
            "  langid       = {french},\n}\n"
        )
    for number in range(REPORTS):
        entries.append(
            f"@report{{{report_key(number)},\n"
            f"  author      = {{{{Institut fictif d'études n° {number + 1}}}}},\n"
            f"  title       = {{Rapport fictif {number + 1} sur les usages des algorithmes}},\n"
            f"  institution = {{Institut fictif d'études n° {number + 1}}},\n"
            f"  date        = {{{2019 + number % 6}}},\n"
            "  langid      = {french},\n}\n"
        )
    return "\n".join(entries)


def _theme_pages(claims: list[Claim]) -> dict[str, list[list[list[Claim]]]]:
    """theme -> parts -> pages -> claims: CLAIMS_PER_PAGE claims a page, themes in turn."""
    chunks = [claims[i : i + CLAIMS_PER_PAGE] for i in range(0, len(claims), CLAIMS_PER_PAGE)]
    by_theme: dict[str, list[list[Claim]]] = {theme: [] for theme in THEMES}
    for index, chunk in enumerate(chunks):
        by_theme[list(THEMES)[index % len(THEMES)]].append(chunk)
    return {
        theme: [pages[i : i + PAGES_PER_PART] for i in range(0, len(pages), PAGES_PER_PART)]
        for theme, pages in by_theme.items()
    }


def _front(title: str, description: str) -> str:
    return f'---\ntitle: "{title}"\ndescription: "{description}"\n---\n\n# {title}\n\n'


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_lang(docs: Path, lang: str, sources, pages, rng: random.Random) -> None:
    fr = lang == "fr"
    words = FR_WORDS if fr else EN_WORDS
    _write(
        docs / "index.md",
        _front(
            "Accueil" if fr else "Home",
            "Corpus de mesure : textes syndicaux fictifs." if fr else "Benchmark corpus.",
        )
        + sentence(rng, words, 30).capitalize()
        + ".\n",
    )
    _write(
        docs / "bibliographie.md",
        _front("Bibliographie" if fr else "Bibliography", "Toutes les références.")
        + "<!-- bibliography -->\n",
    )
    _write(
        docs / "sources" / "index.md",
        _front("Sources", "Les textes syndicaux fictifs du corpus.")
        + sentence(rng, words, 20).capitalize()
        + ".\n",
    )
    for number, text_passages in enumerate(sources):
        if number % TEXTS_PER_GROUP == 0:
            _write(
                docs / "sources" / group(number) / "index.md",
                _front(f"Groupe {number // TEXTS_PER_GROUP + 1}", "Textes du groupe."),
            )
        title = f"Texte fictif {number + 1}" if fr else f"Fictional text {number + 1}"
        lines = [
            _front(title, "Texte intégral d'un texte syndical fictif." if fr else "Full text."),
            f"Organisation\n:   {organisation(number)}\n",
            "## Texte intégral\n"
            if fr
            else '## Full text (in French)\n\n<div lang="fr" markdown>\n',
        ]
        for index, (body, _) in enumerate(text_passages, start=1):
            lines.append(f"{body}\n{{: #p{index} }}\n")
        if not fr:
            lines.append("</div>\n")
        _write(docs / f"{source_page(number)}.md", "\n".join(lines))
    for theme, parts in pages.items():
        name = THEMES[theme][0 if fr else 1]
        _write(
            docs / theme / "index.md",
            _front(name, f"{name} : ce que disent les textes." if fr else f"{name}."),
        )
        for part_number, part in enumerate(parts, start=1):
            part_dir = docs / theme / f"partie-{part_number}"
            _write(
                part_dir / "index.md",
                _front(f"{name}, partie {part_number}", "Une partie du thème."),
            )
            for page_number, page_claims in enumerate(part, start=1):
                title = f"{name} {part_number}.{page_number}"
                body = [_front(title, "Affirmations sourcées." if fr else "Sourced claims.")]
                body.append(sentence(rng, words, 25).capitalize() + ".\n")
                for index, claim in enumerate(page_claims):
                    if index % 5 == 0:
                        body.append(f"## Section {index // 5 + 1}\n")
                    body.append(_claim(claim, lang, rng) + "\n")
                _write(part_dir / f"page-{page_number:02d}.md", "\n".join(body))


def _claim(claim: Claim, lang: str, rng: random.Random) -> str:
    citations = "; ".join([f"@{text_key(claim.text)}, § {claim.passage}", *claim.also])
    if lang == "fr":
        words = sentence(rng, FR_WORDS, rng.randint(8, 14)).capitalize()
        figure = f", soit {claim.figure}," if claim.figure else ""
        text = f"{words}{figure} : « {claim.quote} » [{citations}]."
    else:
        words = sentence(rng, EN_WORDS, rng.randint(10, 16)).capitalize()
        text = f"{words} [{citations}]."
    tags = ' tags="chiffre"' if claim.figure else ""
    attributes = f"{{: .claim #{claim.id}{tags} }}"
    if claim.kind == "item":
        return f"- {text}\n  {attributes}\n"
    return f"{text}\n{attributes}\n"

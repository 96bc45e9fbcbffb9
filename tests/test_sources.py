"""The « Sources » section: the five union texts in full, in both languages, with passage anchors.

- each union text (a bibliography entry with `sourcepage`) has a French and an English page with
  the same passage anchors (`#p1`, `#p2`…), numbered from 1 without gaps;
- the English page holds the French text inside a `lang="fr"` element;
- no phone number or e-mail address printed by the texts is republished (the source pages'
  Markdown here; the built site and every tracked file in tests/test_privacy.py);
- every claim citing a union text carries a passage locator (`[@Key, § N]`) that exists on the
  text's source page, with the same locator in French and English;
- scripts/locate_passages.py proposes passages and writes them in both languages.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from observatoire_ia.claims.bibliography import Bibliography
from observatoire_ia.claims.passages import source_passages
from observatoire_ia.claims.scan import scan_page
from observatoire_ia.privacy import find_personal_data
from observatoire_ia.translations import recorded_hash, source_hash

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SCRIPT = ROOT / "scripts" / "locate_passages.py"

ANCHOR = re.compile(r"\{:?[^{}\n]*#(p\d+)\b[^{}\n]*\}")


def union_texts() -> dict[str, str]:
    bibliography = Bibliography.load(ROOT / "bibliography.bib")
    return {ref.key: ref.source_page for ref in bibliography.references.values() if ref.source_page}


TEXTS = union_texts()


def page(lang: str, source_page: str) -> Path:
    return DOCS / lang / f"{source_page}.md"


def anchors(markdown: str) -> list[str]:
    return ANCHOR.findall(markdown)


def test_five_union_texts_have_a_source_page():
    assert len(TEXTS) == 5, TEXTS
    for key, source_page in TEXTS.items():
        for lang in ("fr", "en"):
            assert page(lang, source_page).exists(), f"{key}: {page(lang, source_page)} is missing"


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_both_languages_have_the_same_numbered_passages(key):
    fr = page("fr", TEXTS[key]).read_text(encoding="utf-8")
    en = page("en", TEXTS[key]).read_text(encoding="utf-8")
    found = anchors(fr)
    assert found == [f"p{n}" for n in range(1, len(found) + 1)], (
        "anchors p1…pN, in order, once each"
    )
    assert len(found) > 20
    assert anchors(en) == found, "the English page must carry the French page's anchors"
    # Every anchor names a passage the coverage tool reads (not an empty block).
    assert [p.anchor for p in source_passages(fr)][-1] == found[-1]
    assert {p.anchor for p in source_passages(fr)} == set(found)


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_english_page_holds_the_french_text_in_a_lang_fr_element(key):
    fr = page("fr", TEXTS[key]).read_text(encoding="utf-8")
    en = page("en", TEXTS[key]).read_text(encoding="utf-8")
    match = re.search(r'<div lang="fr" markdown>\n(?P<body>.*?)\n</div>', en, re.DOTALL)
    assert match, 'the French text goes inside <div lang="fr" markdown> … </div>'
    body = match.group("body").strip()
    assert anchors(body) == anchors(en), "every passage is inside the lang=fr element"
    assert body in fr, "the English page holds the French page's text unchanged"
    assert recorded_hash(en) == source_hash(page("fr", TEXTS[key])), "stamp the English page"


def test_source_pages_have_no_phone_number_or_e_mail_address():
    """Not even an organisation's address (tests/test_privacy.py): a Mastodon handle is written
    « @compte (instance exemple.org) »."""
    pages = sorted((DOCS / "fr" / "sources").glob("*.md")) + sorted(
        (DOCS / "en" / "sources").glob("*.md")
    )
    assert len(pages) >= 2 * len(TEXTS), pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert not find_personal_data(text), f"{path}: {find_personal_data(text)}"
        assert "mailto:" not in text, path


# -- claims link to existing passages ---------------------------------------------------------


def claims_citing_union_texts(lang: str):
    lang_dir = DOCS / lang
    for path in sorted(lang_dir.rglob("*.md")):
        rel = path.relative_to(lang_dir).as_posix()
        if rel.startswith(("sources/", "includes/", "data/")):
            continue
        scan = scan_page(path.read_text(encoding="utf-8"), lang, rel, str(path))
        for claim in scan.claims:
            for citation in claim.citations:
                if citation.key in TEXTS:
                    yield claim, citation


def test_every_union_text_citation_points_at_an_existing_passage():
    passages = {
        key: set(anchors(page("fr", source).read_text(encoding="utf-8")))
        for key, source in TEXTS.items()
    }
    missing, broken, checked = [], [], 0
    for lang in ("fr", "en"):
        for claim, citation in claims_citing_union_texts(lang):
            checked += 1
            where = f"docs/{lang}/{claim.page}#{claim.id} [@{citation.key}]"
            if citation.passage is None:
                missing.append(where)
            elif f"p{citation.passage}" not in passages[citation.key]:
                broken.append(f"{where}: no § {citation.passage} on its source page")
    assert checked > 200, f"only {checked} citations of union texts found"
    assert not broken, "\n".join(broken)
    assert not missing, (
        "claims citing a union text without a passage locator (run "
        "`.venv/bin/python scripts/locate_passages.py`, review, then --write):\n"
        + "\n".join(missing)
    )


def test_french_and_english_claims_cite_the_same_passages():
    def located(lang):
        found = {}
        for claim, citation in claims_citing_union_texts(lang):
            found.setdefault((claim.id, citation.key), set()).add(citation.passage)
        return found

    fr, en = located("fr"), located("en")
    assert len(fr) > 100 and set(fr) == set(en), sorted(set(fr) ^ set(en))[:10]
    differ = [f"#{cid} [@{key}]: fr {fr[cid, key]} en {en.get((cid, key))}"
              for cid, key in fr if en.get((cid, key)) != fr[cid, key]]  # fmt: skip
    assert not differ, "\n".join(differ)


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.passage_links: list[str] = []
        self.fr_ids: set[str] = set()
        self._fr_depth = 0
        self._stack: list[bool] = []

    VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "area", "base", "col"}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        opens_fr = attrs.get("lang") == "fr" and tag != "html"
        if tag not in self.VOID:
            self._stack.append(opens_fr)
            self._fr_depth += opens_fr
        if attrs.get("id"):
            self.ids.add(attrs["id"])
            if self._fr_depth:
                self.fr_ids.add(attrs["id"])
        if tag == "a" and "citation-passage" in (attrs.get("class") or ""):
            self.passage_links.append(attrs.get("href", ""))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._stack:
            self._fr_depth -= self._stack.pop()


def _parse(path: Path) -> _Ids:
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_built_passage_links_land_on_passages(site_dir):
    targets: dict[Path, set[str]] = {}
    links = ranges = 0
    for lang_prefix in ("", "en/"):
        for source in TEXTS.values():
            built = site_dir / lang_prefix / source / "index.html"
            parsed = _parse(built)
            targets[built.resolve()] = parsed.ids
            numbered = {i for i in parsed.ids if re.fullmatch(r"p\d+", i)}
            assert numbered, built
            if lang_prefix:  # English page: the passages are inside the lang="fr" element
                assert numbered <= parsed.fr_ids, f"{built}: passages outside lang=fr"
    for html in sorted(site_dir.rglob("index.html")):
        for href in _parse(html).passage_links:
            path, _, anchor = href.partition("#")
            path, _, query = path.partition("?")
            target = (html.parent / path / "index.html").resolve()
            assert target in targets, f"{html}: {href} is not a source page"
            assert anchor in targets[target], f"{html}: {href}: no such passage"
            if query:  # several passages: the link lands on the first, the query names them all
                assert query.startswith("passages="), href
                named = [
                    n
                    for part in query.removeprefix("passages=").split(",")
                    for n in range(int(part.split("-")[0]), int(part.split("-")[-1]) + 1)
                ]
                assert anchor == f"p{named[0]}", href
                assert all(f"p{n}" in targets[target] for n in named), href
                ranges += 1
            links += 1
    assert links > 100
    assert ranges > 10  # locators naming several passages (issue 12)


# -- the authoring script -------------------------------------------------------------------------

FIXTURE_BIB = textwrap.dedent(
    """\
    @misc{Tract2025,
      author     = {{Union syndicale Exemple}},
      title      = {Tract},
      date       = {2025},
      sourcepage = {sources/tract},
    }
    """
)

FIXTURE_SOURCE = textwrap.dedent(
    """\
    ---
    title: Tract
    ---

    # Tract

    Lucy, le robot conversationnel, traite 300.000 appels tous les mois.
    {: #p1 }

    Les data centers pourraient consommer entre 4,2 et 6,6 milliards de m3 d'eau en 2027.
    {: #p2 }

    Pour SUD, alerter sur les dangers de l'IA relève de la fable du petit berger qui criait au loup.
    {: #p3 }
    """
)


def _fixture(tmp_path: Path) -> Path:
    (tmp_path / "bibliography.bib").write_text(FIXTURE_BIB, encoding="utf-8")
    for lang in ("fr", "en"):
        (tmp_path / "docs" / lang / "sources").mkdir(parents=True)
        (tmp_path / "docs" / lang / "sources" / "tract.md").write_text(FIXTURE_SOURCE, "utf-8")
    fr = tmp_path / "docs" / "fr" / "themes.md"
    fr.write_text(
        "# Thème\n\n"
        "On estime la consommation d'eau des data centers à 4,2 à 6,6 milliards de m³ en 2027 "
        "[@Tract2025].\n{: .claim #eau }\n\n"
        "- Alerter relève, dit SUD, « de la fable du petit berger qui criait au loup » "
        "[@Tract2025].\n  {: .claim #berger }\n",
        encoding="utf-8",
    )
    en = tmp_path / "docs" / "en" / "themes.md"
    en.write_text(
        f"---\nsource_hash: {source_hash(fr)}\n---\n\n# Theme\n\n"
        "Data centres could use 4.2 to 6.6 billion m³ of water in 2027 [@Tract2025].\n"
        "{: .claim #eau }\n\n"
        '- Warning is "the fable of the boy who cried wolf" [@Tract2025].\n  {: .claim #berger }\n',
        encoding="utf-8",
    )
    return tmp_path


def _run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(root), *args], capture_output=True, text=True
    )


def test_locate_passages_proposes_then_writes_both_languages(tmp_path):
    root = _fixture(tmp_path)
    fr, en = root / "docs" / "fr" / "themes.md", root / "docs" / "en" / "themes.md"
    before = fr.read_text(encoding="utf-8"), en.read_text(encoding="utf-8")
    proposed = _run(root)
    assert proposed.returncode == 0, proposed.stderr
    assert "#eau [@Tract2025, § 2]" in proposed.stdout
    assert "#berger [@Tract2025, § 3]" in proposed.stdout
    assert (fr.read_text(encoding="utf-8"), en.read_text(encoding="utf-8")) == before

    written = _run(root, "--write")
    assert written.returncode == 0, written.stdout + written.stderr
    fr_text, en_text = fr.read_text(encoding="utf-8"), en.read_text(encoding="utf-8")
    assert "en 2027 [@Tract2025, § 2]." in fr_text and "loup » [@Tract2025, § 3]." in fr_text
    assert "in 2027 [@Tract2025, § 2]." in en_text and 'wolf" [@Tract2025, § 3].' in en_text
    assert recorded_hash(en_text) == source_hash(fr), "an up-to-date English page is re-stamped"
    again = _run(root)
    assert "0 proposal(s)" in again.stdout


def test_locate_passages_choices_and_outdated_english_pages(tmp_path):
    root = _fixture(tmp_path)
    en = root / "docs" / "en" / "themes.md"
    en.write_text(
        en.read_text(encoding="utf-8").replace("source_hash: ", "source_hash: 0"), "utf-8"
    )
    stale = recorded_hash(en.read_text(encoding="utf-8"))
    written = _run(root, "--write", "--choose", "eau=1", "--skip", "berger")
    assert written.returncode == 0, written.stdout + written.stderr
    fr_text = (root / "docs" / "fr" / "themes.md").read_text(encoding="utf-8")
    assert "[@Tract2025, § 1]" in fr_text and "loup » [@Tract2025]." in fr_text
    assert recorded_hash(en.read_text(encoding="utf-8")) == stale, "outdated page: not stamped"
    assert "already outdated" in written.stdout
    bad = _run(root, "--choose", "berger=9")
    assert bad.returncode != 0 and "no passage § 9" in (bad.stdout + bad.stderr)
    unused = _run(root, "--choose", "eau=2")
    assert "'eau' matches no claim" in unused.stderr


def test_locate_passages_on_the_real_site_has_nothing_left():
    result = _run(ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("0 proposal(s), 0 uncertain (?), 0 skipped"), (
        result.stdout[-2000:]
    )


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="no Chromium")
@pytest.mark.parametrize("javascript", [True, False])
def test_a_range_locator_highlights_its_passages(site_dir, javascript):
    """« lire dans le texte » for § 74–75: the first passage is highlighted by :target (also
    without JavaScript), the second by claims.js; a passage outside the range is not."""
    from playwright.sync_api import expect

    from browser import chromium, serve, wait_until_loaded

    with serve(site_dir) as base, chromium(java_script_enabled=javascript) as context:
        page = context.new_page()
        page.goto(f"{base}sources/contre-sommet-ia-2025/?passages=74-75#p74")
        if javascript:
            wait_until_loaded(page)

        def color(anchor: str) -> str:
            return page.evaluate(
                "id => getComputedStyle(document.getElementById(id)).backgroundColor", anchor
            )

        transparent = color("p80")
        assert color("p74") != transparent
        if javascript:
            expect(page.locator("#p75")).to_have_class(re.compile(r"\bpassage-cited\b"))
            assert color("p75") != transparent
        else:
            assert color("p75") == transparent
        assert "passage-cited" not in (page.locator("#p76").get_attribute("class") or "")

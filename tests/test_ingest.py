"""`make source` end to end (issue 13): fixture texts in PDF, DOCX, HTML (and ODT, Markdown,
plain text) go into a copy of the project; the copy then builds strictly.

Checked: the source page and its pending English twin build, passages are numbered in order,
nothing but the expected files changes, no contact detail survives anywhere (files written,
built site), running the command twice changes nothing, and every bad input of the issue (not a
PDF, empty file, scanned PDF, existing key or page) stops it with a clear message and nothing
written. The contributor guide's worked example is the one built here.

Fixture texts are fictional, and so are their contact details (numbers reserved for fiction,
example.org).
"""

from __future__ import annotations

import hashlib
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import ENV, MKDOCS
from observatoire_ia.ingest.contacts import mask_contacts
from observatoire_ia.translations import translation_status
from pdf_fixture import EXAMPLE_PDF, example_pdf, layout, scanned_pdf, write_pdf

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "source.py"
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
GUIDE = ROOT / "docs" / "fr" / "a-propos" / "ajouter-un-texte.md"
MAKE_VARS = {"FILE": None, "KEY": "--key", "SLUG": "--slug", "ORG": "--org", "TITLE": "--title",
             "DATE": "--date", "KIND": "--kind", "URL": "--url"}  # fmt: skip

# Every contact detail the fixtures print (fictional): none may reach a file or the site.
FIXTURE_CONTACTS = [
    "01 99 00 12 34", "06 39 98 12 34", "+33 6 39 98 56 78", "06.39.98.45.67", "01.99.00.45.67",
    "+33 (0)1 99 00 12 34", "0639981234", "contact@example.org", "camille.exemple@example.org",
    "bureau.exemple@example.org", "delegue.exemple@example.org",
]  # fmt: skip
PHONE = re.compile(
    r"(?<![\w.,/])(?:(?:\+|00)[\s.\-]?33[\s.\-]?(?:\(0\)[\s.\-]?)?[1-9]|0[1-9])(?:[\s.\-\u00a0]?\d\d){4}(?!\d)"
)
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")


def run(root: Path, file: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(file), "--root", str(root), *args],
        capture_output=True,
        text=True,
    )


def light_copy(tmp: Path) -> Path:
    """What the command reads and writes: docs/, bibliography.bib, mkdocs.yml."""
    root = tmp / "project"
    shutil.copytree(ROOT / "docs", root / "docs")
    for name in ("bibliography.bib", "mkdocs.yml"):
        shutil.copy(ROOT / name, root / name)
    return root


def snapshot(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def docx_fixture(tmp: Path, suffix: str = ".docx") -> Path:
    """The Markdown fixture written by pandoc as a word processor's file."""
    out = tmp / f"droit-deconnexion{suffix}"
    subprocess.run(["pandoc", str(FIXTURES / "droit-deconnexion.md"), "-o", str(out)], check=True)
    return out


def guide_blocks() -> dict[str, str]:
    """The worked example of the guide: `<!-- exemple: name -->` then a fenced block."""
    text = GUIDE.read_text(encoding="utf-8")
    return {
        m.group("name"): m.group("body")
        for m in re.finditer(
            r"<!-- exemple: (?P<name>[\w-]+) -->\n```\w*\n(?P<body>.*?)\n```\n", text, re.DOTALL
        )
    }


def guide_command() -> list[str]:
    """The guide's `make source …` line as arguments of scripts/source.py."""
    words = shlex.split(guide_blocks()["commande"])
    assert words[:2] == ["make", "source"], words
    args: list[str] = []
    for word in words[2:]:
        name, _, value = word.partition("=")
        if name == "FILE":
            args.insert(0, value)  # relative to the project, where `make` runs
        else:
            args += [MAKE_VARS[name], value]
    return args


# -- the whole path, built once ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def ingested(tmp_path_factory):
    """A copy of the project with the PDF (the guide's command), DOCX and HTML fixtures
    ingested and the guide's example claims added; then a strict build."""
    tmp = tmp_path_factory.mktemp("ingest")
    root = tmp / "project"
    listed = (
        subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, root / name)
    if (ROOT / ".cache").is_dir():  # social cards already drawn: the build takes seconds
        shutil.copytree(ROOT / ".cache", root / ".cache")
    before = snapshot(root)
    docx = docx_fixture(tmp)
    results = {
        "pdf": subprocess.run(
            [sys.executable, str(SCRIPT), *guide_command(), "--root", str(root)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ),
        "docx": run(root, docx),
        "html": run(root, FIXTURES / "tri-automatique.html"),
    }
    after_ingest = snapshot(root)
    blocks = guide_blocks()
    for lang, claim, demands in (
        ("fr", blocks["affirmation"], "## Ce que demandent les syndicats"),
        ("en", blocks["affirmation-anglaise"], "## What the unions demand"),
    ):
        page = root / "docs" / lang / "travail" / "emploi-services-publics.md"
        text = page.read_text(encoding="utf-8")
        assert demands in text
        page.write_text(text.replace(demands, f"{claim}\n\n{demands}", 1), encoding="utf-8")
    site = tmp / "site"
    build = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
    )
    return {
        "root": root,
        "site": site,
        "results": results,
        "before": before,
        "after": after_ingest,
        "build": build,
    }


SLUGS = {
    "pdf": "syndicat-exemple-ia-services-demandons-2026",
    "docx": "section-syndicale-droit-deconnexion-outils-2026",
    "html": "union-locale-non-tri-automatique-2026",
}


def test_each_format_is_ingested(ingested):
    for kind, result in ingested["results"].items():
        assert result.returncode == 0, f"{kind}: {result.stderr}"
        assert f"docs/fr/sources/{SLUGS[kind]}.md" in result.stdout


def test_nothing_but_the_expected_files_changes(ingested):
    before, after = ingested["before"], ingested["after"]
    added = sorted(set(after) - set(before))
    changed = sorted(name for name in before if after.get(name) != before[name])
    assert added == sorted(
        f"docs/{lang}/sources/{slug}.md" for lang in ("fr", "en") for slug in SLUGS.values()
    )
    assert changed == [
        "bibliography.bib",
        "docs/en/sources/organisations.md",
        "docs/fr/sources/organisations.md",
        "mkdocs.yml",
    ]


def test_the_copy_builds_strictly(ingested):
    build = ingested["build"]
    assert build.returncode == 0, build.stdout + build.stderr


def built(site: Path, lang: str, slug: str) -> lxml_html.HtmlElement:
    prefix = "en/" if lang == "en" else ""
    return lxml_html.fromstring((site / f"{prefix}sources/{slug}/index.html").read_bytes())


@pytest.mark.parametrize("kind", sorted(SLUGS))
def test_passages_are_numbered_in_order_in_both_languages(ingested, kind):
    site = ingested["site"]
    source = (ingested["root"] / "docs/fr/sources" / f"{SLUGS[kind]}.md").read_text("utf-8")
    anchors = re.findall(r"\{: #(p\d+) \}", source)
    assert anchors == [f"p{n}" for n in range(1, len(anchors) + 1)] and len(anchors) >= 8
    fr = built(site, "fr", SLUGS[kind])
    en = built(site, "en", SLUGS[kind])
    fr_ids = [i for i in fr.xpath("//article//@id") if re.fullmatch(r"p\d+", i)]
    assert fr_ids == anchors
    # English: the French text under the banner, inside lang="fr", same anchors.
    banner = en.xpath('//article//*[contains(@class, "translation-pending")]')
    assert banner and "not been translated yet" in banner[0].text_content()
    french = en.xpath('//article/div[@lang="fr"]')
    assert len(french) == 1
    assert [i for i in french[0].xpath(".//@id") if re.fullmatch(r"p\d+", i)] == anchors
    assert en.get("lang") == "en"


def test_pdf_layout_rules_as_the_guide_describes(ingested):
    source = (ingested["root"] / "docs/fr/sources" / f"{SLUGS['pdf']}.md").read_text("utf-8")
    text = source.split("## Texte intégral", 1)[1]
    assert "Déclaration au CSE du 12 mars 2026" not in text  # running header
    assert "1/2" not in text and "2/2" not in text  # page numbers
    assert "sans intervention humaine" in text  # « interven-|tion »
    assert "Les salarié-es de l'accueil" in text  # inclusive writing kept
    assert "sur les data-centers utilisés" in text  # as written elsewhere in the text
    assert "étape du projet et la formation de tous les agents" in text  # across the page break
    assert "### L'IA dans nos services : ce que nous demandons {: #p1 }" in text  # larger font
    assert "#### Nos revendications {: #p6 }" in text
    assert "- Aucune suppression de poste liée à l'outil ;\n  {: #p7 }" in text
    assert "Contact : Camille Exemple, […] ou […] ou […], […].\n{: #p10 }" in text


def test_html_furniture_and_repeats_are_removed_and_its_address_kept(ingested):
    root = ingested["root"]
    source = (root / "docs/fr/sources" / f"{SLUGS['html']}.md").read_text("utf-8")
    text = source.split("## Texte intégral", 1)[1]
    for furniture in ("Actualités", "Mentions légales", "compteur", "font-family"):
        assert furniture not in source
    assert text.count("bureau du 3 février 2026") == 1
    assert (
        "Voir aussi nos revendications et [le rapport public](https://example.org/rapport)." in text
    )
    assert "écrire au bureau ou appeler le […] (permanence), ou le […]." in text
    bib = (root / "bibliography.bib").read_text("utf-8")
    assert "url          = {https://example.org/union-locale-exemple/tri-automatique}," in bib
    assert "date         = {2026-02-03}," in bib


def test_docx_structure_and_metadata(ingested):
    root = ingested["root"]
    source = (root / "docs/fr/sources" / f"{SLUGS['docx']}.md").read_text("utf-8")
    assert "**répond aux courriels la nuit**" in source
    assert "1. Aucun message envoyé en notre nom sans notre accord ;\n   {: #p4 }" in source
    assert "Accueil — 14\n{: #p7 }" in source
    assert "Date\n:   janvier 2026" in source
    assert "Organisation\n:   Section syndicale Exemple" in source


def test_bibliography_entries_and_organisations(ingested):
    root = ingested["root"]
    bib = (root / "bibliography.bib").read_text("utf-8")
    for slug in SLUGS.values():
        assert f"sourcepage   = {{sources/{slug}}}," in bib
    assert "url" not in bib.split("@misc{SyndicatExempleServices2026IA", 1)[1].split("}\n", 1)[0]
    for lang, label in (("fr", "**Texte** :"), ("en", "**Text**:")):
        organisations = (root / f"docs/{lang}/sources/organisations.md").read_text("utf-8")
        for slug in SLUGS.values():
            assert f"]({slug}.md)" in organisations
        assert organisations.count(label) >= 8  # five texts before, three new
    # The English Organisations page was current: it still is (the example claim changed
    # the French Work page, whose translation the author then updates and stamps).
    status = translation_status(root / "docs")
    assert [page for page, _, _ in status.outdated] == ["travail/emploi-services-publics.md"]
    assert sorted(status.pending) == sorted(
        ["a-propos/ajouter-un-texte.md", *(f"sources/{s}.md" for s in SLUGS.values())]
    )


def test_pending_pages_are_not_in_the_english_search_index(ingested):
    from search_index import pagefind_pages  # the online index (DECISIONS.md, search)

    pages = pagefind_pages(ingested["site"])
    english = [p["url"] for p in pages if p["language"] == "en"]
    assert english and not [url for url in english if "sources/syndicat-exemple" in url]
    french = [p["url"] for p in pages if p["language"] == "fr"]
    assert any(url.startswith(f"/sources/{SLUGS['pdf']}/") for url in french), french


def test_no_contact_detail_survives_in_any_file_or_page(ingested):
    root, site = ingested["root"], ingested["site"]
    scanned = [
        *sorted((root / "docs").rglob("*.md")),
        root / "bibliography.bib",
        root / "mkdocs.yml",
        *(
            p
            for p in sorted(site.rglob("*"))
            if p.suffix in {".html", ".json", ".xml", ".txt", ".bib"}
        ),
    ]
    leaks = []
    for path in scanned:
        text = path.read_text(encoding="utf-8", errors="replace")
        leaks += [f"{path}: {value}" for value in FIXTURE_CONTACTS if value in text]
        leaks += [f"{path}: {m.group(0)}" for m in PHONE.finditer(text)]
        leaks += [f"{path}: {m.group(0)}" for m in EMAIL.finditer(text)]
    assert not leaks, "\n".join(leaks[:20])
    # …and the report, printed on the terminal, lists them all for the author to check.
    reports = "".join(result.stdout for result in ingested["results"].values())
    assert [value for value in FIXTURE_CONTACTS if value not in reports] == []


def test_the_example_claim_citing_the_new_text_is_built(ingested):
    site = ingested["site"]
    for prefix in ("", "en/"):
        page = lxml_html.fromstring(
            (site / f"{prefix}travail/emploi-services-publics/index.html").read_bytes()
        )
        claim = page.get_element_by_id("exemple-tri-usagers-40")
        passage = claim.xpath('.//a[@class="citation-passage"]')[0]
        assert passage.get("href").endswith(f"sources/{SLUGS['pdf']}/#p3")


# -- the contributor guide's worked example is this one ------------------------------------------------


def test_guide_shows_what_the_command_writes(ingested):
    blocks = guide_blocks()
    root = ingested["root"]
    slug = SLUGS["pdf"]
    assert blocks["rapport"] == mask_contacts(ingested["results"]["pdf"].stdout).rstrip()
    assert blocks["page"] == (root / f"docs/fr/sources/{slug}.md").read_text("utf-8").rstrip()
    assert (
        blocks["page-anglaise"] == (root / f"docs/en/sources/{slug}.md").read_text("utf-8").rstrip()
    )
    assert blocks["notice"] + "\n" in (root / "bibliography.bib").read_text("utf-8")
    assert blocks["organisations"] in (root / "docs/fr/sources/organisations.md").read_text("utf-8")


def test_committed_example_pdf_is_the_generated_one():
    assert EXAMPLE_PDF.read_bytes() == example_pdf(), "run: python tests/pdf_fixture.py"


# -- other formats, repeats and bad input (small copies) ----------------------------------------------


def test_odt_markdown_and_plain_text_are_read_too(tmp_path):
    root = light_copy(tmp_path)
    odt = docx_fixture(tmp_path, ".odt")
    result = run(root, odt, "--org", "Section syndicale Exemple", "--date", "2026-01")
    assert result.returncode == 0, result.stderr
    source = (
        root / "docs/fr/sources/section-syndicale-droit-deconnexion-outils-2026.md"
    ).read_text()
    assert "un avenant à l’accord sur le droit à la déconnexion" in source
    result = run(root, FIXTURES / "droit-deconnexion.md", "--slug", "droit-md", "--key", "DroitMd")
    assert result.returncode == 0, result.stderr
    source = (root / "docs/fr/sources/droit-md.md").read_text()
    assert "Contact : […] ou […].\n{: #p9 }" in source
    plain = tmp_path / "tract.txt"
    plain.write_text(
        "Non au tri\n\nUn premier para-\ngraphe, sur deux lignes.\n\n1\n\f"
        "Suite du texte : appeler le 06 39 98 12 34.\n\n2\n",
        encoding="utf-8",
    )
    result = run(root, plain, "--org", "Union Exemple", "--slug", "tri-txt", "--key", "TriTxt")
    assert result.returncode == 0, result.stderr
    assert "06 39 98 12 34" in result.stdout
    source = (root / "docs/fr/sources/tri-txt.md").read_text()
    assert "### Non au tri {: #p1 }" in source
    assert "Un premier paragraphe, sur deux lignes.\n{: #p2 }" in source
    assert "Suite du texte : appeler le […].\n{: #p3 }" in source and "#p4" not in source


def test_running_it_twice_changes_nothing(tmp_path):
    root = light_copy(tmp_path)
    first = run(root, EXAMPLE_PDF)
    assert first.returncode == 0, first.stderr
    state = snapshot(root)
    second = run(root, EXAMPLE_PDF)
    assert second.returncode == 0, second.stderr
    assert "nothing to do" in second.stdout
    assert snapshot(root) == state


BAD_PDF = b"<html><body>Ceci est une page web, pas un PDF.</body></html>"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("faux.pdf", BAD_PDF, "not a PDF file"),
        ("vide.pdf", b"", "the file is empty"),
        ("vide.docx", b"  \n", "the file is empty"),
        ("scan.pdf", None, "no text layer"),
        ("faux.docx", b"Du texte, pas un document Word.", "not a DOCX file"),
        ("faux.odt", b"%PDF-1.4 pas un ODT", "not a ODT file"),
        ("tract.rtf", b"{\\rtf1 texte}", "unknown format"),
    ],
)
def test_unreadable_input_stops_with_a_clear_message_and_writes_nothing(
    tmp_path, name, content, message
):
    root = light_copy(tmp_path)
    state = snapshot(root)
    file = tmp_path / name
    file.write_bytes(scanned_pdf() if content is None else content)
    result = run(root, file)
    assert result.returncode == 1
    assert message in result.stderr and "Nothing was written." in result.stderr
    assert result.stdout == ""
    assert snapshot(root) == state


def test_a_pdf_without_organisation_asks_for_it(tmp_path):
    root = light_copy(tmp_path)
    state = snapshot(root)
    pdf = tmp_path / "anonyme.pdf"
    pdf.write_bytes(write_pdf(layout([[(11, "Un texte sans auteur.")]], None, None), {}))
    result = run(root, pdf)
    assert result.returncode == 1 and "ORG=" in result.stderr
    assert snapshot(root) == state
    assert run(root, pdf, "--org", "Union Exemple").returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--key", "SolidairesNDTract"], "key 'SolidairesNDTract' exists in bibliography.bib:"),
        (["--key", "solidairesndtract"], "exists in bibliography.bib"),
        (["--slug", "solidaires-tract-ia"], "docs/fr/sources/solidaires-tract-ia.md exists"),
        (["--slug", "Pas un nom"], "SLUG='Pas un nom'"),
        (["--key", "clé avec espaces"], "KEY="),
        (["--date", "12/03/2026"], "DATE='12/03/2026'"),
        (["--url", "example.org"], "URL="),
    ],
)
def test_existing_key_or_page_and_bad_settings_are_refused(tmp_path, args, message):
    root = light_copy(tmp_path)
    state = snapshot(root)
    result = run(root, FIXTURES / "tri-automatique.html", *args)
    assert result.returncode == 1, result.stdout
    assert message in result.stderr and "Nothing was written." in result.stderr
    assert snapshot(root) == state


def test_the_same_text_under_another_name_is_refused_when_its_page_exists(tmp_path):
    root = light_copy(tmp_path)
    assert run(root, FIXTURES / "tri-automatique.html").returncode == 0
    state = snapshot(root)
    again = run(root, FIXTURES / "tri-automatique.html", "--kind", "Tract")  # same slug and key
    assert again.returncode == 1 and "exists" in again.stderr
    assert snapshot(root) == state


def test_a_wrong_figure_in_the_example_claim_fails_the_build_as_the_guide_says(ingested, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(ingested["root"], root, ignore=shutil.ignore_patterns(".cache", "site"))
    page = root / "docs" / "fr" / "travail" / "emploi-services-publics.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("et 12 postes d'accueil", "et 13 postes d'accueil"), encoding="utf-8"
    )
    build = subprocess.run(
        [*MKDOCS, "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
    )
    assert build.returncode != 0
    line = text[: text.index("{: .claim #exemple-tri-usagers-40 }")].count("\n") - 2
    rows = build.stdout.splitlines() + build.stderr.splitlines()
    error = next(row for row in rows if "exemple-tri-usagers-40" in row)
    shown = re.sub(r"^ERROR\s+-\s+", "", error).replace(f".md:{line}:", ".md:…:")
    assert f"docs/fr/travail/emploi-services-publics.md:{line}:" in error
    assert shown == guide_blocks()["erreur"]

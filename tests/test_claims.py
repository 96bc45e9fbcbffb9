"""Claims and citations: the HTML contract, and bad input failing the build with file:line."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from conftest import MINIMAL_BIB, fixture_files
from observatoire_ia.claims.scan import scan_page

BIB2 = (
    MINIMAL_BIB
    + "\n@misc{Cgt2024Note,\n  author = {{CGT}},\n  title = {Note},\n  date = {2024-10-03},\n}\n"
)


def page(text: str) -> str:
    return f"---\ntitle: T\n---\n\n# T\n\n{text}\n"


def test_scanner_finds_paragraph_list_and_table_claims_with_lines():
    scan = scan_page(
        page(
            "Un fait [@A2020].\n{: .claim #un-fait }\n\n"
            '- Un point\n  sur deux lignes [@B2021, p. 3].\n  {: .claim #un-point tags="chiffre" }\n\n'
            '| Date | Fait |\n|---|---|\n| 2025 | Une ligne [@A2020; @B2021] {: .claim #une-ligne date="2025" } |\n'
        ),
        "fr",
        "x.md",
        "docs/fr/x.md",
    )
    assert not scan.errors
    ids = {c.id: c for c in scan.claims}
    assert list(ids) == ["un-fait", "un-point", "une-ligne"]
    assert ids["un-fait"].line == 7 and ids["un-fait"].keys == ["A2020"]
    assert ids["un-point"].line == 10 and ids["un-point"].tags == ("chiffre",)
    assert ids["un-point"].citations[0].locator == "p. 3"
    assert ids["une-ligne"].keys == ["A2020", "B2021"] and ids["une-ligne"].attrs == {
        "date": "2025"
    }


def test_scanner_ignores_code_urls_and_emails():
    scan = scan_page(
        page(
            "Voir `[@Code2020]` et <https://example.org/[@Url2020]>.\n\n"
            "```\n[@Fenced2020]\n```\n\n"
            "    [@Indented2020]\n\n"
            "Écrire à <contact@example.org> ; [@A2020].\n{: .claim #ok }\n"
        ),
        "fr",
        "x.md",
        "docs/fr/x.md",
    )
    assert not scan.errors
    assert [c.key for c in scan.citations] == ["A2020"]


def visible_claim_text(element) -> str:
    import copy

    element = copy.deepcopy(element)
    for tool in element.xpath(
        './/*[contains(@class, "citation-group") or contains(@class, "claim-tools") '
        'or contains(@class, "claim-divergence")]'
    ):
        tool.drop_tree()
    if element.tag == "tr":
        return " — ".join(cell.text_content() for cell in element if cell.text_content().strip())
    return element.text_content()


def squeeze(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", "", text)


def test_real_site_claims_follow_the_contract(site_dir):
    """Every claim element has an id, at least one citation to an existing reference, a permalink."""
    import json

    claims = json.loads((site_dir / "claims.json").read_text())
    assert claims, "claims.json is empty"
    by_page: dict[str, list[dict]] = {}
    for claim in claims:
        by_page.setdefault(claim["page"], []).append(claim)
    bib_ids = {}
    for lang, prefix in (("fr", ""), ("en", "en/")):
        tree = lxml_html.parse(str(site_dir / prefix / "bibliographie" / "index.html"))
        bib_ids[lang] = set(tree.xpath('//*[starts-with(@id, "ref-")]/@id'))
    for page_path, page_claims in by_page.items():
        tree = lxml_html.parse(str(site_dir / page_path / "index.html"))
        lang = tree.getroot().get("lang")
        block = tree.xpath('//script[@id="citation-references"][@type="application/json"]')
        assert len(block) == 1, page_path
        references = json.loads(block[0].text)["references"]
        elements = {
            e.get("id"): e for e in tree.xpath('//*[contains(concat(" ", @class, " "), " claim ")]')
        }
        assert set(elements) == {c["id"] for c in page_claims}, page_path
        for claim in page_claims:
            element = elements[claim["id"]]
            citations = element.xpath('.//a[contains(concat(" ", @class, " "), " citation ")]')
            assert citations, claim["id"]
            for a in citations:
                href = a.get("href")
                assert re.search(r"bibliographie/(index\.html)?#ref-", href), href
                assert href.split("#")[1] in bib_ids[lang]
                assert a.text_content().strip()
                # The preview the label opens holds « lire dans le texte » for passages; the
                # whole reference comes from the page's one copy of it (page_references.py),
                # and claims.js adds « voir dans la bibliographie » (the label's own href).
                preview = element.xpath(f'.//*[@id="{a.get("aria-controls")}"]')
                assert preview and "citation-preview" in preview[0].get("class")
                assert a.get("data-key") in references, (claim["id"], a.get("data-key"))
                assert references[a.get("data-key")].strip()
                passage = preview[0].xpath('./a[@class="citation-passage"]')
                assert bool(passage) == ("§" in a.text_content()), claim["id"]
                assert preview[0].text_content().strip() == (
                    passage[0].text_content().strip() if passage else ""
                ), claim["id"]
            assert element.xpath(
                f'.//a[contains(@class, "claim-permalink")][@href="#{claim["id"]}"]'
            )
            # claims.json text is the claim's visible text, citations and controls removed
            assert squeeze(claim["text"]) == squeeze(visible_claim_text(element)), claim["id"]


def test_same_claim_ids_in_both_languages(site_dir):
    import json

    claims = json.loads((site_dir / "claims.json").read_text())
    fr = {(c["id"], c["page"]) for c in claims if c["lang"] == "fr"}
    en = {(c["id"], c["page"].removeprefix("en/")) for c in claims if c["lang"] == "en"}
    assert fr == en


def test_each_reference_page_lists_every_claim_citing_it(site_dir):
    """The index entry #ref-KEY links to bibliographie/KEY/, whose links reach every claim
    citing KEY (issue 14: back-links moved from the index to each reference's page)."""
    import json

    claims = json.loads((site_dir / "claims.json").read_text())
    checked = 0
    for lang, prefix in (("fr", ""), ("en", "en/")):
        index_path = site_dir / prefix / "bibliographie" / "index.html"
        index = lxml_html.parse(str(index_path))
        pages: dict[str, set[str]] = {}
        for claim in (c for c in claims if c["lang"] == lang):
            for key in claim["sources"]:
                if key not in pages:
                    entry = index.xpath(f'//*[@id="ref-{key}"]')
                    assert entry and entry[0].xpath('.//*[@class="reference-formatted"]'), key
                    assert f"{key}/" in entry[0].xpath(".//a/@href"), (lang, key)
                    page = site_dir / prefix / "bibliographie" / key / "index.html"
                    links = set()
                    for href in lxml_html.parse(str(page)).xpath(
                        '//div[@class="cited-by"]//a/@href'
                    ):
                        target, anchor = href.split("#")
                        resolved = (page.parent / target / "index.html").resolve()
                        links.add(
                            (resolved.parent.relative_to(site_dir.resolve()).as_posix(), anchor)
                        )
                    pages[key] = links
                where = (claim["page"].rstrip("/"), claim["id"])
                assert where in pages[key], (lang, key, claim["id"])
                checked += 1
    assert checked >= len(claims)


def test_reference_page_groups_claims_under_their_page_title(site_dir):
    """Each group's heading is the title of the page its links lead to, and each link lands
    on the claim's element."""
    page = site_dir / "bibliographie" / "SolidairesNDTract" / "index.html"
    tree = lxml_html.parse(str(page))
    groups = tree.xpath('//div[@class="cited-by"]/h3')
    assert len(groups) >= 3
    for heading in groups:
        items = heading.getnext().xpath("./li/a/@href")
        assert items
        for href in items:
            target, anchor = href.split("#")
            built = lxml_html.parse(str((page.parent / target / "index.html").resolve()))
            assert built.xpath(f'//*[@id="{anchor}"][contains(@class, "claim")]'), href
            h1 = " ".join(built.xpath("//article//h1")[0].text_content().split())
            assert h1.rstrip("¶ ").strip() == " ".join(heading.text_content().split()), href


def test_claims_json_matches_schema(site_dir):
    import json
    from pathlib import Path

    import jsonschema

    schema = json.loads(
        (Path(__file__).resolve().parents[1] / "schemas/claims.schema.json").read_text()
    )
    data = json.loads((site_dir / "claims.json").read_text())
    jsonschema.validate(data, schema)
    assert (site_dir / "bibliography.bib").read_text().count("@") >= 5
    csl = json.loads((site_dir / "bibliography.json").read_text())
    assert all({"id", "type", "title"} <= set(item) for item in csl)


# -- bad input in bibliography.bib: the build fails with file:line -------------------------------

BAD_INPUTS = {  # the claim rules, in both languages and every shape: tests/test_bad_input.py
    "malformed bibtex": (
        {"bibliography.bib": "@misc{Solidaires2025Tract,\n  title = {T,\n}\n"},
        r"bibliography\.bib:4: malformed BibTeX: syntax error in line 4: premature end of file",
    ),
    "duplicate bibtex key": (
        {
            "bibliography.bib": MINIMAL_BIB
            + "\n@misc{Solidaires2025Tract, author={X}, title={Y}, date={2020}}\n"
        },
        r"bibliography\.bib:7: duplicate key 'Solidaires2025Tract' \(first defined at line 1\)",
    ),
    "entry missing date": (
        {
            "bibliography.bib": "@misc{Solidaires2025Tract,\n  author={{Solidaires}},\n  title={T},\n}\n"
        },
        r"bibliography\.bib:1: entry 'Solidaires2025Tract': missing date",
    ),
    "url not http": (
        {
            "bibliography.bib": "@misc{Solidaires2025Tract, author={{S}}, title={T}, date={2025}, url={ftp://x}}\n"
        },
        r"bibliography\.bib:1: entry 'Solidaires2025Tract': url must be an http\(s\) address",
    ),
    "script in a field": (
        {
            "bibliography.bib": "@misc{Solidaires2025Tract, author={{S}}, title={<script>alert(1)</script>}, date={2025}}\n"
        },
        r"bibliography\.bib:1: entry 'Solidaires2025Tract': field 'title' contains HTML",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_fails_the_build_with_file_and_line(case, build_fixture_site):
    files, expected = BAD_INPUTS[case]
    code, output, _ = build_fixture_site({**fixture_files(), **files})
    assert code != 0, output
    assert re.search(expected, output), output


def test_unused_entries_are_reported_but_do_not_fail(build_fixture_site):
    code, output, _ = build_fixture_site({**fixture_files(), "bibliography.bib": BIB2})
    assert code == 0, output
    assert "bibliography.bib:7: entry 'Cgt2024Note' is cited by no claim" in output


def test_rendering_contract_on_fixture(build_fixture_site):
    files = fixture_files(
        **{
            "docs__fr__index_DOT_md": "# A\n\nUn fait `[@Code]` [@Solidaires2025Tract, p. 3; @Cgt2024Note].\n{: .claim #un-fait }\n\n"
            '| Quand | Quoi |\n|---|---|\n| 2024 | Réunion [@Cgt2024Note] {: .claim #reunion tags="chronologie" date="2024-10-03" } |\n',
            "docs__en__index_DOT_md": "# A\n\nA fact [@Solidaires2025Tract, p. 3; @Cgt2024Note].\n{: .claim #un-fait }\n\n"
            '| When | What |\n|---|---|\n| 2024 | Meeting [@Cgt2024Note] {: .claim #reunion tags="chronologie" date="2024-10-03" } |\n',
            "bibliography_DOT_bib": BIB2,
        }
    )
    code, output, site = build_fixture_site(files)
    assert code == 0, output
    tree = lxml_html.parse(str(site / "index.html"))
    claim = tree.xpath('//p[@id="un-fait"]')[0]
    assert "claim" in claim.get("class").split()
    assert claim.xpath(".//code")[0].text == "[@Code]"  # code untouched
    links = claim.xpath('.//a[@class="citation"]')
    assert [a.get("href") for a in links] == [
        "bibliographie/#ref-Solidaires2025Tract",
        "bibliographie/#ref-Cgt2024Note",
    ]
    assert links[0].text_content() == "Union syndicale Solidaires 2025, p. 3"
    row = tree.xpath('//tr[@id="reunion"]')[0]
    assert row.get("class") == "claim" and row.get("data-tags") == "chronologie"
    assert row.get("data-date") == "2024-10-03"
    bib = lxml_html.parse(str(site / "bibliographie" / "index.html"))
    entry = bib.xpath('//*[@id="ref-Cgt2024Note"]')[0]
    assert "3 octobre 2024" in entry.text_content()
    assert entry.xpath(".//a/@href") == ["Cgt2024Note/"]
    reference = lxml_html.parse(str(site / "bibliographie" / "Cgt2024Note" / "index.html"))
    assert {"../../#reunion", "../../#un-fait"} <= set(reference.xpath("//article//a/@href"))
    en_bib = lxml_html.parse(str(site / "en" / "bibliographie" / "index.html"))
    assert "3 October 2024" in en_bib.xpath('//*[@id="ref-Cgt2024Note"]')[0].text_content()


def test_bibliography_is_parsed_once_per_build_for_both_languages(tmp_path, monkeypatch):
    """mkdocs-static-i18n builds each language separately; the plugin must not re-parse."""
    import os

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from observatoire_ia.claims.bibliography import Bibliography

    for path, text in fixture_files().items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    calls = []
    original = Bibliography.parse.__func__

    def counting_parse(cls, text, path):
        calls.append(path)
        return original(cls, text, path)

    monkeypatch.setattr(Bibliography, "parse", classmethod(counting_parse))
    monkeypatch.chdir(tmp_path)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)
    assert (tmp_path / "site" / "en" / "index.html").exists()
    assert calls == ["bibliography.bib"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_wrapped_line_starting_with_a_hashtag_stays_in_its_claim(lang):
    """`#TouchePasMaVF` at the start of a line is text, not a heading: the claim keeps every line."""
    scan = scan_page(
        page(
            "Première ligne avec\n#TouchePasMaVF au début d'une ligne,\npuis la fin [@A2020].\n{: .claim #x }\n"
            "\n## Un titre\nSuite [@A2020].\n{: .claim #y }\n"
        ),
        lang,
        "x.md",
        f"docs/{lang}/x.md",
    )
    assert not scan.errors
    claims = {c.id: c for c in scan.claims}
    assert claims["x"].markdown.startswith("Première ligne avec\n#TouchePasMaVF")
    assert claims["x"].line == 7
    assert claims["y"].markdown == "Suite [@A2020]."

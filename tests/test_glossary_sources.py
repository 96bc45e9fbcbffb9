"""The glossary states no fact without a source (issue 12, item 5): a definition that names an
article or holds a figure cites, as a claim does, and the page shows the citation with the claims'
HTML contract (a.citation to bibliographie/#ref-KEY); the primary texts are bibliography entries
with their official identifiers. Bad glossary input fails with glossaire.yml's line."""

from __future__ import annotations

import re
import textwrap

import lxml.html
import pytest
import yaml

from conftest import ROOT, fixture_files
from observatoire_ia.claims.bibliography import Bibliography
from observatoire_ia.claims.plugin import load_registry
from observatoire_ia.entry_points.glossary import glossary_errors

LANGS = {"fr": "", "en": "en/"}
GLOSSARY = ROOT / "docs/data/glossaire.yml"
CITATION = re.compile(r"\[@[^\]]*\]")
# Definitions stating an article, a date or a threshold, and the law they must cite (the issue
# names the GDPR and the Code du travail's articles).
LAW_CITED = {
    "AIPD": "UE2016RGPD",
    "RGPD": "UE2016RGPD",
    "CSE": "FranceNDCodeTravailL2311-2",
    "PSE": "FranceNDCodeTravailL1233-61",
}


def check(text: str, known=("Loi2016", "Texte2025"), last=None) -> list[str]:
    entries = tuple(yaml.safe_load(text))
    return glossary_errors(entries, text, "glossaire.yml", set(known), last or {"Texte2025": 9})


def entry(definition: str, gloss: str = "Gloss") -> str:
    return textwrap.dedent(
        f"""\
        - term: AAA
          fr: {{expansion: A, definition: "Bien."}}
          en: {{expansion: A, gloss: Fine, definition: "Fine."}}
        - term: BBB
          fr: {{expansion: B, definition: "{definition}"}}
          en: {{expansion: B, gloss: "{gloss}", definition: "Fine."}}
        """
    )


def test_a_sourced_definition_passes():
    assert (
        check(entry("Seuil de 50 salariés [@Loi2016, art. 3] ; « mot » [@Texte2025, § 2–3].")) == []
    )


@pytest.mark.parametrize(
    ("definition", "gloss", "message"),
    [
        (
            "Plan des entreprises d'au moins 50 salariés.",
            "Gloss",
            "figure or an article without a source",
        ),
        ("Voir l'article 35 du règlement.", "Gloss", "figure or an article without a source"),
        ("Seuil [@Inconnu2020, art. 3].", "Gloss", "unknown bibliography key"),
        ("Un mot [@Texte2025].", "Gloss", "cited with its passages"),
        ("Un mot [@Texte2025, § 12].", "Gloss", "past the end of the text (§ 9)"),
        ("Un mot [@Loi2016, § 2].", "Gloss", "a text without passages"),
        ("Bien.", "Plan (at least 50 employees)", "a gloss is a translation aid"),
    ],
)
def test_bad_glossary_input_names_the_line_and_the_term(definition, gloss, message):
    errors = check(entry(definition, gloss))
    assert len(errors) == 1, errors
    assert errors[0].startswith("glossaire.yml:4: BBB ("), errors
    assert message in errors[0]


def test_the_real_glossary_has_no_error():
    registry = load_registry(ROOT, ROOT / "docs", "bibliography.bib", ("fr", "en"))
    last = {key: source.last for key, source in registry.sources.items()}
    text = GLOSSARY.read_text(encoding="utf-8")
    entries = tuple(yaml.safe_load(text))
    assert (
        glossary_errors(entries, text, "glossaire.yml", registry.bibliography.references, last)
        == []
    )


def test_definitions_stating_a_fact_of_law_cite_the_law():
    data = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    for item in data:
        for lang in LANGS:
            definition = item[lang]["definition"]
            unsourced = CITATION.sub("", definition)
            if re.search(r"\d|\barticles?\b|\bart\.", unsourced, re.IGNORECASE):
                assert CITATION.search(definition), (item["term"], lang)
        if item["term"] in LAW_CITED:
            for lang in LANGS:
                assert f"@{LAW_CITED[item['term']]}," in item[lang]["definition"], item["term"]


def test_primary_texts_carry_their_official_identifiers():
    references = Bibliography.load(ROOT / "bibliography.bib").references
    for key, celex, eli in [
        ("UE2016RGPD", "32016R0679", "http://data.europa.eu/eli/reg/2016/679/oj"),
        ("UE2024ReglementIA", "32024R1689", "http://data.europa.eu/eli/reg/2024/1689/oj"),
    ]:
        assert f"CELEX {celex}" in references[key].fields["number"], key
        assert references[key].url == eli, key
    for article in ("L2311-2", "L1233-61"):
        reference = references[f"FranceNDCodeTravail{article}"]
        assert reference.fields["title"] == f"Code du travail, article {article}"
        assert reference.entry_type == "legislation"
        assert "url" not in reference.fields  # no address guessed


@pytest.mark.parametrize("lang", LANGS)
def test_the_glossary_page_shows_citations_like_a_claim(site_dir, lang):
    tree = lxml.html.fromstring((site_dir / f"{LANGS[lang]}glossaire/index.html").read_bytes())
    data = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    for item in data:
        cited = re.findall(r"\[@([A-Za-z0-9_:-]+)", item[lang]["definition"])
        box = tree.xpath(f'//div[@id="gl-{item["term"].lower()}"]')[0]
        links = box.xpath('.//a[contains(concat(" ", @class, " "), " citation ")]/@href')
        assert [href.rpartition("#ref-")[2] for href in links] == cited, item["term"]
        for href in links:
            assert href.endswith("bibliographie/#ref-" + href.rpartition("#ref-")[2])
            target = (site_dir / f"{LANGS[lang]}glossaire" / href.partition("#")[0]).resolve()
            ids = lxml.html.fromstring((target / "index.html").read_bytes()).xpath("//@id")
            assert href.partition("#")[2] in ids, href


def glossary_site(definition: str) -> dict[str, str]:
    data = textwrap.dedent(
        f"""\
        # a comment line
        - term: CSE
          fr: {{expansion: Comité social et économique, definition: "{definition}"}}
          en: {{expansion: Comité social et économique, gloss: Works council, definition: "Fine."}}
        """
    )
    files = fixture_files(
        docs__fr__glossaire_DOT_md="# Glossaire\n\n<!-- glossary -->\n",
        docs__en__glossaire_DOT_md="# Glossary\n\n<!-- glossary -->\n",
        docs__data__glossaire_DOT_yml=data,
    )
    files["mkdocs.yml"] = files["mkdocs.yml"].replace(
        "  - observatoire/claims\n", "  - observatoire/claims\n  - observatoire/entry-points\n"
    )
    return files


def test_a_glossary_citation_renders_and_an_unsourced_threshold_fails(build_fixture_site):
    code, output, site = build_fixture_site(glossary_site("Un comité [@Solidaires2025Tract]."))
    assert code == 0, output
    tree = lxml.html.fromstring((site / "glossaire/index.html").read_bytes())
    hrefs = tree.xpath('//div[@id="gl-cse"]//a[@class="citation"]/@href')
    assert hrefs == ["../bibliographie/#ref-Solidaires2025Tract"]

    code, output, _ = build_fixture_site(
        glossary_site("Dans les entreprises d'au moins 11 salariés.")
    )
    assert code != 0
    assert "docs/data/glossaire.yml:2: CSE (fr): the definition states a figure" in output

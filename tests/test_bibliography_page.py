"""The bibliography index and each reference's own page (issue 14).

The index keeps an element `id="ref-<key>"` per reference, formatted, linking to
`bibliographie/<key>/`; that page holds the formatted reference, the full text's link for a
union text, and every claim citing it, grouped by page, with its locators.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import fixture_files
from observatoire_ia.claims import reference_pages
from observatoire_ia.claims.bibliography import Bibliography
from observatoire_ia.claims.bibliography_page import bibliography_html
from observatoire_ia.claims.page_parts import fewest_parts, parts_nav, split_evenly
from observatoire_ia.claims.reference_pages import claims_html, reference_html
from observatoire_ia.claims.registry import ClaimRegistry

ABBREVIATIONS = {"CST": 'Comité "social" territorial', "CGT": "Confédération générale du travail"}

BIB = textwrap.dedent(
    """\
    @misc{Tract2025,
      author = {{Union syndicale Solidaires}},
      title  = {Tract},
      date   = {2025},
    }
    @misc{Note2024,
      author = {{CGT Région Pays de la Loire}},
      title  = {Note au CST},
      date   = {2024-10-03},
    }
    @misc{Seul2023,
      author = {{AFNOR}},
      title  = {Norme},
      date   = {2023},
    }
    """
)
# Page titles and claims with what Markdown changes: abbreviations, & < >, (c), 1st, 1/2, -->, *.
PAGES = {
    "fr": {
        "index.md": "# Accueil\n\nLa CST a voté [@Tract2025, p. 3].\n{: .claim #vote-cst }\n\n"
        "Un 1st essai (c) de 1/2 --> AT&T &lt;b&gt; \\*x\\* CST [@Tract2025; @Note2024].\n"
        "{: .claim #special }\n",
        "travail/emploi.md": "# Emploi et CGT\n\nUn fait [@Tract2025].\n{: .claim #un-fait }\n\n"
        "Un autre fait de la CGT [@Tract2025].\n{: .claim #autre-fait }\n",
        "bibliographie.md": "# Bibliographie\n\n<!-- bibliography -->\n",
    },
    "en": {
        "index.md": "# Home\n\nThe CST voted [@Tract2025, p. 3].\n{: .claim #vote-cst }\n\n"
        "A 1st try (c) of 1/2 --> AT&T &lt;b&gt; \\*x\\* CST [@Tract2025; @Note2024].\n"
        "{: .claim #special }\n",
        "travail/emploi.md": "# Jobs and CGT\n\nA fact [@Tract2025].\n{: .claim #un-fait }\n\n"
        "Another fact from the CGT [@Tract2025].\n{: .claim #autre-fait }\n",
        "bibliographie.md": "# Bibliography\n\n<!-- bibliography -->\n",
    },
}


def registry(tmp_path: Path) -> ClaimRegistry:
    for lang, pages in PAGES.items():
        for page, text in pages.items():
            path = tmp_path / "docs" / lang / page
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    bibliography = Bibliography.parse(BIB, "bibliography.bib")
    return ClaimRegistry.scan(tmp_path / "docs", ("fr", "en"), bibliography, tmp_path)


def test_index_has_every_reference_formatted_with_a_link_to_its_page(tmp_path):
    reg = registry(tmp_path)
    for lang, counts in (
        ("fr", {"Tract2025": "Citée par 4 affirmations", "Note2024": "Citée par 1 affirmation"}),
        ("en", {"Tract2025": "Cited by 4 claims", "Note2024": "Cited by 1 claim"}),
    ):
        written = bibliography_html(reg, lang, lambda key: f"{key}/")
        tree = lxml_html.fragment_fromstring(written)
        entries = tree.xpath('//*[starts-with(@id, "ref-")]')
        assert [e.get("id") for e in entries] == [
            "ref-Seul2023",
            "ref-Note2024",
            "ref-Tract2025",
        ]  # by author
        formatted = reg.bibliography.formatted(lang)
        for entry in entries:
            key = entry.get("id")[4:]
            assert f'id="ref-{key}"><p class="reference-formatted">{formatted[key]}</p>' in written
            links = entry.xpath(".//a")
            assert [a.get("href") for a in links if a.get("href") == f"{key}/"], key
            label = " ".join(links[-1].text_content().split())
            if key in counts:
                assert label == counts[key]
            else:
                assert "aucune" in label or "Not cited" in label
        # No claim is listed on the index any more: it stays light.
        assert "#vote-cst" not in written and "#un-fait" not in written


def link(src: str, anchor: str = "") -> str:
    page = "" if src == "index.md" else src.removesuffix(".md") + "/"
    return f"../../{page}" + (f"#{anchor}" if anchor else "")


def test_reference_page_lists_claims_by_page_with_locators_escaped(tmp_path):
    reg = registry(tmp_path)
    written = reference_html(reg, "fr", "Tract2025", link, ABBREVIATIONS)
    tree = lxml_html.fragment_fromstring(written, create_parent="div")
    assert tree.xpath("//h1")[0].text_content() == "Tract"
    assert tree.xpath('//p[@class="reference-formatted"]')
    assert tree.xpath("//h2")[0].text_content() == "Citée par 4 affirmations"
    # Page order of the site, then claim order; page titles with their abbreviations.
    groups = tree.xpath('//div[@class="cited-by"]/h3')
    assert [g.text_content() for g in groups] == ["Accueil", "Emploi et CGT"]
    assert (
        '<h3>Emploi et <abbr title="Confédération générale du travail">CGT</abbr></h3>' in written
    )
    hrefs = tree.xpath('//div[@class="cited-by"]//a/@href')
    assert hrefs == [
        "../../#vote-cst",
        "../../#special",
        "../../travail/emploi/#un-fait",
        "../../travail/emploi/#autre-fait",
    ]
    # The locator of this reference in the claim, not of the others.
    first = tree.xpath('//div[@class="cited-by"]//li')[0]
    assert first.xpath('.//span[@class="cited-by-locator"]')[0].text_content() == "(p. 3)"
    # Text is escaped, never raw HTML.
    assert not tree.xpath("//b") and "AT&amp;T &lt;b&gt; *x*" in written
    # The claims are left out of Material's search (they are indexed on their own pages).
    assert tree.xpath('//div[@class="cited-by"][@data-search-exclude]')
    # Links to the index entry; no full-text link without a source page.
    assert tree.xpath('//a[@href="../../bibliographie/#ref-Tract2025"]')
    assert not [a for a in tree.xpath("//a") if "intégral" in a.text_content()]


def test_reference_page_of_an_uncited_reference_says_so(tmp_path):
    written = reference_html(registry(tmp_path), "en", "Seul2023", link)
    assert "Not cited by any claim yet." in written
    assert "cited-by-locator" not in written


SOURCE_BIB = textwrap.dedent(
    """\
    @misc{Solidaires2025Tract,
      author = {{Union syndicale Solidaires}},
      title  = {Tract},
      date   = {2025},
      sourcepage = {sources/tract},
    }
    """
)
SOURCE_FR = "# Tract\n\nPremier passage.\n{: #p1 }\n\nSecond passage.\n{: #p2 }\n"
SOURCE_EN = "# Leaflet\n\nPremier passage.\n{: #p1 }\n\nSecond passage.\n{: #p2 }\n"


def two_page_site() -> dict[str, str]:
    return fixture_files(
        **{
            "bibliography_DOT_bib": SOURCE_BIB,
            "docs__fr__sources__tract_DOT_md": SOURCE_FR,
            "docs__en__sources__tract_DOT_md": SOURCE_EN,
            # A union text (sourcepage) is cited with the passages a claim rests on.
            "docs__fr__index_DOT_md": "# Accueil\n\nUn fait [@Solidaires2025Tract, § 1].\n"
            "{: .claim #un-fait }\n",
            "docs__en__index_DOT_md": "# Home\n\nA fact [@Solidaires2025Tract, § 1].\n"
            "{: .claim #un-fait }\n",
            "docs__fr__travail__emploi_DOT_md": "# Emploi\n\nUn fait [@Solidaires2025Tract, § 2].\n"
            "{: .claim #fait-emploi }\n",
            "docs__en__travail__emploi_DOT_md": "# Jobs\n\nA fact [@Solidaires2025Tract, § 2].\n"
            "{: .claim #fait-emploi }\n",
        }
    )


def test_reference_pages_on_a_built_site_in_both_languages(build_fixture_site):
    code, output, site = build_fixture_site(two_page_site())
    assert code == 0, output
    for prefix, lang in (("", "fr"), ("en/", "en")):
        index = site / prefix / "bibliographie" / "index.html"
        entry = lxml_html.parse(str(index)).xpath('//*[@id="ref-Solidaires2025Tract"]')[0]
        assert entry.xpath(".//a/@href")[-1] == "Solidaires2025Tract/"
        page = site / prefix / "bibliographie" / "Solidaires2025Tract" / "index.html"
        tree = lxml_html.parse(str(page))
        assert tree.getroot().get("lang") == lang
        hrefs = sorted(tree.xpath('//div[@class="cited-by"]//a/@href'))
        assert hrefs == ["../../#un-fait", "../../travail/emploi/#fait-emploi"], hrefs
        for href in hrefs:
            target, anchor = href.split("#")
            built = lxml_html.parse(str(page.parent / target / "index.html"))
            assert built.xpath(f'//*[@id="{anchor}"]'), href
        # The full text of the union text, and back to the index entry.
        links = tree.xpath('//ul[@class="reference-links"]//a/@href')
        assert links == ["../../sources/tract/", "../#ref-Solidaires2025Tract"]
        assert (page.parent / "../../sources/tract/index.html").resolve().is_file()
        # Its own title (front matter) and no entry in the navigation.
        assert tree.findtext(".//title").startswith("Union syndicale Solidaires 2025")
        assert not tree.xpath('//nav[contains(@class, "md-nav")]//a[contains(@href, "Tract/")]')
    # Material's language switch leads to the same reference in the other language.
    fr_page = site / "bibliographie" / "Solidaires2025Tract" / "index.html"
    switch = lxml_html.parse(str(fr_page)).xpath('//a[@hreflang="en"]/@href')
    assert switch and switch[0].endswith("en/bibliographie/Solidaires2025Tract/"), switch
    # Search: the reference is found on its page, the claims only on theirs.
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [d["text"] for d in index["docs"] if "Solidaires2025Tract" in d["location"]]
    assert texts and not any("Un fait" in t for t in texts), texts


def test_reference_pages_without_directory_urls(build_fixture_site):
    """The offline kit builds with use_directory_urls: false: files and links name .html."""
    files = two_page_site()
    files["mkdocs.yml"] += "use_directory_urls: false\n"
    code, output, site = build_fixture_site(files)
    assert code == 0, output
    for prefix in ("", "en/"):
        index = site / prefix / "bibliographie.html"
        entry = lxml_html.parse(str(index)).xpath('//*[@id="ref-Solidaires2025Tract"]')[0]
        href = entry.xpath(".//a/@href")[-1]
        assert href == "bibliographie/Solidaires2025Tract.html"
        page = index.parent / href
        hrefs = sorted(lxml_html.parse(str(page)).xpath('//div[@class="cited-by"]//a/@href'))
        assert hrefs == ["../index.html#un-fait", "../travail/emploi.html#fait-emploi"]
        for target in hrefs:
            assert (page.parent / target.split("#")[0]).is_file()


def test_abbreviations_on_the_reference_page_of_a_built_site(build_fixture_site):
    files = two_page_site()
    files["docs/fr/travail/emploi.md"] = (
        "# Emploi à la CGT\n\nUn fait [@Solidaires2025Tract, § 2].\n{: .claim #fait-emploi }\n"
    )
    files["docs/fr/bibliographie.md"] += "\n*[CGT]: Confédération générale du travail\n"
    files["mkdocs.yml"] = files["mkdocs.yml"].replace(
        "  - attr_list\n", "  - abbr\n  - attr_list\n"
    )
    code, output, site = build_fixture_site(files)
    assert code == 0, output
    # The index has no claim lists any more; the reference page names each claim's page.
    page = (site / "bibliographie" / "Solidaires2025Tract" / "index.html").read_text("utf-8")
    assert re.search(r"<h3>Emploi à la CGT</h3>", page), page


def test_a_docs_file_at_a_reference_page_path_fails_the_build(build_fixture_site):
    files = fixture_files(docs__fr__bibliographie__Solidaires2025Tract_DOT_md="# Moi\n")
    files["docs/en/bibliographie/Solidaires2025Tract.md"] = "# Me\n"
    code, output, _ = build_fixture_site(files)
    assert code != 0
    assert "docs/fr/bibliographie/Solidaires2025Tract.md" in output
    assert "generated page of reference 'Solidaires2025Tract'" in output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_marker_in_a_code_block_fails_the_build(lang, build_fixture_site):
    files = fixture_files(
        **{f"docs__{lang}__bibliographie_DOT_md": "# Bibliographie\n\n    <!-- bibliography -->\n"}
    )
    code, output, _ = build_fixture_site(files)
    assert code != 0 and "Traceback" not in output, output
    assert f"docs/{lang}/bibliographie.md:3: <!-- bibliography --> must stand on its own line" in (
        output
    )


# -- long lists over several pages (issue 14: every page ≤ 60 KB at a hundred texts) ------------


def test_split_evenly_and_fewest_parts():
    assert split_evenly(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert split_evenly([1], 1) == [[1]] and split_evenly([], 2) == [[], []]
    assert fewest_parts(10, lambda parts: 10 / parts <= 3) == 4
    assert fewest_parts(3, lambda parts: False) == 3  # one item a page: the most there can be
    assert fewest_parts(0, lambda parts: True) == 1


def test_parts_navigation_names_the_current_page():
    nav = parts_nav("fr", 2, 3, lambda n: f"p{n}/")
    assert nav == (
        '<p class="page-parts">Pages\u00a0: <a href="p1/">1</a> · '
        '<strong aria-current="page">2</strong> · <a href="p3/">3</a></p>'
    )
    assert parts_nav("en", 1, 1, str) == ""


def test_layout_splits_each_list_over_the_fewest_pages_within_the_budget(tmp_path):
    reg = registry(tmp_path)
    keys = [r.key for r in reg.bibliography.sorted_references()]
    assert reference_pages.layout(reg, "bibliographie.md").index == [keys]  # one page
    budget = 400
    split = reference_pages.layout(reg, "bibliographie.md", budget)
    # Index: every key once, in order, over several pages.
    assert [key for chunk in split.index for key in chunk] == keys and len(split.index) > 1
    # Tract2025 is cited by 4 claims in each language: listed over two pages or more, each
    # page's list within the budget in both languages, and one page fewer would not hold it.
    parts = split.reference_parts["Tract2025"]
    assert parts > 1 and split.reference_parts["Seul2023"] == 1

    def sizes(parts: int) -> list[int]:
        return [
            len(claims_html(reg, lang, "Tract2025", chunk, link).encode())
            for lang in ("fr", "en")
            for chunk in split_evenly(reg.citing_claims(lang)["Tract2025"], parts)
        ]

    assert max(sizes(parts)) <= budget < max(sizes(parts - 1))
    # The layout sums each claim's line and each page's heading: what claims_html writes.
    for lang in ("fr", "en"):
        claims = reg.citing_claims(lang)["Tract2025"]
        for chunk in (claims, claims[1:3]):
            html = claims_html(reg, lang, "Tract2025", chunk, reference_pages._estimated_href)
            summed = reference_pages._claims_size(
                reference_pages._claim_sizes(reg, lang, "Tract2025", chunk)
            )
            assert summed == len(html.encode("utf-8"))


LONG_BIB = SOURCE_BIB + textwrap.dedent(
    """\
    @report{Rapport2023,
      author = {{Institut d'études}},
      title  = {Rapport sur les usages des algorithmes au travail},
      institution = {Institut d'études},
      date   = {2023},
    }
    @misc{Note2024,
      author = {{CGT Région Pays de la Loire}},
      title  = {Note au comité social territorial sur les outils numériques},
      date   = {2024-10-03},
    }
    """
)


def long_lists_site(budget: int) -> dict[str, str]:
    """Six claims cite the union text, one each the other references; lists of `budget` bytes."""
    files = two_page_site()
    files["bibliography.bib"] = LONG_BIB
    for lang, title, words in (("fr", "Emploi", "Un fait"), ("en", "Jobs", "A fact")):
        claims = [
            f"{words} {word} [@Solidaires2025Tract, § 2].\n{{: .claim #fait-{n} }}\n"
            for n, word in enumerate(("alpha", "beta", "gamma", "delta", "epsilon"), start=1)
        ]
        claims.append(f"{words} du rapport [@Rapport2023; @Note2024].\n{{: .claim #rapport }}\n")
        files[f"docs/{lang}/travail/emploi.md"] = f"# {title}\n\n" + "\n".join(claims)
    files["mkdocs.yml"] = files["mkdocs.yml"].replace(
        "  - observatoire/claims\n", f"  - observatoire/claims:\n      list_budget: {budget}\n"
    )
    return files


@pytest.mark.parametrize("directory_urls", [True, False])
def test_long_lists_continue_on_later_pages_and_every_reference_anchor_lands(
    build_fixture_site, directory_urls
):
    budget = 700
    files = long_lists_site(budget)
    if not directory_urls:  # the offline kit
        files["mkdocs.yml"] += "use_directory_urls: false\n"
    code, output, site = build_fixture_site(files)
    assert code == 0, output

    def built(path: str) -> Path:
        path = path.removesuffix(".md")
        return site / (f"{path}/index.html" if directory_urls else f"{path}.html")

    def parse(path: Path):
        return lxml_html.parse(str(path)).getroot()

    def follow(page: Path, href: str) -> Path:
        target = (page.parent / href.split("#")[0]).resolve()
        return target / "index.html" if target.is_dir() else target

    keys = ["Rapport2023", "Note2024", "Solidaires2025Tract"]
    for prefix in ("", "en/"):
        index = built(f"{prefix}bibliographie")
        tree = parse(index)
        # The first page keeps an element id="ref-<key>" for every reference: its entry, or,
        # for a later page's reference, a link to its entry there (formatted, with its id).
        for key in keys:
            (element,) = tree.xpath(f'//*[@id="ref-{key}"]')
            if "reference-forward" in element.get("class"):
                href = element.xpath(".//a/@href")[0]
                assert href.endswith(f"#ref-{key}")
                later = parse(follow(index, href))
                assert later.xpath(f'//div[@class="reference"][@id="ref-{key}"]/p')
        pages = [index] + [
            follow(index, h) for h in tree.xpath('(//p[@class="page-parts"])[1]//a/@href')
        ]
        assert len(pages) > 1 and all(p.is_file() for p in pages)
        entries = [e for p in pages for e in parse(p).xpath('//div[@class="reference"]/@id')]
        assert sorted(entries) == sorted(f"ref-{key}" for key in keys)  # each once
        # The union text's claims over its pages, each once; pages titled « (2/3) ».
        first = built(f"{prefix}bibliographie/Solidaires2025Tract")
        nav = parse(first).xpath('//p[@class="page-parts"]')[0]
        parts = [first] + [follow(first, h) for h in nav.xpath(".//a/@href")]
        assert len(parts) > 1
        listed = []
        for number, part in enumerate(parts, start=1):
            page = parse(part)
            assert page.findtext(".//title").split(" - ")[0].endswith(f"({number}/{len(parts)})")
            assert page.xpath("//h2")[0].text_content() in (
                "Citée par 6 affirmations",
                "Cited by 6 claims",
            )
            # « Toute la bibliographie » leads to the reference's entry, on its index page.
            back = page.xpath('//ul[@class="reference-links"]//a/@href')[-1]
            assert back.endswith("#ref-Solidaires2025Tract")
            entry = '//div[@class="reference"][@id="ref-Solidaires2025Tract"]'
            assert parse(follow(part, back)).xpath(entry), back
            (claims,) = page.xpath('//div[@class="cited-by"]')
            assert len(lxml_html.tostring(claims, encoding="utf-8")) <= budget
            for href in claims.xpath(".//a/@href"):
                target, anchor = href.split("#")
                assert parse(follow(part, target)).xpath(f'//*[@id="{anchor}"]'), href
                listed.append(anchor)
        assert sorted(listed) == ["fait-1", "fait-2", "fait-3", "fait-4", "fait-5", "un-fait"]
    if directory_urls:
        # Material's language switch leads to the same page of the other language.
        part = site / "bibliographie" / "Solidaires2025Tract" / "2" / "index.html"
        switch = parse(part).xpath('//a[@hreflang="en"]/@href')
        assert switch and switch[0].endswith("en/bibliographie/Solidaires2025Tract/2/"), switch

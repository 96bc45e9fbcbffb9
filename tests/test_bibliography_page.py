"""The bibliography page written as HTML: the same HTML Markdown made of the former Markdown list,
links MkDocs would write (with and without directory URLs), abbreviations, special characters."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import markdown
import pytest
from lxml import html as lxml_html

from conftest import fixture_files
from observatoire_ia.claims.bibliography import Bibliography
from observatoire_ia.claims.bibliography_page import (
    MarkdownRenderer,
    bibliography_html,
    escape_markdown,
)
from observatoire_ia.claims.registry import ClaimRegistry

EXTENSIONS = ["abbr", "attr_list", "md_in_html", "tables", "toc", "pymdownx.smartsymbols"]
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
        "index.md": "# Accueil\n\nLa CST a voté [@Tract2025].\n{: .claim #vote-cst }\n\n"
        "Un 1st essai (c) de 1/2 --> AT&T &lt;b&gt; \\*x\\* CST [@Tract2025; @Note2024].\n"
        "{: .claim #special }\n",
        "travail/emploi.md": "# Emploi et CGT\n\nUn fait [@Tract2025].\n{: .claim #un-fait }\n\n"
        "Un autre fait de la CGT [@Tract2025].\n{: .claim #autre-fait }\n",
        "bibliographie.md": "# Bibliographie\n\n<!-- bibliography -->\n",
    },
    "en": {
        "index.md": "# Home\n\nThe CST voted [@Tract2025].\n{: .claim #vote-cst }\n\n"
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


# The former Markdown list of the fixture, written out by hand from the rules (DECISIONS.md § 5):
# references in author order; a reference cited by one or two claims shows an excerpt of each,
# by more than two (Tract2025: 4) the claims' positions on their page (« Accueil : 1, 2 »:
# vote-cst and special are the 1st and 2nd claims of index.md), with the count in the title;
# Markdown's special characters of an excerpt are escaped (it is a link's text).
FORMER_MARKDOWN = {
    lang: textwrap.dedent(
        f"""\
        <div class="bibliography" markdown>

        <div class="reference" id="ref-Seul2023" markdown>

        <p class="reference-formatted">AFNOR, 2023. <i>Norme</i>. 2023.</p>

        <p class="cited-by-none">{none}</p>

        </div>

        <div class="reference" id="ref-Note2024" markdown>

        <p class="reference-formatted">CGT RÉGION PAYS DE LA LOIRE, 2024. <i>Note au CST</i>. {date}.</p>

        <p class="cited-by-title">{cited}</p>

        - {home}{colon} [{special}](../#special)


        </div>

        <div class="reference" id="ref-Tract2025" markdown>

        <p class="reference-formatted">UNION SYNDICALE SOLIDAIRES, 2025. <i>Tract</i>. 2025.</p>

        <p class="cited-by-title">{cited} (4)</p>

        - {home}{colon} [1](../#vote-cst), [2](../#special)
        - {jobs}{colon} [1](../travail/emploi/#un-fait), [2](../travail/emploi/#autre-fait)


        </div>

        </div>"""
    )
    for lang, none, date, cited, home, jobs, colon, special in (
        (
            "fr",
            "Citée par aucune affirmation pour l'instant.",
            "3 octobre 2024",
            "Cité par",
            "Accueil",
            "Emploi et CGT",
            "\u00a0:",
            r"Un 1st essai (c) de 1/2 --\> AT&T &lt;b\> \*x\* CST.",
        ),
        (
            "en",
            "Not cited by any claim yet.",
            "3 October 2024",
            "Cited by",
            "Home",
            "Jobs and CGT",
            ":",
            r"A 1st try (c) of 1/2 --\> AT&T &lt;b\> \*x\* CST.",
        ),
    )  # fmt: skip
}


def page_url(page: str) -> str:
    return "../" + ("" if page == "index.md" else page.removesuffix(".md") + "/")


def test_html_is_what_markdown_made_of_the_former_list(tmp_path):
    reg = registry(tmp_path)
    renderer = MarkdownRenderer(EXTENSIONS, {})
    definitions = "\n".join(f"*[{key}]: {title}" for key, title in ABBREVIATIONS.items())
    for lang in ("fr", "en"):
        source = FORMER_MARKDOWN[lang] + "\n\n" + definitions
        expected = markdown.Markdown(extensions=EXTENSIONS).convert(source)
        written = bibliography_html(
            reg, lang, page_url, ABBREVIATIONS, lambda text: renderer(text, ABBREVIATIONS)
        )
        # The « cité par » titles and lists are left out of Material's search index.
        assert written.count(" data-search-exclude>") == 2 * written.count("<ul")
        assert written.replace(" data-search-exclude>", ">") == expected
        # Both paths were taken: plain lines written directly, the special line by Markdown.
        assert '<abbr title="Confédération générale du travail">CGT</abbr>' in written
        assert "1<sup>st</sup>" in written and "&copy;" in written and "AT&amp;T" in written
        assert '<abbr title="Comité &quot;social&quot; territorial">CST</abbr>' in written


def test_special_characters_are_text_without_a_renderer(tmp_path):
    """Without Markdown (no renderer), text is still escaped: never raw HTML, no stray \\."""
    written = bibliography_html(registry(tmp_path), "fr", page_url, ABBREVIATIONS)
    tree = lxml_html.fragment_fromstring(written)
    assert not tree.xpath("//b")
    assert "AT&amp;T &lt;b&gt; *x*" in written
    assert "\\" not in written


def test_angle_bracket_in_an_excerpt_is_shown_without_backslash():
    renderer = MarkdownRenderer(EXTENSIONS, {})
    assert renderer(f"- [{escape_markdown('a <b> c*')}](x)") == (
        '<ul>\n<li><a href="x">a &lt;b&gt; c*</a></li>\n</ul>'
    )


def test_links_resolve_without_directory_urls(build_fixture_site):
    """The offline kit builds with use_directory_urls: false: links name the .html files."""
    files = fixture_files(
        **{
            "docs__fr__travail__emploi_DOT_md": "# Emploi\n\nUn fait [@Solidaires2025Tract].\n"
            "{: .claim #fait-emploi }\n",
            "docs__en__travail__emploi_DOT_md": "# Jobs\n\nA fact [@Solidaires2025Tract].\n"
            "{: .claim #fait-emploi }\n",
            "docs__fr__bibliographie_DOT_md": "# Bibliographie\n\n<!-- bibliography -->\n",
        }
    )
    files["mkdocs.yml"] += "use_directory_urls: false\n"
    code, output, site = build_fixture_site(files)
    assert code == 0, output
    for prefix in ("", "en/"):
        page = site / prefix / "bibliographie.html"
        hrefs = lxml_html.parse(str(page)).xpath('//*[@id="ref-Solidaires2025Tract"]//a/@href')
        assert sorted(hrefs) == ["index.html#un-fait", "travail/emploi.html#fait-emploi"]
        for href in hrefs:
            target, anchor = href.split("#")
            assert lxml_html.parse(str(page.parent / target)).xpath(f'//*[@id="{anchor}"]')


def test_directory_urls_and_abbreviations_on_a_built_site(build_fixture_site):
    files = fixture_files(
        **{
            "docs__fr__travail__emploi_DOT_md": "# Emploi à la CGT\n\nUn fait [@Solidaires2025Tract].\n"
            "{: .claim #fait-emploi }\n\n*[CGT]: Confédération générale du travail\n",
            "docs__en__travail__emploi_DOT_md": "# Jobs\n\nA fact [@Solidaires2025Tract].\n"
            "{: .claim #fait-emploi }\n",
            "docs__fr__bibliographie_DOT_md": "# Bibliographie\n\n<!-- bibliography -->\n\n"
            "*[CGT]: Confédération générale du travail\n",
        }
    )
    files["mkdocs.yml"] = files["mkdocs.yml"].replace(
        "  - attr_list\n", "  - abbr\n  - attr_list\n"
    )
    code, output, site = build_fixture_site(files)
    assert code == 0, output
    page = (site / "bibliographie" / "index.html").read_text(encoding="utf-8")
    entry = re.search(r'<div class="reference" id="ref-Solidaires2025Tract">.*?</ul>', page, re.S)
    assert entry, page
    assert '<li>Emploi à la <abbr title="Confédération générale du travail">CGT</abbr>\u00a0:' in (
        entry.group(0)
    )
    assert '<a href="../#un-fait">' in entry.group(0)
    assert '<a href="../travail/emploi/#fait-emploi">' in entry.group(0)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [doc["text"] for doc in index["docs"] if doc["location"].startswith("bibliographie/")]
    assert any("UNION SYNDICALE SOLIDAIRES" in text for text in texts), texts
    assert not any("Cité par" in text or "Emploi" in text for text in texts), texts


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

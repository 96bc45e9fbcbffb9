"""Booklet assembly (PDF/EPUB content) on a tiny hand-written built site: numbered references,
internal links, figures, bibliography order."""

from __future__ import annotations

import re

from observatoire_ia.offline import booklet
from observatoire_ia.offline.kit import Site

PAGE = """<html><body><article class="md-content__inner md-typeset">
<h1 id="theme">Thème<a class="headerlink" href="#theme">¶</a></h1>
<p class="claim" id="fait-a">Fait A <span class="citation-group">[<a class="citation" data-key="B2020"
 href="../bibliographie.html#ref-B2020">B 2020, p. 3</a><span class="citation-preview">prev <span
 class="citation-links"><a class="citation-bibliography" href="../bibliographie.html#ref-B2020">voir-biblio</a>
 </span></span> ; <a class="citation" data-key="A2019" href="../bibliographie.html#ref-A2019">A 2019</a><span
 class="citation-preview">prev</span>]</span>.<span class="claim-tools"><a class="claim-permalink"
 href="#fait-a">#</a></span></p>
<p class="claim" id="fait-e">Fait E <span class="citation-group">[<a class="citation" data-key="A2019"
 href="../bibliographie.html#ref-A2019">A, § 4–5</a><span class="citation-preview">prev <span
 class="citation-links"><a class="citation-passage" href="../autre/index.html?passages=4-5#x">lire</a>
 <a class="citation-bibliography" href="../bibliographie.html#ref-A2019">voir-biblio</a></span></span>]</span>.</p>
<h2 id="suite">Suite</h2>
<p class="claim" id="fait-b">Fait B <span class="citation-group">[<a class="citation" data-key="A2019"
 href="../bibliographie.html#ref-A2019">A 2019</a><span class="citation-preview">p</span>]</span>.
 Voir <a href="#fait-a">A</a>, <a href="../autre/index.html#x">autre</a>, <a href="../index.html">accueil</a>.</p>
<figure><img alt="Figure" src="../assets/images/figure.svg"></figure>
</article></body></html>"""

BIB = """<html><body><article class="md-content__inner">
<div class="reference" id="ref-A2019"><p class="reference-formatted">A, 2019. <i>Titre A</i>.</p>
<ul><li><a href="theme/index.html#fait-a">cité par</a></li></ul></div>
<div class="reference" id="ref-B2020"><p class="reference-formatted">B, 2020. Titre B.</p></div>
</article></body></html>"""


def make_site(tmp_path) -> Site:
    (tmp_path / "theme").mkdir()
    (tmp_path / "autre").mkdir()
    (tmp_path / "theme" / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "autre" / "index.html").write_text(PAGE.replace("Thème", "Autre"), encoding="utf-8")
    (tmp_path / "index.html").write_text(PAGE.replace("Thème", "Accueil"), encoding="utf-8")
    (tmp_path / "bibliographie.html").write_text(BIB, encoding="utf-8")
    claims = [
        {"id": i, "lang": "fr", "theme": "theme", "text": i} for i in ("fait-a", "fait-b", "fait-e")
    ]
    return Site(
        root=tmp_path,
        site_url="https://example.org/",
        names={"fr": "Site", "en": "Site"},
        nav=["index.md", "theme/index.md", "autre/index.md", "bibliographie.md"],
        claims=claims,
    )


def test_numbered_references_links_and_figures(tmp_path):
    site = make_site(tmp_path)
    pages = [p for p in site.pages("fr") if p.section == "theme"]
    data = booklet.build(site, "fr", pages, "Thème", qr=True, image_root="file:///root/")
    body = data.body
    assert data.keys == ["B2020", "A2019"]  # order of first citation
    assert (
        '<a class="ref" href="#ref-B2020">1</a>, p. 3, <a class="ref" href="#ref-A2019">2</a>'
        in body
    )
    assert body.count('href="#ref-A2019">2</a>') == 3  # the same number each time
    # a passage locator links to the passage (online: the page is not in this booklet)
    assert (
        '<a class="ref" href="#ref-A2019">2</a>, <a class="ref-passage" '
        'href="https://example.org/autre/#x">§ 4–5</a>]' in body
    )
    assert "citation-preview" not in body and "claim-tools" not in body
    assert "voir-biblio" not in body and ">lire<" not in body  # the preview's links go with it
    assert 'href="#fait-a"' in body  # claim anchors kept
    assert 'href="https://example.org/autre/#x"' in body  # page outside the booklet: online
    assert 'href="https://example.org/"' in body
    assert 'src="file:///root/assets/images/figure.svg"' in body
    assert 'id="theme-index--suite"' in body  # other ids prefixed by page
    bib = body[body.index('id="bibliography"') :]
    assert bib.index("ref-B2020") < bib.index("ref-A2019") and "Titre A" in bib
    assert "cité par" not in bib
    assert "QR code: https://example.org/theme/" in body
    html = booklet.document(data, css="", toc_pages={"page-theme-index": 3})
    assert '<span class="toc-page">3</span>' in html and "Sommaire" in html


def test_printing_a_page_that_needs_the_network_fails(tmp_path):
    import pytest

    from observatoire_ia.offline.kit import OfflineError
    from observatoire_ia.offline.pdf import Printer

    source = tmp_path / "remote.html"
    source.write_text('<p>x</p><img src="https://example.org/logo.png" alt="">', encoding="utf-8")
    with Printer() as printer, pytest.raises(OfflineError, match="would need the network"):
        printer.print(source, tmp_path / "remote.pdf")
    assert not (tmp_path / "remote.pdf").exists()


CHART = """<figure class="chart" id="figure-x"><svg class="chart-svg" viewBox="0 0 420 96" role="img"
 aria-labelledby="chart-x-t chart-x-d" xmlns="http://www.w3.org/2000/svg"><title id="chart-x-t">Titre du graphique</title>
<desc id="chart-x-d">Description.</desc><rect class="chart-bar" x="1" y="1" width="10" height="10"></rect></svg>
<figcaption>Légende du graphique.</figcaption></figure>
<section class="share" aria-labelledby="share-heading" data-share-url="https://example.org/theme/">
<p class="share__heading" id="share-heading">Partager cette page</p><ul class="share__list"><li><a
 class="share__telegram md-button" href="https://t.me/share/url?url=x">Telegram</a></li></ul></section>
<p aria-describedby="nowhere">Un renvoi vers un élément absent.</p>
</article>"""


def chart_site(tmp_path) -> Site:
    site = make_site(tmp_path)
    page = tmp_path / "theme" / "index.html"
    page.write_text(PAGE.replace("</article>", CHART), encoding="utf-8")
    return site


def test_share_block_dropped_and_aria_references_follow_renamed_ids(tmp_path):
    site = chart_site(tmp_path)
    pages = [p for p in site.pages("fr") if p.section == "theme"]
    body = booklet.build(site, "fr", pages, "Thème", qr=False, image_root="/root/").body
    assert "Partager cette page" not in body and "share-heading" not in body
    assert 'aria-labelledby="theme-index--chart-x-t theme-index--chart-x-d"' in body
    assert 'id="theme-index--chart-x-t"' in body
    assert "aria-describedby" not in body  # its target is not in the booklet


def test_epub_is_valid_with_charts_and_one_chapter_per_page(tmp_path):
    """epubcheck: no aria reference to a missing id, no lower-cased SVG or HTML inside SVG
    (charts), references linked across chapters."""
    import zipfile

    from conftest import epubcheck, required_tool
    from observatoire_ia.offline import epub

    required_tool("pandoc", "apt-get install pandoc")
    (tmp_path / "site" / "assets" / "images").mkdir(parents=True)
    (tmp_path / "site" / "assets" / "images" / "figure.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>',
        encoding="utf-8",
    )
    site = chart_site(tmp_path / "site")
    other = PAGE.replace("Thème", "Autre").replace("fait-a", "fait-c").replace("fait-b", "fait-d")
    other = other.replace("</article>", '<p id="x">Le paragraphe visé par « autre ».</p></article>')
    (tmp_path / "site" / "autre" / "index.html").write_text(other, encoding="utf-8")
    pages = [p for p in site.pages("fr") if p.section in {"theme", "autre"}]
    target = tmp_path / "book.epub"
    epub.write_epub(site, tmp_path, "fr", pages, "Livret complet", target)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        chapters = sorted(n for n in names if n.startswith("EPUB/text/ch"))
        assert len(chapters) == 3  # two pages and the references, one chapter each
        svgs = [archive.read(n).decode("utf-8") for n in names if n.endswith(".svg")]
        svgs = [svg for svg in svgs if "chart-svg" in svg]
        text = "".join(archive.read(n).decode("utf-8") for n in chapters)
    assert len(svgs) == 1  # the chart of the theme page
    assert all('viewBox="0 0 420 96"' in svg and "<span" not in svg for svg in svgs)
    assert "Partager cette page" not in text
    assert re.search(r'href="ch\d+\.xhtml#ref-A2019"', text)  # from a page to the references
    assert "Fait A" in text and "Légende du graphique." in text
    epubcheck(target)


PENDING_PAGE = """<html><body><article class="md-content__inner md-typeset">
<div class="admonition info translation-pending"><p class="admonition-title">Translation pending</p>
<p>This page has not been translated yet; the French original follows.</p></div>
<div lang="fr"><h1 id="autre">Autre page<a class="headerlink" href="#autre">¶</a></h1>
<p class="claim" id="fait-c">Fait C.</p></div></article></body></html>"""


def test_pages_waiting_for_a_translation_are_listed_as_french_only(tmp_path):
    """English booklets leave out pages in the `translation: pending` state (their text is the
    French page's) and list them, with their online address, under "French only"."""
    site = make_site(tmp_path)
    for name in ("index.html", "theme/index.html", "bibliographie.html"):
        (tmp_path / "en" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "en" / name).write_text((tmp_path / name).read_text("utf-8"), encoding="utf-8")
    (tmp_path / "en" / "autre").mkdir(parents=True)
    (tmp_path / "en" / "autre" / "index.html").write_text(PENDING_PAGE, encoding="utf-8")
    site.claims = [{**claim, "lang": "en"} for claim in site.claims]
    data = booklet.build(site, "en", site.pages("en"), "Complete booklet", qr=False, image_root="/")
    assert "Fait C" not in data.body and "translation-pending" not in data.body
    assert [p.src for p in data.pages] == ["index.md", "theme/index.md"]
    only = data.body[data.body.index('id="section-original-only"') :]
    assert only.startswith('id="section-original-only"><h1 id="original-only">French only</h1>')
    assert '<a href="https://example.org/en/autre/">Autre page</a>' in only
    assert ("original-only", "French only", 1) in data.toc
    # A link to the pending page from another page goes to its online address.
    assert 'href="https://example.org/en/autre/#x"' in data.body
    french = booklet.build(site, "fr", site.pages("fr"), "Livret", qr=False, image_root="/")
    assert "original-only" not in french.body


def test_references_of_a_later_page_of_the_index_are_read_there(tmp_path):
    """A long index continues on later pages (issue 14): its first page lists their references,
    each linking to its entry; the booklet prints that entry, formatted."""
    site = make_site(tmp_path)
    first, entry = BIB.split('<div class="reference" id="ref-B2020">')
    forward = '<ul><li class="reference-forward" id="ref-B2020"><a href="bibliographie/2.html#ref-B2020">B 2020</a></li></ul>'
    (tmp_path / "bibliographie.html").write_text(first + forward + "</article></body></html>")
    (tmp_path / "bibliographie").mkdir()
    (tmp_path / "bibliographie" / "2.html").write_text(
        '<html><body><article><div class="reference" id="ref-B2020">' + entry
    )
    pages = [p for p in site.pages("fr") if p.section == "theme"]
    body = booklet.build(site, "fr", pages, "Thème", qr=False, image_root="file:///root/").body
    bib = body[body.index('id="bibliography"') :]
    assert '<p class="reference-formatted">B, 2020. Titre B.</p>' in bib
    assert bib.count('id="ref-B2020"') == 1 and ">B 2020<" not in bib

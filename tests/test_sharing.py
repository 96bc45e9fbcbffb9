"""Link previews (issue 7): tags on every built page, social cards, share pages, feeds, bad input."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from lxml import html as lxml_html
from PIL import Image

from conftest import MINIMAL_MKDOCS, ROOT, fixture_files
from observatoire_ia.sharing import cards
from observatoire_ia.sharing.meta import (
    DESCRIPTION_LIMIT,
    SiteUrlError,
    check_site_url,
    first_paragraph,
)
from observatoire_ia.textfit import cut

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
REQUIRED_PROPERTIES = (
    "og:type og:site_name og:title og:description og:url og:image og:image:width "
    "og:image:height og:image:alt og:image:type og:locale og:locale:alternate"
).split()
CARD_TAGS = {"width": "1200", "height": "630", "type": "image/png"}
REQUIRED_NAMES = "description twitter:card".split()
# X falls back on Open Graph for these: written once, as og:*.
DUPLICATES_OF_OPEN_GRAPH = (
    "twitter:title twitter:description twitter:image twitter:image:alt".split()
)


def built_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts[:1])


def base_url(site: Path) -> str:
    tree = lxml_html.parse(str(site / "index.html"))
    return tree.xpath('//link[@rel="canonical"]/@href')[0]


def site_file(site: Path, base: str, url: str) -> Path:
    assert url.startswith(base), f"{url} is not under {base}"
    path = url[len(base) :].split("#")[0]
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def one(tree, xpath: str, where: str) -> str:
    values = tree.xpath(xpath)
    assert len(values) == 1, f"{where}: {xpath} found {len(values)} times"
    return values[0]


@pytest.fixture(scope="module")
def pages(site_dir):
    found = built_pages(site_dir)
    assert len(found) > 100, f"only {len(found)} pages in {site_dir}"
    return found


def test_every_page_has_complete_consistent_preview_tags(site_dir, pages):
    base = base_url(site_dir)
    assert base.startswith("https://")
    problems = []
    for path in pages:
        where = path.relative_to(site_dir).as_posix()
        tree = lxml_html.parse(str(path))
        lang = tree.getroot().get("lang")
        try:
            assert lang in LOCALES, f"{where}: html lang {lang!r}"
            assert one(tree, "//head/title/text()", where).strip()
            for prop in REQUIRED_PROPERTIES:
                assert tree.xpath(f'//meta[@property="{prop}"]/@content'), f"{where}: no {prop}"
            for name in REQUIRED_NAMES:
                assert tree.xpath(f'//meta[@name="{name}"]/@content'), f"{where}: no {name}"
            for name in DUPLICATES_OF_OPEN_GRAPH:
                assert not tree.xpath(f'//meta[@name="{name}"]'), f"{where}: {name} repeats og"
            canonical = one(tree, '//link[@rel="canonical"]/@href', where)
            og_url = one(tree, '//meta[@property="og:url"]/@content', where)
            assert og_url == canonical, f"{where}: og:url {og_url} != canonical {canonical}"
            assert one(tree, '//meta[@property="og:locale"]/@content', where) == LOCALES[lang]
            assert (
                one(tree, '//meta[@name="twitter:card"]/@content', where) == "summary_large_image"
            )
            # Cards are 1200×630 PNG (issue 7): what the tags announce, and what the file is.
            announced = {
                prop: one(tree, f'//meta[@property="og:image:{prop}"]/@content', where)
                for prop in ("width", "height", "type")
            }
            assert announced == CARD_TAGS, f"{where}: {announced}"
            hreflangs = {
                link.get("hreflang"): link.get("href")
                for link in tree.xpath('//head/link[@rel="alternate"][@hreflang]')
            }
            assert set(hreflangs) == {"fr", "en", "x-default"}, f"{where}: {hreflangs}"
            assert hreflangs[lang] == canonical, f"{where}: hreflang {lang} is not the page"
            assert hreflangs["x-default"] == hreflangs["fr"]
            for other, url in hreflangs.items():
                assert site_file(site_dir, base, url).is_file(), f"{where}: {other} -> {url}"
            absolute = [canonical, og_url, *hreflangs.values()]
            absolute += tree.xpath('//meta[@property="og:image" or @name="twitter:image"]/@content')
            for url in absolute:
                assert url.startswith(base), f"{where}: {url} not absolute under {base}"
            feed = tree.xpath('//link[@rel="alternate"][@type="application/atom+xml"]/@href')
            assert feed and site_file(site_dir, base, feed[0]).is_file(), f"{where}: feed"
            data = json.loads(one(tree, '//script[@type="application/ld+json"]/text()', where))
            assert data["inLanguage"] == lang and data["url"] == canonical
            assert data["publisher"]["name"]
            # The texts a page cites: each by its reference page (bibliographie/<key>/), the
            # keys of its citations, in the page's language.
            claims = '//article//*[contains(concat(" ", @class, " "), " claim ")]'
            keys = dict.fromkeys(tree.xpath(claims + '//a[@class="citation"]/@data-key'))
            prefix = "" if lang == "fr" else f"{lang}/"
            wanted = [{"@id": f"{base}{prefix}bibliographie/{key}/"} for key in keys]
            if not re.match(r"(en/)?c/", where):  # share pages name their sources (below)
                assert data.get("citation", []) == wanted, f"{where}: JSON-LD citation"
            for cited in data.get("citation", []) if wanted else []:
                assert site_file(site_dir, base, cited["@id"]).is_file(), f"{where}: {cited}"
            description = one(tree, '//meta[@name="description"]/@content', where)
            assert 0 < len(description) <= 200, f"{where}: description {len(description)}"
            assert len(tree.xpath('//meta[@name="description"]')) == 1
            assert path.stat().st_size < 1024 * 1024, f"{where}: over Mastodon's 1 MB limit"
        except AssertionError as error:
            problems.append(str(error))
    assert not problems, "\n".join(problems[:20])


def test_every_og_image_exists_is_1200x630_png_under_300_kb(site_dir, pages):
    base = base_url(site_dir)
    seen: set[Path] = set()
    for path in pages:
        tree = lxml_html.parse(str(path))
        images = tree.xpath('//meta[@property="og:image" or @name="twitter:image"]/@content')
        for url in images:
            image = site_file(site_dir, base, url)
            assert image.is_file(), f"{path}: {url} not in the site"
            seen.add(image)
    assert len(seen) >= len(pages) // 2  # every page has its own card (404s aside)
    for image in sorted(seen):
        data = image.read_bytes()
        assert len(data) < 300 * 1024, image
        with Image.open(io.BytesIO(data)) as picture:
            assert picture.format == "PNG" and picture.size == (1200, 630), image


def test_every_claim_has_a_share_page_in_its_language_with_its_own_tags(site_dir):
    base = base_url(site_dir)
    claims = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    assert claims
    images = set()
    for claim in claims:
        prefix = "" if claim["lang"] == "fr" else f"{claim['lang']}/"
        share = site_dir / prefix / "c" / claim["id"] / "index.html"
        assert share.is_file(), f"no share page for {claim['lang']} {claim['id']}"
        tree = lxml_html.parse(str(share))
        where = share.relative_to(site_dir).as_posix()
        assert tree.getroot().get("lang") == claim["lang"]
        url = f"{base}{prefix}c/{claim['id']}/"
        assert one(tree, '//meta[@property="og:url"]/@content', where) == url
        assert one(tree, '//link[@rel="canonical"]/@href', where) == url
        assert one(tree, '//meta[@property="og:locale"]/@content', where) == LOCALES[claim["lang"]]
        og_title = one(tree, '//meta[@property="og:title"]/@content', where)
        first_words = claim["text"][:30]
        assert og_title.startswith(first_words[:20]), (og_title, claim["text"])
        description = one(tree, '//meta[@property="og:description"]/@content', where)
        assert description.startswith(claim["text"][:20])
        image = one(tree, '//meta[@property="og:image"]/@content', where)
        assert site_file(site_dir, base, image).is_file()
        images.add(image)
        # « lire dans son contexte »: the claim on its page.
        context = tree.xpath('//a[contains(@class, "share-page__context")]/@href')
        assert context and context[0].endswith(f"#{claim['id']}")
        target = (share.parent / context[0].split("#")[0]).resolve()
        target = target / "index.html" if target.is_dir() else target
        assert f'id="{claim["id"]}"' in target.read_text(encoding="utf-8")
        # Its sources, linked to the bibliography entries.
        refs = tree.xpath('//ul[@class="share-page__sources"]/li/a/@href')
        assert [r.split("#ref-")[1] for r in refs] == claim["sources"]
        # The share controls share this URL.
        assert tree.xpath(f'//section[@class="share"][@data-share-url="{url}"]')
        telegram = tree.xpath('//a[contains(@class, "share__telegram")]/@href')[0]
        assert telegram.startswith("https://t.me/share/url?url=")
        # A long claim is set in body size, so it does not fill two phone screens.
        heading = tree.xpath('//h1[contains(@class, "share-page__claim")]')[0]
        is_long = "share-page__claim--long" in heading.get("class")
        assert is_long == (len(heading.text_content()) > 180), claim["id"]
    assert len(images) == len(claims), "each claim and language has its own card"


def test_claim_share_links_on_pages_point_to_existing_share_pages(site_dir):
    claims = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    by_page: dict[str, list[str]] = {}
    for claim in claims:
        by_page.setdefault(claim["page"], []).append(claim["id"])
    for page, ids in by_page.items():
        path = site_dir / page / "index.html"
        tree = lxml_html.parse(str(path))
        for claim_id in ids:
            links = tree.xpath(f'//*[@id="{claim_id}"]//a[@class="claim-share"]/@href')
            assert len(links) == 1, f"{page}: {claim_id} share link"
            target = (path.parent / links[0]).resolve() / "index.html"
            assert target.is_file(), f"{page}: {links[0]}"
            assert target.parent.name == claim_id
            # the permalink control stays
            assert tree.xpath(f'//*[@id="{claim_id}"]//a[@class="claim-permalink"]')


def test_page_share_block_has_plain_telegram_link_and_hidden_js_buttons(site_dir):
    tree = lxml_html.parse(str(site_dir / "environnement" / "index.html"))
    block = tree.xpath('//section[@class="share"]')
    assert len(block) == 1
    url = block[0].get("data-share-url")
    assert url == one(tree, '//link[@rel="canonical"]/@href', "environnement")
    telegram = block[0].xpath('.//a[contains(@class, "share__telegram")]')[0]
    assert "noopener" in telegram.get("rel")
    for kind in ("mastodon", "copy", "native", "leaflet"):
        button = block[0].xpath(f'.//button[contains(@class, "share__{kind}")]')[0]
        assert button.getparent().get("hidden") is not None  # shown by share.js only
        assert button.text_content().strip()
    assert block[0].xpath('.//*[@role="status"]')


def test_feeds_per_language_are_atom_with_every_page(site_dir):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    base = base_url(site_dir)
    for lang, prefix in (("fr", ""), ("en", "en/")):
        feed = ElementTree.parse(site_dir / prefix / "feed.xml").getroot()
        entries = feed.findall("a:entry", ns)
        pages = [
            p
            for p in built_pages(site_dir / prefix if prefix else site_dir)
            if (prefix or not p.relative_to(site_dir).as_posix().startswith(("en/", "c/")))
            and "/c/" not in p.as_posix()
            and p.name != "404.html"
            # a reference's page is generated from the claims: no date of its own, no entry
            and not re.search(r"(^|/)bibliographie/[^/]+/index\.html$", p.as_posix())
        ]
        assert pages and len(entries) == len(pages), lang
        stamps = [e.find("a:updated", ns).text for e in entries]
        assert stamps == sorted(stamps, reverse=True)
        for entry in entries:
            assert entry.find("a:id", ns).text.startswith(base)
            assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", entry.find("a:updated", ns).text)


# -- units ----------------------------------------------------------------------------------------


def test_cards_are_deterministic_small_and_without_metadata(tmp_path):
    card = cards.Card("Un titre " * 30, "Section", "Observatoire syndical de l'IA", "fr")
    first, second = cards.render(card), cards.render(card)
    assert first == second
    assert len(first) < 300 * 1024
    for chunk in (b"tIME", b"tEXt", b"iTXt", b"zTXt"):
        assert chunk not in first
    target = tmp_path / "site" / "card.png"
    assert cards.write_card(card, target, tmp_path / "cache") is True
    assert cards.write_card(card, target, tmp_path / "cache") is False  # from the cache
    assert target.read_bytes() == first


def test_card_failure_is_reported(monkeypatch, tmp_path):
    def broken(card, layout=None):
        raise OSError("cannot open resource")

    monkeypatch.setattr(cards, "render", broken)
    with pytest.raises(cards.CardError, match="cannot open resource"):
        cards.write_card(cards.Card("T", "S", "F", "fr"), tmp_path / "x.png", None)


@pytest.mark.parametrize(
    "url,ok",
    [
        ("https://example.org/", True),
        ("https://example.org/sub", True),
        ("http://example.org/", False),
        ("/relative/", False),
        ("", False),
        ("example.org", False),
    ],
)
def test_site_url_must_be_absolute_https(url, ok):
    if ok:
        assert check_site_url(url).endswith("/")
    else:
        with pytest.raises(SiteUrlError):
            check_site_url(url)


def test_description_fallback_cuts_cleanly():
    text = "mot " * 100
    assert len(cut(text, DESCRIPTION_LIMIT)) <= 200 and cut(text, DESCRIPTION_LIMIT).endswith("…")
    html = (
        '<p>Court</p><p class="claim">Un fait établi\u00a0: vérifié '
        '<span class="citation-group">[<a class="citation" href="x">A 2025</a>'
        '<span class="citation-preview">A, <i>T</i></span>]</span>.'
        '<span class="claim-tools"><a href="#x">#</a></span></p>'
    )
    assert first_paragraph(html) == "Un fait établi\u00a0: vérifié."
    assert cut("Un\u00a0: b", DESCRIPTION_LIMIT) == "Un\u00a0: b"


# -- bad input: the build fails and names the page ------------------------------------------------

SHARING_MKDOCS = MINIMAL_MKDOCS.replace(
    "  - observatoire/claims\n", "  - observatoire/claims\n  - observatoire/sharing\n"
)


def front(title: str, body: str, description: str | None = "Une page de démonstration.") -> str:
    desc = f"description: {description}\n" if description is not None else ""
    return f"---\ntitle: {title}\n{desc}---\n{body}"


PAGES = {
    "docs__fr__index_DOT_md": front(
        "Accueil", "# Accueil\n\nUn fait établi [@Solidaires2025Tract].\n{: .claim #un-fait }\n"
    ),
    "docs__en__index_DOT_md": front(
        "Home", "# Home\n\nAn established fact [@Solidaires2025Tract].\n{: .claim #un-fait }\n"
    ),
    "docs__fr__bibliographie_DOT_md": front(
        "Bibliographie", "# Bibliographie\n\n<!-- bibliography -->\n"
    ),
    "docs__en__bibliographie_DOT_md": front(
        "Bibliography", "# Bibliography\n\n<!-- bibliography -->\n"
    ),
}


def sharing_site(**overrides):
    files = fixture_files(**{**PAGES, **overrides})
    files["mkdocs.yml"] = overrides.get("mkdocs_DOT_yml") or SHARING_MKDOCS
    return files


def test_fixture_site_with_sharing_builds(build_fixture_site):
    code, output, site = build_fixture_site(sharing_site())
    assert code == 0, output
    assert (site / "c" / "un-fait" / "index.html").is_file()
    assert (site / "en" / "c" / "un-fait" / "index.html").is_file()
    assert (site / "feed.xml").is_file() and (site / "en" / "feed.xml").is_file()


def test_http_site_url_fails(build_fixture_site):
    config = SHARING_MKDOCS.replace("https://example.org/", "http://example.org/")
    code, output, _ = build_fixture_site(sharing_site(mkdocs_DOT_yml=config))
    assert code != 0
    assert "must be an absolute https URL" in output


HOME_TITLE = {"fr": "Accueil", "en": "Home"}
FACT = {"fr": "Un fait établi pour la démonstration", "en": "A fact established for the demo"}


def home_page(lang: str, description: str | None = "Une page de démonstration.") -> str:
    body = f"# {HOME_TITLE[lang]}\n\n{FACT[lang]} [@Solidaires2025Tract].\n{{: .claim #un-fait }}\n"
    return front(HOME_TITLE[lang], body, description)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_too_long_description_fails_naming_the_page(lang, build_fixture_site):
    pages = {f"docs__{lang}__index_DOT_md": home_page(lang, "x" * 230)}
    code, output, _ = build_fixture_site(sharing_site(**pages))
    assert code != 0 and "Traceback" not in output, output
    # line 3: `description:` under `title:` in the front matter
    assert f"docs/{lang}/index.md:3: description is 230 characters (at most 200" in output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_missing_description_fails_strict_build_naming_the_page(lang, build_fixture_site):
    pages = {f"docs__{lang}__index_DOT_md": home_page(lang, None)}
    code, output, _ = build_fixture_site(sharing_site(**pages))
    assert code != 0 and "Traceback" not in output, output
    assert f"docs/{lang}/index.md:1: no `description`" in output
    assert f"{FACT[lang]}." in output  # the fallback it would use


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_missing_title_fails_strict_build_naming_the_page(lang, build_fixture_site):
    page = home_page(lang).replace(f"title: {HOME_TITLE[lang]}\n", "")
    code, output, _ = build_fixture_site(sharing_site(**{f"docs__{lang}__index_DOT_md": page}))
    assert code != 0 and "Traceback" not in output, output
    assert f"docs/{lang}/index.md:1: no `title`" in output


def test_fediverse_creator_and_rel_me_from_extra(build_fixture_site):
    config = SHARING_MKDOCS + (
        "extra:\n  fediverse_creator: '@observatoire@social.example'\n"
        "  rel_me:\n    - https://social.example/@observatoire\n"
    )
    code, output, site = build_fixture_site(sharing_site(mkdocs_DOT_yml=config))
    assert code == 0, output
    for page in (site / "index.html", site / "en" / "c" / "un-fait" / "index.html"):
        tree = lxml_html.parse(str(page))
        assert tree.xpath('//meta[@name="fediverse:creator"]/@content') == [
            "@observatoire@social.example"
        ]
        assert tree.xpath('//link[@rel="me"]/@href') == ["https://social.example/@observatoire"]


def test_share_pages_link_to_files_without_directory_urls(build_fixture_site):
    """Offline kit (use_directory_urls: false, file://): a share page's links to its claim's
    page, the bibliography, the home page and the other language name files that exist
    (`travail/emploi.html`, not `travail/emploi/index.html`)."""
    from urllib.parse import unquote, urlsplit

    fr = front(
        "Emploi", "# Emploi\n\nUn autre fait [@Solidaires2025Tract].\n{: .claim #autre-fait }\n"
    )
    en = front("Jobs", "# Jobs\n\nAnother fact [@Solidaires2025Tract].\n{: .claim #autre-fait }\n")
    config = SHARING_MKDOCS + "use_directory_urls: false\n"
    code, output, site = build_fixture_site(
        sharing_site(
            mkdocs_DOT_yml=config,
            docs__fr__travail__emploi_DOT_md=fr,
            docs__en__travail__emploi_DOT_md=en,
        )
    )
    assert code == 0, output
    checked = 0
    for lang in ("", "en/"):
        page = site / f"{lang}c/autre-fait/index.html"
        hrefs = lxml_html.parse(str(page)).xpath("//a/@href")  # (the fixture has no share.css/js)
        assert any(h.endswith("travail/emploi.html#autre-fait") for h in hrefs), hrefs
        assert any("bibliographie.html#ref-Solidaires2025Tract" in h for h in hrefs), hrefs
        for href in hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            assert (page.parent / unquote(parts.path)).resolve().is_file(), (
                f"{page.relative_to(site)} → {href}"
            )
            checked += 1
    assert checked >= 8
    # and the claim's share link on its page names the share page's file
    page = (site / "travail" / "emploi.html").read_text(encoding="utf-8")
    assert 'href="../c/autre-fait/index.html"' in page
    # a page of the offline copy names its online address (travail/emploi.html is not one)
    tree = lxml_html.fromstring(page)
    assert tree.xpath('//meta[@property="og:url"]/@content') == [
        "https://example.org/travail/emploi/"
    ]
    assert "https://example.org/en/travail/emploi/" in tree.xpath('//link[@rel="alternate"]/@href')


def test_share_pages_draw_the_icons_mkdocs_yml_names():
    """Share pages are written outside Material's templates: their logo and palette icons are
    the ones mkdocs.yml gives the site (a change there reaches them)."""
    from observatoire_ia.sharing import share_pages

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    toggles = re.findall(r"^\s+icon: (material/[\w-]+)$", text, re.M)
    logo = re.search(r"^\s+logo: (material/[\w-]+)$", text, re.M)
    # The French palette, then the English one (mkdocs-static-i18n) name the same pair.
    assert toggles == list(share_pages.PALETTE_ICONS) * 2
    assert logo and logo.group(1) == share_pages.LOGO_ICON


def test_cut_returns_what_shorten_returns_on_every_kind_of_text():
    """cut() skips shorten() for a text already short and collapsed: the same result."""
    import random

    from observatoire_ia.textfit import shorten

    rng = random.Random(14)
    pieces = ["mot", " ", "  ", "\t", "\n", "\r", "\u00a0", "\u202f", "é", "…", ",", " :", "65"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        limit = rng.randint(1, 40)
        fits = lambda c, limit=limit: len(c) <= limit  # noqa: E731
        assert cut(text, limit) == shorten(text, fits), (text, limit)

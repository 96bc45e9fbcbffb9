"""The pieces observatoire/sharing wires (issue 17): addresses online and in the offline kit,
one builder of link-preview metadata for pages and share pages, JSON-LD citations."""

from __future__ import annotations

import json
from types import SimpleNamespace

from observatoire_ia.sharing.addresses import Addresses, page_card
from observatoire_ia.sharing.meta import SiteMeta, cited_work, head_tags
from observatoire_ia.site_languages import WITHOUT_I18N

ONLINE = Addresses(WITHOUT_I18N, directory_urls=True)
OFFLINE = Addresses(WITHOUT_I18N, directory_urls=False)


def test_addresses_online_and_in_the_offline_kit():
    assert (
        ONLINE.share_path("fr", "eau") == "c/eau/" and ONLINE.share_path("en", "eau") == "en/c/eau/"
    )
    assert ONLINE.href("c/eau/") == "c/eau/" and OFFLINE.href("c/eau/") == "c/eau/index.html"
    assert OFFLINE.href("#eau") == "index.html#eau" and ONLINE.href("x/#y") == "x/#y"
    assert ONLINE.page_href("travail/emploi.md", "en") == "en/travail/emploi/"
    assert OFFLINE.page_href("travail/emploi.md", "en") == "en/travail/emploi.html"
    assert ONLINE.share_card("en", "eau") == "assets/cards/en/c/eau.png"
    assert page_card("travail/emploi/") == "assets/cards/travail/emploi.png"
    assert page_card("travail/emploi.html") == "assets/cards/travail/emploi.png"
    assert page_card("") == page_card("index.html") == "assets/cards/index.png"


def reference(title: str | None):
    fields = {"title": title} if title else {}
    return SimpleNamespace(
        fields=fields, label=lambda lang: f"Label {lang}", short_source=lambda lang: "CGT, 2025"
    )


def test_a_cited_work_names_its_title_or_label_and_its_author():
    assert cited_work(reference("Tract"), "fr") == {
        "@type": "CreativeWork",
        "name": "Tract",
        "author": "CGT, 2025",
    }
    assert cited_work(reference(None), "en") == {
        "@type": "CreativeWork",
        "name": "Label en",
        "author": "CGT, 2025",
    }


def test_one_builder_fills_what_every_page_shares():
    site = SiteMeta(
        "https://e.org/",
        WITHOUT_I18N,
        (1200, 630),
        True,
        "@prenom.nom@example.org",
        ("https://example.org/@prenom",),
    )
    alternates = {"fr": "https://e.org/c/eau/", "en": "https://e.org/en/c/eau/"}
    meta = site.page(
        lang="en",
        title="Water",
        description="Water use",
        url=alternates["en"],
        alternates=alternates,
        card="assets/cards/en/c/eau.png",
        image_alt="Share card: Water",
        site_name="Observatory",
        og_type="article",
        citations=[cited_work(reference("Tract"), "en")],
        publisher="Observatory",
    )
    assert meta.x_default == alternates["fr"] and meta.image.endswith("en/c/eau.png")
    assert meta.feed == "https://e.org/en/feed.xml" and meta.image_size == (1200, 630)
    tags = head_tags(meta)
    assert '<meta property="og:locale" content="en_GB">' in tags
    assert '<meta property="og:locale:alternate" content="fr_FR">' in tags
    data = json.loads(tags.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "Article" and data["citation"][0]["author"] == "CGT, 2025"
    without_feeds = SiteMeta("https://e.org/", WITHOUT_I18N, (1200, 630), False)
    assert without_feeds.page(**{**vars_of(meta), "lang": "fr"}).feed is None


def vars_of(meta) -> dict:
    return {
        "title": meta.title,
        "description": meta.description,
        "url": meta.url,
        "alternates": meta.alternates,
        "card": "assets/cards/c/eau.png",
        "image_alt": meta.image_alt,
        "site_name": meta.site_name,
        "og_type": meta.og_type,
        "citations": meta.citations,
        "publisher": meta.publisher,
    }

"""Unit tests of the quality plugin's post-processing steps (no build, no browser)."""

from __future__ import annotations

import base64
import hashlib
import json

from observatoire_ia.quality.a11y import fix_material_a11y, fix_material_validity
from observatoire_ia.quality.csp import add_csp, inline_script_hashes
from observatoire_ia.quality.linkhygiene import add_noopener
from observatoire_ia.quality.minify import collapse_indentation
from observatoire_ia.quality.notfound import absolutize_404, drop_404_from_sitemap
from observatoire_ia.quality.searchsplit import split_search_index
from observatoire_ia.quality.seo import drop_head_alternates


def test_noopener_added_merged_and_internal_links_untouched():
    html = (
        '<a href="../x/">a</a><a class="y" href="https://ex.org/a" rel="me">b</a>'
        '<a href="https://site.org/p">c</a><a href="http://e.org">d</a>'
        '<a rel="noopener" href="https://e.org/z">e</a>'
    )
    out = add_noopener(html, "site.org")
    assert '<a href="../x/">a</a>' in out
    assert 'href="https://ex.org/a" rel="me noopener"' in out
    assert '<a href="https://site.org/p">c</a>' in out
    assert '<a href="http://e.org" rel="noopener">d</a>' in out
    assert out.count("noopener") == 3


def test_csp_hashes_executable_inline_scripts_only_and_comes_first():
    body = "var a = 1;"
    html = (
        '<html><head><meta charset="utf-8"><link rel="stylesheet" href="x.css">'
        f"<script>{body}</script>"
        '<script id="__config" type="application/json">{"a": 1}</script>'
        '<script src="b.js"></script></head><body></body></html>'
    )
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert inline_script_hashes(html) == [f"'sha256-{digest}'"]
    out = add_csp(html)
    meta_at = out.index('http-equiv="Content-Security-Policy"')
    assert meta_at < out.index("<link") and meta_at > out.index("<meta charset")
    assert f"script-src 'self' 'sha256-{digest}';" in out
    assert "unsafe-inline" not in out
    assert add_csp(out) == out  # idempotent


def test_404_urls_become_root_absolute():
    html = (
        '<link href="../assets/main.css"><a href="../404/">fr</a><a href="#top">t</a>'
        '<script>__md_scope=new URL("..",location)</script>'
        '<script id="__config" type="application/json">{"base": "..", "x": 1}</script>'
    )
    out = absolutize_404(html, "en/404.html", "/repo/")
    assert 'href="/repo/assets/main.css"' in out
    assert 'href="/repo/404.html"' in out
    assert 'href="#top"' in out
    assert '__md_scope=new URL("/repo/",location)' in out
    assert '"base": "/repo/"' in out


def test_sitemap_drops_404(tmp_path):
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text(
        "<urlset>\n<url><loc>https://s.org/</loc></url>\n"
        "<url><loc>https://s.org/404.html</loc></url>\n</urlset>\n"
    )
    (tmp_path / "sitemap.xml.gz").write_bytes(b"")
    assert drop_404_from_sitemap(sitemap, 0)
    assert "404" not in sitemap.read_text() and "https://s.org/" in sitemap.read_text()
    assert (tmp_path / "sitemap.xml.gz").stat().st_size > 0


def test_search_index_split_per_language(tmp_path):
    (tmp_path / "search").mkdir()
    index = {
        "config": {"lang": ["fr", "en"], "separator": " "},
        "docs": [
            {"location": "", "title": "Accueil", "text": ""},
            {"location": "travail/#x", "title": "Travail", "text": ""},
            {"location": "en/", "title": "Home", "text": ""},
            {"location": "en/travail/", "title": "Work", "text": ""},
        ],
    }
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index))
    assert split_search_index(tmp_path, ["fr", "en"], "fr") == ["fr", "en"]
    fr = json.loads((tmp_path / "search" / "search_index.fr.json").read_text())
    en = json.loads((tmp_path / "search" / "search_index.en.json").read_text())
    assert [d["title"] for d in fr["docs"]] == ["Accueil", "Travail"]
    assert [d["title"] for d in en["docs"]] == ["Home", "Work"]
    assert fr["config"]["lang"] == ["fr"] and en["config"]["separator"] == " "


def test_material_markup_fixes():
    html = (
        '<html lang="en"><head><link rel="alternate" href="../x/" hreflang="fr">\n</head><body>'
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<div class="md-search" data-md-component="search" role="dialog">'
        '<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_2_label" aria-expanded="true">'
        '<label class="md-nav__title" for="__nav_2">T</label></nav>'
        '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex=""><span></span></label>'
        '<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_3_label" aria-expanded="false">'
        '<label class="md-nav__title" for="__nav_3">Travail</label></nav>'
        '<label class="md-nav__title" for="__toc"><span></span>TOC</label></body></html>'
    )
    out = drop_head_alternates(fix_material_validity(fix_material_a11y(html)))
    assert 'role="dialog" aria-label="Search"' in out
    # Section landmarks are named after their titles, never after an icon-only label.
    assert 'aria-labelledby="__nav_2_title"' in out
    assert '<label class="md-nav__title" id="__nav_2_title" for="__nav_2">T</label>' in out
    assert (
        'aria-labelledby="__nav_3_title"' in out
        and 'id="__nav_3_title" for="__nav_3">Travail' in out
    )
    assert 'tabindex=""' not in out and 'id="__nav_3_label"' in out
    assert "autocomplete" not in out
    assert '<div class="md-nav__title"><span></span>TOC</div>' in out
    assert "hreflang" not in out


def test_indentation_is_dropped_except_where_it_renders():
    html = (
        "<nav>\n      <ul>\n\n        <li>Un</li>\n      </ul>\n    </nav>\n"
        "<pre><code>  def f():\n      return 1\n</code></pre>\n"
        "<textarea>\n  a\n</textarea>\n<script>\n  const s = `a\n    b`;\n</script>\n"
    )
    out = collapse_indentation(html)
    assert out.startswith("<nav>\n<ul>\n<li>Un</li>\n</ul>\n</nav>\n")
    assert "<pre><code>  def f():\n      return 1\n</code></pre>" in out
    assert "<textarea>\n  a\n</textarea>" in out and "`a\n    b`" in out

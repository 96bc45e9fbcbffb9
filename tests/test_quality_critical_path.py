"""One critical path (issue 16): nothing but the HTML before the first paint.

- no page blocks its first paint on a stylesheet or a script again, and nothing else is
  requested before it (the stylesheet and the scripts come after the first paint);
- every page carries its first screen's CSS, and its first screen drawn with that CSS alone is
  laid out exactly as with the whole stylesheet: nothing moves when site.css arrives (CLS 0);
- the Content-Security-Policy allows that CSS by its hash, and only by it;
- at most 30 KB gzip before the first paint on home, theme, bibliography and share pages;
- no flash of the wrong theme (saved palette or system dark mode, before any script loads);
- images: dimensions written, lazy past the first screen.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from observatoire_ia.quality.critical import Stylesheet
from observatoire_ia.quality.critical_path import (
    bytes_before_paint,
    lazy_images,
    requested_before_paint,
)
from observatoire_ia.quality.csp import inline_style_hashes
from observatoire_ia.quality.pages import find
from observatoire_ia.quality.serve import serve
from observatoire_ia.quality.sitecss import Vocabulary, merge

BEFORE_PAINT_LIMIT = 30 * 1024  # issue 16
AUDITED = [(kind, lang) for lang in ("fr", "en") for kind in ("home", "theme", "bibliography")]
AUDITED += [("share", "fr"), ("share", "en")]
CRITICAL = re.compile(r"<style data-critical>(.*?)</style>", re.S)
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def content_pages(site: Path) -> list[Path]:
    """Every HTML page but the forwarding stubs of moved pages (meta refresh, no content)."""
    return [
        p
        for p in sorted(site.rglob("*.html"))
        if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:3000]
    ]


def test_nothing_blocks_or_precedes_the_first_paint(site_dir):
    problems = []
    for path in content_pages(site_dir):
        found = requested_before_paint(path.read_text(encoding="utf-8"))
        if found:
            problems.append(f"{path.relative_to(site_dir)}: {found}")
    assert not problems, "requested before the first paint:\n" + "\n".join(problems[:20])


def test_every_page_carries_its_first_screen_css(site_dir):
    problems = []
    for path in content_pages(site_dir):
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(site_dir)
        css = CRITICAL.findall(html)
        if len(css) != 1 or not css[0]:
            problems.append(f"{rel}: {len(css)} first-screen stylesheet(s), or an empty one")
            continue
        # The header's and the article's own rules, and the dark scheme's colours.
        for needed in (".md-header{", ".md-typeset{", "[data-md-color-scheme=slate]"):
            if needed not in css[0]:
                problems.append(f"{rel}: no {needed}… rule inlined")
        noscript = re.search(r'<noscript><link rel="stylesheet" href="([^"]+)">', html)
        href = noscript.group(1) if noscript else ""
        # 404 pages name their files from the site's root (any URL can show them)
        target = site_dir / href.lstrip("/") if href.startswith("/") else path.parent / href
        if not noscript or not target.resolve().is_file():
            problems.append(f"{rel}: no stylesheet for readers without JavaScript")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("kind,lang", AUDITED)
def test_bytes_before_first_paint(site_dir, kind, lang):
    path = find(site_dir, kind, lang)
    assert path, f"no {kind} page ({lang})"
    total, parts = bytes_before_paint(site_dir, path)
    print(f"\n{kind} ({lang}) {path}: {total / 1024:.1f} KB gzip before the first paint")
    assert total <= BEFORE_PAINT_LIMIT, f"{path}: {total} bytes gzip before paint: {parts}"


def test_policy_names_each_inline_stylesheet(site_dir):
    """The policy allows the first-screen CSS by its hash (test_quality_csp checks every page)."""
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    style_src = next(p for p in policy.split("; ") if p.startswith("style-src ")).split()[1:]
    assert style_src[0] == "'self'" and "'unsafe-inline'" not in style_src
    assert set(inline_style_hashes(html)) <= set(style_src)
    assert len(inline_style_hashes(html)) == 1


# -- in a browser -------------------------------------------------------------------------

# Where each element of the first screen stands (and its height when it ends on it). Left
# out: what stays hidden until the stylesheet arrives (navigation and table of contents in
# their sidebars, the search field, popups), and the toggles scripts show.
FIRST_SCREEN_BOXES = """() => {
  const out = [];
  const sel = 'header, header *, .md-sidebar, .md-content, article > *, article > * > *';
  const skip = '.md-sidebar__scrollwrap, .md-search, .md-select__inner, [hidden]';
  for (const el of document.querySelectorAll(sel)) {
    if (el.closest(skip)) continue;
    const r = el.getBoundingClientRect();
    if (!(r.bottom > 0 && r.top < innerHeight && r.width > 0)) continue;
    const whole = r.bottom <= innerHeight && !el.matches('.md-sidebar, .md-content');
    out.push([el.tagName + '.' + el.className, Math.round(r.x), Math.round(r.y),
              Math.round(r.width), whole ? Math.round(r.height) : null]);
  }
  return out;
}"""


def _boxes(context, url: str, with_stylesheet: bool) -> list:
    page = context.new_page()
    page.set_default_timeout(15000)

    def route(request):
        name = request.request.url
        # Scripts change the page (palette toggle, share buttons): both views go without them.
        if name.endswith(".js") or (not with_stylesheet and name.endswith(".css")):
            return request.abort()
        return request.continue_()

    page.route("**/*", route)
    page.goto(url, wait_until="networkidle")
    if with_stylesheet:
        page.wait_for_function("() => !document.querySelector('style[data-critical]')")
    else:
        assert page.locator("style[data-critical]").count() == 1  # kept when site.css fails
    boxes = page.evaluate(FIRST_SCREEN_BOXES)
    page.close()
    return boxes


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_first_screen_does_not_move_when_the_stylesheet_arrives(site_dir, device):
    browser = pytest.importorskip("browser")
    problems = []
    with serve(site_dir) as base, browser.chromium(**device) as context:
        for kind, lang in AUDITED:
            path = find(site_dir, kind, lang)
            url = base + path.removesuffix("index.html")
            first = _boxes(context, url, with_stylesheet=False)
            final = _boxes(context, url, with_stylesheet=True)
            assert first, f"{path}: nothing measured"
            if first != final:
                moved = [(a, b) for a, b in zip(first, final, strict=False) if a != b][:3]
                problems.append(f"{path}: {len(first)} vs {len(final)} boxes, first moves {moved}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", ["theme", "share"])
def test_no_flash_of_the_wrong_theme(site_dir, kind):
    """Before any stylesheet or script arrives, <body> already has the reader's scheme: the
    system's dark mode, or the palette saved on another page (Material's storage key)."""
    browser = pytest.importorskip("browser")
    path = find(site_dir, kind, "fr")
    with serve(site_dir) as base, browser.chromium(color_scheme="dark", **PHONE) as context:
        page = context.new_page()
        page.route("**/*.{css,js}", lambda r: r.abort())
        url = base + path.removesuffix("index.html")
        page.goto(url, wait_until="domcontentloaded")
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
        saved = {"index": 0, "color": {"scheme": "default", "primary": "red", "accent": "red"}}
        page.evaluate("p => localStorage.setItem('/.__palette', JSON.stringify(p))", saved)
        page.goto(url, wait_until="domcontentloaded")
        assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
        light = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert dark != light, "the inlined CSS has no colours for the dark scheme"


def test_stylesheet_and_scripts_come_after_the_first_paint(site_dir):
    """In a browser: the first contentful paint happens before site.css or any script is even
    requested, then they load and the page's scripts run (Material's bundle included)."""
    browser = pytest.importorskip("browser")
    path = find(site_dir, "theme", "fr")
    with serve(site_dir) as base, browser.chromium(**PHONE) as context:
        page = context.new_page()
        page.add_init_script(
            "window.__requests = []; new PerformanceObserver(l => l.getEntries().forEach("
            "e => window.__requests.push([e.name, e.startTime]))).observe({type: 'resource',"
            " buffered: true});"
        )
        page.goto(base + path.removesuffix("index.html"), wait_until="networkidle")
        # Material's palette component mounted (the bundle saw DOMContentLoaded): it shows
        # the toggle's label.
        page.wait_for_function(
            "document.querySelector('form[data-md-component=palette] label:not([hidden])')"
        )
        fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
        started = page.evaluate(
            "performance.getEntriesByType('resource').map(e => [e.name, e.startTime])"
        )
        assert any(n.endswith("site.css") for n, _ in started), started
        early = [(n, t) for n, t in started if n.endswith((".css", ".js")) and t < fcp]
        assert not early, f"requested before the first paint ({fcp:.0f} ms): {early}"
        assert "no-js" not in page.evaluate("document.documentElement.className")


# -- units ----------------------------------------------------------------------------------


PAGE = """<!doctype html><html class="no-js"><head><title>t</title></head>
<body data-md-color-scheme="default"><header class="md-header"><a class="logo">x</a></header>
<article class="md-typeset"><h1>Title</h1><p>{text}</p><p class="late">later</p></article>
<footer class="md-footer">f</footer></body></html>"""

SHEET = """
:root{--used:red;--chain:var(--used);--unused:url(data:x)}
.md-header{color:var(--chain);transition:color 1s;cursor:pointer}
.md-header:hover{color:blue}
.md-typeset h1{margin:0}
.js .md-header{display:block}
.no-js .md-header{display:none}
.absent{color:green}
[data-md-color-scheme=slate]{--used:black}
@media screen and (min-width:60em){.md-header{height:3rem}}
@media print{.md-header{display:none}}
.md-footer{color:gray}
.late{color:pink}
"""


def test_critical_css_keeps_what_the_first_screen_uses():
    css = Stylesheet(SHEET).critical(PAGE.format(text="short"))
    assert ".md-header{color:var(--chain)}" in css  # transition and cursor never paint
    assert "--used:red" in css and "--chain:var(--used)" in css and "--unused" not in css
    assert "hover" not in css and ".absent" not in css and "@media print" not in css
    assert ".js .md-header" in css and ".no-js" not in css  # the loader sets "js" first
    assert "[data-md-color-scheme=slate]" in css  # dark readers get their colours too
    assert "@media screen and (min-width:60em){.md-header{height:3rem}}" in css
    assert ".md-footer{color:gray}" in css


def test_critical_css_covers_the_first_screen_and_linked_targets():
    """The first screen is styled from the first paint, and so are the claims and headings a
    shared link or the table of contents opens the page on, wherever they are (:target too);
    what lies past the first screen otherwise (here a long page's last paragraph and footer)
    waits for the stylesheet (issue 16: « the CSS needed to paint the header and the first
    screen of content »)."""
    sheet = (
        SHEET
        + ".md-typeset .late:target{background:yellow}.gone:target{x:1}"
        + ".claim{border:1px}.md-typeset h2{margin:1em}.below{color:teal}"
    )
    long_page = PAGE.format(text="word " * 2000).replace(
        '<p class="late">later</p>',
        '<p class="below">later</p><h2 id="s">S</h2><p class="claim late" id="p9">c</p>',
    )
    css = Stylesheet(sheet).critical(long_page)
    assert ".late{color:pink}" in css and ".claim{border:1px}" in css
    assert ".md-typeset h2{margin:1em}" in css
    assert ".md-typeset .late:target{background:yellow}" in css and ".gone" not in css
    assert ".below" not in css and ".md-footer" not in css
    # A page no longer than a screen is drawn whole: its footer is in sight.
    short = Stylesheet(sheet).critical(PAGE.format(text="short").replace("late", "below"))
    assert ".below{color:teal}" in short and ".md-footer{color:gray}" in short


def test_site_css_leaves_out_what_nothing_can_match():
    vocabulary = Vocabulary(["data-md-color-primary"])
    vocabulary.add_html('<body data-md-color-primary="red"><p class="claim">x</p></body>')
    vocabulary.add_script('el.className = "md-nav__link--" + state; el.classList.add("md-tip")')
    css = merge(
        [
            (
                "a.css",
                ".claim{a:1}.unused{b:2}.md-tip,.gone{c:3}.md-nav__link--active{d:4}"
                "[data-md-color-primary=red]{e:5}[data-md-color-primary=indigo]{f:6}"
                ":root{--x:1;--y:2}.claim{g:var(--x)}@media print{.claim{display:none}}",
            )
        ],
        vocabulary,
    )
    assert ".claim{a:1}" in css and ".md-tip{c:3}" in css and ".md-nav__link--active" in css
    assert ".unused" not in css and ".gone" not in css and "indigo" not in css
    assert "[data-md-color-primary=red]{e:5}" in css
    assert "--x:1" in css and "--y" not in css
    assert "@media print{.claim{display:none}}" in css


def test_images_get_dimensions_and_load_lazily_past_the_first_screen():
    page = (
        '<article><img src="top.png" alt="">'
        + "<p>"
        + "word " * 1000
        + "</p>"
        + '<img src="low.png" alt=""><img src="set.png" width="3" height="4" alt=""></article>'
    )
    out = lazy_images(page, lambda src: (640, 480) if src == "low.png" else (10, 20))
    top, low, fixed = re.findall(r"<img[^>]*>", out)
    assert 'width="10" height="20"' in top and "loading" not in top
    assert 'width="640" height="480"' in low and 'loading="lazy"' in low
    assert 'width="3" height="4"' in fixed and fixed.count("width=") == 1


def test_first_screen_read_through_a_plain_wrapper():
    """A page waiting for its translation holds the original's text in one <div lang="fr">:
    its blocks past the first screen wait for the stylesheet like any page's."""
    sheet = SHEET + ".below{color:teal}"
    page = PAGE.format(text="word " * 2000).replace(
        '<article class="md-typeset">', '<article class="md-typeset"><div lang="fr">'
    )
    page = page.replace('<p class="late">later</p>', '<p class="below">y</p></div>')
    css = Stylesheet(sheet).critical(page)
    assert ".md-typeset h1{margin:0}" in css and ".below" not in css

"""Offline kit (`make offline`): every format is built once per session, then checked the way
a trainer's laptop, printer, e-reader and Kiwix would use it, with no network."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

from conftest import epubcheck
from observatoire_ia.offline import __main__ as cli
from observatoire_ia.offline.kit import BUDGETS, OfflineError, check_no_remote_resources

ZIP = cli.ZIP_NAME
ROOT = Path(__file__).resolve().parents[1]
# Size budgets of the kit (issue 8): zip ≤ 20 MB, each PDF ≤ 10 MB (MB of 1024 × 1024 bytes,
# as the kit's sizes are printed).
SPEC_BUDGETS = {".zip": 20 * 1024 * 1024, ".pdf": 10 * 1024 * 1024}


@pytest.fixture(scope="session")
def kit(cold_builds) -> Path:
    """The kit of the first cold build (`make offline` in a copy of the repository, from empty
    caches); tests/test_quality_reproducible.py compares it with the second one."""
    return cold_builds[0].dist


@pytest.fixture(scope="session")
def claims(kit) -> list[dict]:
    with zipfile.ZipFile(kit / ZIP) as archive:
        return json.loads(archive.read("observatoire-ia-hors-ligne/claims.json"))


@pytest.fixture(scope="session")
def unzipped(kit, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(kit / ZIP) as archive:
        archive.extractall(target)
    return target / "observatoire-ia-hors-ligne"


def offline_path(root: Path, page: str) -> str:
    """claims.json's online page ("culture/x/", "en/", "") → the file of the file:// copy."""
    stem = page.rstrip("/")
    candidates = [f"{stem}/index.html" if stem else "index.html", f"{stem}.html"]
    return next((c for c in candidates if (root / c).exists()), candidates[0])


def normalise(text: str) -> str:
    """Letters and digits only: whitespace, hyphenation, no-break spaces and quotes do not count."""
    text = re.sub(r"\[[\d\s,;§p.–-]*\]", " ", text)  # numbered references [1, 2] / [3, § 12]
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").lower()
    return re.sub(r"[\W_]+", "", text)


def claim_parts(claim: dict) -> list[str]:
    # table rows: "cell — cell", each cell printed in its own column
    return [normalise(part) for part in claim["text"].split(" — ") if normalise(part)]


def missing_claims(text: str, claims: list[dict]) -> list[str]:
    flat = normalise(text)
    return [c["id"] for c in claims if not all(part in flat for part in claim_parts(c))]


# -- the kit ----------------------------------------------------------------------------------


def test_kit_files_and_size_budgets(kit):
    names = sorted(p.name for p in kit.iterdir())
    print(
        "\n"
        + "\n".join(
            f"{p.name:<48} {p.stat().st_size / 1024:>9.0f} KB" for p in sorted(kit.iterdir())
        )
    )
    for required in (
        ZIP,
        "observatoire-ia-fr.pdf",
        "observatoire-ia-en.pdf",
        "observatoire-ia-fr.epub",
        "observatoire-ia-en.epub",
        "observatoire-ia.zim",
        "manifest.json",
    ):
        assert required in names
    sizes = {path.name: path.stat().st_size for path in kit.iterdir()}
    pdfs = [name for name in sizes if name.endswith(".pdf")]
    assert len(pdfs) >= 4, pdfs
    for name in [ZIP, *pdfs]:
        budget = SPEC_BUDGETS[Path(name).suffix]
        assert sizes[name] <= budget, f"{name}: {sizes[name]} bytes > {budget}"
    # The build refuses what the specification refuses (it may be stricter, never laxer).
    assert all(BUDGETS[suffix] <= limit for suffix, limit in SPEC_BUDGETS.items()), BUDGETS
    manifest = json.loads((kit / "manifest.json").read_text(encoding="utf-8"))
    assert {f["name"] for f in manifest["files"]} == set(names) - {"manifest.json"}
    assert not [p for p in kit.parent.iterdir() if p.name.startswith("offline-kit-")], (
        "temp dir left"
    )


def test_zip_has_readmes_and_no_remote_resources(unzipped):
    assert "index.html" in (unzipped / "LISEZ-MOI.txt").read_text(encoding="utf-8")
    assert "index.html" in (unzipped / "README.txt").read_text(encoding="utf-8")
    assert (unzipped / "search" / "search_index.js").exists()
    check_no_remote_resources(unzipped)
    index = (unzipped / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in index and "iframe-worker" in index


# -- file:// in Chromium, all network blocked --------------------------------------------------


def test_site_from_file_url_with_network_blocked(unzipped, claims):
    from browser import chromium, wait_until_loaded

    blocked, failed, errors = [], [], []
    fr = [
        c for c in claims if c["lang"] == "fr" and c.get("theme") and c["page"] == c["theme"] + "/"
    ]
    assert fr, "no French claim on a theme's main page"
    claim = fr[0]
    theme_page = offline_path(unzipped, claim["page"])  # environnement/index.html
    en_page = "en/" + theme_page

    def route(request_route):
        url = request_route.request.url
        if url.startswith("file://") or url.startswith("data:"):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    with chromium(viewport={"width": 1280, "height": 900}) as context:
        context.route("**/*", route)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        # (Chromium's own favicon fetch is aborted when a test navigates away at once)
        page.on(
            "requestfailed",
            lambda r: (
                failed.append(f"{r.url} {r.failure}") if not r.url.endswith("favicon.svg") else None
            ),
        )
        page.goto((unzipped / "index.html").as_uri())
        # navigation to a theme page
        page.locator(f'nav a[href="{theme_page}"]').first.click()
        page.wait_for_url(f"**/{theme_page}")
        fr_title = page.locator("article h1").first.inner_text().strip(" ¶")
        en_title = (
            (unzipped / en_page)
            .read_text(encoding="utf-8")
            .split("<h1", 1)[1]
            .split(">", 1)[1]
            .split("<", 1)[0]
        )

        def search(word: str, expected: str) -> None:
            wait_until_loaded(page)  # search works once the scripts (after paint) are in
            box = page.locator("input.md-search__input")
            box.click()
            box.fill(word)
            # Material reads the query on keyup (or once its index is ready): typed after the
            # index is ready, a fill alone would never be searched.
            box.press("End")
            link = page.locator(f'a.md-search-result__link[href*="{expected}"]').first
            link.wait_for(timeout=10_000)
            link.click()
            page.wait_for_url(f"**/{expected}*")
            # A result's link (?h=…) loads the index and the search worker at once, to
            # highlight the words: leaving before they are in would abort them.
            page.wait_for_load_state("networkidle")

        search(fr_title, theme_page)  # a French word
        search(en_title, en_page)  # an English word
        # Scripts and the search index load after the first paint: leaving a page before they
        # are in would abort them (a failed request here).
        wait_until_loaded(page)
        page.wait_for_load_state("networkidle")
        # language switch lands on the same page
        page.locator("a.md-select__link[hreflang='fr']").first.dispatch_event("click")
        page.wait_for_url(re.compile(re.escape(theme_page) + "$"))
        assert "/en/" not in page.url
        # citation → its preview → bibliography → back to the claim
        citation = page.locator(f"#{claim['id']} a.citation").first
        key = citation.get_attribute("data-key")
        wait_until_loaded(page)
        page.wait_for_load_state("networkidle")
        citation.click()
        preview = page.locator(f"#{citation.get_attribute('aria-controls')}")
        preview.locator("a.citation-bibliography").click()
        page.wait_for_url(f"**/bibliographie.html#ref-{key}")
        wait_until_loaded(page)
        page.wait_for_load_state("networkidle")
        # → the reference's own page, which lists the claims citing it
        page.locator(f"#ref-{key} a[href$='bibliographie/{key}.html']").first.click()
        page.wait_for_url(f"**/bibliographie/{key}.html")
        wait_until_loaded(page)
        page.wait_for_load_state("networkidle")
        back = page.locator(f'.cited-by a[href$="#{claim["id"]}"]').first
        back.click()
        page.wait_for_url(f"**/{theme_page}#{claim['id']}")
        assert page.locator(f"#{claim['id']}").is_visible()
        page.wait_for_load_state("networkidle")  # whatever the page still loads is seen below
    assert blocked == [], f"network requests from the file:// copy: {blocked}"
    assert failed == [], failed
    assert errors == [], errors


# -- PDF --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pdf_booklet(kit, claims, lang):
    pdf = kit / f"observatoire-ia-{lang}.pdf"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    mine = [c for c in claims if c["lang"] == lang]
    assert mine
    assert missing_claims(text, mine) == []
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows, "no font"
    # columns: … emb sub uni object ID — emb is the 5th from the end
    assert all(row[-5] == "yes" for row in rows), fonts
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 3 <= pages <= 40 + len(mine), pages
    # cover, contents with page numbers, numbered references and the bibliography
    assert ("Sommaire" if lang == "fr" else "Contents") in text
    assert re.search(r"\[\d+(, [^\]]+)?\]", text)
    assert ("Références" if lang == "fr" else "References") in text
    # a QR code beside each section, captioned with the online page it points to
    flat = normalise(text)
    assert [c["url"] for c in mine if normalise(c["url"].split("#")[0]) not in flat] == []


def test_theme_booklets_hold_their_claims(kit, claims):
    themed = sorted(kit.glob("observatoire-ia-*-??.pdf"))
    assert themed, "no theme booklet"
    for pdf in themed:
        theme, lang = pdf.stem.removeprefix("observatoire-ia-").rsplit("-", 1)
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        mine = [c for c in claims if c["lang"] == lang and c.get("theme") == theme]
        assert missing_claims(text, mine) == [], pdf.name


# -- EPUB -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_epub(kit, claims, lang):
    from lxml import etree

    epub = kit / f"observatoire-ia-{lang}.epub"
    with zipfile.ZipFile(epub) as archive:
        assert archive.read("mimetype") == b"application/epub+zip"
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")
        opf = etree.fromstring(archive.read(opf_path))
        assert opf.get("version", "").startswith("3")
        assert opf.findtext(".//{http://purl.org/dc/elements/1.1/}language") == lang
        assert opf.findtext(".//{http://purl.org/dc/elements/1.1/}title")
        text = []
        for name in archive.namelist():
            if name.endswith(".xhtml"):
                tree = etree.fromstring(archive.read(name))  # XHTML must parse
                text.append("".join(tree.itertext()))
    assert missing_claims(" ".join(text), [c for c in claims if c["lang"] == lang]) == []
    epubcheck(epub)


# -- ZIM --------------------------------------------------------------------------------------


def test_zim(kit, claims, unzipped):
    from libzim.reader import Archive
    from libzim.search import Query, Searcher

    archive = Archive(str(kit / "observatoire-ia.zim"))
    assert archive.check()
    assert archive.has_fulltext_index
    main = archive.main_entry.get_item()
    assert main.path == "index.html" and b"<html" in bytes(main.content)[:2000].lower()
    for lang in ("fr", "en"):
        claim = next(c for c in claims if c["lang"] == lang)
        path = offline_path(unzipped, claim["page"])
        entry = archive.get_entry_by_path(path)
        assert f'id="{claim["id"]}"' in bytes(entry.get_item().content).decode("utf-8")
        word = max(re.findall(r"\w{6,}", claim["text"]), key=len)
        search = Searcher(archive).search(Query().set_query(word))
        assert search.getEstimatedMatches() > 0, word
        # Share pages /c/<id>/ are in the file (their links work) but not in Kiwix's index.
        share = ("" if lang == "fr" else "en/") + f"c/{claim['id']}/index.html"
        assert archive.has_entry_by_path(share)
        found = list(search.getResults(0, search.getEstimatedMatches()))
        assert found and not [path for path in found if re.match(r"(en/)?c/", path)], found


# -- bad input --------------------------------------------------------------------------------


def test_missing_tool_fails_clearly_and_leaves_dist(tmp_path, monkeypatch, capsys):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "previous.txt").write_text("kept", encoding="utf-8")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert cli.main(["--dist", str(dist), "--formats", "epub"]) == 1
    err = capsys.readouterr().err
    assert "missing tool: pandoc" in err
    assert sorted(p.name for p in dist.iterdir()) == ["previous.txt"]


def test_over_budget_fails_and_nothing_half_written(tmp_path, monkeypatch, capsys):
    dist = tmp_path / "dist"
    monkeypatch.setitem(BUDGETS, ".zip", 1000)
    assert cli.main(["--dist", str(dist), "--formats", "zip"]) == 1
    assert "over the size budget" in capsys.readouterr().err
    assert not dist.exists()
    assert list(tmp_path.iterdir()) == []


def test_remote_resource_means_network_needed(tmp_path):
    (tmp_path / "page.html").write_text('<img src="https://example.org/x.png">', encoding="utf-8")
    with pytest.raises(OfflineError, match="need the network"):
        check_no_remote_resources(tmp_path)
    (tmp_path / "page.html").write_text('<a href="https://example.org/">link</a>', encoding="utf-8")
    check_no_remote_resources(tmp_path)  # a link is fine: nothing is loaded


# -- Downloads page ---------------------------------------------------------------------------


def test_downloads_page_online(site_dir):
    """With dist/manifest.json (`make offline` ran before the build), the table of the kit's
    files; without it (`make test`), the notice saying how to build them, and no table."""
    manifest = ROOT / "dist" / "manifest.json"
    names = (
        [f["name"] for f in json.loads(manifest.read_text())["files"]] if manifest.exists() else []
    )
    for path in ("telechargements/index.html", "en/telechargements/index.html"):
        page = (site_dir / path).read_text(encoding="utf-8")
        if names:
            assert 'class="downloads"' in page and "make offline" not in page, path
            assert all(f'telechargements/{name}"' in page for name in names), path
        else:
            assert 'class="downloads"' not in page and "`make offline`" not in page, path
            assert "<code>make offline</code>" in page, path


def test_downloads_table_lists_sizes():
    from observatoire_ia.offline.downloads import table

    manifest = {
        "date": "2026-01-02",
        "files": [{"name": "observatoire-ia-fr.pdf", "size": 2_500_000}],
    }
    fr = table(manifest, "fr", "../telechargements/")
    assert 'href="../telechargements/observatoire-ia-fr.pdf"' in fr and "2,4\u00a0Mo" in fr
    assert "2.4\u00a0MB" in table(manifest, "en", "")


def test_downloads_page_lists_built_files(build_fixture_site):
    from conftest import fixture_files
    from observatoire_ia.offline import downloads

    files = fixture_files()
    files["mkdocs.yml"] += f"hooks:\n  - {downloads.__file__}\n"
    files["docs/fr/telechargements.md"] = "# Télécharger\n\n<!-- downloads -->\n"
    files["docs/en/telechargements.md"] = "# Downloads\n\n<!-- downloads -->\n"
    manifest = {
        "date": "2026-01-02",
        "files": [{"name": "observatoire-ia-fr.pdf", "size": 2048, "title": "Livret"}],
    }
    files["dist/manifest.json"] = json.dumps(manifest)
    files["dist/observatoire-ia-fr.pdf"] = "%PDF-1.4 stand-in"
    code, output, site = build_fixture_site(files)
    assert code == 0, output
    fr = (site / "telechargements" / "index.html").read_text(encoding="utf-8")
    assert 'href="../telechargements/observatoire-ia-fr.pdf"' in fr and "2 janvier 2026" in fr
    en = (site / "en" / "telechargements" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../telechargements/observatoire-ia-fr.pdf"' in en and "2 January 2026" in en
    assert (site / "telechargements" / "observatoire-ia-fr.pdf").read_text() == "%PDF-1.4 stand-in"
    # without dist/, the page says how to build the kit and the build stays valid
    del files["dist/manifest.json"], files["dist/observatoire-ia-fr.pdf"]
    code, output, site = build_fixture_site(files)
    assert code == 0, output
    assert "make offline" in (site / "telechargements" / "index.html").read_text(encoding="utf-8")


def test_every_local_link_of_the_copy_opens_a_file(unzipped):
    """file:// has no directory index: each relative link must name an existing file."""
    from urllib.parse import unquote, urlsplit

    attribute = re.compile(r'\b(?:href|src)="([^"]+)"')
    broken, checked = [], 0
    pages = sorted(unzipped.rglob("*.html"))
    assert len(pages) > 100, f"only {len(pages)} pages in the copy"
    for page in pages:
        for target in attribute.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path or target.startswith("data:"):
                continue
            resolved = (page.parent / unquote(parts.path)).resolve()
            checked += 1
            if not resolved.is_file():
                broken.append(f"{page.relative_to(unzipped)} → {target}")
    assert broken == [], broken[:20]
    assert checked > 1000, checked


def test_offline_config_keeps_every_hook_of_the_online_config():
    """mkdocs.offline.yml's `hooks:` list replaces the inherited one: it must repeat them all."""
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    root = Path(__file__).resolve().parents[1]
    with open(root / "mkdocs.yml", "rb") as online_file:
        online = yaml_load(online_file, get_yaml_loader())
    with open(root / "mkdocs.offline.yml", "rb") as offline_file:
        offline = yaml_load(offline_file, get_yaml_loader())  # merged with mkdocs.yml (INHERIT)
    assert set(online.get("hooks", [])) <= set(offline.get("hooks", []))
    names = [next(iter(p)) if isinstance(p, dict) else p for p in online["plugins"]]
    assert names.index("offline") > names.index("i18n"), "offline must come after i18n"


def test_copy_names_its_online_addresses(unzipped):
    """Canonical link, og:url and what the « Partager » block shares are the online addresses
    (environnement/energie-climat/): the copy's energie-climat.html does not exist online."""
    pattern = re.compile(
        r'rel="canonical" href="([^"]+)"|property="og:url" content="([^"]+)"|data-share-url="([^"]+)"'
    )
    wrong, seen = [], 0
    for page in sorted(unzipped.rglob("*.html")):
        for match in pattern.finditer(page.read_text(encoding="utf-8")):
            url = next(group for group in match.groups() if group)
            seen += 1
            if not (url.endswith("/") or url.endswith("/404.html")):
                wrong.append(f"{page.relative_to(unzipped)}: {url}")
    assert wrong == [], wrong[:10]
    assert seen > 200, f"only {seen} online addresses found in the copy"


# -- the claim explorer, offline ---------------------------------------------------------------

CAPTURE_COPY = """
window.__copied = null;
document.addEventListener('copy', () => {
  const active = document.activeElement;
  window.__copied = active && 'value' in active ? active.value : String(getSelection());
});
if (navigator.clipboard) {
  navigator.clipboard.writeText = text => { window.__copied = text; return Promise.resolve(); };
}
"""


def figures_of(claims: list[dict], lang: str, theme: str) -> list[str]:
    """Claims of a theme that the issue calls figures: tagged `chiffre` or giving a percentage."""
    return [
        c["id"]
        for c in claims
        if c["lang"] == lang
        and c["theme"] == theme
        and ("chiffre" in c["tags"] or re.search(r"\d\s?%", c["text"]))
    ]


def test_explorer_from_file_url_with_network_blocked(unzipped, claims):
    """The explorer's data is a script file: from file://, with every network request refused,
    it filters, restores its filters from the address, copies for a leaflet and links to the
    claims' pages and share pages of the copy."""
    from browser import chromium

    blocked, errors = [], []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("file://", "data:")):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    wanted = figures_of(claims, "fr", "environnement")
    assert wanted
    with chromium(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True) as ctx:
        ctx.route("**/*", route)
        page = ctx.new_page()
        page.set_default_timeout(10_000)
        page.add_init_script(CAPTURE_COPY)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((unzipped / "explorer.html").as_uri() + "?theme=environnement&kind=chiffre")
        page.locator(".explorer-result").first.wait_for()
        ids = page.eval_on_selector_all(".explorer-result", "els => els.map(e => e.dataset.id)")
        assert sorted(ids) == sorted(wanted)
        assert page.input_value("#explorer-theme") == "environnement"
        page.locator(".explorer-copy-all").tap()
        page.wait_for_function("() => window.__copied")
        copied = page.evaluate("window.__copied")
        assert len(copied.split("\n\n")) == len(wanted)
        assert copied.split("\n")[-1].startswith("https://")  # the online address, for paper
        first = page.locator(".explorer-result").first
        claim_id = first.get_attribute("data-id")
        for selector in ("a.explorer-permalink", "a.explorer-share"):
            href = first.locator(selector).get_attribute("href")
            target = (unzipped / href.split("#")[0]).resolve()
            assert target.is_file(), (selector, href)
            assert claim_id in target.read_text(encoding="utf-8")
        page.select_option("#explorer-kind", "")
        page.wait_for_function(
            "n => document.querySelectorAll('.explorer-result').length > n", arg=len(wanted)
        )
    assert blocked == [], f"network requests from the file:// copy: {blocked}"
    assert errors == [], errors


def test_explorer_in_the_zim_with_kiwix_serve(kit, claims):
    """The ZIM holds the explorer and its data; served by kiwix-serve, it shows the claims."""
    import socket
    import time

    from libzim.reader import Archive

    from browser import chromium

    archive = Archive(str(kit / "observatoire-ia.zim"))
    for path in (
        "explorer.html",
        "assets/explorer/claims.fr.js",
        "assets/explorer/claims.fr.rest.js",  # loaded for the theme filter below
        "assets/javascripts/explorer.js",
    ):
        assert archive.has_entry_by_path(path), path
    if not shutil.which("kiwix-serve"):
        pytest.fail("kiwix-serve is missing: apt-get install kiwix-tools (.ci/run does)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        ["kiwix-serve", "--address=127.0.0.1", f"--port={port}", str(kit / "observatoire-ia.zim")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        with chromium() as ctx:
            page = ctx.new_page()
            response = None
            for _ in range(50):
                try:
                    # kiwix-serve ≥ 3.4 serves books under /content/, older ones at the root.
                    for prefix in ("/content/observatoire-ia/", "/observatoire-ia/"):
                        response = page.goto(f"{base}{prefix}explorer.html?theme=environnement")
                        if response and response.ok:
                            break
                    break
                except Exception:  # the server is starting
                    time.sleep(0.2)
            assert response and response.ok, response and response.status
            page.locator(".explorer-result").first.wait_for(timeout=10_000)
            shown = page.locator(".explorer-result").count()
            count = page.locator("#explorer-count").inner_text()
        wanted = [c for c in claims if c["lang"] == "fr" and c["theme"] == "environnement"]
        assert count.startswith(f"{len(wanted)} ") and shown == min(40, len(wanted)), count
    finally:
        server.terminate()
        server.wait(timeout=10)

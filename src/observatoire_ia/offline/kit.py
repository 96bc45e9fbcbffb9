"""What every format shares: errors, tool checks, the offline build of the site and its pages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from ..claims.config import ClaimsPluginConfig
from ..site_languages import WITHOUT_I18N, SiteLanguages, site_languages

ROOT = Path(__file__).resolve().parents[3]
OFFLINE_CONFIG = "mkdocs.offline.yml"
CHROMIUM = os.environ.get("OBS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Size budgets (bytes): a kit must fit a small USB stick and a phone.
BUDGETS = {".zip": 20 * 1024 * 1024, ".pdf": 10 * 1024 * 1024}


class OfflineError(Exception):
    """A clear, user-facing reason why the kit cannot be built."""


def require_tool(name: str, path: str | None = None, hint: str = "") -> str:
    """The path of an external program, or a clear error naming the Debian package."""
    found = path if path and Path(path).exists() else shutil.which(name)
    if not found:
        raise OfflineError(f"missing tool: {name} not found{(' — ' + hint) if hint else ''}")
    return found


def require_module(name: str, hint: str) -> None:
    import importlib.util

    if importlib.util.find_spec(name) is None:
        raise OfflineError(f"missing Python package: {name} — {hint}")


@dataclass
class Page:
    """One built page of one language, in navigation order."""

    lang: str
    src: str  # docs path without language folder: "environnement/index.md"
    html: str  # built file, relative to the site root: "en/environnement/index.html"
    url: str  # online URL (directory URLs): "https://…/en/environnement/"
    title: str = ""
    section: str = ""  # top-level folder ("environnement"), "" for root pages

    @property
    def slug(self) -> str:
        return self.html.removesuffix(".html").replace("/", "-")


@dataclass
class Site:
    """The offline build of the site (use_directory_urls: false) and what is known about it."""

    root: Path
    site_url: str
    names: dict[str, str]  # site_name per language
    nav: list[str]  # docs paths in navigation order
    nav_titles: dict[str, dict[str, str]] = field(default_factory=dict)  # section titles
    claims: list[dict] = field(default_factory=list)
    languages: SiteLanguages = WITHOUT_I18N  # mkdocs.yml's (site_languages.py)
    # The bibliography page, as the claims plugin names it (mkdocs.yml).
    bibliography_page: str = ClaimsPluginConfig.bibliography_page.default

    def pages(self, lang: str) -> list[Page]:
        out = []
        for src in self.nav:
            html = src[:-3] + ".html"
            prefix = self.languages.prefix(lang)
            path = prefix + html
            online = src[:-3]
            online = online[: -len("index")] if online.endswith("index") else online + "/"
            online = prefix + online
            page = Page(
                lang=lang,
                src=src,
                html=path,
                url=urljoin(self.site_url, online),
                section=src.split("/")[0] if "/" in src else "",
            )
            page.title = page_title(self.root / path)
            out.append(page)
        return out

    def themes(self) -> list[str]:
        """Top-level sections that hold claims, in navigation order."""
        with_claims = {c.get("theme") for c in self.claims}
        seen: list[str] = []
        for src in self.nav:
            top = src.split("/")[0] if "/" in src else ""
            if top and top in with_claims and top not in seen:
                seen.append(top)
        return seen

    def claims_of(self, lang: str) -> list[dict]:
        return [c for c in self.claims if c["lang"] == lang]


def page_title(path: Path) -> str:
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(path.read_bytes())
    h1 = tree.xpath("//article//h1")
    if h1:
        for link in h1[0].xpath(".//a[contains(@class,'headerlink')]"):
            link.drop_tree()
        return " ".join(h1[0].text_content().split())
    title = tree.findtext(".//title") or path.stem
    return title.split(" - ")[0].strip()


def flatten_nav(nav) -> list[str]:
    out: list[str] = []
    if isinstance(nav, str):
        if nav.endswith(".md") and "://" not in nav:
            out.append(nav)
    elif isinstance(nav, list):
        for item in nav:
            out += flatten_nav(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            out += flatten_nav(value)
    return out


def build_site(out: Path, config_file: Path | None = None) -> Site:
    """Strict offline build of the whole bilingual site into `out`."""
    from mkdocs.config import load_config

    config_file = (config_file or ROOT / OFFLINE_CONFIG).resolve()

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(config_file),
            "-d",
            str(out),
        ],
        cwd=config_file.parent,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise OfflineError(
            "offline build of the site failed:\n" + (result.stdout + result.stderr)[-4000:]
        )
    cwd = os.getcwd()
    try:  # relative paths (hooks, docs_dir) are resolved from the config's folder
        os.chdir(config_file.parent)
        config = load_config(str(config_file))
    finally:
        os.chdir(cwd)
    languages = site_languages(config)
    i18n = config.plugins.get("i18n")
    names = {languages.default: config.site_name}
    if i18n is not None:
        for language in i18n.config.languages:
            if language.site_name:
                names[language.locale] = language.site_name
    for lang in languages.codes:
        names.setdefault(lang, config.site_name)
    claims_plugin = config.plugins.get("observatoire/claims")
    claims_file = out / "claims.json"
    claims = json.loads(claims_file.read_text(encoding="utf-8")) if claims_file.exists() else []
    site_url = config.site_url or ""
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    return Site(
        root=out,
        site_url=site_url,
        names=names,
        nav=flatten_nav(config.nav),
        claims=claims,
        languages=languages,
        bibliography_page=claims_plugin.config.bibliography_page
        if claims_plugin is not None
        else Site.bibliography_page,
    )


def check_no_remote_resources(site_root: Path) -> None:
    """A page that would load a script, style, font or image from the network fails the kit."""
    import re

    pattern = re.compile(
        r"<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=\"(https?:)?//[^\"]+\""
        r"|<link\b[^>]*\brel=\"(?:stylesheet|preload|modulepreload|icon|manifest)\"[^>]*\bhref=\"(?:https?:)?//[^\"]+\""
        r"|url\((?:'|\")?(?:https?:)?//",
        re.I,
    )
    offenders = []
    for path in sorted(site_root.rglob("*")):
        if path.suffix not in {".html", ".css"} or not path.is_file():
            continue
        match = pattern.search(path.read_text(encoding="utf-8", errors="replace"))
        if match:
            offenders.append(f"{path.relative_to(site_root)}: {match.group(0)[:120]}")
    if offenders:
        raise OfflineError(
            "the offline copy would need the network (remote resources):\n  "
            + "\n  ".join(offenders[:20])
        )


def union_organisations(keys: list[str]) -> list[str]:
    """The union organisations whose texts the site is built from (references with a source
    page, i.e. the union texts given in full), those cited by the book first."""
    from observatoire_ia.claims.bibliography import Bibliography

    bib = ROOT / "bibliography.bib"
    if not bib.exists():
        return []
    references = Bibliography.load(bib).references
    texts = [ref for ref in references.values() if ref.source_page]
    texts.sort(key=lambda ref: keys.index(ref.key) if ref.key in keys else len(keys))
    names: list[str] = []
    for ref in texts:
        for name in ref.authors:
            if name not in names:
                names.append(name)
    return names


def human_size(size: int) -> str:
    for unit in ("o", "Ko", "Mo", "Go"):
        if size < 1024 or unit == "Go":
            return f"{size:.0f} {unit}" if unit == "o" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)

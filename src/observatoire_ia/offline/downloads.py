"""MkDocs hook (mkdocs.yml `hooks:`): the file list of the Downloads page.

docs/{fr,en}/telechargements.md hold the marker `<!-- downloads -->`. When `make offline` has
written dist/manifest.json, the marker becomes a table of the kit's files (size, date) and the
files are copied next to the page (site/telechargements/); otherwise it becomes a notice saying
how to build them, so the online build stays valid (strict) without dist/.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import shutil
from pathlib import Path

from observatoire_ia.builds import offline_build
from observatoire_ia.dates import day_words
from observatoire_ia.i18n import text as ui
from observatoire_ia.site_languages import site_languages

MARKER = "<!-- downloads -->"
FOLDER = "telechargements"
# What each kind of file holds, and the language a booklet is in (i18n keys).
WHAT = {
    "zip": "downloads.zip",
    "pdf": "downloads.pdf",
    "epub": "downloads.epub",
    "zim": "downloads.zim",
}
LANGUAGE_NAMES = {"fr": "language.fr", "en": "language.en"}


def _dist(config) -> Path:
    return Path(config.config_file_path).parent / "dist"


def _size(size: int, lang: str) -> str:
    units = ui(lang, "downloads.units").split()
    value = float(size)
    for unit in units:
        if value < 1024 or unit == units[-1]:
            number = f"{value:.0f}" if unit == units[0] else f"{value:.1f}"
            return f"{number.replace('.', ',') if lang == 'fr' else number}\u00a0{unit}"
        value /= 1024
    return str(size)


def _what(entry: dict, lang: str) -> str:
    name = entry["name"]
    suffix = name.rsplit(".", 1)[-1]
    label = ui(lang, WHAT[suffix]) if suffix in WHAT else ""
    if suffix in {"pdf", "epub"}:
        code = name.rsplit(".", 1)[0].rsplit("-", 1)[-1]
        title = entry.get("title")
        label += f" — {title}" if title else ""
        label += f" ({ui(lang, LANGUAGE_NAMES[code]) if code in LANGUAGE_NAMES else code})"
    return label


def _date(value: str, lang: str) -> str:
    try:
        return day_words(dt.date.fromisoformat(value), lang)
    except ValueError:
        return value


def table(manifest: dict, lang: str, prefix: str) -> str:
    day = html.escape(_date(manifest.get("date", ""), lang))
    rows = []
    for entry in manifest.get("files", []):
        name = html.escape(entry["name"])
        rows.append(
            f'<tr><td><a href="{prefix}{name}" download>{name}</a></td>'
            f"<td>{html.escape(_what(entry, lang))}</td>"
            f"<td>{_size(entry['size'], lang)}</td><td>{day}</td></tr>"
        )
    return (
        f'<table class="downloads"><thead><tr><th>{ui(lang, "downloads.file")}</th><th>{ui(lang, "downloads.what")}</th>'
        f"<th>{ui(lang, 'downloads.size')}</th><th>{ui(lang, 'downloads.date')}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def on_page_markdown(markdown: str, page, config, files):
    if MARKER not in markdown:
        return markdown
    languages = site_languages(config)
    lang = page.file.src_uri.split("/")[0]
    lang = lang if lang in languages.codes else languages.default
    if offline_build(config):
        online = (config.site_url or "").rstrip("/") + "/" + languages.prefix(lang) + FOLDER + "/"
        return markdown.replace(MARKER, ui(lang, "downloads.offline") + f"<{online}>")
    manifest_file = _dist(config) / "manifest.json"
    if not manifest_file.exists():
        return markdown.replace(MARKER, ui(lang, "downloads.missing"))
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    prefix = "../" * page.url.count("/") + FOLDER + "/"
    return markdown.replace(MARKER, "\n" + table(manifest, lang, prefix) + "\n")


def on_post_build(config):
    if offline_build(config):
        return
    dist = _dist(config)
    manifest_file = dist / "manifest.json"
    if not manifest_file.exists():
        return
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    target = Path(config.site_dir) / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for entry in manifest.get("files", []):
        source = dist / entry["name"]
        if source.exists():
            shutil.copyfile(source, target / entry["name"])

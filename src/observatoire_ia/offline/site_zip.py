"""The whole bilingual site as a zip that works from file:// (double-click on index.html)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..dates import build_date, day_words
from ..i18n import text as ui
from .kit import Site

FOLDER = "observatoire-ia-hors-ligne"


def write_readmes(site: Site) -> None:
    """How to open the copy, in each language (LISEZ-MOI.txt, README.txt)."""
    day = build_date()
    for lang in site.languages.codes:
        readme = ui(lang, "kit.readme").format(
            date=day_words(day, lang),
            url=site.site_url + site.languages.prefix(lang),
            folder=FOLDER,
        )
        (site.root / ui(lang, "kit.readme_name")).write_text(readme, encoding="utf-8")


def write_zip(site: Site, target: Path) -> None:
    """Deterministic zip (sorted names, fixed timestamps) under one top folder."""
    write_readmes(site)
    day = build_date()
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for file in sorted(site.root.rglob("*")):
            if not file.is_file() or file.name in {"sitemap.xml.gz"}:
                continue
            info = zipfile.ZipInfo(
                f"{FOLDER}/{file.relative_to(site.root).as_posix()}", date_time=stamp
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, file.read_bytes())

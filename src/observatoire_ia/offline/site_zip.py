"""The whole bilingual site as a zip that works from file:// (double-click on index.html)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .booklet import build_date, format_date
from .kit import Site

FOLDER = "observatoire-ia-hors-ligne"

README_FR = """Observatoire syndical de l'IA — copie hors ligne
=================================================

Édition du {date_fr}. Version en ligne : {url}

Pour ouvrir le site sans connexion :
1. Décompressez ce fichier zip (clic droit > « Extraire tout » sous Windows,
   double-clic sous macOS, ou avec le gestionnaire de fichiers sous Android).
2. Ouvrez le dossier « {folder} » puis double-cliquez sur « index.html » :
   le site s'ouvre dans votre navigateur (Firefox, Chrome, Edge, Safari).
3. Tout fonctionne sans réseau : navigation, recherche en français et en anglais,
   changement de langue, citations et bibliographie.

Pour une formation : copiez le dossier entier sur une clé USB. Sur un téléphone
Android, l'application Kiwix lit aussi le fichier .zim du kit.

Contenus sous licence CC BY-SA 4.0 ; les textes syndicaux cités restent
l'œuvre de leurs organisations.
"""

README_EN = """Trade Union AI Observatory — offline copy
=========================================

Edition of {date_en}. Online version: {url}en/

To open the site with no connection:
1. Unzip this file (right click > "Extract all" on Windows, double-click on
   macOS, or with the file manager on Android).
2. Open the "{folder}" folder and double-click "index.html" (French) or
   "en/index.html" (English): the site opens in your browser.
3. Everything works with no network: navigation, search in French and in English,
   language switch, citations and bibliography.

For a training session: copy the whole folder to a USB stick. On an Android
phone, the Kiwix app also reads the kit's .zim file.

Content under CC BY-SA 4.0; the union texts quoted remain the work of their
organisations.
"""


def write_readmes(site: Site) -> None:
    day = build_date()
    values = {
        "date_fr": format_date(day, "fr"),
        "date_en": format_date(day, "en"),
        "url": site.site_url,
        "folder": FOLDER,
    }
    (site.root / "LISEZ-MOI.txt").write_text(README_FR.format(**values), encoding="utf-8")
    (site.root / "README.txt").write_text(README_EN.format(**values), encoding="utf-8")


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

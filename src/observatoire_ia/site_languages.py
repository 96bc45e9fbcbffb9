"""The site's languages, read once from mkdocs.yml: mkdocs-static-i18n's `languages`.

Each language's locale and name (the language switch's « Français », "English") and the
default one (`default: true`: served at the site root, the others under `<lang>/`) are
declared there and nowhere else; every plugin, the offline kit, the quality gates and the
scripts read them through `site_languages` (a loaded MkDocs config) or
`site_languages_of` (a mkdocs.yml on disk). A site without mkdocs-static-i18n is taken to
have the docs/fr/ and docs/en/ folders of this project, French first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig


@dataclass(frozen=True)
class SiteLanguages:
    codes: tuple[str, ...]  # in mkdocs.yml's order, e.g. ("fr", "en")
    default: str
    names: dict[str, str] = field(default_factory=dict, compare=False)  # "fr" -> "Français"

    def prefix(self, lang: str) -> str:
        """ "" for the default language, "en/" for the others: where a language's pages live."""
        return "" if lang == self.default else f"{lang}/"

    def others(self, lang: str) -> tuple[str, ...]:
        return tuple(code for code in self.codes if code != lang)


WITHOUT_I18N = SiteLanguages(("fr", "en"), "fr", {"fr": "Français", "en": "English"})


def _from_i18n(languages: list) -> SiteLanguages:
    """From mkdocs-static-i18n's `languages` entries (dicts, or its validated Config)."""
    entries = [dict(language) for language in languages]
    built = [e for e in entries if e.get("build", True) and e.get("locale") != "null"]
    codes = tuple(e["locale"] for e in built)
    default = next((e["locale"] for e in built if e.get("default")), codes[0])
    return SiteLanguages(codes, default, {e["locale"]: e.get("name") or e["locale"] for e in built})


def site_languages(config: MkDocsConfig) -> SiteLanguages:
    """The languages of a loaded MkDocs config."""
    i18n = config.plugins.get("i18n")
    if i18n is None or not i18n.config.languages:
        return WITHOUT_I18N
    return _from_i18n(i18n.config.languages)


def read_mkdocs_yml(mkdocs_yml: Path) -> dict:
    """A mkdocs.yml on disk as data, without loading its plugins (INHERIT followed as MkDocs
    does); {} when there is none."""
    from mkdocs.utils.yaml import yaml_load

    if not mkdocs_yml.is_file():
        return {}
    with mkdocs_yml.open("rb") as file:
        return yaml_load(file) or {}


def site_languages_of(mkdocs_yml: Path) -> SiteLanguages:
    """The languages of a mkdocs.yml on disk (tools that read a built site, scripts). A folder
    without mkdocs.yml (a script's test project) has this project's two languages."""
    config = read_mkdocs_yml(mkdocs_yml)
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "i18n" in entry:
            languages = (entry["i18n"] or {}).get("languages")
            if languages:
                return _from_i18n(languages)
    return WITHOUT_I18N

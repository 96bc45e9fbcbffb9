"""The helpers every plugin shares, each written once (issue 17): the site's languages read from
mkdocs.yml, where a page stands, how a file is named in a message, atomic cache files."""

from __future__ import annotations

import textwrap
from pathlib import Path
from types import SimpleNamespace

from observatoire_ia.cache_files import write_atomic
from observatoire_ia.display_paths import display_path
from observatoire_ia.page_location import PageLocator
from observatoire_ia.site_languages import WITHOUT_I18N, site_languages_of

ROOT = Path(__file__).resolve().parents[1]


def test_the_site_languages_are_read_from_mkdocs_yml_and_its_offline_child():
    for name in ("mkdocs.yml", "mkdocs.offline.yml"):  # the kit's INHERITs the site's
        languages = site_languages_of(ROOT / name)
        assert languages.codes == ("fr", "en") and languages.default == "fr"
        assert languages.names == {"fr": "Français", "en": "English"}
        assert languages.prefix("fr") == "" and languages.prefix("en") == "en/"
        assert languages.others("fr") == ("en",)


def test_another_default_language_and_a_language_not_built(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(
            """\
            site_name: Autre
            plugins:
              - search
              - i18n:
                  languages:
                    - locale: fr
                      name: Français
                    - locale: en
                      name: English
                      default: true
                    - locale: de
                      name: Deutsch
                      build: false
            """
        ),
        encoding="utf-8",
    )
    languages = site_languages_of(tmp_path / "mkdocs.yml")
    assert languages.codes == ("fr", "en") and languages.default == "en"
    assert languages.prefix("fr") == "fr/" and languages.prefix("en") == ""


def test_a_site_without_i18n_or_without_mkdocs_yml_has_the_project_layout(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: Seul\nplugins:\n  - search\n", "utf-8")
    assert site_languages_of(tmp_path / "mkdocs.yml") == WITHOUT_I18N
    assert site_languages_of(tmp_path / "absent.yml") == WITHOUT_I18N
    assert WITHOUT_I18N.codes == ("fr", "en") and WITHOUT_I18N.default == "fr"


def test_a_page_is_located_by_language_and_path(tmp_path):
    docs = tmp_path / "docs"
    (docs / "en" / "travail").mkdir(parents=True)
    source = docs / "en" / "travail" / "emploi.md"
    source.write_text("# Jobs\n", encoding="utf-8")
    locate = PageLocator(tmp_path / "docs" / ".." / "docs")  # any spelling of the folder
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(source)))
    assert locate(page) == ("en", "travail/emploi.md")
    source.unlink()  # located once: asking again needs no file system
    assert locate(page) == ("en", "travail/emploi.md")


def test_files_are_named_from_the_project_root(tmp_path):
    inside = tmp_path / "docs" / "fr" / "index.md"
    assert display_path(inside, tmp_path) == "docs/fr/index.md"
    assert display_path(inside, tmp_path / "ailleurs") == inside.as_posix()
    assert display_path(Path("docs/fr/index.md"), None) == "docs/fr/index.md"


def test_an_atomic_write_leaves_the_whole_file_and_no_temporary_one(tmp_path):
    target = tmp_path / "cards" / "carte.png"
    write_atomic(target, b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["carte.png"]

"""One table of interface strings per language (src/observatoire_ia/i18n.py, issue 17): every
site language has one, every table has the same keys, every key is read by some code, and no
other table of strings per language is left in the package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from observatoire_ia import i18n
from observatoire_ia.site_languages import site_languages_of

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "observatoire_ia"
# Tables per language that are not interface strings of this table, with the reason.
OTHER_TABLES = {
    # the claim explorer's strings (another issue works on that module)
    ("entry_points/explorer.py", "STRINGS"),
    # citeproc's style and locale per language: formatting data, not words
    ("claims/bibliography.py", "STYLES"),
}


def string_constants(path: Path) -> set[str]:
    """Every string literal of a module (f-strings' literal parts and arguments included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def missing_keys(tables: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """Per language, the keys another language has and this one lacks."""
    every = set().union(*(set(t) for t in tables.values()))
    return {lang: sorted(every - set(t)) for lang, t in tables.items() if every - set(t)}


def unused_keys(tables: dict[str, dict[str, str]], modules: list[Path]) -> list[str]:
    """Keys that no module names as a string literal (keys are never built from pieces)."""
    used = set().union(*(string_constants(m) for m in modules))
    every = set().union(*(set(t) for t in tables.values()))
    return sorted(every - used)


def readers() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if p != PACKAGE / "i18n.py"]


def test_every_site_language_has_a_table():
    languages = site_languages_of(ROOT / "mkdocs.yml")
    assert set(languages.codes) == set(i18n.STRINGS)


def test_no_key_is_missing_in_a_language():
    assert missing_keys(i18n.STRINGS) == {}


def test_no_key_is_left_unread():
    assert unused_keys(i18n.STRINGS, readers()) == []


def test_the_checks_catch_a_missing_and_an_unused_key(tmp_path):
    module = tmp_path / "reader.py"
    module.write_text('ui(lang, "share.page")\nf"{ui(lang, \'lists.none\')}"\n', "utf-8")
    tables = {
        "fr": {"share.page": "a", "lists.none": "b", "orphan": "c"},
        "en": {"share.page": "a", "lists.none": "b"},
    }
    assert missing_keys(tables) == {"en": ["orphan"]}
    assert unused_keys(tables, [module]) == ["orphan"]


def test_an_unknown_language_is_named_in_the_error():
    with pytest.raises(i18n.MissingLanguageError, match="'de'.*i18n.py"):
        i18n.text("de", "colon")


def per_language_tables(path: Path) -> list[str]:
    """Names assigned a dict literal whose keys are language codes (a table per language),
    unless its values are all keys of the table (a language code -> i18n key map)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Dict):
            keys = {k.value for k in node.value.keys if isinstance(k, ast.Constant)}
            values = [v.value if isinstance(v, ast.Constant) else None for v in node.value.values]
            if {"fr", "en"} <= keys and not all(v in i18n.FR for v in values):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                found += [ast.unparse(t) for t in targets]
    return found


def test_no_other_table_of_strings_per_language_is_left():
    found = {
        (path.relative_to(PACKAGE).as_posix(), name)
        for path in readers()
        for name in per_language_tables(path)
    }
    assert found - OTHER_TABLES == set()


def test_french_strings_have_french_spacing():
    """Link-preview texts (og:image:alt), issue titles and the kit's files are written
    without the build's typography pass: the French table itself must be right."""
    from observatoire_ia.typography import french_spacing

    wrong = {key: value for key, value in i18n.FR.items() if french_spacing(value) != value}
    assert wrong == {}

"""Cache keys cover the code that made the entry, shared helpers included (cache_files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from observatoire_ia import cache_files
from observatoire_ia.cache_files import code_digest


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A fake package `pkg` with a subpackage, read by code_digest instead of ours."""
    root = tmp_path / "pkg"
    (root / "sub").mkdir(parents=True)
    files = {
        "sub/__init__.py": "",
        "sub/user.py": "from ..helper import x\nfrom . import sibling\nimport json\n",
        "sub/sibling.py": "from pkg.deep import y\n",
        "helper.py": "x = 1\n",
        "deep.py": "y = 2\n",
        "unrelated.py": "z = 3\n",
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(cache_files, "PACKAGE", root)
    cache_files._package_imports.cache_clear()
    yield root
    cache_files._package_imports.cache_clear()


def _changed(package: Path, name: str) -> bool:
    before = code_digest(package / "sub" / "user.py")
    path = package / name
    path.write_text(path.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    cache_files._package_imports.cache_clear()
    return code_digest(package / "sub" / "user.py") != before


@pytest.mark.parametrize("name", ["sub/user.py", "helper.py", "sub/sibling.py", "deep.py"])
def test_a_change_to_the_module_or_what_it_imports_changes_the_digest(package, name):
    # helper: `from ..x import`; sibling: `from . import x`; deep: imported by the sibling.
    assert _changed(package, name)


def test_a_module_not_imported_leaves_the_digest(package):
    assert not _changed(package, "unrelated.py")


def test_a_folder_covers_its_modules(package):
    before = code_digest(package / "sub")
    (package / "sub" / "sibling.py").write_text("w = 4\n", encoding="utf-8")
    cache_files._package_imports.cache_clear()
    assert code_digest(package / "sub") != before


@pytest.mark.parametrize(
    ("module", "shared"),
    [
        ("sharing/cards.py", "textfit.py"),  # wrapping and cutting the cards' texts
        ("claims/bibliography.py", "typography.py"),  # French spacing of the references
        ("claims/bibliography.py", "i18n.py"),
        ("quality", "parallel.py"),
        ("quality", "site_languages.py"),
        ("claims", "typography.py"),  # the verifier reads quotations with it
        ("claims", "textfit.py"),
    ],
)
def test_our_cache_keys_reach_the_shared_helpers(module, shared):
    """The real package: each cached module's digest reads the helpers it uses."""
    cache_files._package_imports.cache_clear()
    seen, todo = set(), [cache_files.PACKAGE / module]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo += sorted(path.rglob("*.py")) if path.is_dir() else cache_files._package_imports(path)
    assert cache_files.PACKAGE / shared in seen

"""A file as error messages and reports name it: relative to the project, in POSIX form."""

from __future__ import annotations

from pathlib import Path


def display_path(path: Path, root: Path | None) -> str:
    """`docs/fr/travail/emploi.md` for a file under `root`; the path as given otherwise."""
    if root is None:
        return path.as_posix()
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()

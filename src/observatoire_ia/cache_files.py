"""Files written whole or not at all, and the build caches made of them (`.cache/`).

A file is written to a temporary name beside it, then renamed over it: a reader (another
build, a worker process, a reader of the kit) sees the old file or the new one, never half
of one. The caches (parsed bibliography, formatted references, social cards) are keyed by
`fingerprint` of what their content depends on; a cache entry that cannot be read is rebuilt,
one that cannot be written only costs the next build its time. Part of that is the code that
made the entry: `code_digest` reads it with every module of this package it imports, so a
change to a shared helper (typography, strings table, text cutting) cannot leave a stale entry.
"""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import os
from functools import cache
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.observatoire.cache")


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def fingerprint(*parts: object) -> str:
    """A short hash of JSON-serialisable parts: the key of a cache entry."""
    data = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:20]


def read_json(path: Path) -> object | None:
    """The JSON of a cache entry, or None when it is missing or damaged."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_json(path: Path, data: object, stale: str) -> None:
    """Write a cache entry, removing the entries (glob `stale` in its folder) it replaces."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(stale):
            old.unlink()
        write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError as error:
        log.debug("cache not written (%s): %s", path, error)


PACKAGE = Path(__file__).resolve().parent  # src/observatoire_ia


def code_digest(*paths: Path) -> str:
    """A hash of the sources at `paths` (files, or folders: their .py files, recursively) and
    of every module of this package they import, directly or not."""
    files = []
    for path in paths:
        path = Path(path).resolve()
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    seen: set[Path] = set()
    todo = list(files)
    while todo:
        path = todo.pop()
        if path not in seen:
            seen.add(path)
            todo += _package_imports(path)
    digest = hashlib.sha256()
    for path in sorted(seen):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def _package_imports(path: Path) -> tuple[Path, ...]:
    """This package's modules that the module at `path` imports (relative or absolute)."""
    if PACKAGE not in path.parents:
        return ()
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    package = parts[:-1]  # the module's package (an __init__'s is its own folder)
    found: list[Path] = []
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.ImportFrom):
            named = node.module.split(".") if node.module else []
            if node.level:  # from . import x, from ..typography import y
                module = package[: len(package) - node.level + 1] + named
            elif named[:1] == [PACKAGE.name]:  # from observatoire_ia.claims import z
                module = named[1:]
            else:
                continue
            found += _module_files(module)
            for alias in node.names:  # `from . import parallel`: a module, not a name
                found += _module_files([*module, alias.name])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                named = alias.name.split(".")
                if named[0] == PACKAGE.name:
                    found += _module_files(named[1:])
    return tuple(found)


def _module_files(parts: list[str]) -> list[Path]:
    """The files of module `parts` of this package that exist: its packages' __init__ files,
    and the module's own file (a name that is no module gives only its package's)."""
    found = []
    for depth in range(len(parts) + 1):
        init = PACKAGE.joinpath(*parts[:depth], "__init__.py")
        if init.is_file():
            found.append(init)
    if parts and PACKAGE.joinpath(*parts).with_suffix(".py").is_file():
        found.append(PACKAGE.joinpath(*parts).with_suffix(".py"))
    return found

"""Files written whole or not at all, and the build caches made of them (`.cache/`).

A file is written to a temporary name beside it, then renamed over it: a reader (another
build, a worker process, a reader of the kit) sees the old file or the new one, never half
of one. The caches (parsed bibliography, formatted references, social cards) are keyed by
`fingerprint` of what their content depends on; a cache entry that cannot be read is rebuilt,
one that cannot be written only costs the next build its time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
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

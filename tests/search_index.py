"""The online search index (Pagefind) of a built site, read for tests: one record per page."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def pagefind_pages(site: Path) -> list[dict]:
    """Every page Pagefind indexed: {"url": "/travail/emploi/", "content": …, "meta": …,
    "language": "fr"} (its fragments are gzip behind a signature, named after the index's
    language)."""
    records = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        record = json.loads(data[len(SIGNATURE) :])
        record["language"] = path.name.split("_", 1)[0]
        records.append(record)
    assert records, f"no Pagefind index in {site}"
    return records

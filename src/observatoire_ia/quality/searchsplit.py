"""One search index per language, next to Material's combined one.

mkdocs-static-i18n writes a single search/search_index.json for both languages. Pages load
search/search_index.<lang>.json instead (see assets/search-lazy.js), on first use of search.
"""

from __future__ import annotations

import json
from pathlib import Path


def split_search_index(site_dir: Path, languages: list[str], default: str) -> list[str]:
    """Write search_index.<lang>.json for each language; returns the languages written."""
    combined = site_dir / "search" / "search_index.json"
    if not combined.exists():
        return []
    index = json.loads(combined.read_text(encoding="utf-8"))
    others = [lang for lang in languages if lang != default]
    written = []
    for lang in languages:
        if lang == default:
            docs = [
                doc
                for doc in index.get("docs", [])
                if not any(doc["location"].startswith(f"{other}/") for other in others)
            ]
        else:
            docs = [doc for doc in index.get("docs", []) if doc["location"].startswith(f"{lang}/")]
        config = {**index.get("config", {}), "lang": [lang]}
        out = combined.with_name(f"search_index.{lang}.json")
        out.write_text(
            json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )
        written.append(lang)
    return written

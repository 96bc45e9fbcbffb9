"""Machine-readable exports at the site root: claims.json, bibliography.json, bibliography.bib."""

from __future__ import annotations

import json
from pathlib import Path

from .registry import ClaimRegistry


def page_url_path(page: str, lang: str, default_lang: str) -> str:
    """`travail/emploi.md` -> `travail/emploi/` (or `en/travail/emploi/`), directory URLs."""
    path = page[: -len(".md")]
    if path == "index":
        path = ""
    elif path.endswith("/index"):
        path = path[: -len("index")]
    else:
        path += "/"
    prefix = "" if lang == default_lang else f"{lang}/"
    return prefix + path


def page_href(page: str, lang: str, default_lang: str, directory_urls: bool = True) -> str:
    """The built file of a docs page, from the site root: `travail/emploi/` with directory
    URLs, `travail/emploi.html` without (the offline kit), `en/…` for other languages."""
    if directory_urls:
        return page_url_path(page, lang, default_lang)
    prefix = "" if lang == default_lang else f"{lang}/"
    return prefix + page[: -len(".md")] + ".html"


def claims_export(registry: ClaimRegistry, site_url: str, default_lang: str) -> list[dict]:
    base = site_url.rstrip("/") + "/"
    records = []
    for lang in registry.languages:
        for claim in registry.claims(lang):
            page_path = page_url_path(claim.page, lang, default_lang)
            records.append(
                {
                    "id": claim.id,
                    "lang": lang,
                    "url": f"{base}{page_path}#{claim.id}",
                    "text": registry.plain_text(claim),
                    # French on an English page waiting for its translation (claims/pending.py).
                    "text_lang": registry.text_lang(claim),
                    "page": page_path,
                    "page_title": registry.page_scan(lang, claim.page).title,
                    "theme": claim.theme,
                    "sources": claim.keys,
                    "tags": list(claim.tags),
                }
            )
    return records


def write_exports(
    registry: ClaimRegistry, site_dir: Path, site_url: str, default_lang: str
) -> None:
    site_dir.mkdir(parents=True, exist_ok=True)
    dump = _json_lines
    (site_dir / "claims.json").write_text(
        dump(claims_export(registry, site_url, default_lang)), encoding="utf-8"
    )
    (site_dir / "bibliography.json").write_text(
        dump(registry.bibliography.csl_json("fr")), encoding="utf-8"
    )
    (site_dir / "bibliography.bib").write_text(registry.bibliography.source, encoding="utf-8")


def _json_lines(records: list[dict]) -> str:
    """A JSON array, one record per line: readable and diffable, and written by json's C
    encoder (indent= falls back to the pure-Python one: seconds for 20 000 claims)."""
    lines = [json.dumps(record, ensure_ascii=False, sort_keys=True) for record in records]
    return "[\n" + ",\n".join(lines) + "\n]\n"

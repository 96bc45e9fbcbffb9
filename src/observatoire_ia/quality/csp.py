"""Content-Security-Policy as a <meta> tag: only the site itself, inline code by hash.

Material emits a few small inline scripts (storage helpers, palette restore, tab restore)
whose text depends on the page depth, so the policy is computed per page from the scripts
the page actually contains. JSON data blocks (`type="application/json"`) are not executed
and need no hash. The inline <style> of the first paint (critical_path.py) is allowed by its hash
too; style attributes stay forbidden.
"""

from __future__ import annotations

import base64
import hashlib
import re

MARKER = 'http-equiv="Content-Security-Policy"'
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_INLINE_STYLE = re.compile(r"<style(?:\s[^>]*)?>(?P<body>.*?)</style>", re.S | re.I)
_HEAD_ANCHOR = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.I)


def _source(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' sources for every executable inline script, in page order, without repeats."""
    hashes: list[str] = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if re.search(r"\ssrc\s*=", attrs, re.I):
            continue
        type_match = _TYPE.search(attrs)
        if type_match and type_match.group(1).lower() not in _EXECUTABLE_TYPES:
            continue
        source = _source(match.group("body"))
        if source not in hashes:
            hashes.append(source)
    return hashes


def inline_style_hashes(html: str) -> list[str]:
    """'sha256-…' sources for every <style> element outside <noscript>, without repeats."""
    html = re.sub(r"<noscript>.*?</noscript>", "", html, flags=re.S | re.I)
    return list(dict.fromkeys(_source(m.group("body")) for m in _INLINE_STYLE.finditer(html)))


def policy(
    script_hashes: list[str], style_hashes: list[str] | None = None, wasm: bool = False
) -> str:
    """`wasm`: WebAssembly may be compiled (Pagefind's search runs in it)."""
    script_src = " ".join(["'self'", *(["'wasm-unsafe-eval'"] if wasm else []), *script_hashes])
    style_src = " ".join(["'self'", *(style_hashes or [])])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {script_src}",
            f"style-src {style_src}",
            # Material's icons are data: SVGs in its stylesheet (CSS masks count as images).
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def add_csp(html: str, wasm: bool = False) -> str:
    """Insert the policy as the first element after <meta charset> (it only governs what follows)."""
    if MARKER in html:
        return html
    hashes = (inline_script_hashes(html), inline_style_hashes(html))
    tag = f'<meta {MARKER} content="{policy(*hashes, wasm=wasm)}">'
    anchor = _HEAD_ANCHOR.search(html)
    if anchor:
        return html[: anchor.end()] + "\n      " + tag + html[anchor.end() :]
    head = re.search(r"<head[^>]*>", html, re.I)
    if not head:
        return html
    return html[: head.end()] + tag + html[head.end() :]

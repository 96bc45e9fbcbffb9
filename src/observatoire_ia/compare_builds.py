"""Two builds of the site or of the offline kit compared file by file (refactors must leave
the output byte-identical; issue 17).

Only what changes from one build to the next without any change of code is masked: the gzip
header of sitemap.xml.gz (compared decompressed), a PDF's CreationDate and ModDate and the
node ids Chromium numbers its tagged-PDF structure with (renumbered in order of first use),
an EPUB's dcterms:modified (its members compared after it is removed) and, in the kit's
manifest.json, the size of an EPUB (which follows that time stamp's compression).
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zipfile
from pathlib import Path

_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[^)]*\)")
_PDF_NODE = re.compile(rb"\(node\d+\)")
_EPUB_MODIFIED = re.compile(rb'<meta property="dcterms:modified">[^<]*</meta>')


def normalised(path: Path) -> bytes:
    """The bytes of a built file with its build time stamps masked."""
    data = path.read_bytes()
    if path.name == "manifest.json":
        manifest = json.loads(data)
        for entry in manifest.get("files", []):
            if entry.get("name", "").endswith(".epub"):
                entry.pop("size", None)
        return json.dumps(manifest, sort_keys=True).encode()
    if path.suffix == ".gz":
        return gzip.decompress(data)
    if path.suffix == ".pdf":
        data = _PDF_DATE.sub(b"/Date ()", data)
        ids: dict[bytes, bytes] = {}
        return _PDF_NODE.sub(lambda m: ids.setdefault(m[0], b"(n%d)" % len(ids)), data)
    if path.suffix == ".epub":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [
                info.filename.encode() + b"\0" + _EPUB_MODIFIED.sub(b"", archive.read(info))
                for info in archive.infolist()
            ]
        return b"\0\0".join(members)
    return data


def differences(before: Path, after: Path) -> tuple[int, list[str]]:
    """(files compared, one line per file that differs or exists on one side only)."""
    files = {p.relative_to(before) for p in before.rglob("*") if p.is_file()}
    other = {p.relative_to(after) for p in after.rglob("*") if p.is_file()}
    found = [f"only in {before if rel in files else after}: {rel}" for rel in sorted(files ^ other)]
    for rel in sorted(files & other):
        a, b = before / rel, after / rel
        if a.read_bytes() != b.read_bytes() and normalised(a) != normalised(b):
            found.append(f"differs: {rel}")
    return len(files & other), found

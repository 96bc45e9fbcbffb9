"""scripts/compare_builds.py: two builds compared file by file, only build time stamps masked
(the proof of byte-identity that issue 17 asks of every refactor)."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from observatoire_ia.compare_builds import differences

ROOT = Path(__file__).resolve().parents[1]


def pdf(date: str, node: int, text: str = "page") -> bytes:
    return (
        f"%PDF-1.7\n<</Creator (Chromium)\n/CreationDate (D:{date}+00'00')\n"
        f"/ModDate (D:{date}+00'00')>>\n/ID (node{node:08d})>>\n/Headers [(node{node:08d})]\n"
        f"/Names [(node{node:08d}) 9 0 R (node{node + 1:08d}) 10 0 R]\n({text})\n"
    ).encode()


def epub(modified: str, body: str = "<p>texte</p>") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr(
            "EPUB/content.opf",
            f'<package><meta property="dcterms:modified">{modified}</meta></package>',
        )
        archive.writestr("EPUB/page.xhtml", body)
    return out.getvalue()


def write(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def kit(folder: Path, *, date: str, node: int, modified: str, size: int, **changes) -> Path:
    manifest = {"date": "2026-01-01", "files": [{"name": "livre.epub", "size": size}]}
    files = {
        "index.html": b"<p>Accueil</p>",
        "sitemap.xml.gz": gzip.compress(b"<urlset/>", mtime=node),
        "livret.pdf": pdf(date, node),
        "livre.epub": epub(modified),
        "manifest.json": json.dumps(manifest).encode(),
    }
    return write(folder, {**files, **changes})


def test_builds_that_differ_only_in_time_stamps_are_the_same(tmp_path):
    before = kit(tmp_path / "a", date="20260101080000", node=3466, modified="08:00", size=10)
    after = kit(tmp_path / "b", date="20260102090000", node=3471, modified="09:00", size=11)
    assert differences(before, after) == (5, [])


def test_a_changed_byte_anywhere_else_is_reported(tmp_path):
    before = kit(tmp_path / "a", date="2026", node=1, modified="08:00", size=10)
    cases = {
        "index.html": b"<p>Accueil </p>",
        "sitemap.xml.gz": gzip.compress(b"<urlset></urlset>", mtime=1),
        "livret.pdf": pdf("2026", 1, text="page 2"),
        "livre.epub": epub("08:00", body="<p>texte.</p>"),
    }
    for name, data in cases.items():
        after = kit(tmp_path / name, date="2026", node=1, modified="08:00", size=10, **{name: data})
        assert differences(before, after) == (5, [f"differs: {name}"])
    # ids renumbered in order of first use: a different pattern of ids is a difference
    swapped = pdf("2026", 1).replace(b"(node00000002) 10", b"(node00000001) 10")
    after = kit(
        tmp_path / "ids", date="2026", node=1, modified="08:00", size=10, **{"livret.pdf": swapped}
    )
    assert differences(before, after)[1] == ["differs: livret.pdf"]


def test_a_missing_or_extra_file_is_reported(tmp_path):
    before = write(tmp_path / "a", {"index.html": b"x", "c/id/index.html": b"y"})
    after = write(tmp_path / "b", {"index.html": b"x", "en/index.html": b"z"})
    compared, found = differences(before, after)
    assert compared == 1
    assert found == [f"only in {before}: c/id/index.html", f"only in {after}: en/index.html"]


def test_the_script_exits_1_on_a_difference(tmp_path):
    a = write(tmp_path / "a", {"index.html": b"x"})
    b = write(tmp_path / "b", {"index.html": b"x"})
    c = write(tmp_path / "c", {"index.html": b"y"})
    script = [sys.executable, str(ROOT / "scripts" / "compare_builds.py")]
    same = subprocess.run([*script, str(a), str(b)], capture_output=True, text=True)
    assert same.returncode == 0 and "1 files compared, 0 differences" in same.stdout
    other = subprocess.run(
        [*script, str(a), str(b), str(a), str(c)], capture_output=True, text=True
    )
    assert other.returncode == 1 and "differs: index.html" in other.stdout

"""Reproducible from cold: two builds from empty caches give the same site and the same kit.

The two builds (tests/conftest.py::cold_builds) differ in everything that must not matter: the
repository's path, the hash seed (set and dict ordering), the wall-clock time, and they start
with no cache at all, so social cards and formatted citations are computed in both. The site
and the zip, EPUB and ZIM files must be identical byte for byte; the PDFs (Chromium writes its
own creation ids), identical in text and fonts.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import required_tool


def tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def first_difference(a: Path, b: Path) -> str:
    x, y = a.read_bytes(), b.read_bytes()
    at = next((i for i in range(min(len(x), len(y))) if x[i] != y[i]), min(len(x), len(y)))
    return f"{x[max(0, at - 60) : at + 60]!r}\n    vs {y[max(0, at - 60) : at + 60]!r}"


def differences(a: Path, b: Path) -> list[str]:
    first, second = tree(a), tree(b)
    assert first, f"nothing built in {a}"
    missing = sorted(set(first) ^ set(second))
    differing = [name for name in first if name in second and first[name] != second[name]]
    return [f"only in one build: {name}" for name in missing] + [
        f"{name}: {first_difference(a / name, b / name)}" for name in differing
    ]


def test_both_builds_started_from_empty_caches(cold_builds):
    for build in cold_builds:
        drawn = re.search(r"sharing: (\d+) social card\(s\) drawn", build.log)
        assert drawn and int(drawn.group(1)) > 500, build.log[-3000:]
        assert (build.root / ".cache" / "citations").is_dir()
        print(f"\ncold build in {build.root}: {build.seconds:.0f} s (site and kit)")
    assert cold_builds[0].root.parent != cold_builds[1].root.parent


def test_cards_drawn_cold_are_1200_by_630(cold_builds):
    """Every social card drawn without a cache (issue 7: 1200×630 PNG): a layout change shows
    here even when a stale card cache would hide it from the warm build's tests."""
    cards = sorted((cold_builds[0].site / "assets" / "cards").rglob("*.png"))
    assert len(cards) > 500, len(cards)
    wrong = []
    for card in cards:
        header = card.read_bytes()[:24]  # PNG signature, IHDR length and type, width, height
        assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR", card
        size = (int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big"))
        if size != (1200, 630):
            wrong.append(f"{card.relative_to(cold_builds[0].site)}: {size}")
    assert not wrong, wrong[:10]


def test_two_cold_builds_give_the_same_site(cold_builds):
    first, second = (build.site for build in cold_builds)
    found = differences(first, second)
    print(f"\nreproducible: {len(tree(first))} files of the site compared")
    assert not found, "\n".join(found[:10])
    for name in ("claims.json", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json"):
        assert (first / name).is_file(), f"{name} missing from the build"


def test_two_cold_builds_give_the_same_kit(cold_builds):
    first, second = (build.dist for build in cold_builds)
    names = sorted(path.name for path in first.iterdir())
    assert {n.rsplit(".", 1)[-1] for n in names} >= {"zip", "pdf", "epub", "zim", "json"}, names
    assert names == sorted(path.name for path in second.iterdir())
    same_bytes = [n for n in names if not n.endswith(".pdf") and n != "manifest.json"]
    differing = [
        f"{n}: {first_difference(first / n, second / n)}"
        for n in same_bytes
        if (first / n).read_bytes() != (second / n).read_bytes()
    ]
    assert not differing, "\n".join(differing)
    # The manifest lists each file's size: the same but for the PDFs' (compared below).
    manifests = [
        json.loads((d / "manifest.json").read_text(encoding="utf-8")) for d in (first, second)
    ]
    for manifest in manifests:
        for entry in manifest["files"]:
            if entry["name"].endswith(".pdf"):
                entry.pop("size")
    assert manifests[0] == manifests[1]


def pdf_facts(pdf: Path) -> tuple[str, str]:
    text = subprocess.run(
        [required_tool("pdftotext", "apt-get install poppler-utils"), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fonts = subprocess.run(
        [required_tool("pdffonts", "apt-get install poppler-utils"), str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # columns: name type encoding emb sub uni object-id; object ids are the PDF writer's own
    rows = [line.split()[:-2] for line in fonts.splitlines()[2:] if line.strip()]
    return text, "\n".join(" ".join(row) for row in rows)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_two_cold_builds_give_pdfs_with_the_same_text_and_fonts(cold_builds, lang):
    first, second = (build.dist for build in cold_builds)
    pdfs = sorted(path.name for path in first.glob(f"*-{lang}.pdf"))
    assert len(pdfs) >= 2, pdfs  # the whole site and one booklet per theme
    for name in pdfs:
        text, fonts = pdf_facts(first / name)
        assert text.strip() and fonts, name
        assert (text, fonts) == pdf_facts(second / name), name

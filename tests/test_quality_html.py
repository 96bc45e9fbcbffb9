"""HTML validity gate: the W3C Nu validator (npm vnu-jar, Debian Java) reports 0 errors on
every page type in both languages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from observatoire_ia.quality.pages import MANDATORY, PAGE_TYPES, missing_reason, page_refs

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def validated(site_dir):
    if not VNU.exists() or not shutil.which("java"):
        # CI installs the npm tools (npm ci): there, a missing tool is a failure.
        (pytest.fail if os.environ.get("CI") else pytest.skip)("vnu-jar (npm ci) or java missing")
    refs = {(kind, lang): ref for kind, lang, ref in page_refs(site_dir) if ref}
    files = [str(site_dir / ref.path) for ref in refs.values()]
    result = subprocess.run(
        ["java", "-Xss2m", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors: dict[str, list[str]] = {}
    for message in messages:
        path = Path(message["url"].removeprefix("file:")).resolve()
        rel = path.relative_to(site_dir.resolve()).as_posix()
        errors.setdefault(rel, []).append(
            f"{rel}:{message.get('lastLine', '?')}: {message['type']}: {message['message']}"
        )
    assert all(m["type"] in ("error", "non-document-error") for m in messages)
    return refs, errors


@pytest.mark.parametrize("kind", PAGE_TYPES)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_nu_validator_no_errors(validated, kind, lang):
    refs, errors = validated
    if (kind, lang) not in refs:
        if kind in MANDATORY:
            pytest.fail(missing_reason(kind, lang))
        pytest.skip(missing_reason(kind, lang))
    ref = refs[(kind, lang)]
    assert not errors.get(ref.path), "\n".join(errors[ref.path])

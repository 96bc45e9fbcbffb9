"""HTML validity gate: the W3C Nu validator (npm vnu-jar, Debian Java) reports 0 errors on
every page type in both languages.

The validator must prove it ran: it also checks a page known to be invalid (no <title>), whose
error must come back, and its exit code must say errors were found (1), for that page only.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import required_tool
from observatoire_ia.quality.pages import EXPECTED, missing_reason, page_refs

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CANARY = '<!DOCTYPE html>\n<html lang="fr">\n<head><meta charset="utf-8"></head>\n<body><p>x</p></body>\n</html>\n'


def relative(message: dict, root: Path) -> str:
    path = Path(message["url"].removeprefix("file:")).resolve()
    return path.relative_to(root.resolve()).as_posix()


@pytest.fixture(scope="module")
def validated(site_dir, tmp_path_factory):
    vnu = required_tool(VNU, "npm ci (make test runs it)")
    java = required_tool("java", "apt-get install default-jre-headless")
    refs = {(kind, lang): ref for kind, lang, ref in page_refs(site_dir) if ref}
    canary = tmp_path_factory.mktemp("vnu") / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    files = [str(site_dir / ref.path) for ref in refs.values()] + [str(canary)]
    result = subprocess.run(
        [java, "-Xss2m", "-jar", vnu, "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]  # no output at all is a failure
    canary_errors = [m for m in messages if m["url"].endswith("/canary.html")]
    assert any("title" in m["message"] for m in canary_errors), (
        f"the validator did not report the page without <title>: {result.stderr[:2000]}"
    )
    assert result.returncode == 1, f"exit code {result.returncode} with errors found"
    assert all(m["type"] in ("error", "non-document-error") for m in messages), messages
    errors: dict[str, list[str]] = {}
    for message in messages:
        if message in canary_errors:
            continue
        rel = relative(message, site_dir)
        errors.setdefault(rel, []).append(
            f"{rel}:{message.get('lastLine', '?')}: {message['type']}: {message['message']}"
        )
    return refs, errors


@pytest.mark.parametrize(("kind", "lang"), EXPECTED)
def test_nu_validator_no_errors(validated, kind, lang):
    refs, errors = validated
    if (kind, lang) not in refs:
        pytest.fail(missing_reason(kind, lang))
    ref = refs[(kind, lang)]
    assert not errors.get(ref.path), "\n".join(errors[ref.path])


def test_every_page_type_was_validated(validated):
    refs, errors = validated
    assert set(refs) == set(EXPECTED)
    assert set(errors) <= {ref.path for ref in refs.values()}, sorted(errors)

"""Accessibility gate: axe-core finds 0 violations on every page type, in both languages and
both colour schemes; the claim controls work with the keyboard alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import required_tool
from observatoire_ia.quality.pages import EXPECTED, missing_reason, page_refs
from observatoire_ia.quality.serve import serve

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = ("default", "slate")

# Material remembers the reader's palette per site in localStorage ("<scope>.__palette").
SET_SCHEME = """scheme => {
  const inputs = [...document.querySelectorAll('form[data-md-component=palette] input')];
  const input = inputs.find(i => i.getAttribute('data-md-color-scheme') === scheme);
  if (input && !input.checked) { input.click(); }
  return document.body.getAttribute('data-md-color-scheme');
}"""


# No CSS transition or animation still running (getAnimations lists both).
SETTLED = "() => document.getAnimations().every(a => a.playState !== 'running')"


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
          const r = await axe.run(document, {resultTypes: ['violations']});
          return r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' +
            v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '')
              .replace(/\\s+/g, ' ').slice(0, 160)).join(' | '));
        }"""
    )
    return result


@pytest.fixture(scope="module")
def audited(site_dir):
    required_tool(AXE, "npm ci (make test runs it)")
    import browser

    results = {}
    # bypass_csp: axe is injected as an inline script, which our own policy forbids.
    with serve(site_dir) as base, browser.chromium(bypass_csp=True) as context:
        page = context.new_page()
        page.set_default_timeout(15000)
        for kind, lang, ref in page_refs(site_dir):
            if ref is None:
                continue
            for scheme in SCHEMES:
                page.goto(base + ref.url_path, wait_until="load")
                browser.wait_until_loaded(page)
                actual = page.evaluate(SET_SCHEME, scheme)
                page.wait_for_function(SETTLED)  # Material's colour transitions have finished
                assert actual == scheme, f"{ref.path}: palette {actual!r} instead of {scheme!r}"
                results[(kind, lang, scheme)] = (ref, axe_violations(page))
                if kind == "theme" and page.locator("a.citation").count():
                    # The open state of the claim controls: a citation's preview, opened.
                    page.locator("a.citation").first.click()
                    page.locator(".citation-preview.is-open").wait_for()
                    results[("citation-preview", lang, scheme)] = (ref, axe_violations(page))
    return results


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("kind", "lang"), EXPECTED)
def test_axe_no_violations(audited, kind, lang, scheme):
    if (kind, lang, scheme) not in audited:
        pytest.fail(missing_reason(kind, lang))
    ref, violations = audited[(kind, lang, scheme)]
    assert not violations, f"{ref.path} [{scheme}]:\n" + "\n".join(violations)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_axe_no_violations_with_citation_preview_open(audited, lang, scheme):
    assert ("citation-preview", lang, scheme) in audited, "no citation on the theme page"
    ref, violations = audited[("citation-preview", lang, scheme)]
    assert not violations, f"{ref.path} [{scheme}, preview open]:\n" + "\n".join(violations)

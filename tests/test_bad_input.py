"""Bad input in both languages: every claim rule, on every shape a claim can take.

A claim is a paragraph, a list item or a table row (tests/test_claims.py); each may span
several lines. For every rule of the claims engine, a French case and an English case, on
every shape, must give the error `docs/<lang>/cas.md:<line>: <message>` — the line the author
has to fix — and a strict build of the same case must fail with that line and no traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import MINIMAL_BIB, fixture_files
from observatoire_ia.claims.bibliography import Bibliography
from observatoire_ia.claims.registry import ClaimRegistry
from observatoire_ia.errors import AuthoringErrors

LANGS = ("fr", "en")
OTHER = {"fr": "en", "en": "fr"}
KEY = "Solidaires2025Tract"
GOOD = f"[@{KEY}]"
TITLE = {"fr": "# Cas\n", "en": "# Case\n"}
WORDS = {
    "fr": ("Un fait établi", "écrit sur deux lignes", "Un point", "Un premier point sans source."),
    "en": ("An established fact", "written on two lines", "A point", "A first point, unsourced."),
}
HEADER = {"fr": "| Quand | Quoi |\n|---|---|", "en": "| When | What |\n|---|---|"}
SHAPES = ("paragraph", "two-line paragraph", "list item", "two-line list item", "second list item",
          "table row")  # fmt: skip


@dataclass(frozen=True)
class Block:
    text: str  # Markdown, no trailing newline
    first: int  # 1-based lines, counted from the block's first line
    cite: int
    marker: int


def block(shape: str, lang: str, citation: str, attrs: str | None, glued: bool = False) -> Block:
    """A claim of `shape` whose citation text is `citation`; attrs=None: no attribute list."""
    fact, second, point, unsourced = WORDS[lang]
    marker = f"{{: {attrs} }}" if attrs is not None else ""
    cited = f" {citation}" if citation else ""
    if shape == "table row":
        header = HEADER[lang].split("\n")
        row = f"| 2025 | {fact}{cited} {marker} |".replace("  |", " |")
        return Block("\n".join([*header, row]), 3, 3, 3)
    if shape == "paragraph":
        lines, indent, first, cite = [f"{fact}{cited}."], "", 1, 1
    elif shape == "two-line paragraph":
        lines, indent, first, cite = [fact, f"{second}{cited}."], "", 1, 2
    elif shape == "list item":
        lines, indent, first, cite = [f"- {point}{cited}."], "  ", 1, 1
    elif shape == "two-line list item":
        lines, indent, first, cite = [f"- {point}", f"  {second}{cited}."], "  ", 1, 2
    elif shape == "second list item":
        lines, indent, first, cite = [f"- {unsourced}", f"- {point}{cited}."], "  ", 2, 2
    else:
        raise ValueError(shape)
    if marker and glued:
        lines[-1] += f" {marker}"
        return Block("\n".join(lines), first, cite, len(lines))
    if marker:
        lines.append(indent + marker)
    return Block("\n".join(lines), first, cite, len(lines))


def page(lang: str, *blocks: str) -> str:
    return "\n\n".join([TITLE[lang].rstrip("\n"), *blocks]) + "\n"


def twin(lang: str, claim_id: str) -> str:
    """The other language's page: a valid claim with the same id."""
    fact = WORDS[lang][0]
    return page(lang, f"{fact} {GOOD}.\n{{: .claim #{claim_id} }}")


@dataclass(frozen=True)
class Case:
    files: dict[str, str]  # path -> text, added to a valid two-language fixture site
    expected: str  # the exact error line


START = 3  # a page's first block starts on line 3 (title, blank line)


def case(rule: str, lang: str, shape: str) -> Case:
    other = OTHER[lang]
    path = f"docs/{lang}/cas.md"

    def claim_case(citation: str, attrs: str, where: str, message: str, glued=False) -> Case:
        made = block(shape, lang, citation, attrs, glued)
        line = START - 1 + getattr(made, where)
        return Case(
            {path: page(lang, made.text), f"docs/{other}/cas.md": twin(other, "cas")},
            f"{path}:{line}: {message}",
        )

    if rule == "claim without citation":
        return claim_case("", ".claim #cas", "marker", "claim 'cas' has no citation: add [@key]")
    if rule == "unknown citation key":
        return claim_case(
            "[@Solidaires2025Trakt]",
            ".claim #cas",
            "cite",
            f"unknown citation key 'Solidaires2025Trakt' (did you mean '{KEY}'?)",
        )
    if rule == "passage of a text without source page":
        return claim_case(
            f"[@{KEY}, § 3]",
            ".claim #cas",
            "cite",
            f"[@{KEY}, § 3]: this reference has no source page",
        )
    if rule == "malformed citation":
        return claim_case(
            f"[@{KEY}; voir]", ".claim #cas", "cite", f"malformed citation [@{KEY}; voir]"
        )
    if rule == "claim id not lower-case words":
        return claim_case(GOOD, ".claim #Cas_1", "marker", "claim id 'Cas_1' must be lower-case")
    if rule == "claim without id":
        return claim_case(GOOD, ".claim", "marker", "claim without an id: add #some-id")
    if rule == "bad claim date":
        return claim_case(
            GOOD,
            '.claim #cas date="14/02/2025"',
            "marker",
            "claim 'cas': date='14/02/2025' is not YYYY-MM-DD",
        )
    if rule == "attribute list glued to the text":
        return claim_case(
            GOOD,
            ".claim #cas",
            "marker",
            "claim 'cas': put its attribute list on its own line",
            glued=True,
        )
    if rule == "citation outside any claim":
        made = block(shape, lang, GOOD, None)
        return Case(
            {path: page(lang, made.text), f"docs/{other}/cas.md": page(other)},
            f"{path}:{START - 1 + made.cite}: citation [@{KEY}] is outside any claim",
        )
    if rule == "duplicate claim id":
        first = f"{WORDS[lang][0]} {GOOD}.\n{{: .claim #cas }}"  # lines 3-4
        made = block(shape, lang, GOOD, ".claim #cas")
        line = START + 3 - 1 + made.first  # after the first claim and a blank line
        return Case(
            {path: page(lang, first, made.text), f"docs/{other}/cas.md": twin(other, "cas")},
            f"{path}:{line}: duplicate claim id 'cas' (first used at {path}:{START})",
        )
    if rule == "claim in one language only":
        made = block(shape, lang, GOOD, ".claim #seul-ici")
        return Case(
            {path: page(lang, made.text), f"docs/{other}/cas.md": page(other)},
            f"{path}:{START - 1 + made.first}: claim 'seul-ici' exists in '{lang}' but not in "
            f"'{other}': translate it in docs/{other}/cas.md",
        )
    if rule == "claim on another page in the other language":
        made = block(shape, lang, GOOD, ".claim #cas")
        return Case(
            {
                path: page(lang, made.text),
                f"docs/{other}/cas.md": page(other),
                f"docs/{lang}/autre.md": page(lang),
                f"docs/{other}/autre.md": twin(other, "cas"),
            },
            f"{path}:{START - 1 + made.first}: claim 'cas' is on {lang}/cas.md but on "
            f"{other}/autre.md: both languages must use the same page",
        )
    raise ValueError(rule)


CLAIM_RULES = (
    "claim without citation",
    "unknown citation key",
    "passage of a text without source page",
    "malformed citation",
    "claim id not lower-case words",
    "claim without id",
    "bad claim date",
    "attribute list glued to the text",
    "citation outside any claim",
    "duplicate claim id",
    "claim in one language only",
    "claim on another page in the other language",
)
# In a table, the attribute list ends the row's last cell: there is nothing to glue.
NOT_APPLICABLE = {("attribute list glued to the text", "table row")}
MATRIX = [
    (rule, lang, shape)
    for rule in CLAIM_RULES
    for lang in LANGS
    for shape in SHAPES
    if (rule, shape) not in NOT_APPLICABLE
]


def site_files(extra: dict[str, str]) -> dict[str, str]:
    return {**fixture_files(), **extra}


def scan_errors(tmp_path: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    bibliography = Bibliography.parse(MINIMAL_BIB, "bibliography.bib")
    try:
        ClaimRegistry.scan(tmp_path / "docs", LANGS, bibliography, tmp_path)
    except AuthoringErrors as errors:
        return [str(error) for error in errors.errors]
    return []


def test_the_shapes_are_valid_claims(tmp_path):
    """Without a fault, every shape in both languages is a claim and scans without error."""
    files = {}
    for lang in LANGS:
        blocks = [block(shape, lang, GOOD, f".claim #forme-{n}") for n, shape in enumerate(SHAPES)]
        files[f"docs/{lang}/cas.md"] = page(lang, *(b.text for b in blocks))
    assert scan_errors(tmp_path, site_files(files)) == []
    bibliography = Bibliography.parse(MINIMAL_BIB, "bibliography.bib")
    registry = ClaimRegistry.scan(tmp_path / "docs", LANGS, bibliography, tmp_path)
    for lang in LANGS:
        claims = registry.page_scan(lang, "cas.md").claims
        assert [c.id for c in claims] == [f"forme-{n}" for n in range(len(SHAPES))]
        assert all(c.keys == [KEY] for c in claims)


@pytest.mark.parametrize("rule, lang, shape", MATRIX)
def test_claim_rule_names_the_file_and_line(rule, lang, shape, tmp_path):
    bad = case(rule, lang, shape)
    errors = scan_errors(tmp_path, site_files(bad.files))
    assert any(error.startswith(bad.expected) for error in errors), (
        f"expected: {bad.expected}\ngot:\n" + "\n".join(errors)
    )


# -- the same rules through a strict build: file:line on the console, never a traceback ---------

BUILD_CASES = [
    (rule, lang, SHAPES[(n + (lang == "en")) % len(SHAPES)])
    for n, rule in enumerate(CLAIM_RULES)
    for lang in LANGS
]
BUILD_CASES = [
    (rule, lang, "two-line list item" if (rule, shape) in NOT_APPLICABLE else shape)
    for rule, lang, shape in BUILD_CASES
]


def assert_fails_with(code: int, output: str, expected: str) -> None:
    assert code != 0, output
    assert "Traceback" not in output, output
    assert expected in output, f"expected: {expected}\n{output}"


@pytest.mark.parametrize("rule, lang, shape", BUILD_CASES)
def test_claim_rule_fails_the_build(rule, lang, shape, build_fixture_site):
    bad = case(rule, lang, shape)
    code, output, _ = build_fixture_site(site_files(bad.files))
    assert_fails_with(code, output, bad.expected)


def test_every_shape_is_built_in_both_languages():
    assert {(lang, shape) for _, lang, shape in BUILD_CASES} == {
        (lang, shape) for lang in LANGS for shape in SHAPES
    }


# -- pages, links and URLs ----------------------------------------------------------------------

HOME = {lang: fixture_files()[f"docs/{lang}/index.md"] for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_page_missing_in_the_other_language(lang, build_fixture_site):
    other = OTHER[lang]
    code, output, _ = build_fixture_site(site_files({f"docs/{lang}/seul.md": page(lang)}))
    assert_fails_with(
        code,
        output,
        f"docs/{lang}/seul.md:1: missing translation: this page has no '{other}' version "
        f"(create docs/{other}/seul.md)",
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "link, expected",
    [
        ("[lien](nulle-part.md)", r"'nulle-part\.md'"),
        ("[lien](bibliographie.md#pas-la)", r"'bibliographie\.md#pas-la'"),
    ],
)
def test_broken_link_or_anchor(lang, link, expected, build_fixture_site):
    files = site_files({f"docs/{lang}/index.md": HOME[lang] + f"\n{link}\n"})
    code, output, _ = build_fixture_site(files)
    assert code != 0 and "Traceback" not in output, output
    assert re.search(rf"Doc file '{lang}/index\.md' contains .*{expected}", output), output


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "written",
    [
        "[clic](javascript:alert(1))",
        "[clic]( JavaScript:alert(1))",
        '<a href="javascript:alert(1)">clic</a>',
        "[clic][ref]\n\n[ref]: javascript:alert(1)",
        "[clic](vbscript:msgbox)",
    ],
)
def test_script_url_fails_with_its_line(lang, written, build_fixture_site):
    files = site_files({f"docs/{lang}/index.md": HOME[lang] + f"\n{written}\n"})
    code, output, _ = build_fixture_site(files)
    line = HOME[lang].count("\n") + 2 + (2 if "[ref]:" in written else 0)
    assert_fails_with(code, output, f"docs/{lang}/index.md:{line}: script URL")


def test_script_url_in_code_is_only_shown(build_fixture_site):
    shown = '`[clic](javascript:alert(1))`\n\n```\n<a href="javascript:x()">\n```\n'
    files = site_files({f"docs/{lang}/index.md": HOME[lang] + "\n" + shown for lang in LANGS})
    code, output, _ = build_fixture_site(files)
    assert code == 0, output

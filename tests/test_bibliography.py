"""bibliography.bib: parsing, checks with file:line, formatting in French and English."""

from __future__ import annotations

import pytest

import observatoire_ia.claims.bibliography as bibliography_module
from observatoire_ia.claims.bibliography import Bibliography
from observatoire_ia.errors import AuthoringErrors

GOOD = """\
@misc{CGT2025Chronologie,
  author = {{CGT Région Pays de la Loire}},
  title  = {L'IA à la Région : éléments portés par la CGT},
  date   = {2025-06-12},
  url    = {https://example.org/cgt},
  langid = {french},
}

@book{Lebrun2024Barbarie,
  author    = {Lebrun, Fabien},
  title     = {Barbarie numérique},
  publisher = {Éditeur},
  date      = {n.d.},
}
"""


def errors_of(text: str) -> str:
    with pytest.raises(AuthoringErrors) as caught:
        Bibliography.parse(text, "bibliography.bib")
    return str(caught.value)


def test_good_bibliography_parses_with_labels_and_lines():
    bib = Bibliography.parse(GOOD, "bibliography.bib")
    assert bib["CGT2025Chronologie"].line == 1
    assert bib["Lebrun2024Barbarie"].line == 9
    assert bib["CGT2025Chronologie"].label("fr") == "CGT Région Pays de la Loire 2025"
    assert bib["Lebrun2024Barbarie"].label("fr") == "Lebrun s. d."
    assert bib["Lebrun2024Barbarie"].short_source("fr") == "Fabien Lebrun, s. d."
    assert bib["Lebrun2024Barbarie"].label("en") == "Lebrun n.d."


def test_french_formatting_uses_french_terms_and_keeps_title_case():
    fr = Bibliography.parse(GOOD, "b.bib").formatted("fr")
    assert "12 juin 2025" in fr["CGT2025Chronologie"]
    assert "L'IA à la Région" in fr["CGT2025Chronologie"]  # not title-cased
    assert "[sans date]" in fr["Lebrun2024Barbarie"]
    # French punctuation: no-break space before the colon of the title.
    assert "Région\u00a0: éléments" in fr["CGT2025Chronologie"]


def test_english_formatting_uses_english_terms():
    en = Bibliography.parse(GOOD, "b.bib").formatted("en")
    assert "12 June 2025" in en["CGT2025Chronologie"]
    assert "[no date]" in en["Lebrun2024Barbarie"]
    assert "sans date" not in en["Lebrun2024Barbarie"]


def test_duplicate_key_is_reported_with_both_lines():
    message = errors_of(GOOD + "\n@misc{cgt2025chronologie, author={X}, title={Y}, date={2020}}\n")
    assert (
        "bibliography.bib:16: duplicate key 'cgt2025chronologie' (first defined at line 1)"
        in message
    )


@pytest.mark.parametrize(
    "text, line",
    [
        # `author {A}`: the `=` is missing on line 3
        ("% comment\n@misc{A2020x,\n  author {A},\n  title = {T},\n}\n", 3),
        # the title's closing brace closes the entry's: the parser stops at the next entry, line 5
        ("@misc{A2020x,\n  title = {unclosed,\n}\n\n@misc{B2020y, title={t}}\n", 5),
        # the file ends inside an entry opened on line 2
        ("\n@misc{A2020x,\n  title = {T,\n}\n", 5),
    ],
)
def test_malformed_entry_is_reported_with_its_line(text, line):
    message = errors_of(text)
    assert message.startswith(f"bibliography.bib:{line}: malformed BibTeX"), message


@pytest.mark.parametrize(
    "field, expected",
    [
        ("title", "missing title"),
        ("author", "missing author or organization"),
        ("date", "missing date"),
    ],
)
def test_missing_required_field(field, expected):
    entry = {"title": "T", "author": "{Org}", "date": "2024"}
    del entry[field]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in entry.items())
    message = errors_of(f"% comment\n@misc{{Org2024T,\n{body},\n}}\n")
    assert f"bibliography.bib:2: entry 'Org2024T': {expected}" in message


def test_url_must_be_http():
    message = errors_of(
        "@misc{A2020u, author={A}, title={T}, date={2020}, url={javascript:alert(1)}}\n"
    )
    assert "url must be an http(s) address" in message


def test_html_in_a_field_fails_and_is_never_injected():
    message = errors_of(
        "@misc{A2020h, author={A}, title={<script>alert(1)</script>}, date={2020}}\n"
    )
    assert "contains HTML" in message and "'title'" in message


def test_special_characters_are_escaped_in_formatted_html():
    bib = Bibliography.parse(
        "@misc{A2020e, author={A}, title={Gains < 5 \\& pertes > 3}, date={2020}}\n", "b.bib"
    )
    html = bib.formatted("en")["A2020e"]
    assert "&lt; 5 &amp; pertes &gt; 3" in html and "< 5" not in html


def test_invalid_key_and_date():
    first = "@misc{A2020, author={A}, title={T}, date={2020}}\n"
    # A key with characters BibTeX reads but citations cannot name: the project's own check.
    for key in ("a.b", "a/b", "Clé2020"):
        message = errors_of(f"{first}@misc{{{key}, author={{A}}, title={{T}}, date={{2020}}}}\n")
        assert (
            message == f"bibliography.bib:2: invalid key {key!r}: use letters, digits, _ : - only"
        )
    # A space ends the key: BibTeX itself cannot read the entry.
    message = errors_of(f"{first}@misc{{Bad Key, author={{A}}, title={{T}}, date={{2020}}}}\n")
    assert message.startswith("bibliography.bib:2: malformed BibTeX"), message
    message = errors_of("@misc{A2020d, author={A}, title={T}, date={mars 2020}}\n")
    assert "is not YYYY, YYYY-MM, YYYY-MM-DD or n.d." in message


def test_real_bibliography_is_valid_and_formats_in_both_languages(tmp_path):
    from pathlib import Path

    bib = Bibliography.load(Path(__file__).resolve().parents[1] / "bibliography.bib")
    assert len(bib.references) >= 5
    for lang in ("fr", "en"):
        formatted = bib.formatted(lang)
        assert set(formatted) == set(bib.references)
        assert all(text.strip() for text in formatted.values())


def test_formatting_is_cached_between_builds_and_follows_the_entries(tmp_path, monkeypatch):
    import observatoire_ia.claims.bibliography as module

    calls: list[str] = []
    real = module._format_all

    def counting(items, lang):
        calls.append(lang)
        return real(items, lang)

    monkeypatch.setattr(module, "_format_all", counting)
    cache = tmp_path / "citations"

    def formatted(text: str) -> dict[str, str]:
        bib = Bibliography.parse(text, "b.bib")
        bib.cache_dir = cache
        return bib.formatted("fr")

    first = formatted(GOOD)
    assert calls == ["fr"] and len(list(cache.glob("fr-*.json"))) == 1
    assert formatted(GOOD) == first and calls == ["fr"]  # a second build reads the cache
    changed = formatted(GOOD.replace("2025-06-12", "2025-06-13"))
    assert calls == ["fr", "fr"] and "13 juin 2025" in changed["CGT2025Chronologie"]
    assert len(list(cache.glob("fr-*.json"))) == 1  # the stale entry is replaced
    next(cache.glob("fr-*.json")).write_text("{damaged", encoding="utf-8")
    assert formatted(GOOD.replace("2025-06-12", "2025-06-13")) == changed


def test_parsed_bibliography_is_cached_and_never_serves_stale_entries_or_errors(
    tmp_path, monkeypatch
):
    """An unchanged .bib is read back from .cache/bibliography; a changed one is parsed again
    (its errors reported with file:line even though a valid version is cached)."""
    import dataclasses

    import observatoire_ia.claims.bibliography as module

    calls: list[int] = []
    real = module.parse_bibtex

    def counting(text, *args):
        calls.append(1)
        return real(text, *args)

    monkeypatch.setattr(module, "parse_bibtex", counting)
    bib, cache = tmp_path / "bibliography.bib", tmp_path / "cache"

    def load(text: str) -> Bibliography:
        bib.write_text(text, encoding="utf-8")
        return Bibliography.load(bib, "bibliography.bib", cache)

    def state(bibliography: Bibliography) -> list:
        return [(dataclasses.astuple(ref), ref.csl) for ref in bibliography.references.values()] + [
            bibliography.path,
            bibliography.source,
        ]

    first = load(GOOD)
    assert len(calls) == 1 and len(list(cache.glob("*.json"))) == 1
    again = load(GOOD)
    assert len(calls) == 1 and state(again) == state(first)  # read back, identical
    assert state(again) == state(Bibliography.parse(GOOD, "bibliography.bib"))
    calls.clear()
    bad = GOOD.replace("  title  = {L'IA", "  titre  = {L'IA")
    with pytest.raises(AuthoringErrors) as caught:
        load(bad)
    assert "bibliography.bib:1: entry 'CGT2025Chronologie': missing title" in str(caught.value)
    with pytest.raises(AuthoringErrors):  # errors are never cached: reported again
        load(bad)
    assert len(calls) == 2 and len(list(cache.glob("*.json"))) == 1
    changed = load(GOOD.replace("2025-06-12", "2025-06-13"))
    assert changed["CGT2025Chronologie"].day == 13 and len(calls) == 3
    assert len(list(cache.glob("*.json"))) == 1  # the stale entry is replaced
    next(cache.glob("*.json")).write_text("[{damaged", encoding="utf-8")
    assert state(load(GOOD.replace("2025-06-12", "2025-06-13"))) == state(changed)
    assert len(calls) == 4


def test_braced_plain_values_skip_latex_decoding_with_the_same_text():
    """{{Organisation}} names are read without pybtex's LaTeX decoding (same text)."""
    from pathlib import Path

    from pybtex.database import parse_string

    import observatoire_ia.claims.bibliography as module

    def decoded(value: str) -> str:
        return module.Text.from_latex(value).render(module._PLAIN_TEXT).strip()

    text = (Path(__file__).resolve().parents[1] / "bibliography.bib").read_text(encoding="utf-8")
    values = {"{A}", "{Région Pays de la Loire}", "{L'IA à la Région}", "{x.y, z (w)}", "{a-b}"}
    for entry in parse_string(text, "bibtex").entries.values():
        values.update(entry.fields.values())
        values.update(str(person) for person in entry.persons.get("author", []))
    shortcut = [v for v in values if module._LATEX.search(v) and module._PROTECTED.fullmatch(v)]
    assert len(shortcut) > 5
    for value in values:
        assert module._plain.__wrapped__(value) == decoded(value), value


# -- cache keys: every input of a cached result is in its key ------------------------------------

# Each case changes one input of the formatted references and returns the .bib text to format.
CITATION_INPUTS = {
    "a title": lambda m: GOOD.replace("éléments", "points"),
    "an author": lambda m: GOOD.replace("Lebrun, Fabien", "Brun, F"),
    "a date": lambda m: GOOD.replace("2025-06-12", "2025-06-13"),
    "a url": lambda m: GOOD.replace("org/cgt", "org/cgt2"),
    # disambiguation (« 2025a ») depends on the other references
    "another reference": lambda m: (
        GOOD + "@misc{X2025, author={{CGT Région Pays de la Loire}}, title={Autre}, date={2025}}\n"
    ),
    "the style": lambda m: (
        m.setitem(bibliography_module.STYLES, "fr", ("iso690-author-date-en", "fr-FR")) or GOOD
    ),
    "the locale": lambda m: (
        m.setitem(bibliography_module.STYLES, "fr", ("iso690-author-date-fr", "fr-CA")) or GOOD
    ),
    "the formatting code": lambda m: m.setattr(bibliography_module, "_CODE_VERSION", "x") or GOOD,
    "citeproc-py or its styles": lambda m: (
        m.setattr(bibliography_module, "_CITEPROC_VERSION", ["0.0", "0.0"]) or GOOD
    ),
}


@pytest.mark.parametrize("changed", sorted(CITATION_INPUTS))
def test_citation_cache_misses_when_any_input_changes(changed, tmp_path, monkeypatch):
    module = bibliography_module
    calls: list[str] = []
    real = module._format_all
    monkeypatch.setattr(
        module, "_format_all", lambda items, lang: calls.append(lang) or real(items, lang)
    )

    def formatted(text: str) -> dict[str, str]:
        bib = Bibliography.parse(text, "b.bib")
        bib.cache_dir = tmp_path / "citations"
        return bib.formatted("fr")

    before = formatted(GOOD)
    assert formatted(GOOD) == before and calls == ["fr"]  # the same input: read back
    text = CITATION_INPUTS[changed](monkeypatch)
    after = formatted(text)
    assert calls == ["fr", "fr"], f"{changed}: the cache served the old formatting"
    assert after == real(Bibliography.parse(text, "b.bib").csl_json("fr"), "fr")


@pytest.mark.parametrize(
    "changed",
    ["the text", "its displayed path", "the parsing code", "pybtex"],
)
def test_parsed_bibliography_cache_misses_when_any_input_changes(changed, tmp_path, monkeypatch):
    module = bibliography_module
    calls: list[int] = []
    real = module.parse_bibtex
    monkeypatch.setattr(module, "parse_bibtex", lambda text, *a: calls.append(1) or real(text, *a))
    bib, cache = tmp_path / "bibliography.bib", tmp_path / "cache"
    bib.write_text(GOOD, encoding="utf-8")
    shown = "bibliography.bib"
    Bibliography.load(bib, shown, cache)
    Bibliography.load(bib, shown, cache)
    assert len(calls) == 1
    if changed == "the text":
        bib.write_text(GOOD.replace("2025-06-12", "2025-06-13"), encoding="utf-8")
    elif changed == "its displayed path":  # errors and exports name it
        shown = "refs/bibliography.bib"
    elif changed == "the parsing code":
        monkeypatch.setattr(module, "_PARSER_VERSION", ["changed"])
    else:
        monkeypatch.setattr(module, "_PARSER_VERSION", [module._CODE_VERSION, "0.0", 1])
    loaded = Bibliography.load(bib, shown, cache)
    assert len(calls) == 2, f"{changed}: the cache served the old parse"
    assert loaded.path == shown


def probe_code_version(monkeypatch, changed_file: str) -> str:
    """The formatting-code version bibliography.py computes when `changed_file` has other bytes."""
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(bibliography_module.__file__)
    real_read = Path.read_bytes

    def read_bytes(self):
        data = real_read(self)
        return data + b"\n# changed" if self.name == changed_file else data

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    name = "observatoire_ia.claims._bibliography_probe"
    spec = importlib.util.spec_from_file_location(name, path)
    probe = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, probe)
    spec.loader.exec_module(probe)
    return probe._CODE_VERSION


@pytest.mark.parametrize("changed_file", ["bibliography.py", "typography.py"])
def test_the_formatting_code_version_follows_the_code_that_formats(changed_file, monkeypatch):
    """Both caches key on the code that shapes their output: the bibliography module and the
    French spacing it applies to formatted references."""
    assert probe_code_version(monkeypatch, "none") == bibliography_module._CODE_VERSION
    assert probe_code_version(monkeypatch, changed_file) != bibliography_module._CODE_VERSION
    assert bibliography_module._CODE_VERSION in bibliography_module._PARSER_VERSION

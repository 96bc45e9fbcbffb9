"""bibliography.py piece by piece: labels, sort order, CSL-JSON fields, names, notes, checks
with their file:line, the cache that cannot be written. Fast unit tests (`make mutation`)."""

from __future__ import annotations

import html
import logging

import pytest

import observatoire_ia.claims.bibliography as module
from observatoire_ia import cache_files
from observatoire_ia.claims.bibliography import Bibliography
from observatoire_ia.errors import AuthoringErrors


def parse(text: str) -> Bibliography:
    return Bibliography.parse(text, "bibliography.bib")


def error_of(text: str) -> str:
    with pytest.raises(AuthoringErrors) as caught:
        parse(text)
    return str(caught.value)


def entry(key: str, fields: str, kind: str = "misc") -> str:
    return f"@{kind}{{{key},\n  {fields}\n}}\n"


PEOPLE = (
    entry("One2020", "author = {Lebrun, Fabien}, title = {T}, date = {2020}")
    + entry("Two2021", "author = {Lebrun, Fabien and Martin, Anne}, title = {T}, date = {2021}")
    + entry("Three2022", "author = {Lebrun, F and Martin, A and Petit, B}, title = {T}, date = {2022}")
    + entry("Org2023", "author = {{Union syndicale Solidaires}}, title = {T}, date = {n.d.}")
    + entry("Inst2024", "institution = {Conseil d'État}, title = {T}, date = {2024-03}")
    + entry("Orga2024", "organization = {CGT}, title = {T}, date = {2024}")
    + entry("Von2019", "author = {van der Berg, Jan}, title = {T}, date = {2019-01-02}")
)  # fmt: skip


@pytest.mark.parametrize(
    "key, fr, en, source",
    [
        ("One2020", "Lebrun 2020", "Lebrun 2020", "Fabien Lebrun, 2020"),
        ("Two2021", "Lebrun et Martin 2021", "Lebrun and Martin 2021",
         "Fabien Lebrun, Anne Martin, 2021"),
        ("Three2022", "Lebrun et al. 2022", "Lebrun et al. 2022", "F Lebrun, A Martin, B Petit, 2022"),
        ("Org2023", "Union syndicale Solidaires s. d.", "Union syndicale Solidaires n.d.",
         "Union syndicale Solidaires, s. d."),
        ("Inst2024", "Conseil d'État 2024", "Conseil d'État 2024", "Conseil d'État, 2024"),
        ("Orga2024", "CGT 2024", "CGT 2024", "CGT, 2024"),
        ("Von2019", "van der Berg 2019", "van der Berg 2019", "Jan van der Berg, 2019"),
    ],
)  # fmt: skip
def test_labels_and_short_sources(key, fr, en, source):
    reference = parse(PEOPLE)[key]
    assert reference.label("fr") == fr and reference.label("en") == en
    assert reference.short_source("fr") == source
    assert reference.short_source("en") == source.replace("s. d.", "n.d.")


def test_dates_of_each_precision():
    bib = parse(PEOPLE)
    assert (bib["Von2019"].year, bib["Von2019"].month, bib["Von2019"].day) == (2019, 1, 2)
    assert (bib["Inst2024"].year, bib["Inst2024"].month, bib["Inst2024"].day) == (2024, 3, None)
    assert (bib["Org2023"].year, bib["Org2023"].month) == (None, None)
    assert parse(entry("Y2018", "author = {{A}}, title = {T}, year = {2018}"))["Y2018"].year == 2018


def test_references_sorted_by_author_then_newest_then_key():
    text = (
        entry("b2020", "author = {{Beta}}, title = {T}, date = {2020}")
        + entry("a2019", "author = {{Alpha}}, title = {T}, date = {2019}")
        + entry("a2021", "author = {{Alpha}}, title = {T}, date = {2021}")
        + entry("aND", "author = {{Alpha}}, title = {T}, date = {n.d.}")
        + entry("Z2021", "author = {{Alpha}}, title = {T}, date = {2021}")
        + entry("c2020", "author = {{« Gamma »}}, title = {T}, date = {2020}")
        + entry("d2020", "author = {{delta}}, title = {T}, date = {2020}")
    )
    keys = [r.key for r in parse(text).sorted_references()]
    # Alpha: newest first, then the undated, keys compared without case (a2021 before Z2021);
    # then Beta, delta (case folded), « Gamma » (under G: leading punctuation ignored)
    assert keys == ["a2021", "Z2021", "a2019", "aND", "b2020", "d2020", "c2020"]


def test_csl_json_items():
    text = entry(
        "Full2024",
        "author = {Lebrun, Fabien and {CGT}}, title = {Titre}, date = {2024-06-12},\n"
        "  publisher = {Éditeur}, address = {Paris}, howpublished = {Tract}, journal = {Revue},\n"
        "  url = {https://example.org/x}, doi = {10.1/x}, note = {Une note}, note_en = {A note},\n"
        "  number = {24/01457}, pages = {3--5}, langid = {french}",
        "article",
    ) + entry(
        "Inst2020", "institution = {Conseil d'État}, title = {T}, date = {2020}, langid = {latin}"
    )
    bib = parse(text)
    fr, en = bib.csl_json("fr"), bib.csl_json("en")
    assert bib.csl_json() == fr
    item = {i["id"]: i for i in fr}["Full2024"]
    assert item == {
        "id": "Full2024",
        "type": "article-journal",
        "title": "Titre",
        "author": [{"family": "Lebrun", "given": "Fabien"}, {"literal": "CGT"}],
        "issued": {"date-parts": [[2024, 6, 12]]},
        "publisher": "Éditeur",
        "publisher-place": "Paris",
        "genre": "Tract",
        "container-title": "Revue",
        "URL": "https://example.org/x",
        "DOI": "10.1/x",
        "note": "Une note",
        "number": "24/01457",
        "page": "3–5",
        "language": "fr-FR",
    }
    assert {i["id"]: i for i in en}["Full2024"]["note"] == "A note"
    other = {i["id"]: i for i in en}["Inst2020"]
    assert other["author"] == [{"literal": "Conseil d'État"}] and other["language"] == "latin"
    assert "note" not in other and other["type"] == "pamphlet"
    assert bib["Full2024"].label_names == ("Lebrun", "CGT")


def test_formatted_references_escape_values_but_not_ids():
    bib = parse(entry("K1", "author = {{A \\& B}}, title = {x \\& y}, date = {2020}"))
    formatted = bib.formatted("en")["K1"]
    assert "&" not in formatted.replace("&amp;", "").replace(
        "&AMP;", ""
    )  # escaped, even upper-cased
    assert html.unescape(formatted).startswith("A & B, 2020. ") and "x &amp; y" in formatted
    assert module._escape_item({"id": "a<b", "type": "x&y", "title": "a<b"}) == {
        "id": "a<b",
        "type": "x&y",
        "title": "a&lt;b",
    }
    assert module._escape_item(['"q"', "<b>"]) == ['"q"', "&lt;b&gt;"]
    assert module._escape_item(3) == 3


def test_french_formatting_spaces_french_only():
    bib = parse(entry("A2020", "author = {{Org}}, title = {Titre : sous-titre}, date = {2020}"))
    assert "Titre\u00a0: sous-titre" in bib.formatted("fr")["A2020"]
    assert "Titre : sous-titre" in bib.formatted("en")["A2020"]
    assert ".." not in bib.formatted("en")["A2020"].replace("...", "")


@pytest.mark.parametrize(
    "text, message",
    [
        (entry("A2020", "author = {{A}}, title = {T}, date = {2020}", "unknowntype"),
         "bibliography.bib:1: entry 'A2020': unsupported type @unknowntype (use one of article, "
         "book, inbook, incollection, inproceedings, jurisdiction, legislation, manual, misc, "
         "online, phdthesis, report, techreport, thesis)"),
        (entry("A2020", "author = {{A}}, title = {T <b>x</b>}, date = {2020}"),
         "bibliography.bib:1: entry 'A2020': field 'title' contains HTML ('<b>'); write plain text"),
        ("\n" + entry("A2020", "author = {{A}}, title = {T}, date = {2020}, url = {www.x.org}"),
         "bibliography.bib:2: entry 'A2020': url must be an http(s) address, got 'www.x.org'"),
        ("\n\n" + entry("A2020", "author = {{A}}, title = {T}, date = {2020-1}"),
         "bibliography.bib:3: entry 'A2020': date '2020-1' is not YYYY, YYYY-MM, YYYY-MM-DD or n.d."),
        (entry("A2020", "author = {{A}}, title = {T}"),
         "bibliography.bib:1: entry 'A2020': missing date (write date = {n.d.} if the source has none)"),
        (entry("A2020", "editor = {X}, title = {T}, date = {2020}"),
         "bibliography.bib:1: entry 'A2020': missing author or organization"),
    ],
)  # fmt: skip
def test_entry_errors_name_the_line_of_their_entry(text, message):
    assert error_of(text) == message


def test_special_entries_are_not_references_and_keep_lines_right():
    text = (
        "@comment{ignored, anything}\n"
        '@string{cgt = "CGT"}\n'
        '@preamble{"x"}\n'
        + entry("A2020", "author = {{A}}, title = {T}, date = {2020}")
        + entry("B2020", "author = {{B}}, title = {T}, date = {20}")
    )
    assert error_of(text) == (
        "bibliography.bib:7: entry 'B2020': date '20' is not YYYY, YYYY-MM, YYYY-MM-DD or n.d."
    )
    assert parse(text.replace("{20}", "{2020}"))["B2020"].line == 7


def test_every_bad_key_and_every_duplicate_is_reported():
    text = (
        entry("A2020", "author = {{A}}, title = {T}, date = {2020}")
        + entry("a/b", "author = {{A}}, title = {T}, date = {2020}")
        + entry("A2020", "author = {{A}}, title = {T}, date = {2020}")
        + entry("c.d", "author = {{A}}, title = {T}, date = {2020}")
    )
    assert error_of(text).splitlines() == [
        "bibliography.bib:4: invalid key 'a/b': use letters, digits, _ : - only",
        "bibliography.bib:7: duplicate key 'A2020' (first defined at line 1)",
        "bibliography.bib:10: invalid key 'c.d': use letters, digits, _ : - only",
    ]


def test_an_undefined_macro_is_malformed_bibtex_with_its_line():
    message = error_of("\n" + entry("A2020", "author = {{A}}, title = undefined, date = {2020}"))
    assert message.startswith("bibliography.bib:"), message
    assert "malformed BibTeX" in message


def test_suggestions_for_a_mistyped_key():
    bib = parse(PEOPLE)
    assert bib.suggest("One2021") == "One2020"
    assert bib.suggest("Orga2023") == "Org2023"
    assert bib.suggest("Completely different") is None
    assert "One2020" in bib and "one2020" not in bib


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path, caplog):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    bib = parse(PEOPLE)
    bib.cache_dir = blocked / "citations"  # a folder cannot be made under a file
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.observatoire.cache"):
        formatted = bib.formatted("fr")
    assert formatted["One2020"] and "cache not written" in caplog.text
    assert not (tmp_path / "file.tmp").exists()


def test_cache_files_are_written_whole_and_replace_stale_ones(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "fr-old.json").write_text("{}", encoding="utf-8")
    (cache / "en-keep.json").write_text("{}", encoding="utf-8")
    cache_files.write_json(cache / "fr-new.json", {"a": "b"}, stale="fr-*.json")
    assert sorted(p.name for p in cache.iterdir()) == ["en-keep.json", "fr-new.json"]
    assert cache_files.read_json(cache / "fr-new.json") == {"a": "b"}
    assert cache_files.read_json(cache / "missing.json") is None
    (cache / "bad.json").write_text("{", encoding="utf-8")
    assert cache_files.read_json(cache / "bad.json") is None


def test_fingerprints_differ_by_every_part_and_not_by_key_order():
    base = cache_files.fingerprint({"a": 1, "b": 2}, "x")
    assert base == cache_files.fingerprint({"b": 2, "a": 1}, "x")
    assert base != cache_files.fingerprint({"a": 1, "b": 3}, "x")
    assert base != cache_files.fingerprint({"a": 1, "b": 2}, "y")
    assert base != cache_files.fingerprint({"a": 1, "b": 2}, "x", "z")
    assert len(base) == 20 and set(base) <= set("0123456789abcdef")


@pytest.mark.parametrize(
    "text, line, message",
    [
        (entry("B2020", "author = {{B}}, title = {x}, date = {2020}")
         + "\n" + entry("A2020", "author = {{A}}, title = {x},\n  title = {y}, date = {2020}"),
         5, "entry with key A2020 has a duplicate title field"),
        (entry("B2020", "author = {{B}}, title = {x}, date = {2020}")
         + "\n" + entry("A2020", "title = {x}, date = {2020},\n  author = {Lebrun, Fabien, Jr, X}"),
         7, "Too many commas in 'Lebrun, Fabien, Jr, X'"),
    ],
)  # fmt: skip
def test_errors_bibtex_reports_without_a_line_name_the_right_one(text, line, message):
    assert error_of(text) == f"bibliography.bib:{line}: malformed BibTeX: {message}"

"""The coverage tool: every number, date, name and quotation of a union text is in a claim."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from observatoire_ia.claims.bibliography import Bibliography
from observatoire_ia.claims.passages import markdown_to_text, source_passages
from observatoire_ia.claims.plugin import load_registry
from observatoire_ia.claims.registry import ClaimRegistry
from observatoire_ia.coverage.exclusions import load_exclusions
from observatoire_ia.coverage.items import dates_in, extract_items, numbers_in
from observatoire_ia.coverage.normalise import fold, words
from observatoire_ia.coverage.report import coverage
from observatoire_ia.source_texts import (
    check,
    load_record,
    missing_lines,
    passages_digest,
    seed_digest,
)

ROOT = Path(__file__).resolve().parents[1]

BIB = textwrap.dedent(
    """\
    @misc{Tract2025,
      author     = {{Union syndicale Exemple}},
      title      = {Tract sur l'IA},
      date       = {2025},
      note       = {Intervention au CST du 20 mars 2025},
      sourcepage = {sources/tract},
    }
    @misc{TJNanterre2025,
      author = {{Tribunal judiciaire de Nanterre}},
      title  = {Ordonnance de référé},
      date   = {2025-02-14},
      number = {24/01457},
    }
    """
)

SOURCE = textwrap.dedent(
    """\
    ---
    title: Tract
    ---

    # Tract (texte intégral)

    Publié par l'Union syndicale Exemple.

    Lucy, le robot conversationnel de La Poste, traite 300.000 appels tous les mois.
    {: #p1 }

    Le 14 février 2025, le tribunal de Nanterre a suspendu le déploiement (n° 24/01457).
    {: #p2 }

    Les data centers pourraient consommer entre 4,2 et 6,6 milliards de m3 d'eau en 2027.
    {: #p3 }

    Pour SUD, « alerter sur les dangers de l'IA relève de la fable du petit berger qui criait au loup ».
    {: #p4 }

    Interventions au CST du 20 mars 2025 : page de garde.
    {: #p5 }
    """
)


def claim(text: str, claim_id: str, keys: str = "@Tract2025") -> str:
    return f"{text} [{keys}]\n{{: .claim #{claim_id} }}\n"


def write_site(root: Path, claims: list[str], source: str = SOURCE) -> Path:
    docs = root / "docs"
    for lang in ("fr", "en"):
        (docs / lang / "sources").mkdir(parents=True, exist_ok=True)
        (docs / lang / "sources" / "tract.md").write_text(source, encoding="utf-8")
        (docs / lang / "themes.md").write_text("# Thème\n\n" + "\n".join(claims), encoding="utf-8")
    (root / "bibliography.bib").write_text(BIB, encoding="utf-8")
    return docs


def run_coverage(tmp_path: Path, claims: list[str], exclusions: str = "", source: str = SOURCE):
    docs = write_site(tmp_path, claims, source)
    path = tmp_path / "exclusions.yml"
    path.write_text(exclusions, encoding="utf-8")
    registry = ClaimRegistry.scan(
        docs, ("fr", "en"), Bibliography.parse(BIB, "bibliography.bib"), tmp_path
    )
    return coverage(registry, docs, load_exclusions(path), tmp_path)


def gap_texts(report) -> set[str]:
    return {item.text for text in report.texts for item in text.gaps}


# -- tolerant but not loose matching ---------------------------------------------------------


def test_fold_ignores_case_accents_and_no_break_spaces():
    assert fold("Fév.\u00a02025 — « Œuvres »") == fold("fev. 2025 - « oeuvres »")
    assert words("techno-solutionnisme") == words("technosolutionnisme")
    assert words("travailleur.euse.s du clic") == ["travailleureuses", "du", "clic"]


@pytest.mark.parametrize(
    ("written", "value"),
    [("4,2", "4.2"), ("300.000", "300000"), ("300 000", "300000"), ("300\u202f000", "300000"),
     ("65 %", "65"), ("1er", "1"), ("cinq fois", "5"), ("3 000 postes", "3000")],
)  # fmt: skip
def test_number_notations_have_one_value(written, value):
    assert value in numbers_in(written)


def test_decimal_is_not_thousands():
    assert numbers_in("4,2 milliards") == {"4.2", "milliards"}
    assert "42" not in numbers_in("4,2")


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("le 14 février 2025", (2025, 2, 14)),
        ("le 14/02/2025", (2025, 2, 14)),
        ("GT IA, 16/12/2025", (2025, 12, 16)),
        ("GT IA DGFIP, 09/2025", (2025, 9, None)),
        ("RÉUNION D'INFORMATION DU 3 10 2024", (2024, 10, 3)),
        ("Agen (Fév. 2025)", (2025, 2, None)),
        ("du 1er au 30 avril 2025", (2025, 4, 1)),
        ("à compter du 2 août 2026", (2026, 8, 2)),
        ("claim dated 2025-02-14", (2025, 2, 14)),
    ],
)
def test_date_notations(written, key):
    assert key in dates_in(written)


def test_numbers_inside_dates_are_not_numbers():
    assert numbers_in("le 14 février 2025") == set()
    assert "24/01457" in numbers_in("n° 24/01457") and "24" not in numbers_in("n° 24/01457")


def test_items_of_a_passage():
    text = (
        "Il y a Lucy, le robot de La Poste, qui traite 300.000 appels. « Pop IA » génère des plannings. "
        "Le Défenseur des droits a alerté le 14 février 2025."
    )
    items = {(item.kind, item.text) for item in extract_items(text)}
    assert ("number", "300.000") in items
    assert ("date", "14 février 2025") in items
    assert ("quote", "Pop IA") in items
    assert {("name", "Lucy"), ("name", "Poste"), ("name", "Défenseur")} <= items
    # Ordinary words that start a sentence are not names.
    assert not {text for kind, text in items if kind == "name"} & {"Le", "Lucy,"}


def test_markdown_is_read_as_text():
    text = markdown_to_text("**Gras** et [lien](https://exemple.org) 1^{re} <sup>1</sup> {: #p3 }")
    assert text.strip() == "Gras et lien 1re 1"


def test_passages_are_the_anchored_blocks():
    passages = source_passages(SOURCE)
    assert [p.anchor for p in passages] == ["p1", "p2", "p3", "p4", "p5"]
    assert "Publié par" not in " ".join(p.text for p in passages)  # page furniture before p1


def test_anchor_forms_and_unanchored_headings():
    markdown = (
        '# T\n\nIntro.\n\n<a id="p1"></a>\n\nPremier passage.\n\n'
        "Second passage.\n{: #p2 }\n\n## Un intertitre\n\nTroisième.\n{: #p3 }\n\nPied de page.\n"
    )
    passages = [(p.anchor, p.text.strip()) for p in source_passages(markdown)]
    assert passages == [
        ("p1", "Premier passage."),
        ("p2", "Second passage."),
        ("p2", "Un intertitre"),  # a heading without anchor belongs to the passage before it
        ("p3", "Troisième."),
    ]


# -- whole texts -------------------------------------------------------------------------------


def test_each_item_of_a_tight_list_can_be_a_passage():
    markdown = "# T\n\n- Premier, 2024.\n  {: #p1 }\n- Second, 2025.\n  {: #p2 }\n"
    passages = [(p.anchor, p.text.strip()) for p in source_passages(markdown)]
    assert passages == [("p1", "Premier, 2024."), ("p2", "Second, 2025.")]


def test_no_claim_reports_every_item_with_its_passage(tmp_path):
    report = run_coverage(tmp_path, [claim("Un tract.", "un-tract")])
    (text,) = report.texts
    assert text.key == "Tract2025"
    gaps = {(item.passage, item.text) for item in text.gaps}
    assert ("p1", "300.000") in gaps
    assert ("p2", "14 février 2025") in gaps
    assert ("p3", "4,2") in gaps and ("p3", "2027") in gaps
    # The text's own note (its events) does not stand for a claim about them.
    assert ("p5", "20 mars 2025") in gaps
    assert any(passage == "p4" and "petit berger" in quoted for passage, quoted in gaps)
    assert report.gap_count == len(text.gaps) > 0
    assert "§ 1" in report.render() and "300.000" in report.render()


def test_claims_in_other_notations_cover_the_text(tmp_path):
    claims = [
        claim(
            "Lucy, le robot conversationnel de La Poste, traite 300 000 appels par mois.", "lucy"
        ),
        claim(
            "Le 14/02/2025, le tribunal judiciaire de Nanterre a suspendu un outil d'IA.",
            "nanterre",
            "@Tract2025; @TJNanterre2025",
        ),
        claim("Les data centers : 4,2 à 6,6 milliards de m³ d'eau d'ici 2027.", "eau"),
        # A long quotation may be shared between claims.
        claim(
            "Pour SUD, « alerter sur les dangers de l'IA relève de la fable du petit berger »",
            "berger-1",
        ),
        claim("(la fable du petit berger qui criait au loup).", "berger-2"),
        claim("Le CST du 20 mars 2025 a débattu de l'IA.", "cst"),
    ]
    report = run_coverage(tmp_path, claims)
    assert gap_texts(report) == set(), report.render()


def test_a_wrong_figure_or_date_is_a_gap(tmp_path):
    claims = [
        claim("Lucy, le robot conversationnel de La Poste, traite 30 000 appels par mois.", "lucy"),
        claim(
            "Le 15 février 2025, le tribunal de Nanterre (n° 24/01457) a suspendu l'outil.", "tj"
        ),
        claim("Les data centers : 42 à 66 milliards de m³ d'eau en 2027.", "eau"),
    ]
    gaps = gap_texts(run_coverage(tmp_path, claims))
    assert {"300.000", "14 février 2025", "4,2", "6,6"} <= gaps
    assert "2027" not in gaps and "Lucy" not in gaps and "24/01457" not in gaps


def test_a_shortened_quotation_is_a_gap(tmp_path):
    claims = [claim("Pour SUD, alerter sur les dangers relève d'une fable.", "fable")]
    gaps = gap_texts(run_coverage(tmp_path, claims))
    assert any("petit berger" in gap for gap in gaps)


def test_the_source_page_itself_is_no_claim(tmp_path):
    source = SOURCE.replace(
        "Lucy, le robot conversationnel de La Poste, traite 300.000 appels tous les mois.\n{: #p1 }",
        "Lucy traite 300.000 appels tous les mois [@Tract2025].\n{: .claim #p1 }",
    )
    gaps = gap_texts(run_coverage(tmp_path, [claim("Un tract.", "un-tract")], source=source))
    assert "300.000" in gaps


def test_exclusions_need_a_reason_and_unused_ones_are_reported(tmp_path):
    exclusions = textwrap.dedent(
        """\
        texts:
          Tract2025:
            - item: "20 mars 2025"
              kind: date
              reason: footer of every page of the leaflet
        all_texts:
          - item: "Nulle part"
            reason: matches nothing, so it is reported
        """
    )
    report = run_coverage(tmp_path, [claim("Un tract.", "un-tract")], exclusions)
    assert "20 mars 2025" not in gap_texts(report)
    assert [e.text for e in report.unused_exclusions] == ["Nulle part"]
    assert "matches no item" in report.render()
    (tmp_path / "bad.yml").write_text("all_texts:\n  - item: CST\n", encoding="utf-8")
    with pytest.raises(ValueError, match="reason"):
        load_exclusions(tmp_path / "bad.yml")


def test_missing_source_page_is_reported(tmp_path):
    docs = write_site(tmp_path, [claim("Un tract.", "un-tract")])
    for lang in ("fr", "en"):
        (docs / lang / "sources" / "tract.md").unlink()
    registry = ClaimRegistry.scan(
        docs, ("fr", "en"), Bibliography.parse(BIB, "bibliography.bib"), tmp_path
    )
    report = coverage(registry, docs, [], tmp_path)
    assert report.gap_count == 1 and "does not exist" in report.render()


def test_cli_exit_codes(tmp_path):
    script = ROOT / "scripts" / "coverage.py"
    write_site(tmp_path, [claim("Un tract.", "un-tract")])
    (tmp_path / "scripts").mkdir()
    failing = subprocess.run(
        [sys.executable, str(script), "--root", str(tmp_path)], capture_output=True, text=True
    )
    assert failing.returncode == 1, failing.stderr
    assert "Tract2025" in failing.stdout and "300.000" in failing.stdout
    only_source = "# Tract\n\nUn tract.\n{: #p1 }\n\nTRACT\n{: #p2 }\n"
    write_site(tmp_path, [claim("Un tract.", "un-tract", "@Tract2025, § 1")], source=only_source)
    uncited = subprocess.run(
        [sys.executable, str(script), "--root", str(tmp_path)], capture_output=True, text=True
    )
    assert uncited.returncode == 1, uncited.stdout + uncited.stderr
    assert "2 passages, 1 cited, 0 excluded, 1 missing" in uncited.stdout
    assert "missing § 2  TRACT" in uncited.stdout
    (tmp_path / "sourcing").mkdir()
    (tmp_path / "sourcing" / "passage-exclusions.yml").write_text(
        'Tract2025:\n  - passages: "§ 2"\n    reason: the title again, in capitals\n',
        encoding="utf-8",
    )
    passing = subprocess.run(
        [sys.executable, str(script), "--root", str(tmp_path)], capture_output=True, text=True
    )
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "2 passages, 1 cited, 1 excluded, 0 missing" in passing.stdout


# -- the real site --------------------------------------------------------------------------------


def seeds_folder() -> Path | None:
    """The original union texts (never committed), if this machine has them."""
    candidates = [Path(os.environ["OBS_SEEDS"])] if os.environ.get("OBS_SEEDS") else []
    candidates += [parent / "shared" / "seeds" for parent in ROOT.parents]
    return next((folder for folder in candidates if folder.is_dir()), None)


def test_source_pages_hold_the_checked_union_texts():
    """The passages have the words checked against the originals (scripts/source_texts.py);
    where the originals are at hand, every line of theirs is on its page, and the record is
    theirs."""
    bibliography = Bibliography.load(ROOT / "bibliography.bib")
    pages = {
        ref.source_page: (ROOT / "docs" / "fr" / f"{ref.source_page}.md").read_text("utf-8")
        for ref in bibliography.references.values()
        if ref.source_page
    }
    assert len(pages) >= 5, "expected the five union texts with a sourcepage in bibliography.bib"
    record = load_record(ROOT)
    redo = "check them: .venv/bin/python scripts/source_texts.py --seeds <originals> --record"
    unchecked = sorted(set(pages) - set(record))
    assert not unchecked, f"never checked against their originals: {unchecked}; {redo}"
    changed = [p for p in pages if record[p]["passages"] != passages_digest(pages[p])]
    assert not changed, f"passages changed since they were checked: {changed}; {redo}"
    seeds = seeds_folder()
    if seeds is not None:
        originals = [(path.name, path.read_text("utf-8")) for path in sorted(seeds.glob("*.txt"))]
        matched, problems = check(originals, pages)
        assert not problems, "\n".join(problems)
        for name, text in originals:
            assert record[matched[name]]["seed"] == seed_digest(text), f"{name}: {redo}"


SEED = """\
Tract de l'Union syndicale Exemple
Contacts : 01 99 00 12 34 - prenom.nom@example.org
L'IA ne remplace pas les agents.
Elle supprime 300 postes d'ici 2027.
Union syndicale Exemple - page 1
Union syndicale Exemple - page 1
Union syndicale Exemple - page 1
"""
PAGE = """\
# Tract de l'Union syndicale Exemple

L'IA ne remplace pas les agents.
{: #p1 }

Elle supprime 300 postes d'ici 2027.
{: #p2 }
"""


def test_a_line_of_the_original_missing_from_its_page_is_reported():
    assert missing_lines(SEED, PAGE) == []  # contacts and running footers are layout
    cut = PAGE.replace("300 postes", "postes")
    assert missing_lines(SEED, cut) == ["Elle supprime 300 postes d'ici 2027."]
    matched, problems = check([("tract.txt", SEED)], {"sources/a": cut, "sources/b": "# B\n"})
    assert matched == {"tract.txt": "sources/a"} and len(problems) == 1
    _, problems = check([("1.txt", SEED), ("2.txt", SEED)], {"sources/a": PAGE})
    assert problems == [
        "two seeds match one source page: {'1.txt': 'sources/a', '2.txt': 'sources/a'}"
    ]


def test_the_passages_digest_follows_their_words_only():
    digest = passages_digest(PAGE)
    assert passages_digest(PAGE.replace("{: #p2 }", '{: #p2 data-speaker="x" }')) == digest
    assert passages_digest(PAGE.replace("agents.", "*agents*.")) == digest
    assert passages_digest(PAGE.replace("300", "30")) != digest
    assert passages_digest(PAGE.replace("pas les", "pas")) != digest
    assert passages_digest(PAGE.replace("# Tract", "# Un tract")) == digest  # not a passage


def test_real_site_has_no_coverage_gap():
    registry = load_registry(ROOT, ROOT / "docs", "bibliography.bib", ("fr", "en"))
    exclusions = load_exclusions(ROOT / "sourcing" / "item-exclusions.yml")
    report = coverage(registry, ROOT / "docs", exclusions, ROOT)
    assert report.gap_count == 0, report.render()
    assert not report.unused_exclusions, report.render()


def test_real_site_every_passage_is_cited_or_excluded():
    """Issue 12: every passage of the five union texts is inside some claim's locator or excluded
    with a reason, and the real site's claims verify with no exception."""
    from observatoire_ia.passage_coverage import load_passage_exclusions, passage_coverage

    registry = load_registry(
        ROOT,
        ROOT / "docs",
        "bibliography.bib",
        ("fr", "en"),
        "sourcing/verification-exceptions.yml",
    )
    exclusions, problems = load_passage_exclusions(
        ROOT / "sourcing" / "passage-exclusions.yml", "sourcing/passage-exclusions.yml"
    )
    report = passage_coverage(registry, registry.sources, exclusions, problems=problems)
    assert len(report.texts) >= 5
    assert report.missing_count == 0 and not report.problems, report.render(registry.sources)
    assert all(text.cited for text in report.texts)
    exceptions = (ROOT / "sourcing" / "verification-exceptions.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(exceptions) == [], "target: no verifier exception"
    # Exclusions are the exception: most passages are carried by claims.
    excluded = sum(len(t.excluded) for t in report.texts)
    assert excluded < sum(t.total for t in report.texts) / 10

"""Tiny PDFs for the ingest tests, written by hand so that their layout is exactly known.

`python tests/pdf_fixture.py` writes tests/fixtures/ingest/exemple.pdf, the contributor guide's
worked example (a test checks the committed file is what this module writes). The text is
fictional, and so are its contact details (numbers reserved for fiction, example.org).
"""

from __future__ import annotations

import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
EXAMPLE_PDF = FIXTURES / "exemple.pdf"
WIDTH, HEIGHT = 595, 842  # A4 in points

# (font size, text) per line; None is a paragraph gap. Headers, footers and page numbers are
# added by `layout`. « interven-|tion » and « data-|centers », « salarié-|es » are cut at a
# line end as a word processor would print them.
HEADER = "Syndicat Exemple des services publics — Déclaration au CSE du 12 mars 2026"
FOOTER = "Syndicat Exemple des services publics – 01 99 00 12 34 – contact@example.org"
EXAMPLE_PAGES: list[list[tuple[int, str] | None]] = [
    [
        (16, "L'IA dans nos services : ce que nous demandons"),
        None,
        (11, "Le 12 mars 2026, la direction a présenté au comité social et économique (CSE) un"),
        (
            11,
            "projet d'outil d'intelligence artificielle chargé de trier les demandes des usagers.",
        ),
        None,
        (
            11,
            "Selon le document remis aux élu·es, l'outil traiterait 40 % des demandes sans interven-",
        ),
        (11, "tion humaine, et 12 postes d'accueil seraient supprimés d'ici 2027."),
        None,
        (11, "Les salarié-"),
        (
            11,
            "es de l'accueil n'ont pas été consulté·es. Les data-centers qui font tourner l'outil",
        ),
        (
            11,
            "consomment de l'eau et de l'électricité : la direction ne donne aucun chiffre sur les data-",
        ),
        (11, "centers utilisés."),
        None,
        (
            11,
            "Nous demandons une expertise indépendante avant tout déploiement, la consultation du",
        ),
        (11, "CSE à chaque étape du projet et"),
    ],
    [
        (11, "la formation de tous les agents concernés, sur leur temps de travail."),
        None,
        (13, "Nos revendications"),
        None,
        (11, "• Aucune suppression de poste liée à l'outil ;"),
        (11, "• un bilan écrit de l'outil présenté au CSE six mois après son installation ;"),
        (11, "• le droit pour chaque usager de parler à un agent."),
        None,
        (11, "Contact : Camille Exemple, 06 39 98 12 34 ou +33 6 39 98 56 78 ou 06.39.98.45.67,"),
        (11, "camille.exemple@example.org."),
    ],
]
EXAMPLE_INFO = {
    "Title": "L'IA dans nos services : ce que nous demandons",
    "Author": "Syndicat Exemple des services publics",
}


def layout(
    pages: list[list[tuple[int, str] | None]], header: str | None, footer: str | None
) -> list[list[tuple[int, int, int, str]]]:
    """(x, y, size, text) per line: the header at the top, the body, the footer and the page
    number (« 1/2 ») at the bottom."""
    placed = []
    for number, lines in enumerate(pages, start=1):
        page = [(72, 800, 9, header)] if header else []
        y = 760
        for line in lines:
            if line is None:
                y -= 12
                continue
            size, text = line
            page.append((72, y, size, text))
            y -= size + 4
        if footer:
            page.append((72, 60, 9, footer))
        page.append((290, 40, 9, f"{number}/{len(pages)}"))
        placed.append(page)
    return placed


def _pdf_string(text: str) -> bytes:
    escaped = text.encode("cp1252").replace(b"\\", b"\\\\")
    return b"(" + escaped.replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _info_string(text: str) -> bytes:
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode() + b">"


def write_pdf(pages: list[list[tuple[int, int, int, str]]], info: dict[str, str]) -> bytes:
    """A PDF with one Helvetica text line per (x, y, size, text); deterministic bytes."""
    objects: list[bytes] = [b"", b""]  # catalog and page tree, filled in below
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    font, kids = len(objects), []
    for lines in pages:
        content = (
            b"BT\n"
            + b"".join(
                b"/F1 %d Tf 1 0 0 1 %d %d Tm %s Tj\n" % (size, x, y, _pdf_string(text))
                for x, y, size, text in lines
            )
            + b"ET"
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (WIDTH, HEIGHT, font, len(objects))
        )
        kids.append(len(objects))
    return _assemble(objects, kids, info)


def scanned_pdf() -> bytes:
    """One page holding only an image, as a scanner writes it: no text layer."""
    pixels = bytes([0, 255, 255, 0] * 4)
    objects: list[bytes] = [b"", b""]
    objects.append(
        b"<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length %d >>\nstream\n%s\nendstream" % (len(pixels), pixels)
    )
    image = len(objects)
    content = b"q 400 0 0 600 96 120 cm /Im1 Do Q"
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    objects.append(
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>"
        % (WIDTH, HEIGHT, image, len(objects))
    )
    return _assemble(objects, [len(objects)], {})


def _assemble(objects: list[bytes], kids: list[int], info: dict[str, str]) -> bytes:
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    objects.append(
        b"<< "
        + b" ".join(b"/%s %s" % (k.encode(), _info_string(v)) for k, v in info.items())
        + b" >>"
    )
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        len(objects),
        xref,
    )
    return out


def example_pdf() -> bytes:
    return write_pdf(layout(EXAMPLE_PAGES, HEADER, FOOTER), EXAMPLE_INFO)


if __name__ == "__main__":
    EXAMPLE_PDF.write_bytes(example_pdf())
    print(f"{EXAMPLE_PDF} written", file=sys.stderr)

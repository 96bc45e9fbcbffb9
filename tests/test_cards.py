"""Social cards: French typography in their text, a complete cache key, drawing in parallel.

Issues 14 (cards drawn on every core, keyed by content, written once), 15 item 4 (no line
break at a no-break space), 17 item 5 (a declarative Layout, one shortening routine) and
18 (the cache key covers size, layout, font and text; og:image sizes are the drawn size).
"""

from __future__ import annotations

import dataclasses
import io
import json
import random
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html
from PIL import Image, ImageDraw

from observatoire_ia import parallel
from observatoire_ia.sharing import cards
from observatoire_ia.textfit import ELLIPSIS, cut, excerpt, shorten, words, wrap

NBSP, NNBSP = "\u00a0", "\u202f"
# French texts as the site writes them (typography.french_spacing): no-break spaces before
# « : ; ! ? % » and inside « ».
FRENCH = [
    f"Google a augmenté de 65{NBSP}% ses émissions de gaz à effet de serre en 5{NBSP}ans",
    f"Les agents demandent{NNBSP}: «{NBSP}une formation pour tous{NBSP}» et des moyens{NNBSP}!",
    f"Pourquoi ce questionnaire{NNBSP}? Parce que 30{NBSP}% des postes sont «{NBSP}exposés{NBSP}»",
    f"Une requête consomme 10{NBSP}fois plus{NNBSP}; l'IA «{NBSP}pourrait{NBSP}» tout changer",
]
FORBIDDEN_LINE_STARTS = ("%", ":", ";", "!", "?", "»")


def by_length(width: int):
    return lambda line: len(line) <= width


def assert_breaks_only_at_spaces(text: str, lines: list[str]) -> None:
    assert " ".join(lines) == " ".join(words(text)), "text lost or changed by wrapping"
    for line in lines:
        assert not line.startswith(FORBIDDEN_LINE_STARTS), (line, lines)
        assert not line.endswith("«"), (line, lines)
        assert not line.startswith((NBSP, NNBSP)) and not line.endswith((NBSP, NNBSP))


@pytest.mark.parametrize("text", FRENCH)
def test_wrap_never_breaks_at_a_no_break_space(text):
    for width in range(1, len(text) + 2):
        lines = wrap(text, by_length(width))
        assert_breaks_only_at_spaces(text, lines)
        for line in lines:
            # Over-long lines only when a single unbreakable piece is wider than the line.
            assert len(line) <= width or " " not in line, (width, line)


def test_wrap_keeps_65_percent_together_at_every_width_with_the_card_font():
    """The card of google-emissions-65 (issue 15): « 65 % » on one line, in pixels."""
    text = FRENCH[0]
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    layout = cards.LAYOUT
    for size in layout.title_sizes:
        font = cards._font(layout.bold, size)
        for width in range(200, 1100, 37):
            lines = wrap(text, lambda s, f=font, w=width: draw.textlength(s, font=f) <= w)
            assert_breaks_only_at_spaces(text, lines)
            assert any(f"65{NBSP}%" in line for line in lines)


def test_wrap_random_french_texts():
    rng = random.Random(14)
    vocabulary = ["mot", "IA", "65", "%", ":", "?", "!", "«", "»", "données", "agents", ";"]
    for _ in range(300):
        pieces = [rng.choice(vocabulary) for _ in range(rng.randint(1, 30))]
        text = "".join(p + rng.choice([" ", NBSP, NNBSP, "  "]) for p in pieces).strip()
        for width in (1, 5, 12, 40):
            lines = wrap(text, by_length(width))
            assert " ".join(lines) == " ".join(words(text))
            assert all(NBSP + " " not in line and " " + NBSP not in line for line in lines)


@pytest.mark.parametrize("text", FRENCH)
def test_shorten_cuts_at_ordinary_spaces_only(text):
    pieces = words(text)
    for limit in range(2, len(text)):
        short = shorten(text, by_length(limit))
        assert len(short) <= limit and short.endswith(ELLIPSIS)
        kept = short[: -len(ELLIPSIS)]
        assert not kept.endswith((NBSP, NNBSP, " ", ",", ";", ":")), short
        # Whole pieces, or the first piece cut by characters when not even it fits.
        whole = [
            " ".join(pieces[:n]).rstrip(" ,;:–—" + NBSP + NNBSP) for n in range(1, len(pieces))
        ]
        assert kept in whole or (pieces[0].startswith(kept) and len(pieces[0]) + 1 > limit), short


def test_shorten_never_separates_a_figure_from_its_unit():
    text = f"Hausse de 65{NBSP}% en 5{NBSP}ans selon le texte"
    for limit in range(len("Hausse de 65") + 1, len(text)):
        short = shorten(text, by_length(limit))
        assert not short.endswith(f"65{ELLIPSIS}") and not short.endswith(f"5{ELLIPSIS}"), short


def test_shorten_keeps_a_text_that_fits_and_marks_a_forced_cut():
    assert shorten("Un  texte\ncourt", by_length(50)) == "Un texte court"
    assert shorten("Un texte court", by_length(50), always=True) == "Un texte court" + ELLIPSIS
    assert shorten("Anticonstitutionnellement", by_length(8)) == "Anticon" + ELLIPSIS


def test_share_titles_are_cut_at_ordinary_spaces():
    """textfit.cut (share-page titles, descriptions, image alt texts) uses the same routine."""
    text = "Selon le texte, la consommation a augmenté de 65" + NBSP + "% en cinq ans"
    for limit in range(20, len(text)):
        short = cut(text, limit)
        assert len(short) <= limit
        assert f"65{NBSP}%" in short or "65" not in short, short


def test_list_excerpts_cut_back_to_a_space_within_the_limit():
    """textfit.excerpt (claims listed on generated pages): the first `limit` characters back to
    the last ordinary space, trailing marks trimmed, then the ellipsis."""
    text = f"Au contre-sommet, dans la séquence sur le travail{NBSP}: «{NBSP}Plus on automatise"
    assert excerpt(text, len(text)) == text
    assert excerpt(text, 50) == "Au contre-sommet, dans la séquence sur le…"
    # `cut` measures the trimmed text: it keeps one word more at the same length (the lists
    # keep their own cut, so that the built pages did not change; see textfit's docstring)
    assert cut(text, 51) == "Au contre-sommet, dans la séquence sur le travail…"
    for limit in range(10, len(text)):
        short = excerpt(text, limit)
        assert len(short) <= limit + 1 and short.endswith(ELLIPSIS)
        assert not short[:-1].endswith((" ", ",", NBSP)), short
        assert f"travail{NBSP}:" in short or ":" not in short, short


# -- the cache key ---------------------------------------------------------------------------

CARD = cards.Card(FRENCH[0], "Affirmation sourcée · Environnement", "Solidaires · Site", "fr")


def variants(tmp_path: Path) -> dict[str, tuple[cards.Card, cards.Layout]]:
    """One change to each input a card depends on."""
    layout = cards.LAYOUT
    other_font = tmp_path / "font.ttf"
    shutil.copyfile(layout.regular, other_font)
    with other_font.open("ab") as handle:  # same name and glyphs, other bytes
        handle.write(b"\0" * 4)
    changed = dataclasses.replace
    return {
        "width": (CARD, changed(layout, width=1100)),
        "height": (CARD, changed(layout, height=600)),
        "margin": (CARD, changed(layout, margin=60)),
        "colour": (CARD, changed(layout, background=(150, 20, 20))),
        "title sizes": (CARD, changed(layout, title_sizes=(70, 50, 34))),
        "PNG settings": (CARD, changed(layout, compress_level=9)),
        "font file": (CARD, changed(layout, regular=other_font)),
        "font bytes at the same path": (CARD, layout),  # the regular font is rewritten below
        "title": (dataclasses.replace(CARD, title=FRENCH[1]), layout),
        "kicker": (dataclasses.replace(CARD, kicker="Travail"), layout),
        "footer": (dataclasses.replace(CARD, footer="Autre pied"), layout),
        "subtitle": (dataclasses.replace(CARD, subtitle="Une description"), layout),
    }


def test_card_cache_key_covers_size_layout_font_and_text(tmp_path, monkeypatch):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    regular, bold = fonts / "regular.ttf", fonts / "bold.ttf"
    shutil.copyfile(cards.REGULAR, regular)
    shutil.copyfile(cards.BOLD, bold)
    base_layout = cards.Layout(regular=regular, bold=bold)
    base_key = CARD.key(base_layout)
    cache = tmp_path / "cache"
    target = tmp_path / "site" / "card.png"
    assert cards.write_cards([(CARD, target, "page")], cache, base_layout) == 1
    first = target.read_bytes()
    assert cards.write_cards([(CARD, target, "page")], cache, base_layout) == 0, "cache hit"
    for name, (card, layout) in variants(tmp_path).items():
        layout = dataclasses.replace(
            layout,
            regular=regular if layout.regular == cards.REGULAR else layout.regular,
            bold=bold,
        )
        if name == "font bytes at the same path":
            with regular.open("ab") as handle:
                handle.write(b"\0")
            cards._file_digest.cache_clear()  # a new build process reads the font again
        assert card.key(layout) != base_key, name
        drawn = cards.write_cards([(card, target, "page")], cache, layout)
        assert drawn == 1, f"{name}: the changed card must be drawn, not taken from the cache"
        with Image.open(target) as image:
            assert image.size == layout.size, name
    assert first != target.read_bytes()


def test_drawn_size_is_the_layout_size():
    layout = dataclasses.replace(cards.LAYOUT, width=800, height=420)
    with Image.open(io.BytesIO(cards.render(CARD, layout))) as image:
        assert image.size == (800, 420)
    with Image.open(io.BytesIO(cards.render(CARD))) as image:
        assert image.size == (1200, 630)  # what link previews expect (og:image:width/height)


def test_cards_use_few_colours_and_look_like_the_rgb_drawing():
    """The fixed palette keeps the anti-aliasing: every pixel within a few levels of the RGB
    drawing, and no more colours than the layout's blends."""
    data = cards.render(CARD)
    with Image.open(io.BytesIO(data)) as image:
        assert image.mode == "P"
        colours = image.convert("RGB").getcolors(maxcolors=256)
    assert colours is not None and len(colours) <= len(cards.LAYOUT.palette())
    assert {colour for _, colour in colours} >= {
        cards.LAYOUT.background,
        cards.LAYOUT.band,
        cards.LAYOUT.foreground,
    }


# -- drawing many cards ----------------------------------------------------------------------


def test_write_cards_draws_each_distinct_card_once_in_parallel(tmp_path):
    many = [dataclasses.replace(CARD, title=f"Affirmation numéro {n}") for n in range(40)]
    jobs = [(card, tmp_path / "site" / f"{n}.png", f"page {n}") for n, card in enumerate(many)]
    # The same card wanted at two places is drawn once.
    jobs.append((many[0], tmp_path / "site" / "again.png", "page again"))
    cache = tmp_path / "cache"
    assert cards.write_cards(jobs, cache, workers=2) == 40
    assert len(list(cache.glob("*.png"))) == 40
    for card, target, _ in jobs[:5]:
        assert target.read_bytes() == cards.render(card), "same bytes as drawn alone"
    assert (tmp_path / "site" / "again.png").read_bytes() == (
        tmp_path / "site" / "0.png"
    ).read_bytes()
    assert cards.write_cards(jobs, cache, workers=2) == 0


def test_write_cards_without_cache_writes_every_target(tmp_path):
    jobs = [(CARD, tmp_path / "a.png", "a"), (CARD, tmp_path / "b" / "b.png", "b")]
    assert cards.write_cards(jobs, None) == 1
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b" / "b.png").read_bytes()


def test_a_card_that_cannot_be_drawn_names_its_page_even_from_a_worker(tmp_path):
    broken = dataclasses.replace(cards.LAYOUT, title_sizes=())
    jobs = [
        (dataclasses.replace(CARD, title=f"T {n}"), tmp_path / f"{n}.png", f"docs/fr/p{n}.md")
        for n in range(parallel.PER_WORKER * 4)
    ]
    with pytest.raises(
        cards.CardError, match=r"docs/fr/p\d+\.md: the social card could not be drawn"
    ):
        cards.write_cards(jobs, tmp_path / "cache", broken, workers=2)


# -- the built site ----------------------------------------------------------------------------


def test_og_image_size_is_the_size_of_the_card_it_names(site_dir):
    """og:image:width/height announce what was drawn (issue 18), on pages and share pages."""
    claims = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    pages = [site_dir / "index.html", site_dir / "en" / "environnement" / "index.html"]
    pages += [site_dir / "c" / claims[0]["id"] / "index.html"]
    for page in pages:
        tree = lxml_html.parse(str(page))
        image = tree.xpath('//meta[@property="og:image"]/@content')[0]
        width = int(tree.xpath('//meta[@property="og:image:width"]/@content')[0])
        height = int(tree.xpath('//meta[@property="og:image:height"]/@content')[0])
        path = site_dir / "assets" / "cards" / image.split("/assets/cards/", 1)[1]
        with Image.open(path) as picture:
            assert picture.size == (width, height) == (1200, 630), page


def test_the_card_of_google_emissions_65_keeps_65_percent_on_one_line():
    """The claim of issue 15, set as its card sets it (title font and width)."""
    text = f"Google a augmenté de 65{NBSP}% ses émissions de gaz à effet de serre en 5{NBSP}ans"
    draw = ImageDraw.Draw(Image.new("RGB", cards.LAYOUT.size))
    layout = cards.LAYOUT
    width = layout.width - 2 * layout.margin
    height = layout.height - layout.band_height - layout.title_bottom_gap - layout.title_top
    _, lines, _ = cards.fit_title(draw, text, layout, width, height)
    assert_breaks_only_at_spaces(text, lines)

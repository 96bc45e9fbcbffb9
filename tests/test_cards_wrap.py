"""Social cards' text wrapping: every word kept, in order, each line within the width, the title
as large as fits (from 76 px down to 34 px), cut at a word with « … » only when even 34 px
cannot hold it. Measured with a stand-in for Pillow's text measure (10 px a character at
every size below 50 px, 20 px above), so the expected lines can be worked out by hand.

The wrapping and the cut are textfit.py (widths given by a `fits` test); the choice of
size is cards.fit_title. French no-break spaces are tested in test_cards.py."""

from __future__ import annotations

import pytest

from observatoire_ia.sharing import cards
from observatoire_ia.textfit import shorten, wrap


class Font:
    def __init__(self, size: int, path=None) -> None:
        self.size = size
        self.path = path

    def getlength(self, text: str) -> float:
        return len(text) * (20 if self.size >= 50 else 10)


class Draw:
    """textlength: 20 px a character for sizes of 50 px and more, 10 px below."""

    def textlength(self, text: str, font: Font) -> float:
        return font.getlength(text)


@pytest.fixture(autouse=True)
def stand_in_fonts(monkeypatch):
    monkeypatch.setattr(cards, "_font", lambda path, size: Font(size, path))


def within(width: int, size: int = 40):
    return lambda line: Font(size).getlength(line) <= width


@pytest.mark.parametrize(
    "text, width, lines",
    [
        ("", 100, []),
        ("   ", 100, []),
        ("un", 100, ["un"]),
        ("un deux trois", 130, ["un deux trois"]),  # 13 characters: exactly the width
        ("un deux trois", 120, ["un deux", "trois"]),
        ("un  deux\ntrois", 130, ["un deux trois"]),  # any run of spaces is one space
        ("anticonstitutionnellement court", 100, ["anticonstitutionnellement", "court"]),
        ("a b c d e f", 30, ["a b", "c d", "e f"]),
        ("a b c d e f", 29, ["a", "b", "c", "d", "e", "f"]),
    ],
)
def test_wrap(text, width, lines):
    """A word longer than the width stands alone on its line rather than being lost."""
    assert wrap(text, within(width)) == lines


def test_wrap_measures_with_the_font_it_is_given():
    assert wrap("un deux trois", within(130, size=60)) == ["un", "deux", "trois"]


def fit(text: str, width: int, height: int):
    font, lines, line_height = cards.fit_title(Draw(), text, cards.LAYOUT, width, height)
    return font.size, lines, line_height


def test_fit_takes_the_largest_size_that_holds_the_text():
    # 76 px: 20 px a character, lines of 92 px (76 × 1.22)
    assert fit("un deux", 140, 100) == (76, ["un deux"], 92)
    # two lines: 2 × 92, 82, 73, 65 (76 to 54 px), 58, 53 (48, 44 px) are over 100; 2 × 48 fits
    assert fit("un deux", 60, 100) == (40, ["un", "deux"], 48)
    # three lines at 20 px a character: 3 × 65 px (54 px) is the first to fit in 200
    assert fit("un deux trois quatre", 200, 200) == (54, ["un deux", "trois", "quatre"], 65)


def test_fit_uses_each_size_in_turn_down_to_34(monkeypatch):
    sizes = []

    def recording(path, size):
        if path == cards.BOLD:
            sizes.append(size)
        return Font(size, path)

    monkeypatch.setattr(cards, "_font", recording)
    fit("mot " * 40, 200, 100)
    assert sizes == [76, 68, 60, 54, 48, 44, 40, 37, 34]


def test_too_long_even_at_34_px_is_cut_at_a_word_with_an_ellipsis():
    # 34 px: 10 px a character, lines of 41 px; 100 px of height hold two lines
    size, lines, line_height = fit("alpha beta gamma delta epsilon zeta", 110, 100)
    assert (size, line_height) == (34, 41)
    assert lines == ["alpha beta", "gamma…"]  # « gamma delta » + « … » would pass 110 px
    assert all(Draw().textlength(line, Font(34)) <= 110 for line in lines)


def test_the_cut_drops_punctuation_before_the_ellipsis():
    # 34 px, 130 px wide, one line: « alpha beta, » and « … » fit; the comma goes
    size, lines, _ = fit("alpha beta, gamma delta epsilon zeta eta", 130, 41)
    assert size == 34 and lines == ["alpha beta…"]


def test_fit_sets_the_title_in_bold():
    font, _, _ = cards.fit_title(Draw(), "un deux", cards.LAYOUT, 140, 100)
    assert font.path == cards.BOLD


def test_a_title_exactly_as_high_as_the_room_keeps_its_size():
    assert fit("un deux", 140, 92) == (76, ["un deux"], 92)  # one line of 92 px in 92 px


def test_the_cut_removes_the_last_words_only():
    # 34 px, 200 px wide, one line: « un deux trois quatre… » is 210 px, « un deux trois… » 140
    text = "un deux trois quatre cinq six sept huit neuf dix"
    assert fit(text, 200, 41) == (34, ["un deux trois…"], 41)


def test_the_cut_keeps_the_letters_of_the_last_word():
    assert fit("alpha DX gamma delta epsilon", 110, 41) == (34, ["alpha DX…"], 41)


def test_shorten_takes_the_longest_beginning_that_fits():
    text = "un deux trois quatre cinq"
    for width in range(10, 260, 10):
        short = shorten(text, within(width))
        longer = [
            " ".join(text.split()[:n]) + "…"
            for n in range(1, 6)
            if Font(40).getlength(" ".join(text.split()[:n]) + "…") <= width
        ]
        if Font(40).getlength(text) <= width:
            assert short == text
        elif longer:
            assert short == longer[-1], width
        else:  # not even the first word: cut inside it
            assert short.endswith("…") and Font(40).getlength(short) <= max(width, 10)

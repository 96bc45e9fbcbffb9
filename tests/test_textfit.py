"""Cutting and wrapping texts (textfit.py): exact results at the edges of each limit."""

from __future__ import annotations

import pytest

from observatoire_ia.textfit import ELLIPSIS, cut, excerpt, lines_within, shorten, wrap

NBSP, NNBSP = "\u00a0", "\u202f"


def by_chars(limit: int):
    return lambda candidate: len(candidate) <= limit


def test_cut_keeps_a_text_exactly_at_the_limit_and_cuts_one_longer():
    assert cut("abc def", 7) == "abc def"
    assert cut("abc defg", 7) == "abc…"
    assert cut("abc def ghi", 8) == "abc def…"  # exactly 8 with its ellipsis
    assert len(cut("un deux trois quatre", 10)) <= 10


def test_cut_collapses_spaces_and_trims_even_a_short_text():
    assert cut("  un  deux ", 40) == "un deux"
    assert cut("un\tdeux\ntrois", 40) == "un deux trois"
    assert cut("un deux", 40) == "un deux"


def test_shorten_returns_a_text_that_fits_whole_unless_always():
    assert shorten("un deux trois", by_chars(13)) == "un deux trois"
    assert shorten("un deux trois", by_chars(13), always=True) == "un deux…"
    assert shorten("un deux trois", by_chars(100), always=True) == "un deux trois…"


def test_shorten_keeps_the_longest_beginning_that_fits():
    text = "alpha beta gamma delta epsilon zeta"
    for limit in range(6, len(text)):
        shown = shorten(text, by_chars(limit))
        assert len(shown) <= limit and shown.endswith(ELLIPSIS)
        words = shown[:-1].split(" ")
        longer = " ".join(text.split(" ")[: len(words) + 1]) + ELLIPSIS
        assert len(longer) > limit, (limit, shown)  # one more word would not fit


def test_a_first_word_too_long_is_cut_by_characters_marks_trimmed():
    assert shorten("anticonstitutionnellement oui", by_chars(8)) == "anticon…"
    assert shorten("abc,;defghij", by_chars(5)) == "abc…"  # not « abc,;… »
    assert shorten(",,,,,,,,", by_chars(3)) == ELLIPSIS
    assert shorten("", by_chars(10)) == ""
    assert shorten("", by_chars(10), always=True) == ELLIPSIS
    assert shorten("ab", by_chars(2), always=True) == "a…"


def test_a_cut_never_leaves_a_mark_or_a_space_before_the_ellipsis():
    assert shorten("Motif\u00a0: le juge tranche", by_chars(10)) == "Motif…"
    assert shorten("un, deux, trois", by_chars(10)) == "un, deux…"


def test_no_break_spaces_bind_what_they_join():
    assert wrap(f"soit 65{NNBSP}% des postes", by_chars(7)) == [
        "soit",
        f"65{NNBSP}%",
        "des",
        "postes",
    ]
    assert shorten(f"soit 65{NNBSP}% des postes", by_chars(9)) == "soit…"


def test_wrap_puts_a_piece_too_wide_alone_on_its_line():
    assert wrap("a anticonstitutionnellement b", by_chars(5)) == [
        "a",
        "anticonstitutionnellement",
        "b",
    ]
    assert wrap("", by_chars(5)) == []
    assert wrap("un deux", by_chars(7)) == ["un deux"]


@pytest.mark.parametrize(
    ("text", "limit", "shown"),
    [
        ("un deux trois", 13, "un deux trois"),  # exactly the limit: whole
        ("un deux trois", 12, "un deux…"),
        ("un deux trois", 8, "un deux…"),  # « un deux » is 7, its space the 8th
        ("un deux, trois", 9, "un deux…"),  # the comma trimmed
        ("un  deux trois", 40, "un  deux trois"),  # short: left as written
    ],
)
def test_excerpt(text, limit, shown):
    assert excerpt(text, limit) == shown


def test_lines_within_drops_lines_with_an_ellipsis_on_the_last_kept():
    lines = ["un deux", "trois quatre", "cinq six"]
    assert lines_within(lines, 3, by_chars(12)) == lines
    assert lines_within(lines, 4, by_chars(12)) == lines
    assert lines_within(lines, 2, by_chars(14)) == ["un deux", "trois quatre…"]
    assert lines_within(lines, 1, by_chars(29)) == ["un deux trois quatre cinq…"]
    assert lines_within(lines, 0, by_chars(30)) == []
    # The last line kept always shows that text was dropped, even when it would fit whole.
    assert lines_within(["un", "deux"], 1, by_chars(100)) == ["un deux…"]


def test_excerpt_is_shorten_measured_before_the_trim():
    # « un deux, » is 8 characters before its comma is trimmed: it fits 8, not 7.
    assert excerpt("un deux, trois quatre", 8) == "un deux…"
    assert excerpt("un deux, trois quatre", 7) == "un…"
    assert cut("un deux, trois quatre", 8) == "un deux…"  # measured after: the same here
    assert excerpt("anticonstitutionnellement", 10) == "anticonsti…"  # one long word
    assert excerpt("un  deux\ntrois quatre", 10) == "un deux…"  # a long text's spaces collapse
    assert excerpt("un  deux", 7) == "un deux"  # collapsed, it fits whole: no ellipsis

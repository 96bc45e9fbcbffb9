"""Social cards: one PNG per page and per claim, drawn with Pillow and a bundled font.

Where each piece of a card comes from: a page's card is filled by sharing/plugin.py, a claim's
by sharing/share_pages.py. The big text is the page title or the claim's plain text
(ClaimRegistry.plain_text: citations removed, French spacing applied, as in claims.json); the
kicker the page's section, or « Affirmation sourcée · <thème> » (i18n.py, share.claim_kicker);
the footer the site name, after the claim's short sources (Reference.short_source,
claims/bibliography.py); the subtitle a page's description (front matter). The claim's
citations are not drawn: its label and locator are the HTML contract's (claims/markdown_ext.py).
Where and how they are set is the declarative `Layout` below (margins, sizes, colours, PNG
settings), as Material's social plugin declares its layouts; change the look there.

French typography holds in cards: lines break at ordinary spaces only, never at a no-break
(U+00A0) or narrow no-break space (U+202F), so « 65 % », « mot : » and « … » stay whole
(textfit.wrap); a text that does not fit is cut at a word with an ellipsis, by one routine
(textfit.shorten, which also cuts the link previews' texts).

No network: the fonts (DejaVu Sans, Bitstream Vera licence) are in `fonts/`. Output is
deterministic (no timestamp or text chunk in the PNG; a fixed palette made of the layout's
colours and their anti-aliasing blends) and cached in `.cache/cards/<key>.png`, the key
covering the text, the layout (size, margins, colours, PNG settings), the fonts' bytes and
the code of this module and of those it imports (textfit.py). `write_cards` draws each
distinct missing card once, on every core, and copies (or hard-links) it to each place the
site needs it.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
from collections.abc import Iterable
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .. import parallel
from ..cache_files import code_digest, write_atomic
from ..textfit import lines_within, shorten, wrap

MAX_BYTES = 300 * 1024
FONTS = Path(__file__).parent / "fonts"
REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"
# Any change to this module (drawing, PNG writing) or to a module it imports (textfit:
# wrapping, cutting) redraws every cached card.
_CODE = code_digest(Path(__file__))[:16]

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Layout:
    """A card's geometry, colours and PNG settings (pixels; sizes of type in px)."""

    width: int = 1200
    height: int = 630
    margin: int = 72  # left and right of every text
    background: RGB = (183, 28, 28)  # dark red, white text: contrast ratio above 7:1
    band: RGB = (127, 0, 0)  # footer band
    foreground: RGB = (255, 255, 255)  # title, rule, footer
    muted: RGB = (255, 224, 224)  # kicker, subtitle
    regular: Path = REGULAR
    bold: Path = BOLD
    # Kicker (upper case, bold) above a short rule.
    kicker_top: int = 64
    kicker_size: int = 30
    rule_top: int = 112
    rule_width: int = 96
    rule_thickness: int = 6
    # Title: the largest bold size whose wrapped text fits between the rule and the band.
    title_top: int = 150
    title_sizes: tuple[int, ...] = (76, 68, 60, 54, 48, 44, 40, 37, 34)  # 34: still read on a phone
    title_leading: float = 1.22
    title_bottom_gap: int = 36  # above the band
    # Subtitle (a page's description), under the title when at least two lines are free.
    subtitle_size: int = 34
    subtitle_leading: float = 1.3
    subtitle_gap: int = 18
    # Footer band: site name (and sources).
    band_height: int = 96
    footer_size: int = 30
    # PNG: a fixed palette (each text colour blended into its background in this many steps)
    # and zlib's default level: the same look as a 32-colour median cut with `optimize`, about
    # the same size, several times faster (bench/RESULTS.md, « Social cards »).
    palette_steps: int = 10
    compress_level: int = 6

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)

    def digest(self) -> str:
        """Every field and the fonts' bytes: a change to either is a new card."""
        return _layout_digest(self, _file_digest(self.regular), _file_digest(self.bold))

    def palette(self) -> list[RGB]:
        """The card's colours: each text colour blended into its background, step by step."""
        colours: list[RGB] = []
        pairs = (
            (self.background, self.foreground),
            (self.background, self.muted),
            (self.band, self.foreground),
        )
        for start, end in pairs:
            for step in range(self.palette_steps + 1):
                t = step / self.palette_steps
                colour = tuple(round(a + (b - a) * t) for a, b in zip(start, end, strict=True))
                if colour not in colours:
                    colours.append(colour)
        return colours


LAYOUT = Layout()


class CardError(Exception):
    """A card could not be drawn or is out of bounds (size, dimensions)."""


@dataclass(frozen=True)
class Card:
    title: str  # the big text: page title or claim text
    kicker: str  # small line above: section, or « Affirmation sourcée »
    footer: str  # site name (and source for claims)
    lang: str
    subtitle: str = ""  # a page's description, under the title when there is room

    def key(self, layout: Layout = LAYOUT) -> str:
        """Cache key: the text, the layout with its fonts, and this module's code."""
        digest = hashlib.sha256()
        parts = (_CODE, layout.digest(), self.title, self.kicker, self.footer, self.lang)
        for part in (*parts, self.subtitle):
            digest.update(part.encode("utf-8") + b"\x00")
        return digest.hexdigest()[:32]


@cache  # once per layout and fonts, not once per card
def _layout_digest(layout: Layout, regular: str, bold: str) -> str:
    digest = hashlib.sha256(repr(astuple(layout)).encode("utf-8"))
    digest.update(regular.encode("ascii") + bold.encode("ascii"))
    return digest.hexdigest()


@cache
def _file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


class _Widths:
    """Line widths in one font from cached word widths: Pillow's width of a line is the sum
    of its words' and spaces' (no kerning across a space), and words recur from card to card,
    so wrapping measures each word once instead of every candidate line."""

    def __init__(self, font: ImageFont.FreeTypeFont) -> None:
        self.font = font
        self.space = font.getlength(" ")
        self.words: dict[str, float] = {}

    def __call__(self, line: str) -> float:
        total = self.space * line.count(" ")
        for word in line.split(" "):
            width = self.words.get(word)
            if width is None:
                width = self.words[word] = self.font.getlength(word)
            total += width
        return total


@cache
def _widths(font: ImageFont.FreeTypeFont) -> _Widths:
    return _Widths(font)


def _fits(pen: ImageDraw.ImageDraw, font: ImageFont.FreeTypeFont, width: int):
    measure = _widths(font)
    return lambda line: measure(line) <= width


def _exact(pen: ImageDraw.ImageDraw, font: ImageFont.FreeTypeFont, width: int):
    return lambda line: pen.textlength(line, font=font) <= width


def _set(pen, font, width: int, lines: list[str], relayout) -> list[str]:
    """`lines` if each one fits when measured whole; else laid out again, measured whole."""
    exact = _exact(pen, font, width)
    return lines if all(exact(line) for line in lines) else relayout(exact)


def fit_title(pen: ImageDraw.ImageDraw, text: str, layout: Layout, width: int, height: int):
    """(font, lines, line height): the largest title size whose wrapped text fits."""
    for size in layout.title_sizes:
        font = _font(layout.bold, size)
        line_height = int(size * layout.title_leading)
        fits = _fits(pen, font, width)
        lines = wrap(text, fits)
        if len(lines) * line_height <= height:
            return font, _set(pen, font, width, lines, lambda f: wrap(text, f)), line_height
    # Too long even at the smallest size: cut at a word and add an ellipsis.
    max_lines = height // line_height
    lines = lines_within(lines, max_lines, fits)
    relayout = lambda f: lines_within(wrap(text, f), max_lines, f)  # noqa: E731
    return font, _set(pen, font, width, lines, relayout), line_height


# -- drawing -------------------------------------------------------------------------------


def render(card: Card, layout: Layout = LAYOUT) -> bytes:
    """The card as PNG bytes."""
    return _png(draw(card, layout), layout)


def draw(card: Card, layout: Layout = LAYOUT) -> Image.Image:
    """The card as an RGB image (before its PNG palette)."""
    width = layout.width - 2 * layout.margin
    image = Image.new("RGB", layout.size, layout.background)
    pen = ImageDraw.Draw(image)
    # Footer band: site name (and source).
    band_top = layout.height - layout.band_height
    pen.rectangle((0, band_top, layout.width, layout.height), fill=layout.band)
    footer_font = _font(layout.regular, layout.footer_size)
    footer = shorten(card.footer, _exact(pen, footer_font, width))
    middle = band_top + layout.band_height // 2
    pen.text((layout.margin, middle), footer, font=footer_font, fill=layout.foreground, anchor="lm")
    # Kicker: section name, upper case, above a short rule.
    kicker_font = _font(layout.bold, layout.kicker_size)
    kicker = shorten(card.kicker.upper(), _exact(pen, kicker_font, width))
    pen.text(
        (layout.margin, layout.kicker_top), kicker, font=kicker_font, fill=layout.muted, anchor="lt"
    )
    rule = (layout.margin, layout.rule_top, layout.margin + layout.rule_width)
    pen.rectangle(
        (*rule[:2], rule[2], layout.rule_top + layout.rule_thickness), fill=layout.foreground
    )
    # Title: as large as fits in the area between the rule and the band.
    top, bottom = layout.title_top, band_top - layout.title_bottom_gap
    font, lines, line_height = fit_title(pen, card.title, layout, width, bottom - top)
    y = top
    for line in lines:
        pen.text((layout.margin, y), line, font=font, fill=layout.foreground, anchor="lt")
        y += line_height
    if card.subtitle:
        small = _font(layout.regular, layout.subtitle_size)
        small_height = int(layout.subtitle_size * layout.subtitle_leading)
        room = (bottom - y - layout.subtitle_gap) // small_height
        fits = _fits(pen, small, width)
        sub_lines = wrap(card.subtitle, fits)
        if room >= 2 or (room >= 1 and len(sub_lines) == 1):
            y += layout.subtitle_gap
            kept = lines_within(sub_lines, room, fits)
            relayout = lambda f: lines_within(wrap(card.subtitle, f), room, f)  # noqa: E731
            for line in _set(pen, small, width, kept, relayout):
                pen.text((layout.margin, y), line, font=small, fill=layout.muted, anchor="lt")
                y += small_height
    return image


@cache
def _palette_image(layout: Layout) -> Image.Image:
    palette = Image.new("P", (1, 1))
    palette.putpalette([value for colour in layout.palette() for value in colour])
    return palette


def _png(image: Image.Image, layout: Layout) -> bytes:
    """Few colours keep the file small; no metadata chunk, no timestamp."""
    quantised = image.quantize(palette=_palette_image(layout), dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    quantised.save(buffer, format="PNG", compress_level=layout.compress_level)
    return buffer.getvalue()


def check(data: bytes, layout: Layout = LAYOUT) -> None:
    if len(data) >= MAX_BYTES:
        raise CardError(f"card is {len(data)} bytes (limit {MAX_BYTES})")
    with Image.open(io.BytesIO(data)) as image:
        if image.size != layout.size:
            raise CardError(f"card is {image.size}, expected {layout.size}")


def _draw(card: Card, layout: Layout) -> bytes:
    try:
        data = render(card, layout)
        check(data, layout)
    except CardError:
        raise
    except Exception as error:  # Pillow/FreeType failures: reported with the page by the caller
        raise CardError(f"{type(error).__name__}: {error}") from error
    return data


def write_card(card: Card, target: Path, cache_dir: Path | None, layout: Layout = LAYOUT) -> bool:
    """Write the card to `target`; True when it was drawn, False when taken from the cache."""
    return bool(write_cards([(card, target, str(target))], cache_dir, layout, workers=1))


# -- many cards: each distinct card drawn once, on every core ------------------------------


def _draw_to(jobs: list[tuple[Card, str]], layout: Layout) -> list[str | None]:
    """In a worker: draw each card into its file; an error message where one fails."""
    errors: list[str | None] = []
    for card, path in jobs:
        try:
            write_atomic(Path(path), _draw(card, layout))
            errors.append(None)
        except CardError as error:
            errors.append(str(error))
    return errors


def _place(source: Path, target: Path, folders: set[Path]) -> None:
    """The drawn card at another path: a hard link when the file system allows, else a copy.
    (Tens of thousands of cards: each folder is made once, and a file already there is
    replaced only when linking fails.)"""
    if source == target:
        return
    if target.parent not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.add(target.parent)
    try:
        os.link(source, target)
    except FileExistsError:
        target.unlink()
        _place(source, target, folders)
    except OSError:
        shutil.copyfile(source, target)


def write_cards(
    jobs: Iterable[tuple[Card, Path, str]],
    cache_dir: Path | None,
    layout: Layout = LAYOUT,
    workers: int | None = None,
) -> int:
    """Write every card to its target; `jobs` are (card, target, where to report an error).

    Each distinct card (same key) missing from `cache_dir` is drawn once, in parallel on all
    cores when there are many, into the cache (or its first target without a cache), then
    placed at every target. Returns how many cards were drawn. A card that cannot be drawn
    raises CardError naming its `where`.
    """
    groups: dict[str, tuple[Card, list[Path], str]] = {}
    for card, target, where in jobs:
        key = card.key(layout)
        if key not in groups:
            groups[key] = (card, [], where)
        groups[key][1].append(Path(target))
    sources: dict[str, Path] = {}
    missing: list[tuple[str, Card, Path]] = []
    for key, (card, targets, _) in groups.items():
        source = cache_dir / f"{key}.png" if cache_dir else targets[0]
        sources[key] = source
        if cache_dir is None or not source.is_file():
            missing.append((key, card, source))
    errors = _draw_all(missing, layout, workers)
    for key, error in errors.items():
        raise CardError(f"{groups[key][2]}: the social card could not be drawn: {error}")
    folders: set[Path] = set()
    for key, (_, targets, _) in groups.items():
        for target in targets:
            _place(sources[key], target, folders)
    return len(missing)


def _draw_all(
    missing: list[tuple[str, Card, Path]], layout: Layout, workers: int | None
) -> dict[str, str]:
    """Draw the missing cards, on every core; {key: error} for those that failed."""
    jobs = [(card, str(path)) for _, card, path in missing]
    results = parallel.run(_draw_to, jobs, layout, workers=workers)
    return {key: error for (key, _, _), error in zip(missing, results, strict=True) if error}

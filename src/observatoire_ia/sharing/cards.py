"""Social cards: one 1200×630 PNG per page and per claim, drawn with Pillow and a bundled font.

No network: the fonts (DejaVu Sans, Bitstream Vera licence) are in `fonts/`. Output is
deterministic (no timestamp or text chunk in the PNG, a fixed palette quantisation) and cached
in `.cache/cards/<hash>.png`, the hash covering every input and this generator's version, so
an unchanged card is copied, not redrawn.
"""

from __future__ import annotations

import hashlib
import io
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MAX_BYTES = 300 * 1024
VERSION = "cards-2"  # bump when the layout changes: every cached card is redrawn
FONTS = Path(__file__).parent / "fonts"
REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"

BACKGROUND = (183, 28, 28)  # dark red, white text: contrast ratio above 7:1
BAND = (127, 0, 0)
FOREGROUND = (255, 255, 255)
MUTED = (255, 224, 224)
MARGIN = 72


class CardError(Exception):
    """A card could not be drawn or is out of bounds (size, dimensions)."""


@dataclass(frozen=True)
class Card:
    title: str  # the big text: page title or claim text
    kicker: str  # small line above: section, or « Affirmation sourcée »
    footer: str  # site name (and source for claims)
    lang: str
    subtitle: str = ""  # a page's description, under the title when there is room

    def key(self) -> str:
        digest = hashlib.sha256()
        parts = (VERSION, self.title, self.kicker, self.footer, self.lang, self.subtitle)
        for part in (*parts, _font_digest()):
            digest.update(part.encode("utf-8") + b"\x00")
        return digest.hexdigest()[:32]


@cache
def _font_digest() -> str:
    digest = hashlib.sha256()
    for font in (REGULAR, BOLD):
        digest.update(font.read_bytes())
    return digest.hexdigest()


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _fit(draw, text: str, width: int, height: int) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
    """Largest bold size (down to 34 px, still readable on a phone) whose wrapped text fits."""
    for size in (76, 68, 60, 54, 48, 44, 40, 37, 34):
        font = _font(BOLD, size)
        line_height = int(size * 1.22)
        lines = _wrap(draw, text, font, width)
        if len(lines) * line_height <= height:
            return font, lines, line_height
    # Too long even at the smallest size: cut at a word and add an ellipsis.
    max_lines = height // line_height
    kept = lines[:max_lines]
    last = kept[-1]
    while draw.textlength(last + " …", font=font) > width and " " in last:
        last = last.rsplit(" ", 1)[0]
    kept[-1] = last.rstrip(",;:") + " …"
    return font, kept, line_height


def render(card: Card) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    # Footer band: site name (and source).
    band_top = HEIGHT - 96
    draw.rectangle((0, band_top, WIDTH, HEIGHT), fill=BAND)
    footer_font = _font(REGULAR, 30)
    footer = card.footer
    while draw.textlength(footer, font=footer_font) > WIDTH - 2 * MARGIN and len(footer) > 4:
        footer = footer[:-2].rstrip() + "…"
    draw.text((MARGIN, band_top + 48), footer, font=footer_font, fill=FOREGROUND, anchor="lm")
    # Kicker: section name, upper case, above a short rule.
    kicker_font = _font(BOLD, 30)
    kicker = card.kicker.upper()
    while draw.textlength(kicker, font=kicker_font) > WIDTH - 2 * MARGIN and len(kicker) > 4:
        kicker = kicker[:-2].rstrip() + "…"
    draw.text((MARGIN, 64), kicker, font=kicker_font, fill=MUTED, anchor="lt")
    draw.rectangle((MARGIN, 112, MARGIN + 96, 118), fill=FOREGROUND)
    # Title: as large as fits in the area between the rule and the band.
    top, bottom = 150, band_top - 36
    font, lines, line_height = _fit(draw, card.title, WIDTH - 2 * MARGIN, bottom - top)
    y = top
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=FOREGROUND, anchor="lt")
        y += line_height
    if card.subtitle:
        small = _font(REGULAR, 34)
        small_height = int(34 * 1.3)
        room = (bottom - y - 18) // small_height
        sub_lines = _wrap(draw, card.subtitle, small, WIDTH - 2 * MARGIN)
        if room >= 2 or (room >= 1 and len(sub_lines) == 1):
            kept = sub_lines[:room]
            if len(sub_lines) > room:
                last = kept[-1]
                while draw.textlength(last + " …", font=small) > WIDTH - 2 * MARGIN and " " in last:
                    last = last.rsplit(" ", 1)[0]
                kept[-1] = last.rstrip(",;:") + " …"
            y += 18
            for line in kept:
                draw.text((MARGIN, y), line, font=small, fill=MUTED, anchor="lt")
                y += small_height
    # Few colours: a small palette keeps the file small; no metadata chunk, no timestamp.
    quantised = image.quantize(colors=32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    quantised.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def check(data: bytes) -> None:
    if len(data) >= MAX_BYTES:
        raise CardError(f"card is {len(data)} bytes (limit {MAX_BYTES})")
    with Image.open(io.BytesIO(data)) as image:
        if image.size != (WIDTH, HEIGHT):
            raise CardError(f"card is {image.size}, expected {(WIDTH, HEIGHT)}")


def write_card(card: Card, target: Path, cache_dir: Path | None) -> bool:
    """Write the card to `target`; True when it was drawn, False when taken from the cache."""
    target.parent.mkdir(parents=True, exist_ok=True)
    cached = cache_dir / f"{card.key()}.png" if cache_dir else None
    if cached is not None and cached.is_file():
        shutil.copyfile(cached, target)
        return False
    try:
        data = render(card)
        check(data)
    except CardError:
        raise
    except Exception as error:  # Pillow/FreeType failures: reported with the page by the caller
        raise CardError(f"{type(error).__name__}: {error}") from error
    target.write_bytes(data)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(".tmp")
        temporary.write_bytes(data)
        temporary.replace(cached)
    return True

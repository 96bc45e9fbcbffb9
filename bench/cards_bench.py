"""Social cards: time and size of each PNG setting, for the same drawing.

Each card is drawn once (RGB, sharing/cards.py), then turned into a PNG by each setting.
"Look" is the largest difference of any pixel channel from the RGB drawing (0-255): the
palette must keep the anti-aliasing of the text.

    .venv/bin/python bench/cards_bench.py
"""

from __future__ import annotations

import dataclasses
import io
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import FR_WORDS, sentence  # noqa: E402
from PIL import Image, ImageChops  # noqa: E402

from observatoire_ia.sharing import cards  # noqa: E402

SAMPLE = 40


def sample_cards(count: int = SAMPLE) -> list[cards.Card]:
    rng = random.Random(7)
    out = []
    for n in range(count):
        text = sentence(rng, FR_WORDS, rng.randint(8, 40)).capitalize() + f" : {n}\u00a0%."
        out.append(
            cards.Card(
                text,
                "Affirmation sourcée · Travail",
                "Syndicat fictif n° 3, 2024 · Observatoire syndical de l'IA",
                "fr",
            )
        )
    return out


def _median_cut(image: Image.Image, _layout) -> bytes:
    """The former setting: a 32-colour median cut and zlib's `optimize` search."""
    quantised = image.quantize(colors=32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    quantised.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _layout_png(**changes):
    def encode(image: Image.Image, layout: cards.Layout) -> bytes:
        return cards._png(image, dataclasses.replace(layout, **changes))

    return encode


SETTINGS = {
    "median cut, 32 colours, optimize (before)": _median_cut,
    "fixed palette (31 colours), zlib 6 (chosen)": _layout_png(),
    "fixed palette (31 colours), zlib 9": _layout_png(compress_level=9),
    "fixed palette (31 colours), zlib 1": _layout_png(compress_level=1),
    "fixed palette (16 colours), zlib 6": _layout_png(palette_steps=5),
}


def measure() -> list[dict]:
    layout = cards.LAYOUT
    sample = sample_cards()
    started = time.process_time()
    drawings = [cards.draw(card, layout) for card in sample]
    draw_ms = (time.process_time() - started) / len(sample) * 1000
    rows = []
    for name, encode in SETTINGS.items():
        started = time.process_time()
        outputs = [encode(image, layout) for image in drawings]
        encode_ms = (time.process_time() - started) / len(sample) * 1000
        worst = 0
        for image, data in zip(drawings, outputs, strict=True):
            with Image.open(io.BytesIO(data)) as decoded:
                difference = ImageChops.difference(decoded.convert("RGB"), image)
                worst = max(worst, max(high for _, high in difference.getextrema()))
        rows.append(
            {
                "setting": name,
                "ms": draw_ms + encode_ms,
                "kb": sum(len(d) for d in outputs) / len(outputs) / 1024,
                "diff": worst,
            }
        )
    return rows


def report() -> str:
    rows = measure()
    lines = [
        f"Social cards, PNG settings ({SAMPLE} claim cards of 8–40 words, one core, CPU time; time = "
        "drawing + PNG; look = largest channel difference from the RGB drawing):",
        "",
        "| Setting | ms per card | KB per card | look (0–255) |",
        "|---|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(f"| {row['setting']} | {row['ms']:.0f} | {row['kb']:.1f} | {row['diff']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())

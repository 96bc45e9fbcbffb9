#!/usr/bin/env python3
"""Compare two builds (site/ folders or offline kits) file by file, time stamps masked.

    .venv/bin/python scripts/compare_builds.py /tmp/before /tmp/after [KIT_BEFORE KIT_AFTER …]

Prints one line per file that differs and a count per pair; exits 1 on any difference.
The logic (what is masked, and why) lives in src/observatoire_ia/compare_builds.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from observatoire_ia.compare_builds import differences  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="pairs: before after …")
    args = parser.parse_args(argv)
    if len(args.folders) % 2:
        parser.error("give folders in pairs: before after")
    found_any = False
    for before, after in zip(args.folders[::2], args.folders[1::2], strict=True):
        compared, found = differences(before, after)
        for line in found:
            print(f"  {line}")
        print(f"{before} vs {after}: {compared} files compared, {len(found)} differences")
        found_any = found_any or bool(found)
    return 1 if found_any else 0


if __name__ == "__main__":
    sys.exit(main())

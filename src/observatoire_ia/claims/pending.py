"""Pages waiting for their translation (`translation: pending`), as FastAPI's docs do.

An English page whose front matter says `translation: pending` holds no text of its own: the
build renders the French page in its place, inside `<div lang="fr">` under an English banner,
with the same claim ids and passage anchors, so every `/en/…#id` link lands. It stays out of
the English search index and the English booklets (which list it as "French only").

Bad input fails the build with file and line: a pending page with text below its front matter
(the text would be silently replaced), or a pending French page (French is the original).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import LocatedError, Location
from ..i18n import text as ui
from .scan import FRONT_MATTER

FIELD = re.compile(r"^translation:[ \t]*[\"']?pending[\"']?[ \t]*$", re.MULTILINE)
BANNER_CLASS = "translation-pending"


def is_pending(markdown: str) -> bool:
    front = FRONT_MATTER.match(markdown)
    return bool(front and FIELD.search(front.group(0)))


def check(markdown: str, lang: str, default: str, shown: str) -> list[LocatedError]:
    """Errors of a page that says `translation: pending` (none for any other page)."""
    front = FRONT_MATTER.match(markdown)
    field = FIELD.search(front.group(0)) if front else None
    if not field:
        return []
    if lang == default:
        line = markdown[: field.start()].count("\n") + 1
        return [
            LocatedError(
                Location(shown, line),
                f"a '{default}' page cannot be `translation: pending`: it is the original that "
                "translations are built from; remove this line",
            )
        ]
    offset = front.group(0).count("\n")
    for number, line in enumerate(markdown[front.end() :].split("\n"), start=offset + 1):
        if line.strip():
            return [
                LocatedError(
                    Location(shown, number),
                    "a `translation: pending` page holds no text of its own (the build shows the "
                    f"'{default}' page in its place): remove the text below the front matter, "
                    "or remove `translation: pending` once the page is translated",
                )
            ]
    return []


def original_body(original: Path) -> str:
    """The original page's Markdown without its front matter (what MkDocs would render)."""
    markdown = original.read_text(encoding="utf-8")
    front = FRONT_MATTER.match(markdown)
    return markdown[front.end() :] if front else markdown


def original_meta(original: Path) -> str:
    """The original page's front matter block (title, description…), or ''."""
    front = FRONT_MATTER.match(original.read_text(encoding="utf-8"))
    return front.group(0) if front else ""


def wrap(html: str, lang: str, original_lang: str) -> str:
    """The original's HTML under the banner, marked as being in the original's language."""
    return (
        f'<div class="admonition info {BANNER_CLASS}">'
        f'<p class="admonition-title">{ui(lang, "pending_title")}</p>'
        f"<p>{ui(lang, 'pending_banner')}</p></div>\n"
        f'<div lang="{original_lang}">\n{html}\n</div>'
    )

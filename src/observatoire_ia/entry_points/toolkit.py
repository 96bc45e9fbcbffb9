"""Toolkit for union reps: per theme, questions to management (tag `question`) and
procedures (tag `procedure`), as a printable checklist."""

from __future__ import annotations

from ..claims.bibliography_page import escape_markdown
from ..claims.markdown_ext import relative_link
from ..claims.registry import ClaimRegistry
from ..i18n import text as ui
from .common import ordered_themes, tagged, theme_title


def toolkit_markdown(registry: ClaimRegistry, lang: str, page: str) -> str:
    questions = tagged(registry, lang, "question")
    procedures = tagged(registry, lang, "procedure")
    claims = questions + procedures
    if not claims:
        return f"*{ui(lang, 'lists.none')}*\n"
    lines = ['<div class="toolkit" markdown>', ""]
    for theme in ordered_themes(registry, claims):
        lines += [f"## {escape_markdown(theme_title(registry, lang, theme))}", ""]
        for key, box, group in (
            ("lists.questions", "q", questions),
            ("lists.procedures", "p", procedures),
        ):
            mine = [c for c in group if c.theme == theme]
            if not mine:
                continue
            lines += [f"### {ui(lang, key)}", ""]
            for claim in mine:
                text = escape_markdown(registry.plain_text(claim))
                link = relative_link(page, claim.page, claim.id)
                box_id = f"tk-{box}-{claim.id}"
                lines.append(
                    f'- <input type="checkbox" id="{box_id}"> <label for="{box_id}">{text}</label> '
                    f"[{ui(lang, 'lists.see_claim')}]({link})"
                )
                lines.append("  {: .toolkit-item }")
            lines.append("")
    lines += ["</div>", ""]
    return "\n".join(lines)

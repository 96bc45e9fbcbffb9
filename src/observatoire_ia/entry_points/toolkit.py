"""Toolkit for union reps: per theme, questions to management (tag `question`) and
procedures (tag `procedure`), as a printable checklist."""

from __future__ import annotations

from ..claims.bibliography_page import escape_markdown
from ..claims.markdown_ext import relative_link
from ..claims.registry import ClaimRegistry
from .common import label, ordered_themes, tagged, theme_title


def toolkit_markdown(registry: ClaimRegistry, lang: str, page: str) -> str:
    questions = tagged(registry, lang, "question")
    procedures = tagged(registry, lang, "procedure")
    claims = questions + procedures
    if not claims:
        return f"*{label(lang, 'none')}*\n"
    lines = ['<div class="toolkit" markdown>', ""]
    for theme in ordered_themes(claims):
        lines += [f"## {escape_markdown(theme_title(registry, lang, theme))}", ""]
        for name, group in (("questions", questions), ("procedures", procedures)):
            mine = [c for c in group if c.theme == theme]
            if not mine:
                continue
            lines += [f"### {label(lang, name)}", ""]
            for claim in mine:
                text = escape_markdown(registry.plain_text(claim))
                link = relative_link(page, claim.page, claim.id)
                box = f"tk-{name[0]}-{claim.id}"
                lines.append(
                    f'- <input type="checkbox" id="{box}"> <label for="{box}">{text}</label> '
                    f"[{label(lang, 'see_claim')}]({link})"
                )
                lines.append("  {: .toolkit-item }")
            lines.append("")
    lines += ["</div>", ""]
    return "\n".join(lines)

"""Home page: the latest additions, from git history (reproducible for a given commit).

The pages of the language whose content changed most recently, newest first; without git
(e.g. a source tarball) the list is left out.
"""

from __future__ import annotations

import subprocess
from functools import cache

from ..claims.bibliography_page import escape_markdown
from ..claims.markdown_ext import relative_link
from ..claims.registry import ClaimRegistry
from ..dates import date_words

# Pages about the site rather than its content (and the bibliography page, named by the
# claims plugin).
SKIP = ("index.md", "404.md", "telechargements.md")


@cache
def page_dates(root: str, lang: str) -> tuple[tuple[str, str], ...]:
    """(page, YYYY-MM-DD of its last commit) for docs/<lang>/, newest first."""
    try:
        out = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-only", "--", f"docs/{lang}"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return ()
    seen: dict[str, str] = {}
    date = ""
    prefix = f"docs/{lang}/"
    for line in out.splitlines():
        if line.startswith("@"):
            date = line[1:]
        elif line.startswith(prefix):
            seen.setdefault(line[len(prefix) :], date)
    return tuple(seen.items())


def latest_markdown(
    registry: ClaimRegistry,
    lang: str,
    page: str,
    root: str,
    bibliography_page: str,
    count: int = 6,
) -> str:
    lines = []
    skip = (*SKIP, bibliography_page)
    for path, date in page_dates(root, lang):
        scan = registry.page_scan(lang, path)
        if scan is None or path in skip or not scan.claims or path.startswith("sources/"):
            continue
        title = escape_markdown(scan.title or path)
        lines.append(
            f"- [{title}]({relative_link(page, path)}) — "
            f'<time datetime="{date}">{date_words(date, lang)}</time>'
        )
        if len(lines) == count:
            break
    return "\n".join(lines) + "\n" if lines else ""

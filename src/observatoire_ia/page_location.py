"""Where a page stands: (language, path inside the language folder) from its source file.

`docs/en/travail/emploi.md` -> `("en", "travail/emploi.md")`. The claims plugin owns one
`PageLocator` per build; the plugins listed after it (sharing, entry points, feedback) ask
it rather than resolving paths again (resolve() costs file-system calls: once a page).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.pages import Page


class PageLocator:
    def __init__(self, docs_dir: Path) -> None:
        self.docs_dir = docs_dir.resolve()
        self._found: dict[str, tuple[str, str]] = {}  # abs_src_path -> (lang, path)

    def __call__(self, page: Page) -> tuple[str, str]:
        """(language, path inside the language folder) of a page."""
        source = page.file.abs_src_path
        if source not in self._found:
            relative = Path(source).resolve().relative_to(self.docs_dir)
            lang, *rest = relative.parts
            self._found[source] = (lang, "/".join(rest))
        return self._found[source]

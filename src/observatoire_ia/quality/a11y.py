"""Accessibility fixes to Material's HTML that its templates do not offer as options.

- The search dialog (`div.md-search[role=dialog]`) has no accessible name: give it one.
- A section's <nav aria-labelledby="__nav_N_label"> names itself after the toggle label;
  without `navigation.indexes` that id is never written, and with it the label holds only an
  icon, so every section landmark has an empty name (axe: landmark-unique). Name each section
  nav after its title label (`__nav_N_title`), which holds the section's name.
"""

from __future__ import annotations

import re

from ..i18n import STRINGS
from ..i18n import text as ui

_LANG = re.compile(r'<html[^>]*\slang="([a-zA-Z-]+)"')
_SEARCH = re.compile(
    r'<div class="md-search" data-md-component="search" role="dialog"(?![^>]*aria-label)'
)
_NAV = re.compile(
    r'(<nav class="md-nav"[^>]*aria-labelledby="(?P<id>[^"]+)"[^>]*>\s*<label class="md-nav__title")'
    r"(?P<rest>[^>]*>)"
)


def fix_material_a11y(html: str) -> str:
    lang_match = _LANG.search(html)
    lang = (lang_match.group(1) if lang_match else "fr")[:2].lower()
    label = ui(lang if lang in STRINGS else "en", "search")
    html = _SEARCH.sub(lambda m: f'{m.group(0)} aria-label="{label}"', html, count=1)

    def label_nav(match: re.Match) -> str:
        if " id=" in match.group("rest"):
            return match.group(0)
        title = f"{match.group('id').removesuffix('_label')}_title"
        opening = match.group(1).replace(
            f'aria-labelledby="{match.group("id")}"', f'aria-labelledby="{title}"'
        )
        return f'{opening} id="{title}"{match.group("rest")}'

    return _NAV.sub(label_nav, html)


_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?) autocomplete="off"')
_ORPHAN_TOC_LABEL = re.compile(
    r'<label class="md-nav__title" for="__toc">(?P<body>.*?)</label>', re.S
)


def fix_material_validity(html: str) -> str:
    """Make Material's markup valid HTML (W3C Nu validator).

    - `tabindex=""` (Material's section labels when no tabindex applies) is not an integer:
      drop it, which is what browsers do with it anyway.
    - `autocomplete` is not allowed on checkboxes (Material uses it against Firefox's form
      restoration on back navigation; the drawer may then stay as the reader left it).
    - With `navigation.indexes`, a section index page has a table-of-contents title
      `<label for="__toc">` but no `__toc` toggle: the label controls nothing, make it a div.
    """
    html = html.replace(' tabindex=""', "")
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = _ORPHAN_TOC_LABEL.sub(r'<div class="md-nav__title">\g<body></div>', html)
    return html

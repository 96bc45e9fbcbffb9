"""What the Markdown extension knows of the page being rendered (set by the plugin per page)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .bibliography import Bibliography


@dataclass
class RenderContext:
    """What the Markdown extension needs to know about the page being rendered."""

    bibliography: Bibliography
    bibliography_page: str
    lang: str = "fr"
    page: str = "index.md"
    formatted: dict[str, str] = field(default_factory=dict)
    citation_count: int = 0
    rendered_claims: list[str] = field(default_factory=list)
    # The page's abbreviations (Python-Markdown abbr), for HTML written outside Markdown.
    abbreviations: dict[str, str] = field(default_factory=dict)
    # Other features (sharing) add controls to each claim through these hooks.
    claim_tool_hooks: list[Callable] = field(default_factory=list)

"""assets/stylesheets/site.css: Material's stylesheets and the project's, in one file.

Written at build time from the sources (docs/assets/stylesheets/*.css stay as they are, so
anyone's later edit of one of them lands). Selectors that cannot match anything the site
shows are left out: those naming a class, id or attribute value that appears in no built page
and in no script of the site (Material's colour palettes other than ours, features the site
does not use: code highlighting, tabs, blog…). A script that builds a class name from pieces
("md-nav__link--" + state) keeps every class starting with that piece. Custom properties no
declaration, page or stylesheet of the site uses (Material's icons for unused features) go too.
Everything else, @media print included, is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2

from .critical import _split_selector_list

MATERIAL = ("main.*.min.css", "palette.*.min.css")
# ` class="…"`: the name first and the space looked behind, so that the search runs on the
# name (several times faster on tens of thousands of pages; the same matches).
_CLASS_ATTR = re.compile(r"""class(?<=\sclass)=["']([^"']*)["']""")
_ID_ATTR = re.compile(r"""id(?<=\sid)=["']([^"']*)["']""")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_VAR = re.compile(r"--[\w-]+")
# What a selector requires of an element, read without a full parse: its functional
# pseudo-classes (:not(), :is()…) require nothing for sure and are set aside first.
_FUNCTIONAL = re.compile(r":[\w-]+\((?:[^()]|\([^()]*\))*\)")
_CLASS_OR_ID = re.compile(r"[.#](-?[_a-zA-Z][\w-]*)")
_VALUE_TEST = re.compile(r"""\[\s*([\w-]+)\s*=\s*["']?([^\]"']*)["']?\s*\]""")


class Vocabulary:
    """Every class, id and attribute value the site's pages and scripts can produce."""

    def __init__(self, tested_attributes: Iterable[str] = ()) -> None:
        names = sorted(set(tested_attributes) - {"class", "id"})
        # ` name="…"`, searched from the name (see _CLASS_ATTR); the space is checked in
        # add_html, since the names differ in length.
        self._attr = (
            re.compile(r"(" + "|".join(map(re.escape, names)) + r""")=["']([^"']*)["']""")
            if names
            else None
        )
        self.words: set[str] = set()
        self.prefixes: set[str] = set()
        self.attributes: set[str] = set()  # "name=value"
        self.variables: set[str] = set()

    def add_html(self, html: str) -> None:
        for value in set(_CLASS_ATTR.findall(html)):
            self.words.update(value.split())
        self.words.update(_ID_ATTR.findall(html))
        if self._attr is not None:
            start = 0
            while match := self._attr.search(html, start):
                if match.start() and html[match.start() - 1].isspace():
                    self.attributes.add(f"{match.group(1)}={match.group(2)}")
                    start = match.end()
                else:  # "data-dir=…": not this attribute; the name may start further on
                    start = match.start() + 1
        if "--" in html:
            self.variables.update(_VAR.findall(html))

    def update(self, words: set[str], attributes: set[str], variables: set[str]) -> None:
        """What another Vocabulary read (`vocabulary_of`, on another core)."""
        self.words |= words
        self.attributes |= attributes
        self.variables |= variables

    def add_script(self, text: str) -> None:
        for word in _WORD.findall(text):
            self.words.add(word)
            if word.endswith(("-", "_")):
                self.prefixes.add(word)
        self.variables.update(_VAR.findall(text))

    def add_stylesheet_uses(self, css: str) -> None:
        self.variables.update(re.findall(r"var\(\s*(--[\w-]+)", css))

    def knows(self, word: str) -> bool:
        return word in self.words or any(word.startswith(p) for p in self.prefixes)

    def may_match(self, selector: str) -> bool:
        plain = _FUNCTIONAL.sub("", re.sub(r"\[[^\]]*\]", _value_test_only, selector))
        if not all(self.knows(name) for name in _CLASS_OR_ID.findall(plain)):
            return False
        return all(
            f"{name}={value}" in self.attributes or self.knows(value)
            for name, value in _VALUE_TEST.findall(plain)
            if name not in ("class", "id")
        )


def vocabulary_of(paths: list[str], tested: tuple[str, ...]) -> list:
    """The words, attribute values and custom properties of the pages at `paths` (read on
    another core, observatoire_ia.parallel): the first item carries the chunk's, the others
    None (one result per item)."""
    vocabulary = Vocabulary(tested)
    for path in paths:
        vocabulary.add_html(Path(path).read_text(encoding="utf-8"))
    found = (vocabulary.words, vocabulary.attributes, vocabulary.variables)
    return [found] + [None] * (len(paths) - 1)


def _value_test_only(match: re.Match) -> str:
    """Attribute tests other than `=` can match values nobody wrote down: dropped."""
    return match.group(0) if _VALUE_TEST.fullmatch(match.group(0)) else ""


def tested_attributes(css: str) -> set[str]:
    """Attribute names the stylesheet tests for a value ([dir=rtl], [data-md-color-primary=…])."""
    return {name for name, _value in _VALUE_TEST.findall(css)}


def material_stylesheets(site_dir: Path) -> list[Path]:
    found: list[Path] = []
    for pattern in MATERIAL:
        found += sorted((site_dir / "assets" / "stylesheets").glob(pattern))
    return found


def merge(sources: Iterable[tuple[str, str]], vocabulary: Vocabulary) -> str:
    """One stylesheet from (name, css) pairs, in order, without what nothing can use."""
    sheets = [(name, tinycss2.parse_stylesheet(css)) for name, css in sources]
    kept = [(name, _filter_rules(nodes, vocabulary)) for name, nodes in sheets]
    used = set(vocabulary.variables)
    for _name, nodes in kept:
        _collect_uses(nodes, used)
    out = []
    for name, nodes in kept:
        out.append(f"/* {name} */\n" + "".join(_drop_unused_variables(nodes, used)).strip())
    return "\n".join(out) + "\n"


def _filter_rules(nodes, vocabulary: Vocabulary) -> list:
    kept = []
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = _split_selector_list(tinycss2.serialize(node.prelude).strip())
            live = [s for s in selectors if vocabulary.may_match(s)]
            if not live:
                continue
            if len(live) != len(selectors):
                node.prelude = tinycss2.parse_component_value_list(",".join(live))
            kept.append(node)
        elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports"):
            inner = _filter_rules(tinycss2.parse_rule_list(node.content or []), vocabulary)
            if any(n.type in ("qualified-rule", "at-rule") for n in inner):
                node.content = inner
                kept.append(node)
        else:
            kept.append(node)
    return kept


def _declarations(node):
    return tinycss2.parse_blocks_contents(node.content or [])


def _collect_uses(nodes, used: set[str]) -> None:
    """Custom properties used by a normal property, then those their values use."""
    custom: dict[str, list[str]] = {}

    def walk(nodes) -> None:
        for node in nodes:
            if node.type == "qualified-rule":
                for decl in _declarations(node):
                    if decl.type != "declaration":
                        continue
                    value = tinycss2.serialize(decl.value)
                    if decl.name.startswith("--"):
                        custom.setdefault(decl.name, []).append(value)
                    else:
                        used.update(re.findall(r"var\(\s*(--[\w-]+)", value))
            elif node.type == "at-rule" and isinstance(node.content, list):
                if node.lower_at_keyword in ("media", "supports"):
                    walk(node.content)

    walk(nodes)
    pending = list(used)
    while pending:
        for value in custom.get(pending.pop(), []):
            for name in re.findall(r"var\(\s*(--[\w-]+)", value):
                if name not in used:
                    used.add(name)
                    pending.append(name)


def _drop_unused_variables(nodes, used: set[str]) -> list[str]:
    out = []
    for node in nodes:
        if node.type == "qualified-rule":
            decls = [
                d
                for d in _declarations(node)
                if d.type == "declaration" and not (d.name.startswith("--") and d.name not in used)
            ]
            if not decls:
                continue
            body = ";".join(
                f"{d.name}:{tinycss2.serialize(d.value).strip()}"
                + ("!important" if d.important else "")
                for d in decls
            )
            out.append(tinycss2.serialize(node.prelude).strip() + "{" + body + "}")
        elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports"):
            inner = "".join(_drop_unused_variables(node.content, used))
            if inner:
                out.append(
                    f"@{node.at_keyword} {tinycss2.serialize(node.prelude).strip()}{{{inner}}}"
                )
        elif node.type in ("at-rule", "qualified-rule"):
            out.append(node.serialize())
        elif node.type == "comment":
            continue
    return out

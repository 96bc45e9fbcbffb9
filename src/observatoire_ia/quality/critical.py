"""Critical CSS: the rules a page needs for its first paint, to be inlined in its <head>.

The site's stylesheet (Material's, then the project's) is parsed once per build. For each
page, the rules whose selectors match one of its elements are kept: the header, the first
screen of the article, its claims and headings wherever they are (a shared `page/#claim-id` or
a table of contents link opens the page on them, and `:target` counts as matching any element
with an id), and the footer of a page no longer than a screen. The whole stylesheet
arrives after the first paint (the loader then removes the inline copy, so the cascade is the
stylesheet's own). What cannot change the first paint is left out: rules that only apply on
interaction (:hover, :focus…, checked toggles), print rules, transitions, custom properties
nothing uses, and what stays hidden until the stylesheet arrives: popups, and the contents of
boxes whose size does not depend on them (drawn `display: none` meanwhile).

Selectors are turned into XPath with cssselect (right to left, so each is tested only on the
elements that carry its rightmost class, id or tag) and evaluated with lxml.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import tinycss2
from cssselect import HTMLTranslator, SelectorError, parse
from cssselect.parser import (
    Attrib,
    Class,
    CombinedSelector,
    Element,
    Function,
    Hash,
    Matching,
    Negation,
    Pseudo,
    Relation,
    SpecificityAdjustment,
)
from cssselect.xpath import ExpressionError, XPathExpr
from lxml import etree
from lxml import html as lxml_html

# Drawn with `display: none` until the stylesheet arrives: popups hidden until used and out of
# the flow once styled, and the contents of boxes whose size does not depend on them (the
# navigation and table of contents in their sidebars, the search field in its form).
HIDDEN_UNTIL_STYLED = (
    ".md-sidebar__scrollwrap",
    ".md-search__input",
    ".md-search__icon",
    ".md-search__options",
    ".md-search__output",
    ".md-search__suggest",
    ".md-select__inner",
    ".md-dialog",
    ".md-top",
    ".md-tooltip",
    ".citation-preview",
)
# Properties that never change how a page first looks.
_NOT_PAINTED = re.compile(
    r"^(?:-webkit-)?(?:transition(?:-[a-z-]+)?|cursor|scroll-snap-[a-z-]+|touch-action|"
    r"will-change|user-select|-webkit-tap-highlight-color|scrollbar-[a-z-]+|"
    r"outline(?:-[a-z-]+)?|scroll-margin(?:-[a-z-]+)?|scroll-padding(?:-[a-z-]+)?)$"
)
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_TARGET = re.compile(r":target\b(?![-(])")
_NOT_RENDERED = {"head", "script", "noscript", "template", "style"}
_ANIMATION_NAME = re.compile(r"[A-Za-z_][\w-]*")
_PRINT_ONLY = re.compile(r"^\s*print\s*$", re.I)


class _SelfMatch(HTMLTranslator):
    """cssselect's translator, with combinators read right to left: the XPath tests whether
    the context element matches (`ancestor::`, `parent::`, `preceding-sibling::`)."""

    def xpath_descendant_combinator(self, left: XPathExpr, right: XPathExpr) -> XPathExpr:
        return self._along(left, right, "ancestor::*")

    def xpath_child_combinator(self, left: XPathExpr, right: XPathExpr) -> XPathExpr:
        return self._along(left, right, "parent::*")

    def xpath_direct_adjacent_combinator(self, left: XPathExpr, right: XPathExpr) -> XPathExpr:
        return self._along(left, right, "preceding-sibling::*[1]")

    def xpath_indirect_adjacent_combinator(self, left: XPathExpr, right: XPathExpr) -> XPathExpr:
        return self._along(left, right, "preceding-sibling::*")

    @staticmethod
    def _along(left: XPathExpr, right: XPathExpr, axis: str) -> XPathExpr:
        left.add_name_test()
        right.add_name_test()
        return right.add_condition(f"{axis}[{left.condition or 'true()'}]")


_TRANSLATOR = _SelfMatch()


@dataclass
class Selector:
    text: str
    test: etree.XPath
    key: tuple[str, str]  # ("class"|"id"|"tag"|"any", value): where candidates are looked up
    classes: frozenset[str]
    ids: frozenset[str]
    attributes: frozenset[str]
    tests: frozenset[tuple[str, str, str]]  # (attribute, operator, value) tested
    scheme: bool  # depends on the colour scheme: tried in light and dark

    def matches(self, page: _Page) -> bool:
        if not (
            self.classes <= page.classes and self.ids <= page.ids and self.attributes <= page.attrs
        ):
            return False
        candidates = page.index.get(self.key, ())
        return any(self.test(element) for element in candidates)


@dataclass
class Rule:
    context: tuple[str, ...]  # enclosing "@media …" / "@supports …" preludes
    selectors: list[Selector]
    declarations: list[tuple[str, str]]


@dataclass
class Keyframes:
    context: tuple[str, ...]
    name: str
    text: str


@dataclass
class _Page:
    root: etree._Element
    index: dict[tuple[str, str], list[etree._Element]] = field(default_factory=dict)
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    attrs: set[str] = field(default_factory=set)


def _required(tree, negated: bool = False, out=None) -> tuple[set[str], set[str], set[str]]:
    """Classes, ids and attribute names every element matching `tree` must carry."""
    out = out or (set(), set(), set())
    if isinstance(tree, Class):
        if not negated:
            out[0].add(tree.class_name)
        _required(tree.selector, negated, out)
    elif isinstance(tree, Hash):
        if not negated:
            out[1].add(tree.id)
        _required(tree.selector, negated, out)
    elif isinstance(tree, Attrib):
        if not negated:
            out[2].add(tree.attrib)
            if tree.operator == "=" and tree.value is not None:
                out[2].add(f"{tree.attrib}={tree.value.value}")
        _required(tree.selector, negated, out)
    elif isinstance(tree, Negation):
        _required(tree.selector, negated, out)
    elif isinstance(tree, CombinedSelector):
        _required(tree.selector, negated, out)
        _required(tree.subselector, negated, out)
    elif isinstance(tree, Pseudo | Function | Matching | SpecificityAdjustment | Relation):
        _required(tree.selector, negated, out)
    return out


def _key(tree) -> tuple[str, str]:
    """The rightmost compound's most selective part: class, then id, then tag."""
    while isinstance(tree, CombinedSelector):
        tree = tree.subselector
    tag = "*"
    node = tree
    found: tuple[str, str] | None = None
    while node is not None and not isinstance(node, Element):
        if isinstance(node, Class) and (found is None or found[0] != "class"):
            found = ("class", node.class_name)
        elif isinstance(node, Hash) and found is None:
            found = ("id", node.id)
        node = getattr(node, "selector", None)
    if isinstance(node, Element) and node.element:
        tag = node.element.lower()
    if found:
        return found
    return ("tag", tag) if tag != "*" else ("any", "")


def _split_selector_list(text: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return [part for part in parts if part]


def _compile(text: str) -> Selector | None:
    """None for what cssselect cannot express: interaction states (:focus-within,
    :focus-visible, :placeholder-shown…), which the first paint never shows."""
    try:
        # A link opens the page on any element with an id: :target may be any of them.
        (selector,) = parse(_TARGET.sub("[id]", text))
        expr = _TRANSLATOR.xpath(selector.parsed_tree)
        expr.add_name_test()
        test = etree.XPath(f"boolean(self::*[{expr.condition or 'true()'}])")
    except (SelectorError, ExpressionError, ValueError, etree.XPathError):
        return None
    classes, ids, attributes = _required(selector.parsed_tree)
    return Selector(
        text,
        test,
        _key(selector.parsed_tree),
        frozenset(classes),
        frozenset(ids),
        frozenset(attributes),
        frozenset(_attribute_tests(selector.parsed_tree)),
        "data-md-color-scheme" in text,
    )


def _attribute_tests(tree) -> set[tuple[str, str, str]]:
    tests = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Attrib):
            value = node.value.value if node.value is not None else ""
            tests.add((node.attrib, node.operator, value))
        elif isinstance(node, Hash):
            tests.add(("id", "=", node.id))
        for name in ("selector", "subselector"):
            child = getattr(node, name, None)
            if child is not None and not isinstance(child, str):
                stack.append(child)
        for name in ("selector_list", "arguments"):
            for child in getattr(node, name, None) or ():
                child = getattr(child, "parsed_tree", child)
                if isinstance(child, tuple):
                    child = getattr(child[-1], "parsed_tree", child[-1])
                if not isinstance(child, str):
                    stack.append(child)
    return tests


def _passes(value: str, operator: str, expected: str) -> bool:
    if operator == "exists":
        return True
    if operator == "=":
        return value == expected
    if operator == "~=":
        return expected in value.split()
    if operator == "|=":
        return value == expected or value.startswith(expected + "-")
    if operator == "^=":
        return value.startswith(expected)
    if operator == "$=":
        return value.endswith(expected)
    if operator == "*=":
        return expected in value
    return value != expected


class Stylesheet:
    """One parsed stylesheet; `critical(html)` is the part a page needs for its first paint."""

    def __init__(self, css: str) -> None:
        self.source = css
        self.rules: list[Rule | Keyframes | str] = []
        self._walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), ())
        self.digest = hashlib.sha256(css.encode("utf-8")).hexdigest()
        self._cache: dict[str, str] = {}
        selectors = [s for rule in self.rules if isinstance(rule, Rule) for s in rule.selectors]
        self._tests: dict[str, set[tuple[str, str]]] = {}
        for selector in selectors:
            for name, operator, value in selector.tests:
                self._tests.setdefault(name, set()).add((operator, value))

    def _walk(self, nodes, context: tuple[str, ...]) -> None:
        for node in nodes:
            if node.type == "qualified-rule":
                selectors = [
                    compiled
                    for text in _split_selector_list(tinycss2.serialize(node.prelude).strip())
                    if (compiled := _compile(text))
                ]
                declarations = [
                    (decl.name if decl.name.startswith("--") else decl.lower_name, _value(decl))
                    for decl in tinycss2.parse_blocks_contents(
                        node.content, skip_comments=True, skip_whitespace=True
                    )
                    if decl.type == "declaration"
                ]
                if selectors and declarations:
                    self.rules.append(Rule(context, selectors, declarations))
            elif node.type == "at-rule":
                name = node.lower_at_keyword
                prelude = _minify(tinycss2.serialize(node.prelude))
                if name == "media" and _PRINT_ONLY.match(prelude):
                    continue
                if name in ("media", "supports") and node.content is not None:
                    inner = tinycss2.parse_rule_list(
                        node.content, skip_comments=True, skip_whitespace=True
                    )
                    self._walk(inner, (*context, f"@{name} {prelude}"))
                elif name.endswith("keyframes") and node.content is not None:
                    body = _minify(tinycss2.serialize(node.content))
                    text = f"@{node.at_keyword} {prelude}{{{body}}}"
                    self.rules.append(Keyframes(context, prelude, text))
                elif name in ("font-face", "property") and node.content is not None:
                    body = _minify(tinycss2.serialize(node.content))
                    self.rules.append(_wrap(context, f"@{node.at_keyword} {prelude}{{{body}}}"))

    def critical(self, html: str) -> str:
        """The rules `html` needs for its first paint, minified."""
        root = _rendered(html)
        signature = _signature(root, self._tests)
        if signature in self._cache:
            return self._cache[signature]
        page = _index(root)
        kept: list[tuple[tuple[str, ...], list[str], list[tuple[str, str]]]] = []
        body = page.root.find("body")
        for rule in self.rules:
            if not isinstance(rule, Rule):
                continue
            texts = [s.text for s in rule.selectors if _matches(s, page, body)]
            if texts:
                kept.append((rule.context, texts, rule.declarations))
        css = _serialize(kept, self.rules) + ",".join(HIDDEN_UNTIL_STYLED) + "{display:none}"
        self._cache[signature] = css
        return css


def _matches(selector: Selector, page: _Page, body) -> bool:
    if selector.matches(page):
        return True
    if selector.scheme and body is not None:
        # Dark-scheme readers get their colours in the first paint too.
        light = body.get("data-md-color-scheme")
        body.set("data-md-color-scheme", "slate")
        try:
            return selector.matches(page)
        finally:
            body.set("data-md-color-scheme", light or "default")
    return False


def _value(declaration) -> str:
    value = _minify(tinycss2.serialize(declaration.value))
    return value + ("!important" if declaration.important else "")


def _minify(css: str) -> str:
    css = re.sub(r"\s+", " ", css.strip())
    return re.sub(r"\s*([{};:,>])\s*", r"\1", css) if "{" in css else css


def _wrap(context: tuple[str, ...], text: str) -> str:
    return "".join(f"{c}{{" for c in context) + text + "}" * len(context)


def _serialize(kept, all_rules) -> str:
    used, animations = _used_names(kept)
    out: list[str] = []
    context: tuple[str, ...] = ()
    for rule_context, selectors, declarations in kept:
        body = ";".join(
            f"{name}:{value}"
            for name, value in declarations
            if (name in used if name.startswith("--") else not _NOT_PAINTED.match(name))
        )
        if not body:
            continue
        if rule_context != context:
            out.append("}" * len(context) + "".join(f"{c}{{" for c in rule_context))
            context = rule_context
        out.append(",".join(selectors) + "{" + body + "}")
    out.append("}" * len(context))
    for rule in all_rules:
        if isinstance(rule, Keyframes) and rule.name in animations:
            out.append(_wrap(rule.context, rule.text))
        elif isinstance(rule, str):
            out.append(rule)
    return "".join(out)


def _used_names(kept) -> tuple[set[str], set[str]]:
    """(custom properties, animations) the kept declarations paint with, custom properties
    used by those custom properties included."""
    used: set[str] = set()
    custom: dict[str, list[str]] = {}
    animations: set[str] = set()
    for _context, _selectors, declarations in kept:
        for name, value in declarations:
            if name.startswith("--"):
                custom.setdefault(name, []).append(value)
            elif not _NOT_PAINTED.match(name):
                used.update(_VAR.findall(value))
                if name in ("animation", "animation-name"):
                    animations.update(_ANIMATION_NAME.findall(value))
    pending = list(used)
    while pending:  # custom properties used by the properties kept, and those they use
        for value in custom.get(pending.pop(), []):
            for name in _VAR.findall(value):
                if name not in used:
                    used.add(name)
                    pending.append(name)
    return used, animations


def _rendered(html: str) -> etree._Element:
    root = lxml_html.fromstring(html)
    # Matched as scripting readers see it: the loader swaps "no-js" for "js" before paint.
    classes = (root.get("class") or "").split()
    root.set("class", " ".join(["js" if c == "no-js" else c for c in classes]))
    hidden = {selector.lstrip(".") for selector in HIDDEN_UNTIL_STYLED}
    unseen = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in _NOT_RENDERED:
            unseen.append(element)
        elif (names := element.get("class")) and not hidden.isdisjoint(names.split()):
            unseen.append(element)
    unseen.extend(_below_first_screen(root))
    for element in unseen:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)  # its tail text goes too: only tags count here
    return root


# The first screen of a phone (360 × 640 px) shows the header and about this much of the text.
FIRST_SCREEN_CHARS = 1200
_CLAIM_OR_HEADING = etree.XPath(
    "descendant-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' claim ')"
    " or self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
)


def _blocks(parent: etree._Element):
    """The blocks of `parent`, a plain wrapper (a <div> without class: the original's text on
    a page waiting for its translation) read through."""
    for block in parent:
        if not isinstance(block.tag, str):
            continue
        if block.tag == "div" and not block.get("class") and len(block):
            yield from _blocks(block)
        else:
            yield block


def _below_first_screen(root: etree._Element) -> list[etree._Element]:
    """The article's blocks past the first screen, and the footer of a page longer than a
    screen: their rules arrive with the stylesheet, after the first paint. Kept wherever they
    are: claims and headings, since a shared `page/#claim-id` or a table of contents link
    opens the page on them (they share their few rules with the first screen's)."""
    article = root.find(".//article")
    if article is None:
        return []
    below: list[etree._Element] = []
    seen = 0
    for block in _blocks(article):
        if seen > FIRST_SCREEN_CHARS and not _CLAIM_OR_HEADING(block):
            below.append(block)
        seen += len(block.text_content())
    if seen > FIRST_SCREEN_CHARS:
        below.extend(root.iter("footer"))
    return below


def _index(root: etree._Element) -> _Page:
    page = _Page(root)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        page.index.setdefault(("tag", element.tag), []).append(element)
        page.index.setdefault(("any", ""), []).append(element)
        page.attrs.update(element.attrib.keys())
        page.attrs.update(f"{name}={value}" for name, value in element.attrib.items())
        if "data-md-color-scheme" in element.attrib:
            page.attrs.add("data-md-color-scheme=slate")  # tried in both schemes (_matches)
        for name in (element.get("class") or "").split():
            page.classes.add(name)
            page.index.setdefault(("class", name), []).append(element)
        if element_id := element.get("id"):
            page.ids.add(element_id)
            page.index.setdefault(("id", element_id), []).append(element)
    return page


def _signature(root: etree._Element, tests: dict[str, set[tuple[str, str]]]) -> str:
    """Pages with the same tree of elements, classes and attribute-test outcomes get the same
    critical CSS (share pages, pages alike): computed once."""
    digest = hashlib.sha256()

    def visit(element) -> None:
        digest.update(b"<" + element.tag.encode())
        for name, value in sorted(element.attrib.items()):
            if name == "class":
                shown = " ".join(sorted(value.split()))
            else:
                outcomes = sorted(t for t in tests.get(name, ()) if _passes(value, *t))
                shown = repr(outcomes)
            digest.update(f" {name}={shown}".encode())
        if (element.text or "").strip():
            digest.update(b"~")
        for child in element:
            if isinstance(child.tag, str):
                visit(child)
        digest.update(b">")

    visit(root)
    return digest.hexdigest()

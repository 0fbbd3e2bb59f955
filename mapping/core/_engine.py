"""What the generated readers (`_readgen`) work with: plans of elements, and the context
of one read.

`ElementPlan` describes one element; `ParseContext` keeps, while an element is read, what
the model does not declare, and records problems with their place.
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from lxml import etree

from ._writer import undeclare_defaults
from .errors import Problem, SerializeError
from .extras import COMMENT, ELEMENT, PI, TEXT, UNKNOWN, Extras, is_layout, of_nodes
from .tokens import Token

class Target:
    """A scalar destination: field name, codec, and the qualified name it maps."""

    __slots__ = ("fname", "codec", "qname", "where", "parse", "attr_prefix")

    def __init__(self, fname: str, codec: Any, qname: str | None, where: str):
        self.fname, self.codec, self.qname, self.where = fname, codec, qname, where
        self.parse = codec.parse   # bound once: the hot path calls it directly
        # What the text writer puts before the value (a namespaced name has no fixed form).
        self.attr_prefix = f" {qname}='" if qname and qname[0] != "{" else None

    def __reduce__(self) -> tuple[type[Target], tuple[str, Any, str | None, str]]:
        # (the rest is made from these; kept plans load faster without it)
        return (Target, (self.fname, self.codec, self.qname, self.where))

    def encode(self, value: Any) -> str:
        if isinstance(value, Token):
            return value.text
        try:
            text: str = self.codec.format(value)
            return text
        except (TypeError, ValueError) as err:
            raise SerializeError(f"{self.where}: {err}") from None


class ElementPlan:
    """How one element's attributes, text and children map to fields."""

    def __init__(self) -> None:
        self.attrs: dict[str, Target] = {}
        self.text: Target | None = None
        self.children: dict[str, Any] = {}   # child qname -> handler
        self.writers: list[Any] = []         # handlers in declaration order
        # A leaf element (`<title/>`) present with no text holds an empty string; a
        # class's own text() stays None then, since the element exists for its other fields.
        self.leaf = False
        # The handler of children no other handler takes (raw_elements()), if any.
        self.fallback: Any = None
        # Attributes that travel with the text's value (codec hints): qname -> value.
        self.hints: dict[str, str] = {}
        # Unions whose variant this element's attribute names (union by=).
        self.by_unions: list[Any] = []
        # For `ParseContext.arrange`: child tag -> (handler, its token or None for a list
        # handler, its rank); made on first use.
        self.order_kinds: dict[str, tuple[Any, tuple[str, int] | None, int]] | None = None


PATHED_PROBLEMS = 100


class ParseContext:
    """Per-call state of a read: the unknown-XML policy, the token recognizer, and the
    problems found so far. Its methods keep what the generated readers meet that the
    model does not declare, where they meet it."""

    __slots__ = ("policy", "keeps", "problems", "tokens")

    def __init__(self, policy: str, tokens: Callable[[str], Token | None] | None = None):
        self.policy = policy
        self.keeps = policy == "preserve"
        self.problems: list[Problem] = []
        self.tokens = tokens

    def problem(self, node: Any, message: str, *, attr: str | None = None,
                field: str | None = None) -> None:
        # libxml2 finds a path by counting the siblings at each level: only for the first
        # problems, so that a bad value in each of many siblings is not quadratic to
        # report (the line and field still say where the others are).
        where = None
        if len(self.problems) < PATHED_PROBLEMS:
            where = node.getroottree().getpath(node)
            if attr is not None:
                where += f"/@{attr}"
        self.problems.append(Problem(message, node.sourceline, where, field))

    def decode(self, target: Target, raw: str, node: Any, attr: str | None) -> Any:
        """The value of `raw` (a token, when the recognizer knows it), or None with the
        problem recorded."""
        if self.tokens is not None:
            token = self.tokens(raw)
            if token is not None:
                return token
        try:
            return target.codec.parse(raw)
        except (TypeError, ValueError) as err:
            self.problem(node, str(err), attr=attr, field=target.where)
            return None

    def attr(self, extras: Extras | None, node: Any, qname: str, raw: str) -> Extras | None:
        """Keep (or drop, or report) one unknown attribute."""
        if self.policy == "preserve":
            if extras is None:
                extras = Extras()
            extras.attrs[qname] = raw
        elif self.policy == "error":
            self.problem(node, f"unknown attribute {qname!r}", attr=qname)
        return extras

    def no_hint(self, extras: Extras | None, qname: str) -> Extras | None:
        """A value written without its codec's hint attribute: remembered, so that it comes
        back without one."""
        if self.policy != "preserve":
            return extras
        if extras is None:
            extras = Extras()
        extras.attrs[qname] = None
        return extras

    def sub(self, extras: Extras | None, key: str, inner: Extras | None) -> Extras:
        """Record the leftovers of a path-reached element, a flag or a list item on the
        entity's extras (an empty holder: the element was there and set nothing)."""
        if extras is None:
            extras = Extras()
        extras.sub[key] = inner if inner is not None else Extras()
        return extras

    def keep(self, extras: Extras | None, node: Any, kind: str, payload: Any,
             order: list[tuple[str, int]]) -> Extras | None:
        """Keep (or drop, or report) one unknown child node."""
        if self.policy == "preserve":
            if extras is None:
                extras = Extras()
            order.append((UNKNOWN, len(extras.nodes)))
            extras.nodes.append((kind, payload))
        elif self.policy == "error":
            label = {ELEMENT: "element", COMMENT: "comment", PI: "processing instruction",
                     TEXT: "text"}[kind]
            shown = f"<{etree.QName(node).localname}>" if kind == ELEMENT else repr(
                payload if kind != PI else payload[0])
            self.problem(node, f"unknown {label} {shown}")
        return extras

    def trail(self, extras: Extras | None, node: Any, anchor: tuple[str, int] | None) -> Extras:
        """Keep an unknown child node that follows every known child read so far, after
        the child `anchor` names (None: after the node kept before it). The order holds
        only these anchors: the children it does not name stand where the declaration
        puts them, which is where they stood, while no known child follows."""
        # (serialise's lookup, without a call: a host's newer elements are mostly leaves
        # met again. Not asked for its namespace map: what the memo holds was found
        # without one, so names in no namespace (or xml:), which serialise writes without
        # declarations wherever they stand. A comment or PI is never found, its tag being
        # a function.)
        kept = _LEAF_NODES.get((node.tag, node.text, *node.items())) if not len(node) else None
        if kept is None:
            kept = serialise(node)
        if extras is None:   # (the first node kept here: most often the only one)
            return of_nodes([kept], [_FIRST_NODE] if anchor is None else [anchor, _FIRST_NODE])
        order = extras.order
        if order is None:
            order = extras.order = []
        nodes = extras.nodes
        if anchor is not None:
            order.append(anchor)
        order.append((UNKNOWN, len(nodes)))
        nodes.append(kept)
        return extras

    def arrange(self, owner: ElementPlan, node: Any, extras: Extras | None,
                refused: list[Any] | None) -> Extras | None:
        """The unknown child nodes of `node`, kept with the document order of all its
        children. A reader calls this once it has read the children of an element out of
        the ordinary (an unknown node a known child follows, text between children, known
        children out of declaration order); `refused`: known children the fields did not
        take (a second one of a single child, a union variant not modelled). Nothing below
        the children is read again."""
        if extras is not None and extras.nodes:
            # (kept by `trail` before a known child followed: kept again below, in order)
            extras.nodes, extras.order = [], None
        order: list[tuple[str, int]] = []
        content = node.text
        if owner.text is None and content is not None and not is_layout(content):
            extras = self.keep(extras, node, TEXT, content, order)
        kinds = owner.order_kinds
        if kinds is None:
            kinds = owner.order_kinds = {
                tag: (handler, None if handler.many else handler.token, handler.rank)
                for tag, handler in owner.children.items()}
        fallback = owner.fallback
        counts: dict[Any, int] = {}
        last_rank, reordered = -1, False
        for item in node:
            kind = kinds.get(item.tag)
            if kind is None and fallback is not None and item.tag.__class__ is str:
                kind = (fallback, None, fallback.rank)
            if kind is not None and refused and item in refused:
                kind = None
            if kind is not None:
                handler, token, rank = kind
                if token is None:
                    index = counts.get(handler, 0)
                    counts[handler] = index + 1
                    token = (handler.fname, index)
                order.append(token)
                if rank < last_rank:
                    reordered = True
                last_rank = rank
            else:
                extras = self.keep(extras, item, *serialise(item), order)
            tail = item.tail
            if tail is not None and not is_layout(tail):
                extras = self.keep(extras, item, TEXT, tail, order)
        if extras is not None and (reordered or extras.nodes):
            extras.order = order
        elif reordered:
            extras = Extras(order=order)
        return extras

    def leftovers(self, owner: ElementPlan, node: Any) -> Extras | None:
        """What an element whose fields take at most its text holds besides (a flag's
        attributes, a list item's children)."""
        extras = None
        for qname, raw in node.items():
            extras = self.attr(extras, node, qname, raw)
        return self.arrange(owner, node, extras, None)


# The kept form of leaf elements kept so far, by tag, text and attributes: a host
# reports the same unknown elements in every poll (and often in every device), and a
# lookup costs half of what lxml's `tostring` does. Bounded in entries and in length.
_LEAF_NODES: dict[tuple[Any, ...], tuple[str, str]] = {}
_LEAF_NODES_SIZE = 4096
_LEAF_TEXT_MOST = 256

# The token of an element's first kept node: one tuple for all.
_FIRST_NODE = (UNKNOWN, 0)


def serialise(node: Any) -> tuple[str, Any]:
    tag = node.tag
    if tag is etree.Comment:
        return COMMENT, node.text or ""
    if tag is etree.PI:
        return PI, (node.target, node.text or "")
    if not len(node) and not node.nsmap:
        # (the common case, an element without children or namespaces: its text is the
        # canonical form already, as the copy below would make it)
        key = (tag, node.text, *node.items())
        kept = _LEAF_NODES.get(key)
        if kept is None:
            kept = ELEMENT, etree.tostring(node, encoding="unicode", with_tail=False)
            if len(_LEAF_NODES) < _LEAF_NODES_SIZE and len(kept[1]) <= _LEAF_TEXT_MOST:
                _LEAF_NODES[key] = kept
        return kept
    # A copy drops the tail and lets us remove namespace declarations inherited from
    # ancestors but unused inside: left in, they can shadow the prefixes of the element
    # they are written back under.
    detached = copy.deepcopy(node)
    detached.tail = None
    etree.cleanup_namespaces(detached)
    # Blank text is layout, not content: dropping it makes the kept form canonical, so
    # equality of entities does not depend on the indentation of the input.
    for inner in detached.iter():
        if inner.text is not None and is_layout(inner.text) and len(inner):
            inner.text = None
        if inner is not detached and inner.tail is not None and is_layout(inner.tail):
            inner.tail = None
    text = etree.tostring(detached, encoding="unicode")
    if 'xmlns="' in text:
        # cleanup_namespaces also drops `xmlns=""` (it declares no namespace, so it looks
        # unused), which would put an element in no namespace into the default one.
        undeclare_defaults(detached)
        text = etree.tostring(detached, encoding="unicode")
    return ELEMENT, text

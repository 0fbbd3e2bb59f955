"""The holder for XML a model does not declare, and for where things stood.

Parsing fills an `Extras` only when there is something to keep: unknown attributes,
unknown child nodes (elements, comments, processing instructions, non-blank text), the
document order of known children when it differs from declaration order, the leftovers
of path-reached sub-elements, and (on a document's root) the comments and processing
instructions before and after the root element. An entity with nothing unknown has
`extras=None`.

What is kept is data a user can touch (in code, or through JSON), so it is checked where
it enters (`from_json`) and where it is written (`problems`, called by the writers only
for objects that hold extras): nothing in it may turn into markup it does not describe.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

from .codecs import XML_BLANKS

# A child token: (field key, item index) for known children, ("?", n) for unknown node n.
Token = tuple[str, int]
UNKNOWN = "?"

# Node kinds; the payload is the serialised element, the comment's text, (target, text)
# for a processing instruction, or the text itself.
ELEMENT, COMMENT, PI, TEXT = "element", "comment", "pi", "text"
KINDS = (ELEMENT, COMMENT, PI, TEXT)
# Beside a document's root element only comments and processing instructions can stand.
OUTSIDE = (COMMENT, PI)

XMLNS_URI = "http://www.w3.org/2000/xmlns/"


def is_layout(text: str) -> bool:
    """Whether `text` is XML white space only (spaces, tabs, newlines, carriage returns):
    layout between elements, not content. `str.isspace` alone takes more: a no-break
    space, U+3000, U+0085 are content to XML, and would be dropped as layout; the other
    ASCII characters it takes are no XML characters at all."""
    return text.isspace() and text.isascii()


# `is_layout` as the generated readers and writers spell it: `LAYOUT.format(name)`.
LAYOUT = "({0}.isspace() and {0}.isascii())"

# XML 1.0 (5th edition) name characters, without the colon: an NCName.
_START = ("A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
          "\u200c\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
          "\U00010000-\U000effff")
_NAME_CLASSES = (f"[{_START}][{_START}\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040]*")


@functools.cache
def _ncname() -> re.Pattern[str]:
    # (compiling it costs a fresh process ~10 ms: only writers of kept XML need it)
    return re.compile(_NAME_CLASSES)
# Characters XML 1.0 cannot carry at all.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Extras:
    """Unknown XML of one element, kept with its position, plus its layout.

    `attrs` maps an attribute's qualified name to its text; None records that a codec
    hint attribute was absent from the document, so that it is not added on writing.
    `nodes`: the unknown child nodes, each a (kind, payload); `order`: child tokens in
    document order, `(field key, index)` for known children and `("?", n)` for node n.
    Known children the order does not name stand where the declaration puts them, after
    the nodes that follow the child before them: a reader that keeps nodes where it
    meets them names only the child each follows.
    `before`/`after`: comments and PIs before and after a document's root element
    (only written where the entity is the root of the document being written).
    """

    # `checked`: what the writers last found valid here (see `_writer.check_kept`).
    __slots__ = ("attrs", "nodes", "order", "sub", "before", "after", "checked")

    def __init__(self, attrs: dict[str, str | None] | None = None,
                 nodes: list[tuple[str, Any]] | None = None,
                 order: list[Token] | None = None,
                 sub: dict[str, Extras] | None = None,
                 before: list[tuple[str, Any]] | None = None,
                 after: list[tuple[str, Any]] | None = None):
        self.attrs: dict[str, str | None] = attrs if attrs is not None else {}
        self.nodes: list[tuple[str, Any]] = nodes if nodes is not None else []
        self.order: list[Token] | None = order
        self.sub: dict[str, Extras] = sub if sub is not None else {}
        self.before: list[tuple[str, Any]] = before if before is not None else []
        self.after: list[tuple[str, Any]] = after if after is not None else []
        self.checked: Any = None

    def is_empty(self) -> bool:
        return not (self.attrs or self.nodes or self.order or self.sub or self.before
                    or self.after)

    def anchored_nodes(self) -> list[tuple[Token | None, tuple[str, Any]]]:
        """Each unknown node with the known child token it follows (None: at the start)."""
        if self.order is None:
            return [(("", -1), node) for node in self.nodes]
        anchored: list[tuple[Token | None, tuple[str, Any]]] = []
        last_known: Token | None = None
        for key, index in self.order:
            if key == UNKNOWN:
                anchored.append((last_known, self.nodes[index]))
            else:
                last_known = (key, index)
        return anchored

    def _identity(self) -> tuple[Any, ...]:
        # Known-child order is layout, not data: two entities that differ only in the
        # order of known children are equal, unknown content and its position are not.
        # Texts that follow each other are one text once written: compared joined.
        nodes: list[tuple[Token | None, Any]] = []
        try:
            anchored = self.anchored_nodes()
        except (IndexError, TypeError, ValueError):
            anchored = [(None, ("invalid order", repr(self.order)))] + [
                (None, node) for node in self.nodes]
        for anchor, (kind, payload) in anchored:
            if kind == TEXT and nodes and nodes[-1][0] == anchor and nodes[-1][1][0] == TEXT:
                nodes[-1] = (anchor, (TEXT, nodes[-1][1][1] + payload))
            else:
                nodes.append((anchor, (kind, payload)))
        nodes = [(anchor, _canonical(*node)) for anchor, node in nodes]
        return (self.attrs, nodes, self.sub, self.before, self.after)

    def __eq__(self, other: object) -> bool:
        if other is None:
            # Holding only a layout (known children reordered) is no content at all.
            return not (self.attrs or self.nodes or self.sub or self.before or self.after)
        if not isinstance(other, Extras):
            return NotImplemented
        return self._identity() == other._identity()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclasses that hold it

    def __repr__(self) -> str:
        parts = [f"{name}={getattr(self, name)!r}"
                 for name in ("attrs", "nodes", "sub", "before", "after") if getattr(self, name)]
        return f"Extras({', '.join(parts)})"

    def __deepcopy__(self, memo: dict[int, Any]) -> Extras:
        import copy   # (whatever was put in, copied: it is checked when written)
        return Extras(copy.copy(self.attrs), copy.copy(self.nodes), copy.copy(self.order),
                      {key: copy.deepcopy(value, memo) for key, value in self.sub.items()},
                      copy.copy(self.before), copy.copy(self.after))

    def to_json(self) -> dict[str, Any]:
        data = {
            "attrs": dict(self.attrs),
            "nodes": _nodes_json(self.nodes),
            "order": None if self.order is None else [list(token) for token in self.order],
            "sub": {key: value.to_json() for key, value in self.sub.items()},
        }
        if self.before:
            data["before"] = _nodes_json(self.before)
        if self.after:
            data["after"] = _nodes_json(self.after)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Extras | None:
        """Extras from what `to_json` wrote; ParseError (paths relative to the extras)
        for anything else, and for kept XML that could not be written back as it is."""
        if data is None:
            return None
        found: list[tuple[str, str]] = []
        extras = _from_json(data, "", found)
        if extras is not None and not found:
            found = problems(extras)
        if found:
            from .errors import ParseError, Problem
            raise ParseError([Problem(what, None, place or None) for place, what in found])
        return extras


_new = object.__new__


def of_nodes(nodes: list[tuple[str, Any]], order: list[Token]) -> Extras:
    """`Extras(None, nodes, order)`, as a reader makes one for each element it keeps an
    unknown child of, without the keyword defaults' tests."""
    extras: Extras = _new(Extras)
    extras.attrs, extras.nodes, extras.order, extras.sub = {}, nodes, order, {}
    extras.before, extras.after, extras.checked = [], [], None
    return extras


def _from_json(data: Any, place: str, found: list[tuple[str, str]]) -> Extras | None:
    if not isinstance(data, dict):
        found.append((place, f"expected an object, got {type(data).__name__}"))
        return None
    for key in data:
        if key not in _JSON_KEYS:
            found.append((_join(place, str(key)), "not a key of kept XML "
                          f"({', '.join(_JSON_KEYS)})"))
    attrs, order, sub = data.get("attrs", {}), data.get("order"), data.get("sub", {})
    if not isinstance(attrs, dict):
        found.append((_join(place, "attrs"), f"expected an object, got {type(attrs).__name__}"))
        attrs = {}
    if order is not None:
        if isinstance(order, list):
            order = [tuple(token) if isinstance(token, list) else token for token in order]
        else:
            found.append((_join(place, "order"), "expected a list of [key, index] or null"))
            order = None
    if not isinstance(sub, dict):
        found.append((_join(place, "sub"), f"expected an object, got {type(sub).__name__}"))
        sub = {}
    subs = {key: _from_json(value, _join(place, f"sub[{key!r}]"), found)
            for key, value in sub.items()}
    return Extras(dict(attrs), _nodes_from_json(data, "nodes", place, found), order,
                  {key: value for key, value in subs.items() if value is not None},
                  _nodes_from_json(data, "before", place, found),
                  _nodes_from_json(data, "after", place, found))


_JSON_KEYS = ("attrs", "nodes", "order", "sub", "before", "after")


def _nodes_from_json(data: dict[str, Any], name: str, place: str,
                     found: list[tuple[str, str]]) -> list[Any]:
    nodes = data.get(name, [])
    if not isinstance(nodes, list):
        found.append((_join(place, name), f"expected a list, got {type(nodes).__name__}"))
        return []
    out = []
    for node in nodes:
        if isinstance(node, list) and len(node) == 2:
            kind, payload = node
            node = (kind, tuple(payload) if kind == PI and isinstance(payload, list) else payload)
        out.append(node)   # (anything else: problems() names it)
    return out


def _nodes_json(nodes: list[tuple[str, Any]]) -> list[list[Any]]:
    return [[kind, list(payload) if kind == PI else payload] for kind, payload in nodes]


def _structure(node: Any) -> tuple[Any, ...]:
    if not isinstance(node.tag, str):
        return (str(node.tag), node.text)
    return (node.tag, tuple(sorted(node.attrib.items())), (node.text or "").strip(XML_BLANKS),
            tuple(_structure(inner) for inner in node), (node.tail or "").strip(XML_BLANKS))


def _canonical(kind: str, payload: Any) -> Any:
    """An unknown node in a form where namespace prefixes do not matter."""
    if kind != ELEMENT or element_problem(payload) is not None:
        return (kind, payload)
    from lxml import etree  # only equality needs it, and only for unknown elements

    from ._safe import safe_parser
    return (kind, _structure(etree.fromstring(payload, safe_parser())))


def _encode(value: Extras | None) -> dict[str, Any] | None:
    return None if value is None else value.to_json()


def extras_field() -> Any:
    """The `extras` field every mapped class gets from `@element`."""
    return dataclasses.field(
        default=None, repr=False,
        metadata={"dataclasses_json": {"encoder": _encode, "decoder": Extras.from_json,
                                       "exclude": lambda value: value is None}},
    )


# -- What kept XML may hold ------------------------------------------------------------

def problems(extras: Any, outside: bool = True) -> list[tuple[str, str]]:
    """What is wrong with kept XML, as (place inside the extras, what): [] when it can be
    written back as it is. `outside`: whether before/after may be set (a document's root
    entity's extras; not the leftovers of a path-reached element)."""
    if not isinstance(extras, Extras):
        return [("", f"expected Extras or None, got {type(extras).__name__}")]
    found: list[tuple[str, str]] = []
    _check_attrs(extras.attrs, found)
    _check_nodes("nodes", extras.nodes, KINDS, found)
    _check_order(extras, found)
    if not isinstance(extras.sub, dict):
        found.append(("sub", f"expected a dict, got {type(extras.sub).__name__}"))
    else:
        for key, inner in extras.sub.items():
            place = f"sub[{key!r}]"
            if not isinstance(key, str):
                found.append((place, "a key must be a str"))
            found += [(_join(place, at), what) for at, what in problems(inner, False)]
            if isinstance(inner, Extras) and inner.sub:
                found.append((place + ".sub", "leftovers of path-reached elements are kept "
                                              "on the entity's own extras"))
    for name, nodes in (("before", extras.before), ("after", extras.after)):
        if nodes.__class__ is list and not nodes:
            continue   # (all but a document's root)
        if nodes and not outside:
            found.append((name, "only the root entity's extras stand outside an element"))
        _check_nodes(name, nodes, OUTSIDE, found)
    return found


def _join(place: str, inner: str) -> str:
    return f"{place}.{inner}" if place and inner else place or inner


def _check_attrs(attrs: Any, found: list[tuple[str, str]]) -> None:
    if not isinstance(attrs, dict):
        found.append(("attrs", f"expected a dict, got {type(attrs).__name__}"))
        return
    for qname, value in attrs.items():
        place = f"attrs[{qname!r}]"
        what = attr_name_problem(qname)
        if what is None and value is not None:
            what = text_problem(value)
        if what is not None:
            found.append((place, what))


def attr_name_problem(qname: Any) -> str | None:
    """Why `qname` (a name, or `{uri}name`) cannot be an attribute's name, or None."""
    if not isinstance(qname, str):
        return f"a name must be a str, not {type(qname).__name__}"
    local = qname
    if qname.startswith("{"):
        end = qname.find("}")
        uri, local = qname[1:end], qname[end + 1:]
        if end < 2 or text_problem(uri) is not None or uri == XMLNS_URI or "{" in uri:
            return f"{qname!r} is not a namespace URI and name"
    elif qname == "xmlns":
        return "'xmlns' declares a namespace; it is not an attribute to keep"
    if _ncname().fullmatch(local) is None:
        return f"{qname!r} is not an XML attribute name"
    return None


def text_problem(value: Any) -> str | None:
    """Why `value` cannot be written as XML character data, or None."""
    if not isinstance(value, str):
        return f"expected a str, got {type(value).__name__}"
    if _INVALID.search(value) is not None:
        return f"{value[:40]!r} holds a character XML cannot carry"
    return None


def _check_nodes(name: str, nodes: Any, kinds: tuple[str, ...],
                 found: list[tuple[str, str]]) -> None:
    if not isinstance(nodes, list):
        found.append((name, f"expected a list, got {type(nodes).__name__}"))
        return
    for index, node in enumerate(nodes):
        what = node_problem(node, kinds)
        if what is not None:
            found.append((f"{name}[{index}]", what))


def node_problem(node: Any, kinds: tuple[str, ...] = KINDS) -> str | None:
    """Why `node` is not a (kind, payload) that writes back as itself, or None."""
    if node.__class__ is not tuple or len(node) != 2:
        return "expected a (kind, payload) pair"
    kind, payload = node
    if kind == ELEMENT and payload.__class__ is str and ELEMENT in kinds:
        # (what XML cannot carry, lxml's parse refuses too: looked for only then, to say
        # which character it is)
        what = element_problem(payload)
        return None if what is None else (text_problem(payload) or what)
    if kind not in kinds:
        return f"kind {kind!r} is not one of {', '.join(kinds)}"
    if kind == PI:
        return pi_problem(payload)
    if payload.__class__ is not str or _INVALID.search(payload) is not None:
        return text_problem(payload)
    if kind == COMMENT:
        if "--" in payload or payload.endswith("-"):
            return "a comment cannot hold '--' or end with '-'"
        if "\r" in payload:
            return "a comment cannot hold a carriage return (read back as a newline)"
    elif kind == TEXT:
        if not payload or is_layout(payload):
            return "blank text is layout, not content: it is not written back"
    else:
        return element_problem(payload)
    return None


def pi_problem(payload: Any) -> str | None:
    if not isinstance(payload, tuple) or len(payload) != 2:
        return "a processing instruction is a (target, text) pair"
    target, text = payload
    what = text_problem(target) or text_problem(text)
    if what is not None:
        return what
    if _ncname().fullmatch(target) is None or target.lower() == "xml":
        return f"{target!r} is not a processing instruction target"
    if "?>" in text or "\r" in text:
        return "a processing instruction's text cannot hold '?>' or a carriage return"
    if is_layout(text[:1]):
        return "a processing instruction's text cannot start with blanks (read back without)"
    return None


@functools.lru_cache(maxsize=1024)
def element_problem(payload: str) -> str | None:
    """Why the serialised element `payload` is not one well-formed element, or None."""
    from lxml import etree

    from ._safe import safe_parser
    if not isinstance(payload, str):
        return f"expected a str, got {type(payload).__name__}"
    try:
        root = etree.fromstring(payload, safe_parser())
    except (etree.XMLSyntaxError, ValueError) as err:
        return f"not a well-formed element: {err}"
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        return "a kept element cannot carry a DOCTYPE"
    if root.getprevious() is not None or root.getnext() is not None:
        return "holds nodes beside its element: keep each node on its own"
    for _ in root.iter(etree.Entity):
        return "holds an entity reference"
    return None


def _check_order(extras: Extras, found: list[tuple[str, str]]) -> None:
    order = extras.order
    if order is None:
        return
    if not isinstance(order, list):
        found.append(("order", f"expected a list or None, got {type(order).__name__}"))
        return
    placed: set[int] = set()
    count = len(extras.nodes) if isinstance(extras.nodes, list) else 0
    for index, token in enumerate(order):
        if token.__class__ is not tuple or len(token) != 2:
            found.append((f"order[{index}]", "expected a (field key, index >= 0) pair"))
            continue
        key, at = token
        if key.__class__ is not str or at.__class__ is not int or at < 0:
            found.append((f"order[{index}]", "expected a (field key, index >= 0) pair"))
        elif key == UNKNOWN:
            if at >= count:
                found.append((f"order[{index}]", f"there is no unknown node {at}"))
            elif at in placed:
                found.append((f"order[{index}]", f"unknown node {at} placed twice"))
            else:
                placed.add(at)
    if isinstance(extras.nodes, list) and len(placed) < count:   # (placed: nodes there are)
        missing = sorted(set(range(len(extras.nodes))) - placed)
        if missing:
            found.append(("order", f"unknown node(s) {missing} not placed: they would be lost"))

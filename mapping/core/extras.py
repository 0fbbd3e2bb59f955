"""The holder for XML a model does not declare, and for where things stood.

Parsing fills an `Extras` only when there is something to keep: unknown attributes,
unknown child nodes (elements, comments, processing instructions, non-blank text), the
document order of known children when it differs from declaration order, and the
leftovers of path-reached sub-elements. An entity with nothing unknown has `extras=None`.
"""
from __future__ import annotations

import dataclasses
from typing import Any

# A child token: (field key, item index) for known children, ("?", n) for unknown node n.
Token = tuple[str, int]
UNKNOWN = "?"

# Node kinds; the payload is the serialised element, the comment's text, (target, text)
# for a processing instruction, or the text itself.
ELEMENT, COMMENT, PI, TEXT = "element", "comment", "pi", "text"


class Extras:
    """Unknown XML of one element, kept with its position, plus its layout.

    `attrs` maps an attribute's qualified name to its text; None records that a codec
    hint attribute was absent from the document, so that it is not added on writing.
    """

    __slots__ = ("attrs", "nodes", "order", "sub")

    def __init__(self, attrs: dict[str, str | None] | None = None,
                 nodes: list[tuple[str, Any]] | None = None,
                 order: list[Token] | None = None,
                 sub: dict[str, Extras] | None = None):
        self.attrs: dict[str, str | None] = attrs if attrs is not None else {}
        self.nodes: list[tuple[str, Any]] = nodes if nodes is not None else []
        self.order: list[Token] | None = order
        self.sub: dict[str, Extras] = sub if sub is not None else {}

    def is_empty(self) -> bool:
        return not (self.attrs or self.nodes or self.order or self.sub)

    def anchored_nodes(self) -> list[tuple[Token | None, tuple[str, Any]]]:
        """Each unknown node with the known child token it follows (None: at the start)."""
        if self.order is None:
            return [(("", -1), node) for node in self.nodes]
        anchored, last_known = [], None
        for key, index in self.order:
            if key == UNKNOWN:
                anchored.append((last_known, self.nodes[index]))
            else:
                last_known = (key, index)
        return anchored

    def _identity(self) -> tuple:
        # Known-child order is layout, not data: two entities that differ only in the
        # order of known children are equal, unknown content and its position are not.
        nodes = [(anchor, _canonical(*node)) for anchor, node in self.anchored_nodes()]
        return (self.attrs, nodes, self.sub)

    def __eq__(self, other: object) -> bool:
        if other is None:
            # Holding only a layout (known children reordered) is no content at all.
            return not (self.attrs or self.nodes or self.sub)
        if not isinstance(other, Extras):
            return NotImplemented
        return self._identity() == other._identity()

    __hash__ = None  # mutable, like the dataclasses that hold it

    def __repr__(self) -> str:
        parts = []
        if self.attrs:
            parts.append(f"attrs={self.attrs!r}")
        if self.nodes:
            parts.append(f"nodes={self.nodes!r}")
        if self.sub:
            parts.append(f"sub={self.sub!r}")
        return f"Extras({', '.join(parts)})"

    def __deepcopy__(self, memo: dict) -> Extras:
        return Extras(dict(self.attrs), list(self.nodes),
                      None if self.order is None else list(self.order),
                      {key: value.__deepcopy__(memo) for key, value in self.sub.items()})

    def to_json(self) -> dict[str, Any]:
        return {
            "attrs": dict(self.attrs),
            "nodes": [[kind, list(payload) if kind == PI else payload]
                      for kind, payload in self.nodes],
            "order": None if self.order is None else [list(token) for token in self.order],
            "sub": {key: value.to_json() for key, value in self.sub.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Extras | None:
        if data is None:
            return None
        return cls(
            dict(data.get("attrs", {})),
            [(kind, tuple(payload) if kind == PI else payload)
             for kind, payload in data.get("nodes", [])],
            None if data.get("order") is None else [tuple(t) for t in data["order"]],
            {key: cls.from_json(value) for key, value in data.get("sub", {}).items()},
        )


def _structure(node: Any) -> tuple:
    if not isinstance(node.tag, str):
        return (str(node.tag), node.text)
    return (node.tag, tuple(sorted(node.attrib.items())), (node.text or "").strip(),
            tuple(_structure(inner) for inner in node), (node.tail or "").strip())


def _canonical(kind: str, payload: Any) -> Any:
    """An unknown node in a form where namespace prefixes do not matter."""
    if kind != ELEMENT:
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

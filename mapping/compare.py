"""Lossless comparison of two XML documents, reporting the XPath of the first difference.

Equal means: the same elements in the same order (namespace URI + local name; prefixes
may differ), the same attribute sets with equal values (numbers compare by value, so
`0x06` equals `6`), the same non-whitespace text, the same comments and processing
instructions in the same places. Whitespace-only text does not count.
"""
from __future__ import annotations

from typing import Any

from lxml import etree

from .core.codecs import parse_int
from .core.xmlio import parse_document


def _as_element(doc: Any) -> Any:
    if isinstance(doc, (str, bytes)):
        return parse_document(doc)
    if isinstance(doc, etree._ElementTree):
        return doc.getroot()
    return doc


def _number(value: str) -> float | int | None:
    try:
        return parse_int(value)
    except ValueError:
        pass
    try:
        return float(value)
    except ValueError:
        return None


def values_equal(left: str, right: str) -> bool:
    if left == right:
        return True
    left_number, right_number = _number(left), _number(right)
    return left_number is not None and left_number == right_number


def _name(node: Any) -> str:
    qname = etree.QName(node)
    return f"{{{qname.namespace}}}{qname.localname}" if qname.namespace else qname.localname


def _content(node: Any) -> list[tuple[str, Any]]:
    """An element's children and non-blank texts, in order."""
    items: list[tuple[str, Any]] = []
    if node.text is not None and node.text.strip():
        items.append(("text", node.text.strip()))
    for item in node:
        if item.tag is etree.Comment:
            items.append(("comment", (item.text or "").strip()))
        elif item.tag is etree.PI:
            items.append(("pi", (item.target, (item.text or "").strip())))
        elif isinstance(item.tag, str):
            items.append(("element", item))
        if item.tail is not None and item.tail.strip():
            items.append(("text", item.tail.strip()))
    return items


def _step(node: Any, position: int) -> str:
    return f"{etree.QName(node).localname}[{position}]"


def _compare(left: Any, right: Any, where: str) -> str | None:
    if _name(left) != _name(right):
        return f"{where}: element <{_name(left)}> != <{_name(right)}>"
    left_attrs, right_attrs = dict(left.attrib), dict(right.attrib)
    for key in sorted(set(left_attrs) | set(right_attrs)):
        if key not in right_attrs:
            return f"{where}/@{key}: only on the left ({left_attrs[key]!r})"
        if key not in left_attrs:
            return f"{where}/@{key}: only on the right ({right_attrs[key]!r})"
        if not values_equal(left_attrs[key], right_attrs[key]):
            return f"{where}/@{key}: {left_attrs[key]!r} != {right_attrs[key]!r}"
    left_items, right_items = _content(left), _content(right)
    seen: dict[str, int] = {}
    for index in range(max(len(left_items), len(right_items))):
        if index >= len(left_items):
            return f"{where}: extra {_describe(right_items[index])} on the right"
        if index >= len(right_items):
            return f"{where}: extra {_describe(left_items[index])} on the left"
        (left_kind, left_value), (right_kind, right_value) = left_items[index], right_items[index]
        if left_kind != right_kind:
            return (f"{where}: {_describe(left_items[index])} != "
                    f"{_describe(right_items[index])} at child {index + 1}")
        if left_kind == "element":
            name = etree.QName(left_value).localname
            seen[name] = seen.get(name, 0) + 1
            found = _compare(left_value, right_value, f"{where}/{name}[{seen[name]}]")
            if found:
                return found
        elif left_kind == "text" and not values_equal(left_value, right_value):
            return f"{where}/text(): {left_value!r} != {right_value!r}"
        elif left_kind != "text" and left_value != right_value:
            return f"{where}: {left_kind} {left_value!r} != {right_value!r}"
    return None


def _describe(item: tuple[str, Any]) -> str:
    kind, value = item
    if kind == "element":
        return f"element <{etree.QName(value).localname}>"
    return f"{kind} {value!r}"


def first_difference(left: Any, right: Any) -> str | None:
    """None when the two documents are equal, else where and how they first differ."""
    left, right = _as_element(left), _as_element(right)
    return _compare(left, right, f"/{etree.QName(left).localname}")


def xml_equal(left: Any, right: Any) -> bool:
    return first_difference(left, right) is None

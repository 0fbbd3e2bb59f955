"""Lossless comparison of two XML documents, reporting the XPath of the first difference.

Equal means: the same elements in the same order (namespace URI + local name; prefixes
may differ), the same attribute sets (namespace URI + name) with equal values (numbers
compare by value, so `0x06` equals `6`), the same non-whitespace text and tails, the same
comments, processing instructions and entity references in the same
places, and, for a whole document, the same comments and processing instructions before
and after the root element. Whitespace-only text does not count (layout), nor do the
blanks around a text, the order of attributes or the XML declaration.

A document given as str or bytes (or an ElementTree) is compared whole; an element is
compared as itself, without what stands beside it.
"""
from __future__ import annotations

from typing import Any

from lxml import etree

# (XML_BLANKS: XML's white space; what `str.strip()` takes beyond it, a no-break space
# say, is content, which a comparison for loss must see)
from .core.codecs import XML_BLANKS, parse_int
from .core.xmlio import parse_document


def _as_element(doc: Any) -> tuple[Any, bool]:
    """(root element, whether what stands beside it is part of the comparison)."""
    if isinstance(doc, (str, bytes)):
        return parse_document(doc), True
    if isinstance(doc, etree._ElementTree):
        return doc.getroot(), True
    return doc, False


def _outside(root: Any) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]]]:
    """The comments and PIs before and after a document's root element."""
    before = [_item(node) for node in root.itersiblings(preceding=True)][::-1]
    return before, [_item(node) for node in root.itersiblings()]


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


def _item(node: Any) -> tuple[str, Any]:
    tag = node.tag
    if tag is etree.Comment:
        return ("comment", (node.text or "").strip(XML_BLANKS))
    if tag is etree.PI:
        return ("pi", (node.target, (node.text or "").strip(XML_BLANKS)))
    if tag is etree.Entity:
        return ("entity", node.text)
    return ("element", node)


def _content(node: Any) -> list[tuple[str, Any]]:
    """An element's children and non-blank texts, in order."""
    items: list[tuple[str, Any]] = []
    if node.text is not None and node.text.strip(XML_BLANKS):
        items.append(("text", node.text.strip(XML_BLANKS)))
    for item in node:
        items.append(_item(item))
        if item.tail is not None and item.tail.strip(XML_BLANKS):
            items.append(("text", item.tail.strip(XML_BLANKS)))
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
    return _compare_items(_content(left), _content(right), where)


def _compare_items(left_items: list[tuple[str, Any]], right_items: list[tuple[str, Any]],
                   where: str, beside: str = "") -> str | None:
    seen: dict[str, int] = {}
    for index in range(max(len(left_items), len(right_items))):
        if index >= len(left_items):
            return f"{where}: extra {_describe(right_items[index])} on the right{beside}"
        if index >= len(right_items):
            return f"{where}: extra {_describe(left_items[index])} on the left{beside}"
        (left_kind, left_value), (right_kind, right_value) = left_items[index], right_items[index]
        if left_kind != right_kind:
            return (f"{where}: {_describe(left_items[index])} != "
                    f"{_describe(right_items[index])} at child {index + 1}{beside}")
        if left_kind == "element":
            name = etree.QName(left_value).localname
            seen[name] = seen.get(name, 0) + 1
            found = _compare(left_value, right_value, f"{where}/{name}[{seen[name]}]")
            if found:
                return found
        elif left_kind == "text" and not values_equal(left_value, right_value):
            return f"{where}/text(): {left_value!r} != {right_value!r}"
        elif left_kind != "text" and left_value != right_value:
            return f"{where}: {left_kind} {left_value!r} != {right_value!r}{beside}"
    return None


def _describe(item: tuple[str, Any]) -> str:
    kind, value = item
    if kind == "element":
        return f"element <{etree.QName(value).localname}>"
    return f"{kind} {value!r}"


def first_difference(left: Any, right: Any) -> str | None:
    """None when the two documents are equal, else where and how they first differ."""
    (left, left_whole), (right, right_whole) = _as_element(left), _as_element(right)
    if left_whole and right_whole:
        (left_before, left_after), (right_before, right_after) = _outside(left), _outside(right)
        found = _compare_items(left_before, right_before, "/", " before the root element")
        if found:
            return found
    found = _compare(left, right, f"/{etree.QName(left).localname}")
    if found or not (left_whole and right_whole):
        return found
    return _compare_items(left_after, right_after, "/", " after the root element")


def xml_equal(left: Any, right: Any) -> bool:
    return first_difference(left, right) is None

"""Kept XML (`Extras`) in JSON, in the form `jsonio` documents: only what there is, each
kept node with the known child it follows, the document order of known children only
when it is not the declaration order.

The core's bookkeeping (`Extras.order`: `("/name", 0)`, `("?", 2)`) is rebuilt from it:
each node's anchor gives its place, and the children no anchor names are put back after
the child they follow in declaration order, as the writer does with any child the order
does not list. An anchor names a child as a field path would: `name`, `items[3]` (the
fourth of a list), `/boot` (the path-reached element `<boot>` of fields such as
`boot/@order`).
"""
from __future__ import annotations

import re
from typing import Any

from .extras import (COMMENT, ELEMENT, KINDS, OUTSIDE, PI, TEXT, UNKNOWN, Extras,
                     attr_name_problem, node_problem, text_problem)

# Keys of a kept node's object besides its kind.
_PLACE_KEYS = ("after", "last")
_KEYS = ("attrs", "omitted_attrs", "nodes", "order", "sub", "before_root", "after_root")
_SUB_KEYS = ("attrs", "omitted_attrs", "nodes", "order")
_INDEXED = re.compile(r"(.*)\[(\d+)\]", re.S)
_NAMES_SHOWN = 8

Problems = list[tuple[str, str]]   # (JSON path inside the extras, what is wrong)


class ChildTokens:
    """The known children of one element mapping, as the core's order tokens name them:
    key -> declaration rank, the keys that are lists, and what each kept sub-element
    (`Extras.sub`) may hold, by its core key."""

    def __init__(self) -> None:
        self.ranks: dict[str, int] = {}
        # A path-reached element that only one field reaches is named by that field
        # (`name` of `path("name")`); others by their path (`/boot`).
        self.names: dict[str, str] = {}    # token key -> its JSON name, where they differ
        self.keys: dict[str, str] = {}     # and back
        self.lists: set[str] = set()
        self.subs: dict[str, ChildTokens] = {}      # group key / flag / "field#" -> tokens
        self.item_lists: set[str] = set()           # fields whose items keep leftovers

    def token_text(self, key: str, index: int) -> str:
        if key in self.lists or index:
            return f"{key}[{index}]"
        return self.names.get(key, key)

    def known(self) -> str:
        names = [self.token_text(key, 0) if key not in self.lists else f"{key}[i]"
                 for key in self.ranks]
        if len(names) > _NAMES_SHOWN:
            names = names[:_NAMES_SHOWN] + [f"... {len(names) - _NAMES_SHOWN} more"]
        return ", ".join(names) or "none"


def tokens_of(cls: type) -> ChildTokens:
    """The child tokens of a mapped class, from its public view (`describe`)."""
    from .view import describe
    root = ChildTokens()
    _add_children(root, root, describe(cls).content, "")
    return root


_LEAF = ChildTokens()   # a flag's or a list item's element: no known children


def _add_children(into: ChildTokens, root: ChildTokens, content: Any, prefix: str) -> None:
    from lxml import etree
    for rank, child in enumerate(content.children):
        if child.kind == "element":
            key = prefix + etree.QName(child.tags[0]).localname
            into.ranks["/" + key] = rank
            if len(child.fields) == 1:
                into.names["/" + key] = child.fields[0]
            group = root.subs[key] = ChildTokens()
            _add_children(group, root, child.content, key + "/")
            continue
        into.ranks[child.field] = rank
        if child.many:
            into.lists.add(child.field)
        if child.kind == "flag":
            root.subs[child.field] = _LEAF
        elif child.kind == "values":
            root.item_lists.add(child.field)
    for key, name in list(into.names.items()):
        if name in into.ranks:   # (a field's own child of that name: the path it is)
            del into.names[key]
        else:
            into.keys[name] = key


def _sub_json_key(key: str, tokens: ChildTokens) -> str:
    """The JSON key of a kept sub-element: `/boot`, a flag's field name, `tags[2]`."""
    name, mark, number = key.partition("#")
    if mark and number.isdigit() and number.isascii() and name in tokens.item_lists:
        return f"{name}[{number}]"
    if key in tokens.subs and tokens.subs[key] is _LEAF:
        return key
    return "/" + key


def _sub_core_key(key: str, tokens: ChildTokens) -> tuple[str, ChildTokens | None]:
    if key.startswith("/"):
        return key[1:], tokens.subs.get(key[1:])
    indexed = _INDEXED.fullmatch(key)
    if indexed is not None and indexed.group(1) in tokens.item_lists:
        return f"{indexed.group(1)}#{indexed.group(2)}", _LEAF
    found = tokens.subs.get(key)
    return key, found if found is _LEAF else None


# -- Extras -> JSON --------------------------------------------------------------------

def extras_json(extras: Extras, tokens: ChildTokens) -> dict[str, Any]:
    """The JSON of an entity's kept XML ({} when it holds nothing but layout that the
    declaration order gives back)."""
    data = _element_json(extras, tokens)
    if extras.sub:
        data["sub"] = {_sub_json_key(key, tokens): _element_json(inner, tokens.subs.get(
            key, _LEAF)) for key, inner in extras.sub.items()}
    if extras.before:
        data["before_root"] = [_node_json(node) for node in extras.before]
    if extras.after:
        data["after_root"] = [_node_json(node) for node in extras.after]
    return data


def _element_json(extras: Extras, tokens: ChildTokens) -> dict[str, Any]:
    data: dict[str, Any] = {}
    attrs = extras.attrs
    if attrs:
        written = {name: value for name, value in attrs.items() if value is not None}
        if written:
            data["attrs"] = written
        if len(written) != len(attrs):
            data["omitted_attrs"] = [name for name, value in attrs.items() if value is None]
    if extras.order is None:
        if extras.nodes:
            data["nodes"] = [dict(_node_json(node), last=True) for node in extras.nodes]
        return data
    nodes, known, anchor = [], [], None
    for key, index in extras.order:
        if key == UNKNOWN:
            node = _node_json(extras.nodes[index])
            if anchor is not None:
                node["after"] = anchor
            nodes.append(node)
        else:
            anchor = tokens.token_text(key, index)
            known.append((key, index))
    if nodes:
        data["nodes"] = nodes
    if _reordered(known, tokens):
        data["order"] = [tokens.token_text(key, index) for key, index in known]
    return data


def _reordered(known: list[tuple[str, int]], tokens: ChildTokens) -> bool:
    """Whether known children stand out of declaration order (or the order names what
    the declaration does not: written as it is, for the writer to judge)."""
    last = -1
    ranks = tokens.ranks
    for key, _ in known:
        rank = ranks.get(key)
        if rank is None or rank < last:
            return True
        last = rank
    return False


def _node_json(node: Any) -> dict[str, Any]:
    kind, payload = node
    return {kind: list(payload) if kind == PI else payload}


# -- JSON -> Extras ----------------------------------------------------------------------

def extras_from_json(data: Any, tokens: ChildTokens, found: Problems) -> Extras | None:
    """Kept XML from its JSON; what is wrong goes into `found` with its path."""
    extras = _element_from_json(data, tokens, "", found, _KEYS)
    if extras is None:
        return None
    sub = data.get("sub")
    if sub is not None:
        if not isinstance(sub, dict):
            found.append(("sub", _expected("an object", sub)))
        else:
            for key, inner in sub.items():
                core_key, inner_tokens = _sub_core_key(key, tokens) if isinstance(
                    key, str) else (key, None)
                place = f"sub.{key}"
                if inner_tokens is None:
                    found.append((place, "names no path-reached element ('/boot'), flag or "
                                         "list item ('tags[2]') of this element"))
                    continue
                kept = _element_from_json(inner, inner_tokens, place, found, _SUB_KEYS)
                if kept is not None:
                    extras.sub[core_key] = kept
    extras.before = _outside(data, "before_root", found)
    extras.after = _outside(data, "after_root", found)
    return extras


def _expected(what: str, value: Any) -> str:
    from ._jsoncheck import describe
    return f"expected {what}, got {describe(value)}"


def _element_from_json(data: Any, tokens: ChildTokens, place: str, found: Problems,
                       allowed: tuple[str, ...]) -> Extras | None:
    if not isinstance(data, dict):
        found.append((place, _expected("an object (unknown XML)", data)))
        return None
    for key in data:
        if key not in allowed:
            found.append((_join(place, str(key)), f"not a key of kept XML here "
                                                   f"({', '.join(allowed)})"))
    extras = Extras(attrs=_attrs(data, place, found))
    nodes = data.get("nodes")
    order = data.get("order")
    known = None if order is None else _known_order(order, tokens, _join(place, "order"),
                                                    found)
    if nodes is not None:
        if not isinstance(nodes, list):
            found.append((_join(place, "nodes"), _expected("a list", nodes)))
        else:
            _place_nodes(extras, nodes, known, tokens, _join(place, "nodes"), found)
    if extras.order is None and known:
        extras.order = known
    return extras


def _attrs(data: dict[str, Any], place: str, found: Problems) -> dict[str, str | None]:
    attrs: dict[str, str | None] = {}
    written = data.get("attrs", {})
    if not isinstance(written, dict):
        found.append((_join(place, "attrs"), _expected("an object of strings", written)))
        written = {}
    for name, value in written.items():
        what = attr_name_problem(name) or text_problem(value)
        if what is not None:
            found.append((_join(place, f"attrs.{name}"), what))
        attrs[name] = value
    omitted = data.get("omitted_attrs", [])
    if not isinstance(omitted, list):
        found.append((_join(place, "omitted_attrs"), _expected("a list of names", omitted)))
        omitted = []
    for index, name in enumerate(omitted):
        what = attr_name_problem(name)
        if what is None and name in attrs:
            what = f"{name!r} is under attrs too"
        if what is not None:
            found.append((_join(place, f"omitted_attrs[{index}]"), what))
        elif isinstance(name, str):
            attrs[name] = None
    return attrs


def _token(text: Any, tokens: ChildTokens, place: str,
           found: Problems) -> tuple[str, int] | None:
    """The core's token of a child named as JSON names it, or None (reported)."""
    if not isinstance(text, str):
        found.append((place, _expected("a string naming a child", text)))
        return None
    key, index = tokens.keys.get(text, text), 0
    if key in tokens.lists:
        found.append((place, f"{text!r} is a list: name one of its items ('{text}[0]')"))
        return None
    if key not in tokens.ranks:
        indexed = _INDEXED.fullmatch(text)
        if indexed is not None and indexed.group(1) in tokens.lists:
            key, index = indexed.group(1), int(indexed.group(2))
    if key not in tokens.ranks:
        import difflib
        near = difflib.get_close_matches(text, [tokens.token_text(key, 0) for key in
                                                tokens.ranks], n=1)
        hint = f"did you mean {near[0]!r}? " if near else ""
        found.append((place, f"{text!r} is no child of this element; {hint}"
                             f"its children: {tokens.known()}"))
        return None
    return key, index


def _known_order(order: Any, tokens: ChildTokens, place: str,
                 found: Problems) -> list[tuple[str, int]] | None:
    if not isinstance(order, list):
        found.append((place, _expected("a list of children", order)))
        return None
    known = []
    for index, text in enumerate(order):
        token = _token(text, tokens, f"{place}[{index}]", found)
        if token is not None:
            known.append(token)
    return known


def _place_nodes(extras: Extras, nodes: list[Any], known: list[tuple[str, int]] | None,
                 tokens: ChildTokens, place: str, found: Problems) -> None:
    """Fill `extras.nodes` and `extras.order` from the nodes' places."""
    first: list[tuple[str, Any]] = []
    after: dict[tuple[str, int], list[tuple[str, Any]]] = {}
    last: list[tuple[str, Any]] = []
    for index, entry in enumerate(nodes):
        at = f"{place}[{index}]"
        node = _node(entry, KINDS, _PLACE_KEYS, at, found)
        if node is None:
            continue
        anchor, is_last = entry.get("after"), entry.get("last")
        if is_last is not None and is_last is not True:
            found.append((f"{at}.last", _expected("true", is_last)))
        elif is_last and anchor is not None:
            found.append((at, "a node is either 'after' a child or 'last', not both"))
        elif is_last:
            last.append(node)
        elif anchor is None:
            first.append(node)
        else:
            token = _token(anchor, tokens, f"{at}.after", found)
            if token is not None and known is not None and token not in known:
                found.append((f"{at}.after", f"{anchor!r} is not in this element's order"))
            elif token is not None:
                after.setdefault(token, []).append(node)
    if last:
        if first or after or known is not None:
            found.append((place, "nodes marked 'last' are appended to the children: "
                                 "give every node of the element a place, or none"))
        extras.nodes = last
        return
    order: list[tuple[str, int]] = []

    def keep(nodes: Any) -> None:
        for node in nodes:
            order.append((UNKNOWN, len(extras.nodes)))
            extras.nodes.append(node)
    keep(first)
    for token in (known if known is not None else list(after)):
        order.append(token)
        keep(after.pop(token, ()))
    if extras.nodes or known is not None:
        extras.order = order


def _node(entry: Any, kinds: tuple[str, ...], extra_keys: tuple[str, ...], at: str,
          found: Problems) -> tuple[str, Any] | None:
    """A kept node from its object (`{"comment": " c "}`), or None (reported)."""
    if not isinstance(entry, dict):
        found.append((at, _expected("an object (a kept node)", entry)))
        return None
    named = [key for key in entry if key in kinds]
    if len(named) != 1:
        got = ", ".join(repr(key) for key in entry) or "none"
        found.append((at, f"expected one key naming the node's kind ({', '.join(kinds)}), "
                          f"got {got}"))
        return None
    for key in entry:
        if key not in kinds and key not in extra_keys:
            found.append((_join(at, str(key)), f"not a key of a kept node "
                                               f"({', '.join(kinds + extra_keys)})"))
    (kind,) = named
    payload = entry[kind]
    if kind == PI:
        if not (isinstance(payload, list) and len(payload) == 2):
            found.append((f"{at}.pi", _expected("[target, text]", payload)))
            return None
        payload = tuple(payload)
    node = (kind, payload)
    what = node_problem(node, kinds)
    if what is not None:
        found.append((f"{at}.{kind}", what))
        return None
    return node


def _outside(data: dict[str, Any], key: str, found: Problems) -> list[tuple[str, Any]]:
    entries = data.get(key)
    if entries is None:
        return []
    if not isinstance(entries, list):
        found.append((key, _expected("a list", entries)))
        return []
    nodes = []
    for index, entry in enumerate(entries):
        node = _node(entry, OUTSIDE, (), f"{key}[{index}]", found)
        if node is not None:
            nodes.append(node)
    return nodes


def _join(place: str, inner: str) -> str:
    return f"{place}.{inner}" if place else inner


__all__ = ["ChildTokens", "extras_from_json", "extras_json", "tokens_of", "COMMENT",
           "ELEMENT", "TEXT"]

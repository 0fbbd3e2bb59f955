"""An edited document written in its own style: unedited, it comes back byte for byte;
edited, only what changed is written anew, in the document's indentation and quotes.

Three texts meet here: the document as it was read (`source`), what the writer makes of
the entity as it was read (`old`) and as it is now (`new`). Only `old` and `new` decide
what changed, element by element; where they agree, the source's own text is copied,
and where they differ, `new`'s text is laid out as the source lays out its own. So the
result means what `new` means, whatever spelling the source used: `old` is the source
as the model reads it, and the model reads the source as it reads `old`.

The texts are well-formed (libxml2 read the source; the writer wrote the others), so a
scan of their tags is enough, and each text is scanned once.
"""
from __future__ import annotations

import re
from typing import Any

from ._writer import _MARKUP

# A tag's attribute values may hold `>`: they are matched whole. Each alternative takes
# characters no other one takes, so a scan never backtracks.
_TOKEN = re.compile(r"""<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>|</[^>]*>"""
                    r"""|<(?:[^>"']|"[^"]*"|'[^']*')*>""", re.S)
_NAME = re.compile(r"[^\s/>]+")
_ATTR = re.compile(r"""(\s+)([^\s=]+)\s*=\s*("[^"]*"|'[^']*')""")
_PREFIX_USE = re.compile(r"""<([^\s/>!?:]+):|\s([^\s=:/<>]+):[^\s=]+\s*=""")
_BLANK = " \t\r\n\ufeff"   # (and a byte order mark, before the root)
XML_NS = "http://www.w3.org/XML/1998/namespace"

TEXT, OTHER, BLANK = "text", "other", "blank"

# The namespaces in scope: prefix (None: the default namespace) to URI.
Scope = dict[str | None, str]


class _Node:
    """An element of a scanned text: its start tag is text[start:head], its end tag
    text[close:end] (close == end for an empty-element tag)."""

    __slots__ = ("name", "start", "head", "close", "end", "pieces")

    def __init__(self, name: str | None, start: int, head: int):
        self.name, self.start, self.head = name, start, head
        self.close = self.end = head
        self.pieces: list[Any] = []   # _Node, or (kind, start, end)

    @property
    def empty(self) -> bool:
        return self.close == self.head and self.name is not None and self.end == self.head


def scan(text: str) -> _Node:
    """The element tree of a well-formed text, as spans of it; the returned node is the
    document (its pieces: the prolog, the root element and what follows). Text between
    tags is not a piece: it is what lies between two pieces (see `_items`)."""
    document = _Node(None, 0, 0)
    stack = [document]
    pieces = document.pieces
    for token in _TOKEN.finditer(text):
        start, end = token.span()
        marker = text[start + 1]
        if marker == "/":
            node = stack.pop()
            node.close, node.end = start, end
            pieces = stack[-1].pieces
        elif marker == "!":
            pieces.append((TEXT if text[start + 2] == "[" else OTHER, start, end))
        elif marker == "?":
            # The XML declaration is layout, as the blank text around the root is.
            declaration = len(stack) == 1 and text.startswith("<?xml", start) and \
                text[start + 5] in " \t\r\n?"
            pieces.append((BLANK if declaration else OTHER, start, end))
        else:
            # (a well-formed text: a name follows "<", so the match is never None)
            name = _NAME.match(text, start + 1).group()  # type: ignore[union-attr]
            node = _Node(name, start, end)
            pieces.append(node)
            if text[end - 2] != "/":
                stack.append(node)
                pieces = node.pieces
    document.close = document.end = len(text)
    return document


def _kind(node: _Node) -> str:
    """What an element holds: nothing, text only, or items (elements, comments, PIs)."""
    if not node.pieces:
        return "text" if node.close > node.head else "none"
    for piece in node.pieces:
        if piece.__class__ is _Node or piece[0] == OTHER:
            return "items"
    return "text"


def _items(node: _Node, text: str) -> tuple[list[Any], list[str]]:
    """An element's items, and the blank text before each (one more: before its end).
    Text that is not blank between two pieces is an item of its own."""
    items: list[Any] = []
    gaps: list[str] = []
    gap: list[str] = []
    position = node.head
    for piece in [*node.pieces, None]:
        start, end = (node.close, node.close) if piece is None else _span(piece)
        if start > position:
            between = text[position:start]
            if between.strip(_BLANK):
                items.append((TEXT, position, start))
                gaps.append("".join(gap))
                gap = []
            else:
                gap.append(between)
        if piece is None:
            break
        if piece.__class__ is not _Node and piece[0] == BLANK:
            gap.append(text[start:end])
        else:
            items.append(piece)
            gaps.append("".join(gap))
            gap = []
        position = end
    gaps.append("".join(gap))
    return items, gaps


def _span(piece: Any) -> tuple[int, int]:
    return (piece.start, piece.end) if piece.__class__ is _Node else (piece[1], piece[2])


def _name(piece: Any) -> str | None:
    return piece.name if piece.__class__ is _Node else None


def _indentation(gap: str) -> str | None:
    """The indentation a blank gap ends with, or None when it has no line break."""
    cut = gap.rfind("\n")
    return None if cut < 0 else gap[cut + 1:]


def _attributes(text: str, node: _Node) -> list[tuple[str, ...]]:
    """(blank before, name, quoted value) of each attribute of a start tag."""
    assert node.name is not None   # (an element's: only the document has no name)
    return [match.groups() for match in
            _ATTR.finditer(text, node.start + 1 + len(node.name), node.head)]


def _declared(attributes: list[tuple[str, ...]], scope: Scope) -> Scope:
    """The namespace scope inside an element with these attributes."""
    inner = None
    for _, name, value in attributes:
        if name == "xmlns" or name.startswith("xmlns:"):
            if inner is None:
                inner = dict(scope)
            inner[name[6:] or None] = _unquote(value)
    return scope if inner is None else inner


def _unquote(value: str) -> str:
    # (a namespace URI compared with another spelled by the same rules: no need to
    # resolve references, which a URI the writer wrote would not hold differently)
    return value[1:-1]


def _resolved(name: str, scope: Scope) -> tuple[str | None, str]:
    prefix, colon, local = name.partition(":")
    if not colon:
        return None, name
    return scope.get(prefix, prefix), local


class _Restyle:
    def __init__(self, source: str, old: str, new: str):
        self.s, self.o, self.n = source, old, new
        self.out: list[str] = []
        self.unit, self.quote, self.nl = "  ", "'", "\n"
        self.renames: dict[str, str] = {}

    def run(self) -> str:
        s_doc, o_doc, n_doc = scan(self.s), scan(self.o), scan(self.n)
        self.unit = _unit(s_doc, self.s)
        self.quote = _quote(self.s)
        self.nl = "\r\n" if "\r\n" in self.s else "\n"
        root: Scope = {"xml": XML_NS}
        self.items(s_doc, o_doc, n_doc, "", root, root)
        return "".join(self.out)

    # -- elements -------------------------------------------------------------------

    def element(self, s: _Node, o: _Node, n: _Node, indent: str | None,
                s_scope: Scope, n_scope: Scope) -> None:
        S, O, N, out = self.s, self.o, self.n, self.out
        if O[o.start:o.end] == N[n.start:n.end]:
            out.append(S[s.start:s.end])
            return
        s_attrs = _attributes(S, s) if "=" in S[s.start:s.head] else []
        n_attrs = _attributes(N, n) if "=" in N[n.start:n.head] else []
        s_inner = _declared(s_attrs, s_scope)
        n_inner = _declared(n_attrs, n_scope)
        s_cut = s.head - (2 if s.empty else 1)
        if O[o.start:o.head - (2 if o.empty else 1)] == N[n.start:n.head - (2 if n.empty else 1)]:
            out.append(S[s.start:s_cut])
        else:
            self.head(s, o, n, s_attrs, n_attrs, s_inner, n_inner, s_cut)
        n_kind = _kind(n)
        if n_kind == "none":
            if s.empty:
                out.append(S[s_cut:s.head])
            elif not s.pieces:
                out.append(S[s_cut:s.end])   # (`<a></a>` stays so)
            else:
                out.append("/>")
            return
        out.append(">")
        o_kind, s_kind = _kind(o), _kind(s)
        if n_kind == "text":
            if o_kind == "text" and s_kind == "text" and \
                    O[o.head:o.close] == N[n.head:n.close]:
                out.append(S[s.head:s.close])
            else:
                out.append(N[n.head:n.close])
        elif o_kind == "items" and s_kind == "items":
            self.items(s, o, n, indent, s_inner, n_inner)
        else:
            self.fresh(n, indent, s_inner, n_inner)
        out.append(S[s.close:s.end] if not s.empty else f"</{s.name}>")

    def head(self, s: _Node, o: _Node, n: _Node, s_attrs: list[tuple[str, ...]],
             n_attrs: list[tuple[str, ...]], s_scope: Scope, n_scope: Scope,
             s_cut: int) -> None:
        """The start tag (without its `>`): the source's attributes in their order and
        spelling where their value did not change, the others as `new` writes them."""
        assert s.name is not None   # (an element's)
        out = self.out
        old = {_resolved(name, n_scope): value for _, name, value in
               (_attributes(self.o, o) if "=" in self.o[o.start:o.head] else [])}
        new = {_resolved(name, n_scope): (name, value) for _, name, value in n_attrs}
        quote = s_attrs[0][2][0] if s_attrs else self.quote
        out.append(self.s[s.start:s.start + 1 + len(s.name)])
        seen = set()
        for blank, name, value in s_attrs:
            if name == "xmlns" or name.startswith("xmlns:"):
                out.append(f"{blank}{name}={value}")   # (the source's text below needs it)
                continue
            key = _resolved(name, s_scope)
            seen.add(key)
            if key not in new:
                continue
            written = new[key][1]
            if old.get(key) == written:
                out.append(f"{blank}{name}={value}")
            else:
                out.append(f"{blank}{name}={_quoted(written, value[0])}")
        declarations = []
        for key, (name, value) in new.items():
            if key in seen or name == "xmlns" or name.startswith("xmlns:"):
                continue
            prefix, colon, local = name.partition(":")
            if colon and prefix != "xml" and s_scope.get(prefix) != n_scope.get(prefix):
                renames, needed = _prefixes(f" {name}=", s_scope, n_scope)
                if prefix in renames:
                    name = f"{renames[prefix]}:{local}"
                declarations += [self.requoted(declaration, True) for declaration in needed
                                 if not declaration.startswith(" xmlns=")]
            out.append(f" {name}={_quoted(value, quote)}")
        out += declarations
        # (what stood between the last attribute and the tag's end: usually nothing)
        tail = s.start + 1 + len(s.name)
        for match in _ATTR.finditer(self.s, tail, s_cut):
            tail = match.end()
        out.append(self.s[tail:s_cut])

    # -- the items of an element ------------------------------------------------------

    def items(self, s: _Node, o: _Node, n: _Node, indent: str | None,
              s_scope: Scope, n_scope: Scope) -> None:
        S, out = self.s, self.out
        s_items, s_gaps = _items(s, S)
        o_items, _ = _items(o, self.o)
        n_items, n_gaps = _items(n, self.n)
        if len(s_items) != len(o_items) or any(
                _name(a) != _name(b) and _local(_name(a)) != _local(_name(b))
                for a, b in zip(s_items, o_items)):
            # The source and the model's reading of it disagree on what is here (text
            # split by CDATA, say): this element's content is written anew.
            self.fresh(n, indent, s_scope, n_scope)
            return
        child_gap = _child_gap(s_gaps, indent, self.unit, self.nl)
        for op, i, j in _align(o_items, n_items, self.o, self.n):
            if op == "delete":
                continue
            if op == "insert":
                # (the gap of the item it goes before, or of the last one)
                if s.name is None:   # (before the root: the XML declaration)
                    gap = self.nl
                else:
                    gap = s_gaps[i] if i < len(s_items) else s_gaps[i - 1] if i else child_gap
                out.append(gap)
                self.paste(n_items[j], _indentation(gap), _indentation(n_gaps[j]),
                           s_scope, n_scope)
                continue
            out.append(s_gaps[i])
            item = s_items[i]
            if op == "keep":
                start, end = _span(item)
                out.append(S[start:end])
            else:
                self.element(item, o_items[i], n_items[j], _indentation(s_gaps[i]),
                             s_scope, n_scope)
        if n_items:
            out.append(s_gaps[-1] if s_items else _closing_gap(indent, self.nl))

    def fresh(self, n: _Node, indent: str | None, s_scope: Scope, n_scope: Scope) -> None:
        """An element's content as `new` has it, laid out one level below `indent`."""
        n_items, n_gaps = _items(n, self.n)
        if _kind(n) == "text":
            self.out.append(self.n[n.head:n.close])
            return
        inner = None if indent is None else indent + self.unit
        for item, gap in zip(n_items, n_gaps):
            self.out.append("" if inner is None else self.nl + inner)
            self.paste(item, inner, _indentation(gap), s_scope, n_scope)
        self.out.append(_closing_gap(indent, self.nl))

    def paste(self, item: Any, indent: str | None, n_indent: str | None,
              s_scope: Scope, n_scope: Scope) -> None:
        """An item of `new`, written where the source's scope and indentation hold."""
        start, end = _span(item)
        text = self.n[start:end]
        if item.__class__ is not _Node:
            self.out.append(text)
            return
        self.renames, declarations = _prefixes(text, s_scope, n_scope)
        try:
            if not declarations and not self.renames and indent is not None and \
                    indent == n_indent and self.unit == "  ":
                self.out.append(self.requoted(text))   # (laid out as the source would)
                return
            self.out.append(self.requoted(
                self.n[item.start:item.head - (2 if item.empty else 1)], True))
            self.out += [self.requoted(declaration, True) for declaration in declarations]
            self.layout(item, indent, True)
        finally:
            self.renames = {}

    def requoted(self, markup: str, head: bool = False) -> str:
        """Markup of `new` (or the start of one of its tags), in the source's quotes and
        with the source's prefixes for the namespaces both declare."""
        if self.renames:
            markup = _renamed(markup, self.renames, head)
        if self.quote == "'" or "'" not in markup:
            return markup
        if head:
            return _SINGLE_QUOTED.sub(r'="\1"', markup)
        return _MARKUP.sub(_double_quoted_tag, markup)

    def layout(self, node: _Node, indent: str | None, opened: bool = False) -> None:
        """An element of `new` re-indented below `indent` (None: on one line)."""
        N, out = self.n, self.out
        if not opened:
            out.append(self.requoted(N[node.start:node.head - (2 if node.empty else 1)], True))
        if _kind(node) != "items":
            rest = N[node.head - (2 if node.empty else 1):node.end]
            out.append(_renamed(rest, self.renames, False) if self.renames else rest)
            return
        out.append(">")
        inner = None if indent is None else indent + self.unit
        for item in _items(node, N)[0]:
            out.append("" if inner is None else self.nl + inner)
            if item.__class__ is _Node:
                self.layout(item, inner)
            else:
                out.append(N[item[1]:item[2]])
        out.append(_closing_gap(indent, self.nl))
        end = N[node.close:node.end]
        out.append(_renamed(end, self.renames, False) if self.renames else end)


# (the writer escapes both quotes inside values: its delimiters can be swapped as they are;
# `_MARKUP` matches the tags, comments, PIs and CDATA sections of what it writes)
_SINGLE_QUOTED = re.compile(r"='([^']*)'")
_OPEN = re.compile(r".*", re.S)


def _double_quoted_tag(tag: Any) -> str:
    text: str = tag.group(0)
    if text[1] in "!?":
        return text
    return _SINGLE_QUOTED.sub(r'="\1"', text)


def _quote(text: str) -> str:
    """The quote the source's first attribute is written in (libvirt's without one)."""
    match = re.search(r"""=\s*(["'])""", text)
    found: str = "'" if match is None else match.group(1)
    return found


def _local(name: str | None) -> str | None:
    return None if name is None else name.rpartition(":")[2]


def _quoted(value: str, quote: str) -> str:
    # (the writer escapes both quotes in what it writes: its text fits in either)
    if value[0] in "'\"":
        value = value[1:-1]
    return f"{quote}{value}{quote}"


def _prefixes(text: str, s_scope: Scope, n_scope: Scope) -> tuple[dict[str, str], list[str]]:
    """For a piece of `new` written where the source's scope holds: the source's
    prefix for each namespace it uses that the source declares under another prefix,
    and the declarations it needs for the others (and for the default namespace)."""
    renames: dict[str, str] = {}
    needed: list[str] = []
    used = {a or b for a, b in _PREFIX_USE.findall(text)}
    for prefix in sorted(used - {"xml", "xmlns"}):
        uri = n_scope.get(prefix)
        if uri is None or s_scope.get(prefix) == uri:
            continue   # (declared inside the piece, or the same in both)
        theirs = next((mine for mine, bound in s_scope.items()
                       if bound == uri and mine is not None and mine != "xml"), None)
        if theirs is not None and f"xmlns:{prefix}=" not in text and \
                f"xmlns:{theirs}=" not in text:
            renames[prefix] = theirs
        else:
            needed.append(f" xmlns:{prefix}='{uri}'")
    if n_scope.get(None, "") != s_scope.get(None, ""):
        needed.append(f" xmlns='{n_scope.get(None, '')}'")
    return renames, needed


def _renamed(markup: str, renames: dict[str, str], head: bool) -> str:
    """Markup with the prefixes of its tags' and attributes' names renamed."""
    def tag(match: Any) -> str:
        text: str = match.group(0)
        if text[1] in "!?":
            return text
        slash = 2 if text[1] == "/" else 1
        # (the writer's markup: a name follows "<" or "</", so the match is never None)
        name = _NAME.match(text, slash).group()  # type: ignore[union-attr]
        prefix, colon, local = name.partition(":")
        if colon and prefix in renames:
            text = f"{text[:slash]}{renames[prefix]}:{local}{text[slash + len(name):]}"
        return _ATTR.sub(attribute, text)

    def attribute(match: Any) -> str:
        blank, name, value = match.groups()
        prefix, colon, local = name.partition(":")
        if colon and prefix in renames:
            name = f"{renames[prefix]}:{local}"
        return f"{blank}{name}={value}"
    if head:
        return tag(_OPEN.match(markup))
    return _MARKUP.sub(tag, markup)


def _unit(document: _Node, text: str) -> str:
    """One level of the source's indentation: its root's first child's."""
    for piece in document.pieces:
        if piece.__class__ is _Node:
            items, gaps = _items(piece, text)
            if items:
                found = _indentation(gaps[0])
                if found:
                    return found
            break
    return "  "


def _child_gap(gaps: list[str], indent: str | None, unit: str, nl: str) -> str:
    if len(gaps) > 1:
        return gaps[0]
    return "" if indent is None else nl + indent + unit


def _closing_gap(indent: str | None, nl: str) -> str:
    return "" if indent is None else nl + indent


def _align(old: list[Any], new: list[Any], o_text: str,
           n_text: str) -> list[tuple[str, int, int]]:
    """Operations turning `old` items into `new` ones, in `new`'s order: ("keep", i, j)
    for an item unchanged, ("edit", i, j) for an element that changed inside,
    ("insert", i, j) for a new item placed before old item i, ("delete", i, -1).

    Linear: unchanged items are found by their text (the common ends first, then in
    order by a table), and between two of them an old and a new element of one name
    are paired, those with the same start tag first."""
    o_keys = [o_text[slice(*_span(item))] for item in old]
    n_keys = [n_text[slice(*_span(item))] for item in new]
    pairs: list[tuple[int, int]] = []
    head = 0
    while head < len(old) and head < len(new) and o_keys[head] == n_keys[head]:
        pairs.append((head, head))
        head += 1
    tail = 0
    while tail < len(old) - head and tail < len(new) - head and \
            o_keys[-1 - tail] == n_keys[-1 - tail]:
        tail += 1
    where: dict[str, list[int]] = {}
    for i in range(len(old) - tail - 1, head - 1, -1):
        where.setdefault(o_keys[i], []).append(i)   # (nearest last: popped first)
    last = head - 1
    for j in range(head, len(new) - tail):
        found = where.get(n_keys[j])
        while found and found[-1] <= last:
            found.pop()
        if found:
            last = found.pop()
            pairs.append((last, j))
    pairs += [(len(old) - tail + k, len(new) - tail + k) for k in range(tail)]
    ops: list[tuple[str, int, int]] = []
    previous_i, previous_j = -1, -1
    for i, j in pairs + [(len(old), len(new))]:
        ops += _between(old, new, range(previous_i + 1, i), range(previous_j + 1, j),
                        o_text, n_text)
        if i < len(old):
            ops.append(("keep", i, j))
        previous_i, previous_j = i, j
    return ops


# Past this many (old, new) pairs between two unchanged items, elements are not paired:
# the new ones are written anew (whole devices lists replaced, say).
_MOST_PAIRS = 10_000


def _between(old: list[Any], new: list[Any], o_range: range, n_range: range, o_text: str,
             n_text: str) -> list[tuple[str, int, int]]:
    """Between two unchanged items: each new element is paired, in order, with the next
    old element of its name (one with the same start tag first) and edited; the rest
    are inserted and deleted."""
    ops: list[tuple[str, int, int]] = []
    last = o_range.start - 1
    pairing = len(o_range) * len(n_range) <= _MOST_PAIRS
    for j in n_range:
        item = new[j]
        i = None
        if pairing and item.__class__ is _Node:
            named = [k for k in range(last + 1, o_range.stop)
                     if old[k].__class__ is _Node and old[k].name == item.name]
            head = n_text[item.start:item.head]
            same = [k for k in named if o_text[old[k].start:old[k].head] == head]
            i = same[0] if same else named[0] if named else None
        if i is None:
            ops.append(("insert", last + 1, j))
            continue
        ops += [("delete", k, -1) for k in range(last + 1, i)]
        ops.append(("edit", i, j))
        last = i
    ops += [("delete", k, -1) for k in range(last + 1, o_range.stop)]
    return ops


def restyle(source: str, old: str, new: str) -> str:
    """`new` in `source`'s style: `old` is what the writer made of the entity `source`
    was read into."""
    if new == old:
        return source
    if source == old:
        # The source is in the writer's style (libvirt wrote it): so is `new` already,
        # spellings included, and only a new attribute may stand elsewhere in its tag
        # (where libvirt puts it, not at the end).
        return new
    return _Restyle(source, old, new).run()

"""What the generated writers (`_emitgen`) call: escaping, open tags, kept XML.

`to_xml` is on an engine's hot path (every VM start and migration), and building lxml
elements from Python costs more than ten times what serialising them does: entities are
written as text directly, in lxml's conventions (what `etree.tostring` writes for the
same tree, indented as `etree.indent` indents it, but for text of spaces that are not
XML's, which is kept; `to_element` parses that text).

Output goes into one list of strings, `out`. `nl` is the text before the element being
written (newline and its indentation, or "" when not pretty), `step` one
level of indentation, `scope` the namespace declarations in effect (prefix -> uri).
"""
from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from lxml import etree

from ._safe import safe_parser
from .errors import SerializeError
from .extras import COMMENT, ELEMENT, TEXT, UNKNOWN, Extras, is_layout, problems

if TYPE_CHECKING:
    from ._engine import ElementPlan
    from ._handlers import Mark
    from .extras import Token

    # What `kept_keys` works out once per plan.
    KeptKeys = tuple[frozenset[str], dict[str, ElementPlan], dict[str, ElementPlan]]

# (prefix, uri) pairs, None the default namespace's prefix: a tuple, so that the caches
# of `open_tag` and the like can key on it.
Scope = tuple[tuple[str | None, str], ...]

EMPTY_SCOPE: Scope = ()

# Characters that need more than copying: markup, whitespace an attribute must escape,
# and the control characters XML 1.0 cannot carry at all.
_ATTR_SPECIAL = re.compile('[&<>"\'\x00-\x1f\ud800-\udfff\ufffe\uffff]')
_TEXT_SPECIAL = re.compile('[&<>"\'\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_INVALID = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_INVALID_MESSAGE = ("All strings must be XML compatible: Unicode or ASCII, no NULL bytes "
                    "or control characters")


def escape_attr(value: str) -> str:
    """An attribute value as libvirt writes it (between single quotes, both quotes
    escaped), with the whitespace an attribute cannot hold literally as references."""
    if _ATTR_SPECIAL.search(value) is None:
        return value
    if _INVALID.search(value) is not None:
        raise ValueError(_INVALID_MESSAGE)
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&apos;").replace('"', "&quot;").replace("\n", "&#10;")
            .replace("\r", "&#13;").replace("\t", "&#9;"))


def escape_text(value: str) -> str:
    """Element text as libvirt writes it (quotes escaped as in attributes)."""
    if _TEXT_SPECIAL.search(value) is None:
        return value
    if _INVALID.search(value) is not None:
        raise ValueError(_INVALID_MESSAGE)
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&apos;").replace('"', "&quot;").replace("\r", "&#13;"))


def attr_value(target: Any, value: Any) -> str:
    """An attribute's value, formatted by its codec and escaped, or SerializeError."""
    try:
        return escape_attr(target.encode(value))
    except ValueError as err:
        raise SerializeError(f"{target.where}: {err}") from None


def text_value(target: Any, value: Any) -> str:
    """An element's text, formatted by its codec and escaped, or SerializeError."""
    try:
        return escape_text(target.encode(value))
    except ValueError as err:
        raise SerializeError(f"{target.where}: {err}") from None


def wrong_type(plan: Any, where: Any, obj: Any) -> None:
    raise SerializeError(f"{where_text(where)}: expected {plan.name}, got {type(obj).__name__}")


def items_of(obj: Any, fname: str, where: str) -> Any:
    """A list field's items. The writers iterate what they are given: a str would be
    written as one item per character, so anything but a list (or tuple) is refused."""
    items = getattr(obj, fname)
    if items.__class__ is list or items is None or isinstance(items, (list, tuple)):
        return items or ()
    raise SerializeError(f"{where}: expected a list, got {type(items).__name__}")


def where_text(where: Any) -> str:
    """Places are passed as `str` or `(str, index)`: list items format theirs only on error."""
    return where if where.__class__ is str else f"{where[0]}[{where[1]}]"


def place_of(plan: Any, where: Any) -> str:
    """Where an object is written, for errors: its place, or else its class's name."""
    return where_text(where) if where is not None else getattr(plan, "name", "element")


class Site:
    """Where a class is written: its tag and the namespaces its element declares."""

    __slots__ = ("tag", "nsmap", "nsdecl", "plain", "head", "close")

    def __init__(self, tag: str, nsmap: dict[str | None, str] | None):
        self.tag, self.nsmap = tag, nsmap
        self.nsdecl = tuple(nsmap.items()) if nsmap else ()
        # Without namespaces the tag is written as it is, whatever is in scope.
        self.plain = not self.nsdecl and tag[0] != "{"
        self.head, self.close = "<" + tag, "</" + tag + ">"

    def __reduce__(self) -> tuple[type[Site], tuple[str, dict[str | None, str] | None]]:
        return (Site, (self.tag, self.nsmap))   # (the rest is made from these)

    def open(self, scope: Scope) -> tuple[str, str, Scope]:
        if self.plain and scope.__class__ is tuple:
            return self.head, self.close, scope
        return open_tag(self.tag, self.nsdecl, scope)


def discriminator(name: str, value: str) -> tuple[str, str, str]:
    """What a union passes its variant: the attribute, its value, and their text."""
    return name, value, f" {name}='{escape_attr(value)}'"


def _scope_element(scope: Scope) -> Any:
    return etree.Element("w", nsmap=dict(scope)) if scope else etree.Element("w")


def _unwrap(text: str) -> str:
    # The wrapper stands for the ancestors: its declarations are the ones in scope.
    return single_quoted(text[text.index(">") + 1:-len("</w>")])


# In what lxml writes, a tag's attribute values are double-quoted and hold no `"`, `<`
# or `>`; comments, PIs and CDATA sections are matched whole so that a quote inside
# them is left alone.
_MARKUP = re.compile(r'<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>|<[^/!?][^>]*>', re.S)
_DOUBLE_QUOTED = re.compile(r'="([^"]*)"')


def _requote(value: re.Match[str]) -> str:
    return "='" + value.group(1).replace("'", "&apos;") + "'"


def _single_quoted_tag(tag: re.Match[str]) -> str:
    text = tag.group(0)
    if text[1] in "!?" or '"' not in text:
        return text
    return _DOUBLE_QUOTED.sub(_requote, text)


def single_quoted(markup: str) -> str:
    """Markup as lxml writes it, with its attributes in libvirt's single quotes."""
    return _MARKUP.sub(_single_quoted_tag, markup) if '"' in markup else markup


@functools.lru_cache(maxsize=4096)
def open_tag(tag: str, nsdecl: Scope, scope: Scope) -> tuple[str, str, Scope]:
    """(`<prefix:name xmlns...`, `</prefix:name>`, scope inside) for an element.

    lxml decides the prefix and which declarations an element carries once it sits under
    its ancestors; asking it once per (tag, declarations, scope) keeps the two paths equal.
    """
    if not nsdecl and not scope and not tag.startswith("{"):
        return "<" + tag, "</" + tag + ">", scope
    wrapper = _scope_element(scope)
    element = etree.SubElement(wrapper, tag, nsmap=dict(nsdecl) if nsdecl else None)
    text = _unwrap(etree.tostring(wrapper, encoding="unicode"))
    head = text[:-2]   # the element is empty: its text ends in "/>"
    name = head[1:].split(" ", 1)[0]
    inner = dict(scope)
    inner.update(element.nsmap)
    if tag[0] != "{" and inner.get(None):
        # In no namespace under a default one: libxml2 would write it without the
        # `xmlns=""` that keeps it there.
        head += " xmlns=''"
        del inner[None]
    return head, "</" + name + ">", (Defaulted if inner.get(None) else tuple)(inner.items())


class Defaulted(tuple[tuple[str | None, str], ...]):
    """A scope in which a default namespace is declared. The writers write a tag in no
    namespace as it is only under a plain `tuple` scope: under this one it needs its
    `xmlns=""` (`open_tag`)."""


@functools.lru_cache(maxsize=1024)
def kept_element(payload: str, scope: Scope, level: int, step: str) -> str:
    """An unknown element kept as text, as lxml writes it back at this place and depth."""
    element = etree.fromstring(payload, safe_parser())
    wrapper = _scope_element(scope)
    wrapper.append(element)   # (lxml drops declarations the ancestors already make)
    if step:
        if payload.isascii():
            etree.indent(element, space=step, level=level)
        else:
            indent(element, step, level)
    if dict(scope).get(None):
        undeclare_defaults(wrapper)
    return _unwrap(etree.tostring(wrapper, encoding="unicode"))


def indent(element: Any, step: str, level: int) -> None:
    """`etree.indent(element, space=step, level=level)`, but for what it takes for blank:
    lxml replaces text that `str.isspace` calls blank, a no-break space or U+3000 among
    it, which is content to XML (`is_layout`). Same layout otherwise: a newline and the
    depth's indentation before each child and before the end of each element with
    children, where no other text stands."""
    indentations = ["\n" + step * level, "\n" + step * (level + 1)]

    def indent_children(node: Any, depth: int) -> None:
        if len(indentations) <= depth:
            indentations.append(indentations[-1] + step)
        before = indentations[depth]
        if not node.text or is_layout(node.text):
            node.text = before
        children = list(node)
        for position, child in enumerate(children):
            if len(child):
                indent_children(child, depth + 1)
            if position == len(children) - 1:
                before = indentations[depth - 1]   # (before the end tag)
            if not child.tail or is_layout(child.tail):
                child.tail = before

    if len(element):
        indent_children(element, 1)


def kept_node(kind: str, payload: Any, scope: Scope, level: int, step: str) -> str:
    """A kept node as text (checked by `check_kept` before: lxml refuses nothing here)."""
    if kind == ELEMENT:
        return kept_element(payload, scope, level, step)
    # (What lxml writes for these, without making a node to write: their text is copied.)
    text: str = ("<!--" + payload + "-->" if kind == COMMENT
                 else "<?" + payload[0] + " " + payload[1] + "?>")
    return text


# The generated writers' own form of `check_kept`'s first test, for objects without
# leftovers of path-reached elements (`{x}`: the extras, `{plan}`: the object's plan);
# the call is made only when it fails.
KEPT_UNCHANGED = ("{x}.__class__ is Extras and (c := {x}.checked) is not None and "
                  "c[0] is {plan} and c[2] is None and not {x}.sub and "
                  "c[1] == ({x}.attrs, {x}.nodes, {x}.order, {x}.before, {x}.after)")


# The generated writers' test that an object is written where it was written before,
# unchanged since (`{x}`: its extras, `{plan}`: its plan): the key of `_trailing`'s memo,
# made then, equals what holds now. The memo, `again`, is then (key, the last child
# written then, the text of the kept nodes after it).
KEPT_AGAIN = ("{x}.__class__ is Extras and (c := {x}.checked) is not None and "
              "(again := c[3]) is not None and site.plain and again[0] == ({plan}, {x}.attrs, "
              "{x}.sub, {x}.nodes, {x}.order, {x}.before, {x}.after, scope.__class__, scope, "
              "nl, step)")

# In a memo's key, in place of a container that was not empty: no container equals it,
# so an object that keeps attributes or leftovers is never written from the memo.
_HELD = object()


def check_kept(plan: Any, extras: Any, where: Any, outside: bool = True) -> None:
    """SerializeError naming the place and what is wrong when the kept XML of an object
    could not be written back as it is (only objects holding extras pay for this).

    What passed is remembered on the extras, as a copy of their content: an object
    written again unchanged (the common case: read, edited elsewhere, written) is checked
    by comparing that copy, one comparison of tuples, which costs a fraction of checking
    each node again. The copy holds immutable pieces (strings, tuples) and the
    containers' own copies, so any change, in place or not, makes it differ. Extras of
    child nodes only that hold what others were found valid holding are not checked
    node by node (`_FOUND_VALID`)."""
    shape = None
    if extras.__class__ is Extras:
        seen = extras.checked
        if seen is not None and seen[0] is plan and seen[1] == _held(extras) and (
                _subs_unchanged(seen[2], extras.sub)):
            return
        shape = _nodes_shape(plan, extras)
    try:
        known = shape is not None and shape in _FOUND_VALID
    except TypeError:   # (an unhashable payload, which no reader makes)
        known, shape = False, None
    if not known:
        found = problems(extras, outside)
        if not found:
            found = _plan_problems(plan, extras, "")
        if found:
            raise SerializeError(f"{place_of(plan, where)}: kept XML: " + "; ".join(
                f"extras.{at}: {what}" if at else what for at, what in found))
        if shape is not None:
            if len(_FOUND_VALID) >= _FOUND_VALID_SIZE:
                _FOUND_VALID.clear()
            _FOUND_VALID.add(shape)
    extras.checked = _content(plan, extras)


# What kept XML of child nodes only was found valid holding (`_nodes_shape`): the first
# write of each object a reader made of a host's document (an unknown child in every
# device, the same in many) checks what another one held once, not node by node again.
_FOUND_VALID: set[tuple[Any, ...]] = set()
_FOUND_VALID_SIZE = 4096


def _nodes_shape(plan: Any, extras: Extras) -> tuple[Any, ...] | None:
    """(plan, nodes, order) of extras that hold child nodes and their order only, in the
    exact types a reader makes (a bool or float index would equal an int one); None for
    any other. Whether such extras are valid depends on these alone."""
    nodes, order = extras.nodes, extras.order
    if (extras.attrs or extras.sub or extras.before or extras.after
            or nodes.__class__ is not list or order.__class__ is not list):
        return None
    for node in nodes:
        if node.__class__ is not tuple:
            return None
    for token in order:
        if token.__class__ is not tuple or len(token) != 2 or token[1].__class__ is not int:
            return None
    return (plan, tuple(nodes), tuple(order))


def _content(plan: Any, extras: Extras) -> Any:
    """A copy of what kept XML holds, for `check_kept`: [plan, the containers' copies,
    the sub-elements' copies by key, what `_trailing` wrote of it]. None when it cannot
    be made: the extras are then checked each time."""
    try:
        sub = extras.sub
        return [plan, (dict(extras.attrs), list(extras.nodes),
                       None if extras.order is None else list(extras.order),
                       list(extras.before), list(extras.after)),
                [(key, _content(None, inner)) for key, inner in sub.items()] if sub else None,
                None]   # (the text of trailing nodes, once written: `_trailing`)
    except (TypeError, ValueError, AttributeError):
        return None


def _held(extras: Extras) -> tuple[Any, ...]:
    """What `_content` copies of an Extras' own containers, as they are now (the
    generated writers spell the same tuple out in KEPT_UNCHANGED)."""
    return (extras.attrs, extras.nodes, extras.order, extras.before, extras.after)


def _subs_unchanged(seen: Any, sub: Any) -> bool:
    """Whether the sub-elements' extras hold what `_content` copied into `seen`."""
    if seen is None:
        return not sub
    if sub.__class__ is not dict or len(seen) != len(sub):
        return False
    for (key, inner_seen), (name, inner) in zip(seen, sub.items()):
        if key != name or inner_seen is None or inner.__class__ is not Extras or \
                inner_seen[1] != _held(inner) or not _subs_unchanged(inner_seen[2], inner.sub):
            return False
    return True


def _plan_problems(plan: Any, extras: Extras, place: str) -> list[tuple[str, str]]:
    """What kept XML says that the plan contradicts: a known child it does not have, an
    attribute a field writes, leftovers of a path-reached element it does not have."""
    tokens, subs, items = kept_keys(plan)
    found = []
    for index, (key, _) in enumerate(extras.order or ()):
        if key != UNKNOWN and key not in tokens:
            found.append((f"{place}order[{index}]", f"{key!r} is no child of this element"))
    for qname, raw in extras.attrs.items():
        if raw is not None and qname in plan.attrs:
            found.append((f"{place}attrs[{qname!r}]",
                          f"written by the field {plan.attrs[qname].fname!r}: set that"))
    for key, inner in extras.sub.items():
        at = f"{place}sub[{key!r}]"
        name, _, number = key.partition("#")
        sub_plan = subs.get(key)
        if sub_plan is None and number.isdigit() and number.isascii():
            sub_plan = items.get(name)
        if sub_plan is None:
            found.append((at, f"{key!r} names no path-reached element, flag or list item"))
        else:
            found += _plan_problems(sub_plan, inner, at + ".")
    return found


def kept_keys(plan: Any) -> KeptKeys:
    """(child token keys, sub-element plans by key, list-item plans by field) of a plan,
    worked out once per plan."""
    keys: KeptKeys | None = plan.__dict__.get("_kept_keys")
    if keys is None:
        from ._handlers import FlagHandler, GroupHandler, ScalarListHandler
        tokens: set[str] = set()
        subs: dict[str, ElementPlan] = {}
        items: dict[str, ElementPlan] = {}
        todo = [plan]
        while todo:
            for handler in todo.pop().writers:
                if isinstance(handler, GroupHandler):
                    subs[handler.key] = handler.plan
                    todo.append(handler.plan)
                elif isinstance(handler, FlagHandler):
                    subs[handler.fname] = handler.empty
                elif isinstance(handler, ScalarListHandler):
                    items[handler.target.fname] = handler.plan
        for handler in plan.writers:
            token = getattr(handler, "token", None)
            tokens.add(token[0] if token is not None else getattr(handler, "fname", None)
                       or handler.target.fname)
        keys = plan._kept_keys = (frozenset(tokens), subs, items)
    return keys


def level_of(nl: str, step: str) -> int:
    """The depth of the element `nl` precedes."""
    return (len(nl) - 1) // len(step) if step else 0


XML_NS = "http://www.w3.org/XML/1998/namespace"


@functools.lru_cache(maxsize=1024)
def ns_attr_name(qname: str, scope: Scope) -> tuple[str, str, Scope]:
    """(`prefix:local`, the declaration the element must add or "", the scope inside it)
    for an attribute `{uri}local` written on an element under `scope`. A namespace in
    scope under a prefix keeps it; another gets the first free `nsN`, as lxml would."""
    uri, local = qname[1:].split("}", 1)
    if uri == XML_NS:
        return f"xml:{local}", "", scope
    for prefix, bound in reversed(scope):
        if bound == uri and prefix is not None:
            return f"{prefix}:{local}", "", scope
    taken = {prefix for prefix, _ in scope}
    number = 0
    while f"ns{number}" in taken:
        number += 1
    prefix = f"ns{number}"
    return (f"{prefix}:{local}", f" xmlns:{prefix}='{escape_attr(uri)}'",
            type(scope)(scope + ((prefix, uri),)))


def ns_attr(out: list[str], head: int, qname: str, scope: Scope) -> tuple[str, Scope]:
    """(` prefix:local="`, the scope inside) for a namespaced attribute of the element whose
    open tag is `out[head]`; a declaration it needs is added to that tag."""
    name, declaration, scope = ns_attr_name(qname, scope)
    if declaration:
        out[head] += declaration
    return f" {name}='", scope


def kept_attrs(out: list[str], head: int, attrs: dict[str, str | None], scope: Scope,
               disc: str | None, where: Any) -> Scope:
    """Write kept attributes (a None value records a hint that was absent: not written);
    returns the scope inside the element. `disc`: the attribute the union writes."""
    for qname, raw in attrs.items():
        if raw is None:
            continue
        if qname == disc:
            raise SerializeError(f"{where_text(where)}: kept XML: extras.attrs[{qname!r}]: "
                                 "the union writes this attribute")
        if qname[0] == "{":
            name, scope = ns_attr(out, head, qname, scope)
            out.append(name + escape_attr(raw) + "'")
        else:
            out.append(f" {qname}='{escape_attr(raw)}'")
    return scope


def kept_children(out: list[str], start: int, marks: list[Mark], extras: Extras,
                  checked: Any, nl: str, end_nl: str, step: str, scope: Scope, own_text: bool,
                  where: Any) -> None:
    """Put the kept nodes among the children just written into `out[start:]` (each child
    after its mark, as `nl` and its pieces), in the recorded document order; end with
    what stands before the close tag. `own_text`: whether the element maps its text;
    `checked`: the plan the extras were checked against on entering the object's writer
    (None: leftovers, checked with their owner)."""
    order = extras.order
    if order is not None and (len(order) == len(extras.nodes) + 1 and order[0] == marks[-1][0]
                              if marks else len(order) == len(extras.nodes)):
        # Nodes after the last child written (or in an element with none written): where
        # a reader keeps those it meets last (each node has one place, so the rest of the
        # order is the nodes').
        texts = _trailing(extras, checked, scope, nl, end_nl, step, anchored=bool(marks))
        if texts is not None:
            out += texts
            out.append(end_nl)
            return
    if _insert_kept(out, marks, extras, nl, end_nl, step, scope):
        return
    bounds = [at for _, at in marks] + [len(out)]
    # Each child's pieces as a slice of `out` (after its newline), not joined: joining
    # would copy the text of whole subtrees (all the devices) once more.
    pieces = [(token, out[bounds[i] + 1:bounds[i + 1]]) for i, (token, _) in enumerate(marks)]
    del out[start:]
    arranged = _arranged(pieces, extras, scope, level_of(nl, step), step)
    if own_text:
        _refuse_leading_text(arranged, where)
    _put_arranged(out, arranged, nl, end_nl)


def _trailing(extras: Extras, checked: Any, scope: Scope, nl: str, end_nl: str, step: str,
              anchored: bool = True) -> list[str] | None:
    """(newline, text) of each kept node, all of which follow the last child (`anchored`:
    the order's first token names that child) or stand in an element without children;
    None when one is text. Made from what `check_kept` found valid against `checked` on
    entering this object's writer, and remembered with it (`KEPT_AGAIN`): an unchanged
    object written again at the same place copies the same text. (Leftovers are made anew
    each time: an `Extras` moved there may still hold what was found valid where it was
    before.)"""
    seen = extras.checked
    place = (scope.__class__, scope, end_nl, step)
    if seen is None or checked is None or seen[0] is not checked:
        seen = None
        nodes, order = extras.nodes, extras.order
    else:
        memo = seen[3]
        if memo is not None and memo[0][7:] == place:
            texts: list[str] = memo[2]
            return texts
        nodes, order = seen[1][1], seen[1][2]
    anchor = order[0] if anchored and order else None
    level = (len(nl) - 1) // len(step) if step else 0
    texts = []
    for index in (range(len(nodes)) if order is None else
                  [token[1] for token in order[anchored:]]):
        kind, payload = nodes[index]
        if kind == TEXT:
            return None
        texts += (nl, kept_node(kind, payload, scope, level, step))
    if seen is not None:
        attrs, nodes, order, before, after = seen[1]
        # (the key of `KEPT_AGAIN`: what the object held when checked, and the place)
        key = (checked, attrs if not attrs else _HELD, {} if seen[2] is None else _HELD,
               nodes, order, before, after) + place
        seen[3] = (key, anchor, texts)
    return texts


def _insert_kept(out: list[str], marks: list[Mark], extras: Extras, nl: str, end_nl: str,
                 step: str, scope: Scope) -> bool:
    """The common case, done in place: the children the order names were written in its
    order, and the kept nodes hold no text; each kept node goes in before the child that
    follows the one it comes after (children the order does not name stand where they
    were written, as `_arranged` puts them). False when that is not the case."""
    order, nodes = extras.order, extras.nodes
    if order is None:
        return False
    level = (len(nl) - 1) // len(step) if step else 0
    count = len(marks)
    following = 0   # the mark of the child the next kept node goes before (count: the end)
    inserts: list[tuple[int, str]] = []
    for token in order:
        if token[0] == UNKNOWN:
            kind, payload = nodes[token[1]]
            if kind == TEXT:
                return False
            inserts.append((following, kept_node(kind, payload, scope, level, step)))
        else:
            while following < count and marks[following][0] != token:
                following += 1
            if following == count:   # not written, or written out of the order's order
                return False
            following += 1
    end = len(out)
    for following, text in reversed(inserts):
        at = marks[following][1] if following < count else end
        out[at:at] = (nl, text)
    if inserts or marks:
        out.append(end_nl)
    return True


def _refuse_leading_text(arranged: list[list[str] | str], where: Any) -> None:
    if arranged and arranged[0].__class__ is str:
        # It would be read back as (part of) the element's own text field.
        raise SerializeError(f"{where_text(where)}: kept XML: text {arranged[0][:40]!r} before "
                             "any child would be read as the element's text")


def kept_leaf(out: list[str], extras: Extras, checked: Any, text: str | None, nl: str,
              end_nl: str, step: str, scope: Scope, own_text: bool, where: Any) -> None:
    """The content of an element that maps no children, with its kept nodes: after `>`,
    before the close tag (`checked`: as for `kept_children`)."""
    # (the order of an element without children names only kept nodes: check_kept saw to
    # that)
    texts = _trailing(extras, checked, scope, nl, end_nl, step, anchored=False)
    if texts is not None:
        if text and not (step and is_layout(text)):
            # lxml keeps text before the first child as it is, and does not indent it
            out.append(text)
            out += texts[1:]
        else:
            out += texts
        if texts:
            out.append(end_nl)
        return
    arranged = _arranged([], extras, scope, level_of(nl, step), step)
    if own_text:
        _refuse_leading_text(arranged, where)
    sep = True
    if text and not (step and is_layout(text)):
        # lxml keeps text before the first child as it is, and does not indent that child
        out.append(text)
        sep = False
    _put_arranged(out, arranged, nl, end_nl, sep)


def kept_element_text(out: list[str], head: str, close: str, extras: Extras,
                      text: str | None, nl: str, step: str, scope: Scope, where: Any) -> None:
    """A flag's element or a list item's (`head`: its open tag, unclosed) with what it
    keeps; `nl` stands before it."""
    at = len(out)
    out.append(head)
    inner = kept_attrs(out, at, extras.attrs, scope, None, where)
    if extras.nodes:
        out.append(">")
        kept_leaf(out, extras, None, text, nl + step, nl, step, inner, text is not None,
                  where)
        out.append(close)
    elif text is not None:
        out.append(">" + text + close)
    else:
        out.append("/>")


def _put_arranged(out: list[str], arranged: list[list[str] | str], nl: str, end_nl: str,
                  sep: bool = True) -> None:
    # Kept text stands where the indentation would: lxml's indent() leaves text that is
    # not blank as it is, and indents only around it.
    for item in arranged:
        if item.__class__ is str:
            out.append(item)
            sep = False
        else:
            if sep:
                out.append(nl)
            out += item
            sep = True
    if arranged and sep:
        out.append(end_nl)


def _kept_item(kind: str, payload: Any, scope: Scope, level: int,
               step: str) -> list[str] | str:
    if kind == TEXT:
        return escape_text(payload)
    return [kept_node(kind, payload, scope, level, step)]


def _arranged(pieces: list[tuple[Token, list[str]]], extras: Extras, scope: Scope, level: int,
              step: str) -> list[list[str] | str]:
    """Known children (token, pieces of text) and kept nodes in the recorded document order;
    a child with no recorded place goes right after the child it follows in declaration
    order. Each item is a list of pieces, or a str (kept text)."""
    if extras.order is None:
        return [piece for _, piece in pieces] + [
            _kept_item(kind, payload, scope, level, step) for kind, payload in extras.nodes]
    by_token = dict(pieces)
    arranged: list[tuple[Token, list[str] | str]] = []
    nodes = extras.nodes
    for token in extras.order:
        if token[0] == UNKNOWN:
            arranged.append((token, _kept_item(*nodes[token[1]], scope, level, step)))
        else:
            piece = by_token.pop(token, None)
            if piece is not None:
                arranged.append((token, piece))
    if not by_token:   # (the common case: every child written has its recorded place)
        return [item for _, item in arranged]
    previous = None
    for token, piece in pieces:
        if token in by_token:
            at = 0
            if previous is not None:
                at = next(i for i, (t, _) in enumerate(arranged) if t == previous) + 1
            # After the unknown nodes that follow the same child: they keep their place.
            while at < len(arranged) and arranged[at][0][0] == UNKNOWN:
                at += 1
            arranged.insert(at, (token, piece))
        previous = token
    return [item for _, item in arranged]


def undeclare_defaults(root: Any) -> None:
    """Give each element in no namespace under a default namespace its `xmlns=""`.

    libxml2 writes such an element without one (its tree says "no namespace", its text
    would say "the default one"); lxml makes the declaration only on a new element, so
    the element is remade in place with the same content. Elements only: cheap enough
    for the few trees that declare a default namespace at all.
    """
    for node in list(root.iter(tag=etree.Element)):
        parent = node.getparent()
        if parent is None or node.tag[0] == "{" or not node.nsmap.get(None):
            continue
        inherited = parent.nsmap
        nsmap = {prefix: uri for prefix, uri in node.nsmap.items()
                 if prefix is not None and inherited.get(prefix) != uri}
        nsmap[None] = ""
        remade = etree.Element(node.tag, nsmap=nsmap)
        for qname, value in node.items():
            remade.set(qname, value)
        remade.text, remade.tail = node.text, node.tail
        remade.extend(list(node))
        parent.replace(node, remade)

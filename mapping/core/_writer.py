"""Writing entities as XML text directly, without building an lxml tree first.

`to_xml` is on an engine's hot path (every VM start and migration), and building lxml
elements from Python costs more than ten times what serialising them does. The text
writer emits the same bytes that `etree.tostring` would give for the tree `to_element`
builds, indented as `etree.indent` would indent it; tests hold the two paths equal over
the whole corpus. What the writer does not do itself (unknown attributes in a namespace,
unknown text between children, free-form entries) it hands to lxml for that one element.

Output goes into one list of strings, `out`. `nl` is the text before the element being
written (newline and its indentation, or "" when not pretty), `step` one
level of indentation, `scope` the namespace declarations in effect (prefix -> uri).
"""
from __future__ import annotations

import functools
import re
from typing import Any

from lxml import etree

from ._safe import safe_parser
from .errors import SerializeError
from .extras import COMMENT, ELEMENT, TEXT, UNKNOWN, Extras, problems

EMPTY_SCOPE: tuple = ()

# Characters that need more than copying: markup, whitespace an attribute must escape,
# and the control characters XML 1.0 cannot carry at all.
_ATTR_SPECIAL = re.compile('[&<>"\x00-\x1f\ud800-\udfff\ufffe\uffff]')
_TEXT_SPECIAL = re.compile('[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_INVALID = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_INVALID_MESSAGE = ("All strings must be XML compatible: Unicode or ASCII, no NULL bytes "
                    "or control characters")


def escape_attr(value: str) -> str:
    """An attribute value as lxml writes it between double quotes."""
    if _ATTR_SPECIAL.search(value) is None:
        return value
    if _INVALID.search(value) is not None:
        raise ValueError(_INVALID_MESSAGE)
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
            .replace("\t", "&#9;"))


def escape_text(value: str) -> str:
    """Element text as lxml writes it."""
    if _TEXT_SPECIAL.search(value) is None:
        return value
    if _INVALID.search(value) is not None:
        raise ValueError(_INVALID_MESSAGE)
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


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


def where_text(where: Any) -> str:
    """Places are passed as `str` or `(str, index)`: list items format theirs only on error."""
    return where if where.__class__ is str else f"{where[0]}[{where[1]}]"


def place_of(plan: Any, where: Any) -> str:
    """Where an object is written, for errors: its place, or else its class's name."""
    return where_text(where) if where is not None else getattr(plan, "name", "element")


class Site:
    """Where a class is written: its tag and the namespaces its element declares."""

    __slots__ = ("tag", "nsmap", "nsdecl", "plain", "head", "close")

    def __init__(self, tag: str, nsmap: dict | None):
        self.tag, self.nsmap = tag, nsmap
        self.nsdecl = tuple(nsmap.items()) if nsmap else ()
        # Without namespaces the tag is written as it is, whatever is in scope.
        self.plain = not self.nsdecl and tag[0] != "{"
        self.head, self.close = "<" + tag, "</" + tag + ">"

    def open(self, scope: tuple) -> tuple[str, str, tuple]:
        if self.plain:
            return self.head, self.close, scope
        return open_tag(self.tag, self.nsdecl, scope)


def discriminator(name: str, value: str) -> tuple[str, str, str]:
    """What a union passes its variant: the attribute, its value, and their text."""
    return name, value, f' {name}="{escape_attr(value)}"'


def _scope_element(scope: tuple) -> Any:
    return etree.Element("w", nsmap=dict(scope)) if scope else etree.Element("w")


def _unwrap(text: str) -> str:
    # The wrapper stands for the ancestors: its declarations are the ones in scope.
    return text[text.index(">") + 1:-len("</w>")]


@functools.lru_cache(maxsize=4096)
def open_tag(tag: str, nsdecl: tuple, scope: tuple) -> tuple[str, str, tuple]:
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
    return head, "</" + name + ">", tuple(inner.items())


@functools.lru_cache(maxsize=1024)
def kept_element(payload: str, scope: tuple, level: int, step: str) -> str:
    """An unknown element kept as text, as lxml writes it back at this place and depth."""
    element = etree.fromstring(payload, safe_parser())
    wrapper = _scope_element(scope)
    wrapper.append(element)   # (lxml drops declarations the ancestors already make)
    if step:
        etree.indent(element, space=step, level=level)
    return _unwrap(etree.tostring(wrapper, encoding="unicode"))


def kept_node(kind: str, payload: Any, scope: tuple, level: int, step: str) -> str:
    """A kept node as text (checked by `check_kept` before: lxml refuses nothing here)."""
    if kind == ELEMENT:
        return kept_element(payload, scope, level, step)
    # (What lxml writes for these, without making a node to write: their text is copied.)
    if kind == COMMENT:
        return "<!--" + payload + "-->"
    return "<?" + payload[0] + " " + payload[1] + "?>"


def check_kept(plan: Any, extras: Any, where: Any, outside: bool = True) -> None:
    """SerializeError naming the place and what is wrong when the kept XML of an object
    could not be written back as it is (only objects holding extras pay for this)."""
    found = problems(extras, outside)
    if not found:
        found = _plan_problems(plan, extras, "")
    if found:
        raise SerializeError(f"{place_of(plan, where)}: kept XML: " + "; ".join(
            f"extras.{at}: {what}" if at else what for at, what in found))


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
        name, _, index = key.partition("#")
        sub_plan = subs.get(key)
        if sub_plan is None and index.isdigit() and index.isascii():
            sub_plan = items.get(name)
        if sub_plan is None:
            found.append((at, f"{key!r} names no path-reached element, flag or list item"))
        else:
            found += _plan_problems(sub_plan, inner, at + ".")
    return found


def kept_keys(plan: Any) -> tuple[frozenset, dict, dict]:
    """(child token keys, sub-element plans by key, list-item plans by field) of a plan,
    worked out once per plan."""
    keys = plan.__dict__.get("_kept_keys")
    if keys is None:
        from ._handlers import FlagHandler, GroupHandler, ScalarListHandler
        tokens, subs, items = set(), {}, {}
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


def through_lxml(element: Any, out: list, nl: str, step: str, scope: tuple) -> None:
    """Write an element lxml built, indented for its place, under the declarations in scope."""
    wrapper = _scope_element(scope)
    wrapper.append(element)
    if step:
        etree.indent(element, space=step, level=level_of(nl, step))
    out.append(_unwrap(etree.tostring(wrapper, encoding="unicode")))


def needs_lxml(extras: Extras) -> bool:
    """Extras the text writer leaves to lxml: namespaced attributes, text between children
    (and anything malformed: the lxml path checks it, and names what is wrong)."""
    try:
        for qname in extras.attrs:
            if qname[0] == "{":
                return True
        for kind, _ in extras.nodes:
            if kind == TEXT:
                return True
    except (TypeError, ValueError, AttributeError, IndexError, KeyError):
        return True
    return False


def emit_content(plan: Any, obj: Any, extras: Extras | None, out: list, nl: str, step: str,
                 scope: tuple, close: str, disc: str | None = None, *,
                 where: Any = None) -> bool:
    """Write the attributes, text and children of `obj` after its open tag's name.

    Returns False when the element came out bare (no attribute, text, child or kept XML):
    path-reached elements are left out then. A class's kept XML is checked here, its
    path-reached elements' with it (`where`: the object's place, for errors).
    """
    if extras is not None and "name" in plan.__dict__:
        check_kept(plan, extras, where)
    bare = disc is None
    written = None if extras is None else {disc}
    for target in plan.attrs.values():
        value = getattr(obj, target.fname)
        if value is not None:
            bare = False
            union = target.union
            if union is not None and getattr(obj, union.fname) is not None:
                attr_value(target, value)   # (not written, but refused as to_element does)
                out.append(target.attr_prefix + escape_attr(union.key(obj)) + '"')
            else:
                out.append(target.attr_prefix + attr_value(target, value) + '"')
            if written is not None:
                written.add(target.qname)
    text = None
    text_target = plan.text
    if text_target is not None:
        value = getattr(obj, text_target.fname)
        if value is not None:
            text = text_value(text_target, value)
            for qname, hint in plan.hints.items():
                if extras is None or qname not in extras.attrs:
                    out.append(f' {qname}="{escape_attr(hint)}"')
                    if written is not None:
                        written.add(qname)
    for union in plan.by_unions:
        # The variant decides the discriminator; written here when the field was unset.
        if getattr(obj, union.by.fname) is None and getattr(obj, union.fname) is not None:
            key = union.key(obj)
            if key != union.default:
                bare = False
                out.append(union.by.attr_prefix + escape_attr(key) + '"')
                if written is not None:
                    written.add(union.by.qname)
    if extras is not None:
        for qname, raw in extras.attrs.items():
            if raw is not None and qname not in written:
                out.append(f' {qname}="{escape_attr(raw)}"')
            elif raw is not None and qname == disc:
                raise SerializeError(f"{place_of(plan, where)}: kept XML: extras.attrs"
                                     f"[{qname!r}]: the union writes this attribute")
    mark = len(out)
    out.append(">")
    inner_nl = nl + step
    if extras is None or (extras.order is None and not extras.nodes):
        for writer in plan.writers:
            writer.emit(obj, out, inner_nl, step, scope, None)
    else:
        _emit_arranged(plan, obj, extras, out, inner_nl, step, scope)
    if len(out) == mark + 1:
        if text is None:
            out[mark] = "/>"
            return not (bare and extras is None)
        out[mark] = ">" + text + close
        return True
    if text is not None and not (step and text.isspace()) and text:
        # lxml keeps text before the first child as it is, and does not indent that child
        out[mark] = ">" + text
        out[mark + 1] = ""
    out.append(nl)
    out.append(close)
    return True


def _emit_arranged(plan: Any, obj: Any, extras: Extras, out: list, nl: str, step: str,
                   scope: tuple) -> None:
    """Known children and kept unknown nodes in recorded document order."""
    marks: list = []
    start = len(out)
    for writer in plan.writers:
        writer.emit(obj, out, nl, step, scope, marks)
    # Each child's pieces as a slice of `out` (after its newline), not joined: joining
    # would copy the text of whole subtrees (all the devices) once more.
    bounds = [at for _, at in marks] + [len(out)]
    pieces = [(token, out[bounds[i] + 1:bounds[i + 1]]) for i, (token, _) in enumerate(marks)]
    del out[start:]
    level = level_of(nl, step)
    if extras.order is None:
        arranged = [piece for _, piece in pieces]
        arranged += [[kept_node(kind, payload, scope, level, step)]
                     for kind, payload in extras.nodes]
    else:
        arranged = _arrange(pieces, extras, scope, level, step)
    for piece in arranged:
        out.append(nl)
        out += piece


def _arrange(pieces: list, extras: Extras, scope: tuple, level: int, step: str) -> list:
    # The same placement as the lxml path's: recorded order first, then each new child
    # right after the child it follows in declaration order.
    by_token = dict(pieces)
    arranged: list = []   # (token, pieces of text)
    for token in extras.order:
        if token[0] == UNKNOWN:
            arranged.append((token, [kept_node(*extras.nodes[token[1]], scope, level, step)]))
        else:
            piece = by_token.pop(token, None)
            if piece is not None:
                arranged.append((token, piece))
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
    return [piece for _, piece in arranged]

"""Naming what is wrong in an entity that could not be written.

The writers trust the values they are given and check types only where that costs
nothing, so a value of the wrong type set in code fails deep inside them (a TypeError
from iterating an int, a RecursionError from an object that contains itself). `to_xml`
and `to_element` catch that and call `raise_located`, which walks the entity slowly, without
recursion, checks each value against its field and names the first bad one by its path
from the root: `Domain.devices.items[2].source: Dims is not a variant (...)`; kept XML
is checked by the writers' own `check_kept`, here with the whole path.
Ordinary documents never come here.
"""
from __future__ import annotations

from typing import Any

from lxml import etree

from ._handlers import (ChoiceHandler, EntriesHandler, FlagHandler, GroupHandler,
                        NestedHandler, NestedListHandler, RawHandler, ScalarListHandler,
                        UnionHandler, flag_problem)
from ._safe import safe_parser
from ._writer import check_kept, escape_attr, escape_text
from .errors import MappingError, SerializeError
from .extras import Extras
from .tokens import Token

_SEQUENCES = (list, tuple)
_FLAG_VALUES = (None, True, False)


class _Node:
    """One object met on the walk: where it stands, for its path, and its ancestors."""

    __slots__ = ("obj", "plan", "parent", "step", "depth")

    def __init__(self, obj: Any, plan: Any, parent: _Node | None, step: str):
        self.obj, self.plan, self.parent, self.step = obj, plan, parent, step
        self.depth = 0 if parent is None else parent.depth + 1

    def path(self, *more: str) -> str:
        steps, node = list(more), self
        while node is not None:   # (a loop: a chain may be deeper than the stack)
            steps.append(node.step)
            node = node.parent
        return "".join(reversed(steps))


def raise_located(entity: Any, plan: Any, err: Exception) -> None:
    """Raise, for `err` that writing `entity` raised, a SerializeError naming the bad
    field when the walk finds one; else `err` itself when it is ours, or a SerializeError
    with `err` attached as its cause."""
    problem, depth = first_problem(entity, plan)
    if problem is not None:
        raise SerializeError(problem) from None
    if isinstance(err, MappingError):
        raise err
    if isinstance(err, RecursionError):
        raise SerializeError(f"{plan.name}: nested {depth} elements deep, too deep to "
                             f"write") from None
    raise SerializeError(f"{plan.name}: cannot be written: {type(err).__name__}: "
                         f"{err}") from err


def first_problem(entity: Any, plan: Any) -> tuple[str | None, int]:
    """(what is wrong with the first bad value in document order, or None; the depth of
    the deepest object). An object met again inside itself is a cycle."""
    stack: list = [_Node(entity, plan, None, plan.name)]
    on_path: set[int] = set()
    deepest = 0
    while stack:
        node = stack.pop()
        if node.__class__ is int:   # leaving an object: it is no longer an ancestor
            on_path.discard(node)
            continue
        obj = node.obj
        if id(obj) in on_path:
            return f"{node.path()}: cycle: the object contains itself", deepest
        deepest = max(deepest, node.depth)
        found: list = []
        problem = _check_object(node, found)
        if problem is not None:
            return problem, deepest
        on_path.add(id(obj))
        stack.append(id(obj))
        stack += reversed(found)
    return None, deepest


def _check_object(node: _Node, found: list) -> str | None:
    obj, plan = node.obj, node.plan
    if not isinstance(obj, plan.cls):
        return f"{node.path()}: expected {plan.name}, got {type(obj).__name__}"
    extras = obj.extras
    if extras is not None:
        if not isinstance(extras, Extras):
            return (f"{node.path('.extras')}: expected Extras or None, got "
                    f"{type(extras).__name__}")
        try:   # the writers' own check of kept XML, here with the object's whole path
            check_kept(plan, extras, node.path())
        except SerializeError as err:
            return str(err)
    return _check_element(plan, node, found)


def _check_element(plan: Any, node: _Node, found: list) -> str | None:
    """Attributes, text and children of one element (a class's, or a path-reached one
    whose leaves are fields of the same object)."""
    obj = node.obj
    for target in plan.attrs.values():
        value = getattr(obj, target.fname)
        if value is None:
            continue
        # (a union's discriminator too: its variant decides what is written, but a value
        # its codec cannot write is refused all the same)
        reason = scalar_problem(target, value, escape_attr)
        if reason is not None:
            return f"{node.path('.' + target.fname)}: {reason}"
    if plan.text is not None:
        value = getattr(obj, plan.text.fname)
        reason = None if value is None else scalar_problem(plan.text, value, escape_text)
        if reason is not None:
            return f"{node.path('.' + plan.text.fname)}: {reason}"
    for writer in plan.writers:
        check = _CHECKS.get(type(writer))
        problem = check(writer, node, found) if check is not None else None
        if problem is not None:
            return problem
    return None


def scalar_problem(target: Any, value: Any, escape: Any) -> str | None:
    """Why `value` cannot be written as the text of `target`, or None."""
    try:
        text = value.text if isinstance(value, Token) else target.codec.format(value)
        if not isinstance(text, str):
            return f"codec {target.codec!r} gave {type(text).__name__}, not str"
        escape(text)
    except (TypeError, ValueError, AttributeError) as err:
        return str(err)
    return None


def _sequence(node: _Node, fname: str) -> tuple[Any, str | None]:
    items = getattr(node.obj, fname)
    if items is None or isinstance(items, _SEQUENCES):
        return items or (), None
    return (), f"{node.path('.' + fname)}: expected a list, got {type(items).__name__}"


def _nested(handler: Any, node: _Node, found: list) -> str | None:
    value = getattr(node.obj, handler.fname)
    if value is not None:
        found.append(_Node(value, handler.plan, node, "." + handler.fname))
    return None


def _nested_list(handler: Any, node: _Node, found: list) -> str | None:
    items, problem = _sequence(node, handler.fname)
    for index, value in enumerate(items):
        found.append(_Node(value, handler.plan, node, f".{handler.fname}[{index}]"))
    return problem


def _choice(handler: Any, node: _Node, found: list) -> str | None:
    items, problem = _sequence(node, handler.fname)
    for index, value in enumerate(items):
        step = f".{handler.fname}[{index}]"
        tag = next((handler.tags_by_class[klass] for klass in type(value).__mro__
                    if klass in handler.tags_by_class), None)
        if tag is None:
            allowed = ", ".join(cls.__name__ for cls in handler.tags_by_class)
            return f"{node.path(step)}: {type(value).__name__} is not one of {allowed}"
        found.append(_Node(value, handler.plans[tag], node, step))
    return problem


def _union(handler: Any, node: _Node, found: list) -> str | None:
    value = getattr(node.obj, handler.fname)
    if value is None:
        return None
    keys = handler.keys_by_class.get(type(value))
    if keys is None:
        allowed = ", ".join(sorted({p.cls.__name__ for p in handler.variants.values()}))
        return (f"{node.path('.' + handler.fname)}: {type(value).__name__} is not a "
                f"variant ({allowed})")
    found.append(_Node(value, handler.variants[keys[0]], node, "." + handler.fname))
    return None


def _group(handler: Any, node: _Node, found: list) -> str | None:
    return _check_element(handler.plan, node, found)


def _flag(handler: Any, node: _Node, found: list) -> str | None:
    value = getattr(node.obj, handler.fname)
    if any(value is allowed for allowed in _FLAG_VALUES):
        return None
    return f"{node.path('.' + handler.fname)}: {flag_problem(value)}"


def _scalar_list(handler: Any, node: _Node, found: list) -> str | None:
    fname = handler.target.fname
    items, problem = _sequence(node, fname)
    for index, value in enumerate(items):
        reason = scalar_problem(handler.target, value, escape_text)
        if reason is not None:
            return f"{node.path(f'.{fname}[{index}]')}: {reason}"
    return problem


def _entries(handler: Any, node: _Node, found: list) -> str | None:
    value = getattr(node.obj, handler.fname)
    if value is None:
        return None
    where = node.path("." + handler.fname)
    if not isinstance(value, dict):
        return f"{where}: expected a dict, got {type(value).__name__}"
    for name, text in value.items():
        reason = handler.entry_problem(name, text)
        if reason is not None:
            return f"{where}: {reason}"
    return None


def _raw(handler: Any, node: _Node, found: list) -> str | None:
    items, problem = _sequence(node, handler.fname)
    for index, payload in enumerate(items):
        where = node.path(f".{handler.fname}[{index}]")
        if not isinstance(payload, str):
            return f"{where}: expected XML text (str), got {type(payload).__name__}"
        try:
            etree.fromstring(payload, safe_parser())
        except (etree.XMLSyntaxError, ValueError) as err:
            return f"{where}: not an XML element: {err}"
    return problem


_CHECKS = {NestedHandler: _nested, NestedListHandler: _nested_list, ChoiceHandler: _choice,
           UnionHandler: _union, GroupHandler: _group, FlagHandler: _flag,
           ScalarListHandler: _scalar_list, EntriesHandler: _entries, RawHandler: _raw}


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

from ._writer import check_kept, escape_attr, escape_text
from .errors import MappingError, SerializeError
from .extras import Extras
from .tokens import Token

_SEQUENCES = (list, tuple)
FLAG_VALUES = (None, True, False)


class Node:
    """One object met on the walk: where it stands, for its path, and its ancestors."""

    __slots__ = ("obj", "plan", "parent", "step", "depth")

    def __init__(self, obj: Any, plan: Any, parent: Node | None, step: str):
        self.obj, self.plan, self.parent, self.step = obj, plan, parent, step
        self.depth: int = 0 if parent is None else parent.depth + 1

    def path(self, *more: str) -> str:
        steps = list(more)
        node: Node | None = self
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
    stack: list[Any] = [Node(entity, plan, None, plan.name)]   # and ids, to leave objects
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
        found: list[Node] = []
        problem = _check_object(node, found)
        if problem is not None:
            return problem, deepest
        on_path.add(id(obj))
        stack.append(id(obj))
        stack += reversed(found)
    return None, deepest


def _check_object(node: Node, found: list[Node]) -> str | None:
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
    return check_element(plan, node, found)


def check_element(plan: Any, node: Node, found: list[Node]) -> str | None:
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
    for handler in plan.writers:   # each kind checks its own values (`_handlers`)
        problem: str | None = handler.check(node, found)
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


def sequence(node: Node, fname: str) -> tuple[Any, str | None]:
    items = getattr(node.obj, fname)
    if items is None or isinstance(items, _SEQUENCES):
        return items or (), None
    return (), f"{node.path('.' + fname)}: expected a list, got {type(items).__name__}"

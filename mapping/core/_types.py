"""Reading field annotations: optional types, list items, mapped classes."""
from __future__ import annotations

import builtins
import re
import sys
import types
import typing
from typing import Any, TypeGuard


_stripped: dict[Any, Any] = {}   # (compiling a model asks again for the same few)


def strip_optional(annotation: Any) -> Any:
    """`X | None` -> X; a union of several non-None types is returned as it is."""
    try:
        return _stripped[annotation]
    except (KeyError, TypeError):
        pass
    found = annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(members) == 1:
            found = members[0]
    try:
        _stripped[annotation] = found
    except TypeError:   # (an unhashable annotation)
        pass
    return found


def list_item(annotation: Any) -> Any | None:
    """The item type of `list[X]` (optional or not), else None."""
    annotation = strip_optional(annotation)
    if annotation is list:
        return Any
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation) or (Any,)
        return item
    return None


def is_mapped(annotation: Any) -> TypeGuard[type[Any]]:
    """True for a class made by `@element`."""
    return isinstance(annotation, type) and hasattr(annotation, "__xml__")


# Annotation texts already evaluated, by their text and what the names in it are bound to
# where they are evaluated: the same few (`str | None`, `int | None`) recur in hundreds of
# classes of dozens of modules, and typing.get_type_hints compiles each occurrence again
# (most of what compiling a model's plans cost).
_evaluated: dict[tuple[Any, ...], Any] = {}
_names_in: dict[str, tuple[str, ...]] = {}
_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
_UNSET = object()
_BUILTINS = builtins.__dict__


def field_hints(cls: type) -> dict[str, Any]:
    """The annotations of `cls` and its bases, evaluated as `typing.get_type_hints`
    evaluates them (in the module of the class that declares each, with that class's
    names in scope). NameError and the like propagate."""
    hints: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        annotations = base.__dict__.get("__annotations__")
        if not annotations:
            continue
        module = sys.modules.get(base.__module__)
        namespace = module.__dict__ if module is not None else {}
        for name, value in annotations.items():
            hints[name] = _evaluate(value, namespace, base) if isinstance(value, str) else value
    return hints


def _evaluate(text: str, namespace: dict[str, Any], base: type) -> Any:
    found = _evaluate_once(text, namespace, base)
    if isinstance(found, str):   # `x: "Name"` under `from __future__ import annotations`
        found = _evaluate_once(found, namespace, base)
    return found


def _evaluate_once(text: str, namespace: dict[str, Any], base: type) -> Any:
    names = _names_in.get(text)
    if names is None:
        names = _names_in[text] = tuple(dict.fromkeys(_NAME.findall(text)))
    own = base.__dict__
    if any(name in own for name in names):   # a name the class shadows
        return eval(text, namespace, dict(own))  # noqa: S307 (the model's own annotation)
    # (every word of the text, attribute names and keywords too: more than the free
    # names, so two texts alike mean the same whenever their keys are equal)
    key = (text, *[namespace.get(name, _BUILTINS.get(name, _UNSET)) for name in names])
    try:
        found = _evaluated.get(key, _UNSET)
    except TypeError:   # a name bound to something unhashable: evaluated each time
        return eval(text, namespace)  # noqa: S307
    if found is _UNSET:
        found = _evaluated[key] = eval(text, namespace)  # noqa: S307
    return found

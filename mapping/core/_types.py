"""Reading field annotations: optional types, list items, mapped classes."""
from __future__ import annotations

import types
import typing
from typing import Any


def strip_optional(annotation: Any) -> Any:
    """`X | None` -> X; a union of several non-None types is returned as it is."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(members) == 1:
            return members[0]
    return annotation


def list_item(annotation: Any) -> Any | None:
    """The item type of `list[X]` (optional or not), else None."""
    annotation = strip_optional(annotation)
    if annotation is list:
        return Any
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation) or (Any,)
        return item
    return None


def is_mapped(annotation: Any) -> bool:
    """True for a class made by `@element`."""
    return isinstance(annotation, type) and hasattr(annotation, "__xml__")

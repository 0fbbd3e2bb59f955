"""Entities as JSON-ready dicts, through dataclasses-json.

The shape is stable: field names as declared, absent values left out, enums as their
XML values, a union or a mixed list item as `{variant-or-tag: {fields}}`, unknown XML
under `extras`.
"""
from __future__ import annotations

from typing import Any

from ._types import is_mapped
from .errors import MappingError, ParseError


def to_dict(entity: Any) -> dict[str, Any]:
    """The entity as a dict of JSON types."""
    if not is_mapped(type(entity)):
        raise MappingError(f"{type(entity).__name__} is not an @element entity")
    return entity.to_dict(encode_json=True)


def from_dict(data: dict[str, Any], cls: type) -> Any:
    """An entity of `cls` from a dict made by `to_dict` (or written by hand)."""
    if not is_mapped(cls):
        raise MappingError(f"{getattr(cls, '__name__', cls)!r} is not an @element class")
    try:
        return cls.from_dict(data, infer_missing=True)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise ParseError(f"cannot build {cls.__name__} from dict: {err}") from None

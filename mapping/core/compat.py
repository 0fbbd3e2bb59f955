"""Compatibility levels: leave out of the XML what an older consumer does not support.

A field (or a whole class) says from which level it is emitted, either in its
declaration (`attr("x", since="4.4")`) or, for a layer that must not edit the model it
stands on, through `set_since(cls, "x", "4.4")` (oVirt's cluster levels on libvirt
fields). `to_xml(entity, compat="4.2")` writes a copy without what is newer than 4.2;
parsing always accepts everything. Levels compare as dotted numbers: 4.10 > 4.9.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from .declare import SPEC_KEY
from .errors import MappingError

_since: dict[tuple[type, str | None], str] = {}


def version_key(level: str) -> tuple[int, ...]:
    """A level as a tuple of numbers, for comparison."""
    try:
        return tuple(int(part) for part in str(level).split("."))
    except ValueError:
        raise MappingError(f"compatibility level {level!r} is not a dotted number") from None


def set_since(cls: type, field: str | None, level: str) -> None:
    """Emit `cls.field` (or, with field=None, every `cls` element) from `level` on."""
    version_key(level)
    if field is not None and field not in {f.name for f in dataclasses.fields(cls)}:
        raise MappingError(f"set_since: {cls.__name__} has no field {field!r}")
    _since[(cls, field)] = level


def since_of(cls: type[Any], field: str | None) -> str | None:
    """The level from which `cls.field` (or the class, field=None) is emitted, if any."""
    for klass in cls.__mro__:
        level = _since.get((klass, field))
        if level is not None:
            return level
    if field is None:
        return None
    spec = cls.__dataclass_fields__[field].metadata.get(SPEC_KEY)
    return getattr(spec, "since", None)


def for_compat(entity: Any, level: str) -> Any:
    """A copy of `entity` without the fields and elements newer than `level`."""
    return _filter(entity, version_key(level), "", None)


def left_out(entity: Any, level: str) -> list[str]:
    """What `to_xml(entity, compat=level)` leaves out of this entity: the path of each
    value set in it that is newer than `level` (`features.hyperv.synic`,
    `devices.items[2]`), in the entity's order."""
    dropped: list[str] = []
    _filter(entity, version_key(level), "", dropped)
    return dropped


def _newer(level: str | None, limit: tuple[int, ...]) -> bool:
    return level is not None and version_key(level) > limit


def _filter(value: Any, limit: tuple[int, ...], path: str, dropped: list[str] | None) -> Any:
    """`value` without what is newer than `limit`; each value left out is noted (by its
    path under `path`) in `dropped` when one is given."""
    if isinstance(value, list):
        kept = []
        for index, item in enumerate(value):
            at = f"{path}[{index}]"
            if _is_entity(item) and _newer(since_of(type(item), None), limit):
                if dropped is not None:
                    dropped.append(at)
            else:
                kept.append(_filter(item, limit, at, dropped))
        return kept
    if not _is_entity(value):
        return value
    changes: dict[str, Any] = {}
    for spec in dataclasses.fields(value):
        if spec.name == "extras":
            continue
        current = getattr(value, spec.name)
        if current is None or (isinstance(current, list) and not current):
            continue
        at = f"{path}.{spec.name}" if path else spec.name
        if _newer(since_of(type(value), spec.name), limit) or (
                _is_entity(current) and _newer(since_of(type(current), None), limit)):
            changes[spec.name] = [] if isinstance(current, list) else None
            if dropped is not None:
                dropped.append(at)
            continue
        if _is_entity(current) or isinstance(current, list):
            changes[spec.name] = _filter(current, limit, at, dropped)
    return dataclasses.replace(value, **changes) if changes else value


def _is_entity(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and hasattr(type(value), "__xml__")

"""An entity as an indented tree, for people (`domxml parse FILE`).

    Domain
      type: kvm
      name: server-vm
      memory: 4194304 KiB
      devices: 12 items
        - Disk vda
            type: file
            ...

Absent fields are left out; unknown XML kept for the round trip is counted, not shown.
"""
from __future__ import annotations

import dataclasses
import enum
from typing import Any

from .core.tokens import Token

INDENT = "  "


def render(entity: Any) -> str:
    """The tree of an entity, as text."""
    lines: list[str] = [_title(entity)]
    _fields(entity, 1, lines)
    return "\n".join(lines)


def _title(entity: Any) -> str:
    name = type(entity).__name__
    from .libvirt.devices.pairing import identity_values
    for _, values in identity_values(entity):
        return f"{name} {' '.join(_scalar(value) for value in values)}"
    return name


def _scalar(value: Any) -> str:
    if isinstance(value, Token):
        return f"{value.text} (placeholder)"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _is_entity(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def _fields(entity: Any, depth: int, lines: list[str]) -> None:
    pad = INDENT * depth
    for spec in dataclasses.fields(entity):
        value = getattr(entity, spec.name)
        if spec.name == "extras":
            if value is not None and (value.attrs or value.nodes):
                kept = len(value.attrs) + len(value.nodes)
                lines.append(f"{pad}({kept} unknown attribute(s)/node(s) kept as written)")
            continue
        if value is None or value == [] or value == {}:
            continue
        if _is_entity(value):
            summary = _inline(value)
            if summary is not None:
                lines.append(f"{pad}{spec.name}: {summary}")
            else:
                title = _title(value)
                plain = title == type(value).__name__
                lines.append(f"{pad}{spec.name}:" if plain else f"{pad}{spec.name}: {title}")
                _fields(value, depth + 1, lines)
        elif isinstance(value, list):
            lines.append(f"{pad}{spec.name}: {len(value)} item(s)")
            for item in value:
                if _is_entity(item):
                    lines.append(f"{pad}{INDENT}- {_title(item)}")
                    _fields(item, depth + 2, lines)
                else:
                    lines.append(f"{pad}{INDENT}- {_scalar(item)}")
        elif isinstance(value, dict):
            lines.append(f"{pad}{spec.name}:")
            lines.extend(f"{pad}{INDENT}{key}: {_scalar(item)}" for key, item in value.items())
        else:
            lines.append(f"{pad}{spec.name}: {_scalar(value)}")


def _inline(value: Any) -> str | None:
    """A small entity on one line (`memory: 4194304 KiB`), or None to show it nested."""
    shown = str(value)
    # (to mypy, two signatures that never meet; one function unless the class has its own)
    own = type(value).__str__ is not object.__str__  # type: ignore[comparison-overlap]
    if own and not shown.startswith(type(value).__name__):
        return shown   # the class has its own readable form (sizes)
    return None

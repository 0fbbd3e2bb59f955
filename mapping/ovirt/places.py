"""Where a value sits in an entity, in the terms a reviewer reads: the device by its
identity, then the XML path inside it as the document writes it.

    Place(scope="disk sda", xml="source/@file", field="domain.devices.items[3].source.file")
    str(place) == "disk sda: source/@file"

`scope` names the device the way `domxml diff` and `domxml edit`'s selectors do
(`mapping.libvirt.devices.pairing.label`: a disk by its target dev, a nic by its MAC, a
lease by its lockspace and key, else its alias), or the root element (`domain`) for a
value outside the devices; `field` keeps the Python path, for code.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any

from ..core import describe, is_mapped
from ..libvirt.devices import Devices
from ..libvirt.devices.pairing import label

# `.name`, `[3]` or `['key']`, as `placeholders._walk` writes its paths.
_STEP = re.compile(r"\.(\w+)|\[(\d+)\]|\[('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\]")


@dataclass(frozen=True)
class Place:
    """A value's place: `scope` (a device by its identity, or the root element), `xml`
    (the path inside it: elements, `@attribute`; "" for the scope element's own text)
    and `field` (the Python path from the entity, `domain.devices.items[1].target.path`)."""

    scope: str
    xml: str
    field: str

    def __str__(self) -> str:
        return f"{self.scope}: {self.xml}" if self.xml else self.scope


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _is_devices(value: Any) -> bool:
    return isinstance(value, Devices)


def _scope(entity: Any) -> str:
    # (a Domain or another document is named by its root; a device alone by its identity)
    if getattr(type(entity), "IDENTITY", None) is not None or hasattr(entity, "alias"):
        return label(entity)
    return _local(describe(type(entity)).tag) or type(entity).__name__.lower()


def _predicate(item: Any, siblings: list[Any], tag_of: Any) -> str:
    """`[@name='product']` when the item is named, `[2]` when others share its tag."""
    name = getattr(item, "name", None) if is_mapped(type(item)) else None
    if isinstance(name, str) and "name" in _attributes(type(item)):
        return f"[@name='{name}']"
    same = [other for other in siblings if tag_of(other) == tag_of(item)]
    if len(same) < 2:
        return ""
    return f"[{next(i for i, other in enumerate(same, 1) if other is item)}]"


def _attributes(cls: type) -> set[str]:
    return {view.name for view in describe(cls).fields if view.kind == "attr"}


def place(entity: Any, field: str) -> Place:
    """The place of the value at Python path `field` (as `unresolved` gives it: the
    entity's class name in lower case, then `.name`, `[index]` and `['key']` steps)."""
    scope, xml = _scope(entity), []
    value: Any = entity
    owner: Any = None
    view = None                  # the FieldView of the list or dict being stepped into
    rest = field[field.find("."):] if "." in field else ""
    for match in _STEP.finditer(rest):
        name, index, key = match.groups()
        if name is not None:
            view = describe(type(value)).field(name)
            owner, value = value, getattr(value, name)
            if _is_devices(owner) and name == "items":
                continue
            if view.kind == "attr":
                xml.append("@" + _local(view.xml))
            elif view.kind == "path":
                xml.append("/".join(("@" if part.startswith("@") else "")
                                    + _local(part.lstrip("@")) for part in view.xml.split("/")))
            elif view.kind not in ("text", "children", "unions", "choice", "entries", "raw"):
                xml.append(_local(view.xml))
        elif index is not None:
            siblings, value = value, value[int(index)]
            if _is_devices(owner) and view is not None and view.name == "items":
                scope, xml = label(value), []
                continue
            if view is None or not is_mapped(type(value)) and view.kind != "children":
                continue
            tag_of = _tagger(view)
            xml.append(tag_of(value) + _predicate(value, siblings, tag_of))
        else:
            entry = ast.literal_eval(key)
            value = value[entry]
            xml.append(str(entry))
    return Place(scope, "/".join(xml), field)


def _tagger(view: Any) -> Any:
    """The tag a list's item is written under: its class's own, else the field's."""
    def tag_of(item: Any) -> str:
        own = describe(type(item)).tag if is_mapped(type(item)) else ""
        return _local(own or view.xml) or "*"
    return tag_of

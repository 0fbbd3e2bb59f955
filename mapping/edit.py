"""Everyday edits of a document by the names of the Python model: `domxml edit`'s engine.

A PATH names fields as Python does (`memory`, `vcpu.count`, `devices.disk[vda].driver.cache`);
a step in a list takes a selector in brackets: for devices their identity (`disk[vda]`,
`interface[52:54:00:6b:3c:58]`, `controller[usb:0]`, `graphics[vnc]`), their alias
(`*[ua-0b5e...]` is any device of that alias), or a position among their kind (`disk[1]`);
for any other list, a position. A VALUE is read by the field's own codec (`cache=writeback`,
`readonly=yes`); a size takes its unit (`memory=8GiB`).

Every mistake is one `EditError` line that names what exists there.
"""
from __future__ import annotations

import dataclasses
import difflib
import re
import typing
from typing import Any

from .core import MappingError, OpenEnum, describe, is_mapped
from .libvirt.devices import DEVICE_CLASSES, Devices
from .libvirt.devices.pairing import identity_values
from .libvirt.devices.views import matches

_STEP = re.compile(r"([A-Za-z_*][A-Za-z0-9_]*)(?:\[([^\]]*)\])?")
_SIZE = re.compile(r"\s*(\d+)\s*([A-Za-z]*)\s*")
_TRUE, _FALSE = ("yes", "on", "true", "1"), ("no", "off", "false", "0")
# device kinds by tag, in libvirt's order of <devices>
_KINDS = {describe(cls).tag: cls for cls in DEVICE_CLASSES}


class EditError(MappingError):
    """A PATH, selector or VALUE that does not fit the document."""


@dataclasses.dataclass(frozen=True)
class Step:
    name: str
    selector: str | None


def parse_path(path: str) -> list[Step]:
    """`devices.disk[vda].driver` as steps (EditError when it is not a path)."""
    steps, position = [], 0
    while True:
        match = _STEP.match(path, position)
        if match is None:
            raise EditError(f"{path!r}: expected a field name at character {position + 1}")
        steps.append(Step(match.group(1), match.group(2)))
        position = match.end()
        if position == len(path):
            return steps
        if path[position] != ".":
            raise EditError(f"{path!r}: unexpected {path[position]!r} at character "
                            f"{position + 1}")
        position += 1


def _fields(obj: Any) -> list[str]:
    return [field.name for field in dataclasses.fields(obj) if field.name != "extras"]


def _no_field(obj: Any, name: str, where: str) -> EditError:
    names = _fields(obj)
    if isinstance(obj, Devices):
        names = [*_KINDS, *names]
    close = difflib.get_close_matches(name, names, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f" (it has {', '.join(names)})"
    return EditError(f"{where}: no field {name!r} on {type(obj).__name__}{hint}")


def _device_label(device: Any) -> str:
    keys = [":".join(str(getattr(v, "value", v)) for v in values)
            for _, values in identity_values(device)]
    if device.alias:
        keys.append(device.alias)
    return f"{describe(type(device)).tag}[{keys[0] if keys else '?'}]"


def select_device(devices: Devices, step: Step, where: str) -> Any:
    """The one device a step such as `disk[vda]` or `*[ua-...]` names."""
    if step.name == "*":
        pool = list(devices.items)
    elif step.name in _KINDS:
        pool = devices.of_type(_KINDS[step.name])
    else:
        raise _no_field(devices, step.name, where)
    if step.selector is None:
        if len(pool) == 1:
            return pool[0]
        raise EditError(f"{where}: {len(pool)} <{step.name}> devices; say which, e.g. "
                        f"{', '.join(_device_label(d) for d in pool[:3]) or 'none'}")
    found = [device for device in pool if matches(device, step.selector)]
    if not found and step.selector.isdigit() and step.name != "*":
        index = int(step.selector)
        found = pool[index:index + 1]
    if len(found) == 1:
        return found[0]
    there = ", ".join(_device_label(device) for device in pool) or "none"
    if not found:
        raise EditError(f"{where}: no {step.name}[{step.selector}] (there are: {there})")
    raise EditError(f"{where}: {step.name}[{step.selector}] names {len(found)} devices "
                    f"({there}); use an alias or a position")


def _class_of(annotation: Any) -> type | None:
    """The mapped class a field holds (not for unions of several)."""
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)] or [annotation]
    mapped = [arg for arg in args if isinstance(arg, type) and is_mapped(arg)]
    return mapped[0] if len(mapped) == 1 else None


def _step_into(obj: Any, step: Step, where: str, create: bool) -> Any:
    if isinstance(obj, Devices) and (step.name in _KINDS or step.name == "*"):
        return select_device(obj, step, where)
    if not dataclasses.is_dataclass(obj) or step.name not in _fields(obj):
        raise _no_field(obj, step.name, where)
    value = getattr(obj, step.name)
    if step.selector is not None:
        if not isinstance(value, list):
            raise EditError(f"{where}: {type(obj).__name__}.{step.name} is not a list")
        if not step.selector.isdigit() or int(step.selector) >= len(value):
            raise EditError(f"{where}: {type(obj).__name__}.{step.name} has "
                            f"{len(value)} items; [{step.selector}] is none of them")
        return value[int(step.selector)]
    if value is None and create:
        cls = _class_of(describe(type(obj)).field(step.name).annotation)
        if cls is None:
            raise EditError(f"{where}: {type(obj).__name__}.{step.name} is not set, and "
                            "may hold several kinds: set it in XML first (--add)")
        value = cls()
        setattr(obj, step.name, value)
    if value is None:
        raise EditError(f"{where}: {type(obj).__name__}.{step.name} is not set")
    return value


def walk(entity: Any, steps: list[Step], where: str, create: bool = False) -> Any:
    for step in steps:
        entity = _step_into(entity, step, where, create)
    return entity


def parse_value(holder: Any, name: str, text: str, where: str) -> Any:
    """`text` as the value of field `name` of `holder`, read by the field's codec."""
    view = describe(type(holder)).field(name)
    if view.kind == "flag":
        lowered = text.lower()
        if lowered in _TRUE or lowered in _FALSE:
            return lowered in _TRUE
        raise EditError(f"{where}: {type(holder).__name__}.{name} is yes or no, not {text!r}")
    if view.codec is not None and view.kind in ("attr", "text", "path"):
        try:
            value = view.codec.parse(text)
        except (ValueError, TypeError, MappingError) as err:
            raise EditError(f"{where}: {text!r} is not a value of "
                            f"{type(holder).__name__}.{name}: {err}") from None
        if isinstance(value, OpenEnum) and not value.known:
            # (a document may carry a value newer than the model; an edit is checked)
            known = ", ".join(member.value for member in type(value))
            raise EditError(f"{where}: {text!r} is not a value of "
                            f"{type(holder).__name__}.{name} (one of: {known})")
        return value
    cls = _class_of(view.annotation)
    if cls is not None and hasattr(cls, "of"):
        match = _SIZE.fullmatch(text)
        if match is None:
            raise EditError(f"{where}: {type(holder).__name__}.{name} is a size: a number "
                            f"and a unit, like 8GiB, not {text!r}")
        try:
            return cls.of(int(match.group(1)), match.group(2) or "KiB")
        except (ValueError, MappingError) as err:
            raise EditError(f"{where}: {text!r}: {err}") from None
    raise EditError(f"{where}: {type(holder).__name__}.{name} is an element, not a value: "
                    f"set one of its fields ({', '.join(_fields_of(view))})")


def _fields_of(view: Any) -> list[str]:
    cls = _class_of(view.annotation)
    return [] if cls is None else [f.name for f in describe(cls).fields][:8]


def set_path(entity: Any, path: str, text: str) -> None:
    """`--set PATH=VALUE`: set one field, making the elements on the way if need be."""
    steps = parse_path(path)
    holder = walk(entity, steps[:-1], path, create=True)
    last = steps[-1]
    if isinstance(holder, Devices) or not dataclasses.is_dataclass(holder) or \
            last.name not in _fields(holder):
        raise _no_field(holder, last.name, path)
    if last.selector is not None:
        raise EditError(f"{path}: a value is set on a field, not on [{last.selector}]")
    setattr(holder, last.name, parse_value(holder, last.name, text, path))


def remove_path(entity: Any, path: str) -> None:
    """`--remove SELECTOR`: take a device out (`disk[vdb]`, `devices.disk[vdb]`,
    `*[ua-...]`), an item of a list, or unset a field."""
    steps = parse_path(path)
    devices = getattr(entity, "devices", None)
    if isinstance(devices, Devices) and (steps[0].name in _KINDS or steps[0].name == "*"):
        steps = [Step("devices", None), *steps]
    holder = walk(entity, steps[:-1], path)
    last = steps[-1]
    if isinstance(holder, Devices) and (last.name in _KINDS or last.name == "*"):
        device = select_device(holder, last, path)
        holder.items = [item for item in holder.items if item is not device]
        return
    if not dataclasses.is_dataclass(holder) or last.name not in _fields(holder):
        raise _no_field(holder, last.name, path)
    value = getattr(holder, last.name)
    if last.selector is not None:
        item = _step_into(holder, last, path, False)
        setattr(holder, last.name, [other for other in value if other is not item])
    elif value is None:
        raise EditError(f"{path}: {type(holder).__name__}.{last.name} is not set")
    else:
        setattr(holder, last.name, [] if isinstance(value, list) else None)


def add_device(devices: Devices, device: Any) -> None:
    """Add a device where libvirt puts its kind (`Devices.add`)."""
    try:
        devices.add(device)
    except TypeError as err:
        raise EditError(str(err)) from None

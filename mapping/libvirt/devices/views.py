"""Live, typed views of `<devices>`: the devices of one kind as a list that edits the
document (`domain.devices.disks.append(disk)` adds a disk where libvirt puts disks).

`Devices.items` holds every device in document order, across kinds; a `DeviceList`
is the devices of one kind among them. Reading it reads `items`; changing it changes
`items`: an item set in place stays where it stood, one inserted before a device of its
kind goes right before it, and one appended goes after the last of its kind (or, the
first of its kind, where libvirt writes that kind among the others).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableSequence
from typing import Any, Generic, TypeVar, overload

D = TypeVar("D")


def matches(device: Any, selector: str) -> bool:
    """Whether a device's alias, one of its identity keys (joined by `:`, as
    `controller[usb:0]`), its type or its model is `selector`, in any case."""
    from .pairing import identity_values
    wanted = selector.lower()
    alias = getattr(device, "alias", None)
    if alias is not None and alias.lower() == wanted:
        return True
    for _, values in identity_values(device):
        if ":".join(str(getattr(v, "value", v)).lower() for v in values) == wanted:
            return True
    for name in ("type", "model"):
        value = getattr(device, name, None)
        if isinstance(value, str) and value.lower() == wanted:
            return True
    return False


def libvirt_position(items: list[Any], device: Any, kinds: tuple[type, ...]) -> int:
    """Where libvirt puts `device` among `items`: after the last device of its kind or of
    a kind it writes before it (`kinds`, in libvirt's order)."""
    rank = _rank(type(device), kinds)
    if rank is None:
        raise TypeError(f"a {type(device).__name__} is no device of <devices>")
    position = 0
    for index, item in enumerate(items):
        found = _rank(type(item), kinds)
        if found is None or found <= rank:
            position = index + 1
    return position


def _rank(cls: type, kinds: tuple[type, ...]) -> int | None:
    for klass in cls.__mro__:
        if klass in kinds:
            return kinds.index(klass)
    return None


class DeviceList(MutableSequence[D], Generic[D]):
    """The devices of one kind in a `<devices>`, in document order, as a list whose
    changes are the document's (see the module's docstring)."""

    __slots__ = ("_devices", "_kind", "_kinds")

    def __init__(self, devices: Any, kind: type[D], kinds: tuple[type, ...]):
        self._devices, self._kind, self._kinds = devices, kind, kinds

    def _positions(self) -> list[int]:
        kind = self._kind
        return [index for index, item in enumerate(self._devices.items)
                if isinstance(item, kind)]

    def _checked(self, value: Any) -> D:
        if not isinstance(value, self._kind):
            raise TypeError(f"a {type(value).__name__} is not a {self._kind.__name__}")
        return value

    def __len__(self) -> int:
        return len(self._positions())

    @overload
    def __getitem__(self, index: int) -> D: ...

    @overload
    def __getitem__(self, index: slice) -> list[D]: ...

    def __getitem__(self, index: Any) -> Any:
        items = self._devices.items
        if isinstance(index, slice):
            return [items[position] for position in self._positions()[index]]
        return items[self._positions()[index]]

    def __setitem__(self, index: Any, value: Any) -> None:
        if isinstance(index, slice):
            raise TypeError("set devices one at a time (or assign Devices.items)")
        self._devices.items[self._positions()[index]] = self._checked(value)

    def __delitem__(self, index: Any) -> None:
        positions = self._positions()[index]
        for position in sorted(positions if isinstance(positions, list) else [positions],
                               reverse=True):
            del self._devices.items[position]

    def insert(self, index: int, value: Any) -> None:
        device = self._checked(value)
        positions = self._positions()
        items = self._devices.items
        if index < 0:
            index = max(0, index + len(positions))
        if index < len(positions):
            items.insert(positions[index], device)
        elif positions:
            items.insert(positions[-1] + 1, device)
        else:
            items.insert(libvirt_position(items, device, self._kinds), device)

    def remove(self, value: Any) -> None:
        """Remove this device (the very object; else the first equal one)."""
        items = self._devices.items
        for position, item in enumerate(items):
            if item is value:
                del items[position]
                return
        super().remove(value)

    def __iter__(self) -> Iterator[D]:
        kind = self._kind
        return iter([item for item in self._devices.items if isinstance(item, kind)])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (DeviceList, list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None   # type: ignore[assignment]  # a view of something mutable

    def __repr__(self) -> str:
        return repr(list(self))

    def extend(self, values: Iterable[Any]) -> None:
        for value in list(values):
            self.append(value)


class KindView(Generic[D]):
    """`Devices.disks` and its kin: the `DeviceList` of one kind, typed for checkers."""

    def __init__(self, kind: type[D], doc: str):
        self.kind, self.__doc__ = kind, doc

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> KindView[D]: ...

    @overload
    def __get__(self, obj: Any, owner: type | None = None) -> DeviceList[D]: ...

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        from . import DEVICE_CLASSES   # (the kinds, in libvirt's order)
        return DeviceList(obj, self.kind, DEVICE_CLASSES)

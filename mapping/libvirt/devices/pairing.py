"""Pairing the devices of two domains: the same device before and after.

Used to compare a domain the engine sent with the one a host reports, and by
`domxml diff`. A device is the same one when, in this order:

1. both carry the same alias (a user alias `ua-<uuid>` survives a run);
2. they agree on one of the identity keys its class declares (`IDENTITY`: a nic's MAC
   address, a disk's target dev or serial, a controller's type and index ...);
3. they sit at the same address;
4. they are the only ones of their kind left on both sides (one balloon, one video);
5. as many of a kind are left on both sides, none with an identity: paired in document
   order (libvirt keeps the order of devices of one kind).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ALIAS, IDENTITY, ADDRESS, ONLY_ONE = "alias", "identity", "address", "only one of its kind"
ORDER = "order among its kind"


@dataclass
class Pairing:
    """The outcome: matched pairs with how they were matched, and the leftovers."""

    pairs: list[tuple[Any, Any, str]] = field(default_factory=list)
    left_only: list[Any] = field(default_factory=list)
    right_only: list[Any] = field(default_factory=list)


def value_at(obj: Any, dotted: str) -> Any:
    """`obj.a.b` for "a.b", None when any step is missing."""
    for name in dotted.split("."):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


def identity_values(device: Any) -> list[tuple[str, tuple[Any, ...]]]:
    """(key, values) for each identity key of the device's class that it has in full."""
    found = []
    for key in getattr(type(device), "IDENTITY", ()):
        values = tuple(_normal(value_at(device, path)) for path in key.split("+"))
        if all(value is not None for value in values):
            found.append((key, values))
    return found


def _normal(value: Any) -> Any:
    # MAC addresses and the like differ in case between engine and host.
    return value.lower() if isinstance(value, str) else value


def label(device: Any) -> str:
    """A short human name: `disk vda`, `interface 52:54:00:..`, `controller usb 0`."""
    kind = type(device).__name__.lower()
    for _, values in identity_values(device):
        return f"{kind} {' '.join(str(getattr(v, 'value', v)) for v in values)}"
    alias = getattr(device, "alias", None)
    return f"{kind} {alias}" if alias else kind


def pair_devices(left: list[Any], right: list[Any]) -> Pairing:
    """Pair the devices of two lists (devices of the same class only).

    Linear in the number of devices: each rule indexes the devices left on the right by
    their keys (alias, identity values, address) instead of comparing every pair."""
    result = Pairing()
    todo_left = list(left)
    taken: set[int] = set()   # (ids of right devices paired already)

    def take(keys: Callable[[Any], list[Any]], how: str,
             agree: Callable[[Any, Any], bool] | None = None) -> None:
        index: dict[tuple[type, Any], list[Any]] = {}
        for other in right:
            if id(other) not in taken:
                for key in keys(other):
                    index.setdefault((type(other), key), []).append(other)
        still = []
        for item in todo_left:
            found = {}
            for key in keys(item):
                for other in index.get((type(item), key), ()):
                    if id(other) not in taken and (agree is None or agree(item, other)):
                        found[id(other)] = other
            if len(found) == 1:   # (one candidate only: else it is not this rule's to say)
                (other,) = found.values()
                result.pairs.append((item, other, how))
                taken.add(id(other))
            else:
                still.append(item)
        todo_left[:] = still

    def alias(device: Any) -> list[str]:
        value = getattr(device, "alias", None)
        return [] if value is None else [value]

    def address(device: Any) -> list[str]:
        value = getattr(device, "address", None)   # (an entity: indexed by its repr)
        return [] if value is None else [repr(value)]

    take(alias, ALIAS)
    take(identity_values, IDENTITY)
    take(address, ADDRESS, lambda a, b: a.address == b.address)
    todo_right = [item for item in right if id(item) not in taken]
    left_kinds = Counter(type(item) for item in todo_left)
    right_kinds = Counter(type(item) for item in todo_right)
    still = []
    for item in todo_left:
        kind = type(item)
        if left_kinds[kind] == 1 and right_kinds[kind] == 1:
            other = next(o for o in todo_right if type(o) is kind)
            if not (identity_values(item) and identity_values(other)):
                result.pairs.append((item, other, ONLY_ONE))
                taken.add(id(other))
                continue
        still.append(item)
    todo_left = still
    todo_right = [item for item in right if id(item) not in taken]
    for kind in dict.fromkeys(type(item) for item in todo_left):
        mine = [item for item in todo_left if type(item) is kind]
        theirs = [item for item in todo_right if type(item) is kind]
        if len(mine) == len(theirs) and not any(map(identity_values, mine + theirs)):
            for left_item, right_item in zip(mine, theirs):
                result.pairs.append((left_item, right_item, ORDER))
                taken.add(id(right_item))
            paired = {id(item) for item in mine}
            todo_left = [item for item in todo_left if id(item) not in paired]
    result.left_only = todo_left
    result.right_only = [item for item in right if id(item) not in taken]
    order = {id(item): index for index, item in enumerate(left)}
    result.pairs.sort(key=lambda pair: order[id(pair[0])])
    return result

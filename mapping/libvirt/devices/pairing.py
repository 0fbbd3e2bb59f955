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


def identity_values(device: Any) -> list[tuple[str, tuple]]:
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
    """Pair the devices of two lists (devices of the same class only)."""
    result = Pairing()
    todo_left, todo_right = list(left), list(right)

    def take(matcher, how: str) -> None:
        for item in list(todo_left):
            candidates = [other for other in todo_right
                          if type(other) is type(item) and matcher(item, other)]
            if len(candidates) == 1:
                result.pairs.append((item, candidates[0], how))
                todo_left.remove(item)
                todo_right.remove(candidates[0])

    take(lambda a, b: getattr(a, "alias", None) is not None
         and getattr(a, "alias", None) == getattr(b, "alias", None), ALIAS)
    take(lambda a, b: bool(set(identity_values(a)) & set(identity_values(b))), IDENTITY)
    take(lambda a, b: getattr(a, "address", None) is not None
         and getattr(a, "address", None) == getattr(b, "address", None), ADDRESS)
    take(lambda a, b: sum(type(x) is type(a) for x in todo_left) == 1
         and sum(type(y) is type(a) for y in todo_right) == 1
         and not (identity_values(a) and identity_values(b)), ONLY_ONE)
    for kind in dict.fromkeys(type(item) for item in todo_left):
        mine = [item for item in todo_left if type(item) is kind]
        theirs = [item for item in todo_right if type(item) is kind]
        if len(mine) == len(theirs) and not any(map(identity_values, mine + theirs)):
            for left_item, right_item in zip(mine, theirs):
                result.pairs.append((left_item, right_item, ORDER))
                todo_left.remove(left_item)
                todo_right.remove(right_item)
    result.left_only, result.right_only = todo_left, todo_right
    order = {id(item): index for index, item in enumerate(left)}
    result.pairs.sort(key=lambda pair: order[id(pair[0])])
    return result

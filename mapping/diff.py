"""A semantic diff of two documents: what changed, in the model's terms.

In two domains, devices are paired by identity (`mapping.libvirt.devices.pairing`), then
each pair and the rest of the domain are compared field by field, as JSON values:

    disk vda: driver.cache: none -> writeback
    interface 52:54:00:12:34:56: added <interface type='network'>...</interface>
    memory: 4 GiB -> 8 GiB
    metadata ovirt-vm: device vda: volumeID: 2b6f...0a01 -> 2b6f...0a09

Two documents of any other one kind (networks, pools, snapshots, ...) are compared field
by field (`ips[0].dhcp.ranges[0].end: 192.168.122.254 -> 192.168.122.200`).
"""
from __future__ import annotations

import copy
import dataclasses
import difflib
import enum
import json
from dataclasses import dataclass
from typing import Any

from .core import MappingError, Token, to_dict, to_xml
from .diff_metadata import metadata_changes
from .libvirt.units import Size
from .libvirt.devices.pairing import Pairing, identity_values, label, pair_devices

IDENTITY_CHANGED = "identity changed"



@dataclass(frozen=True)
class Change:
    """One difference: where (in domain terms), and the value before and after."""

    where: str
    before: Any
    after: Any

    def __str__(self) -> str:
        if self.before is _ABSENT:
            return f"{self.where}: added {_show(self.after)}"
        if self.after is _ABSENT:
            return f"{self.where}: removed {_show(self.before)}"
        return f"{self.where}: {_show(self.before)} -> {_show(self.after)}"

    def as_json(self) -> dict[str, Any]:
        """`{"where", "before", "after"}` for machines; a side that is absent is left out."""
        found: dict[str, Any] = {"where": self.where}
        for name, value in (("before", self.before), ("after", self.after)):
            if value is not _ABSENT:
                found[name] = value.value if isinstance(value, enum.Enum) else value
        return found


class _Absent:
    def __repr__(self) -> str:
        return "(absent)"


_ABSENT = _Absent()


def _show(value: Any) -> str:
    if isinstance(value, dict | list):
        text = repr(value)
        return text if len(text) <= 120 else text[:117] + "..."
    return str(value)


def compare(before: Any, after: Any, where: str = "") -> list[Change]:
    """Field-level changes between two entities (or two JSON-ready values)."""
    prefix = f"{where}: " if where else ""
    if before.__class__ is after.__class__ and hasattr(before.__class__, "__xml__"):
        # Only the fields that differ are turned into JSON values (most of the time of a
        # poll went to converting devices that had not changed).
        try:
            found = _entity_differences(before, after)
        except RecursionError:   # (a value deeper than dataclasses-json goes)
            found = _differences(_plain(before), _plain(after))
    else:
        found = _differences(_plain(before), _plain(after))
    changes = [Change(prefix + (path or "(whole)"), old, new) for path, old, new in found]
    return sorted(changes, key=lambda change: change.where)


def _identical(left: Any, right: Any) -> bool:
    """Equal, and of the same types throughout (1, 1.0 and True are three values)."""
    stack = [(left, right)]
    pop, push = stack.pop, stack.append
    while stack:
        a, b = pop()
        if a is b:
            continue
        kind = a.__class__
        if kind is not b.__class__:
            return False
        if kind in _ATOMS:
            if a != b:
                return False
        elif kind is list or kind is tuple:
            if len(a) != len(b):
                return False
            stack += zip(a, b)
        elif kind is dict:
            if a.keys() != b.keys():
                return False
            stack += ((a[key], b[key]) for key in a)
        elif hasattr(kind, "__xml__"):
            for name in kind.__dataclass_fields__:
                push((getattr(a, name), getattr(b, name)))
        elif a != b:   # enums, kept XML, tokens, a user's values
            return False
    return True


_ATOMS = frozenset({str, int, float, bool, type(None)})


def _entity_differences(before: Any, after: Any) -> list[tuple[str, Any, Any]]:
    """`_differences` of the JSON values of two entities of one class, made field by
    field: a field whose values are identical is passed over; a nested entity of the
    same class on both sides (a union's variant too) is gone into."""
    found: list[tuple[str, Any, Any]] = []
    stack = [("", before, after)]
    while stack:
        path, old, new = stack.pop()
        if _identical(old, new):   # (one walk for the whole, the common case)
            continue
        for field in dataclasses.fields(old):
            left, right = getattr(old, field.name), getattr(new, field.name)
            if _identical(left, right):
                continue
            at = f"{path}.{field.name}" if path else field.name
            if isinstance(left, Size) and isinstance(right, Size):
                # A size is its amount: 4 GiB and 4096 MiB are no change.
                if left.bytes != right.bytes:
                    found.append((at, str(left), str(right)))
                rest_left, rest_right = copy.copy(left), copy.copy(right)
                rest_left.value = rest_left.unit = rest_right.value = rest_right.unit = None
                stack.append((at, rest_left, rest_right))
                continue
            if left.__class__ is right.__class__ and hasattr(left.__class__, "__xml__"):
                stack.append((at, left, right))   # (a union's variant too: as in its JSON)
                continue
            options = field.metadata.get("dataclasses_json", {})
            # (a choice's items keep their tag, as in their JSON; a union's variant is
            # shown as the object it is, its discriminator beside it)
            encoder = options.get("encoder") if isinstance(left, list) else None
            exclude = options.get("exclude")
            found += _differences(_field_json(left, encoder, exclude),
                                  _field_json(right, encoder, exclude), at)
    return found


def _field_json(value: Any, encoder: Any, exclude: Any) -> Any:
    """A field's value as it stands in its owner's JSON (`_ABSENT` when left out)."""
    if exclude is not None and exclude(value):
        return _ABSENT
    if encoder is not None:
        value = encoder(value)
    return _plain(value)


def _differences(left: Any, right: Any, root: str = "") -> list[tuple[str, Any, Any]]:
    """(path, before, after) for each difference of two JSON values, `_ABSENT` for a
    side that has none. A loop, not recursion: a backing chain nests 250 levels, and the
    work stays linear in the size of the values (deepdiff copies the path at every
    level, which is quadratic in the depth)."""
    found: list[tuple[str, Any, Any]] = []
    stack: list[tuple[str, Any, Any]] = [(root, left, right)]
    while stack:
        path, old, new = stack.pop()
        if old.__class__ is not new.__class__:
            found.append((path, old, new))   # (1 -> 1.0 and 1 -> True are changes too)
        elif isinstance(old, dict):
            for key, value in old.items():
                if path.endswith("extras") and key == "order":
                    continue   # layout (the order of known children) is not content
                inner = f"{path}.{key}" if path else str(key)
                if key in new:
                    stack.append((inner, value, new[key]))
                else:
                    found.append((inner, value, _ABSENT))
            found += [(f"{path}.{key}" if path else str(key), _ABSENT, value)
                      for key, value in new.items() if key not in old]
        elif isinstance(old, list):
            _list_differences(path, old, new, found, stack)
        elif old != new:
            found.append((path, old, new))
    return found


def _list_differences(path: str, old: list[Any], new: list[Any],
                      found: list[tuple[str, Any, Any]],
                      stack: list[tuple[str, Any, Any]]) -> None:
    """Lists of scalars are matched as sequences (one item removed from the middle is
    that, not every later item changed); lists of objects item by item."""
    if not all(isinstance(item, _SCALARS) for item in (*old, *new)):
        for index in range(max(len(old), len(new))):
            at = f"{path}[{index}]"
            if index >= len(new):
                found.append((at, old[index], _ABSENT))
            elif index >= len(old):
                found.append((at, _ABSENT, new[index]))
            else:
                stack.append((at, old[index], new[index]))
        return
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, start, end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        for offset in range(max(end - start, new_end - new_start)):
            before = old[start + offset] if start + offset < end else _ABSENT
            after = new[new_start + offset] if new_start + offset < new_end else _ABSENT
            index = start + offset if before is not _ABSENT else new_start + offset
            found.append((f"{path}[{index}]", before, after))


_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """JSON types only (enums as their XML values), as `domxml parse --json` shows them."""
    if isinstance(value, list) and any(hasattr(type(item), "__xml__") for item in value):
        return [_plain(item) for item in value]   # (each as its owner's JSON has it)
    if not hasattr(type(value), "__xml__"):
        return json.loads(json.dumps(value, default=_json_value))
    # (scalars as they stand, an oVirt placeholder too, which the encoded form refuses;
    # json turns the enums and placeholders into their text, once)
    data = to_dict(value, encode=False)
    return json.loads(json.dumps(data, default=_json_value))


def _json_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Token):   # (an oVirt placeholder: as the engine writes it)
        return value.text
    if hasattr(type(value), "__xml__"):
        return to_dict(value)
    raise MappingError(f"cannot compare a {type(value).__name__}: not a JSON value")


def diff_domains(before: Any, after: Any) -> list[Change]:
    """What changed from one domain to the other, devices paired by identity."""
    changes = compare(_without_devices(before), _without_devices(after))
    changes += metadata_changes(before.metadata, after.metadata, compare, Change, _ABSENT)
    left = before.devices.items if before.devices is not None else []
    right = after.devices.items if after.devices is not None else []
    pairing = pair_devices(left, right)
    pair_changed_identities(pairing, left, right)
    for old, new, _ in pairing.pairs:
        changes += compare(old, new, label(old))
    changes += [Change(label(item), device_xml(item), _ABSENT) for item in pairing.left_only]
    changes += [Change(label(item), _ABSENT, device_xml(item)) for item in pairing.right_only]
    return changes


def pair_changed_identities(pairing: Pairing, left: list[Any], right: list[Any]) -> None:
    """Pair (in `pairing`) a device whose identity changed with its new self, so a MAC
    changed reads as that field changed, not as one nic removed and another added.

    Only where nothing else tells the two apart: each is the only device of its class
    left unpaired on its side, they have one identity key in common (the one that
    changed: a disk whose target dev and serial both changed is another disk), their
    aliases and addresses do not differ where both have one, and they stand at the same
    place among the devices of their class or take the same source."""
    lone_left, lone_right = _lone_by_class(pairing.left_only), _lone_by_class(
        pairing.right_only)
    for kind, old in lone_left.items():
        new = lone_right.get(kind)
        if new is None or not _same_device_but_identity(old, new, left, right):
            continue
        pairing.pairs.append((old, new, IDENTITY_CHANGED))
        pairing.left_only.remove(old)
        pairing.right_only.remove(new)
    order = {id(item): index for index, item in enumerate(left)}
    pairing.pairs.sort(key=lambda pair: order[id(pair[0])])


def _lone_by_class(devices: list[Any]) -> dict[type, Any]:
    found: dict[type, list[Any]] = {}
    for item in devices:
        found.setdefault(type(item), []).append(item)
    return {kind: items[0] for kind, items in found.items() if len(items) == 1}


def _same_device_but_identity(old: Any, new: Any, left: list[Any], right: list[Any]) -> bool:
    keys_old, keys_new = dict(identity_values(old)), dict(identity_values(new))
    if len(keys_old.keys() & keys_new.keys()) != 1:
        return False
    for name in ("alias", "address"):
        mine, theirs = getattr(old, name, None), getattr(new, name, None)
        if mine is not None and theirs is not None and mine != theirs:
            return False

    def place(device: Any, devices: list[Any]) -> int:
        return [item for item in devices if type(item) is type(device)].index(device)

    source = getattr(old, "source", None)
    return (place(old, left) == place(new, right)
            or (source is not None and source == getattr(new, "source", None)))


def diff_documents(before: Any, after: Any) -> list[Change]:
    """What changed from one document to the other: two domains as `diff_domains`
    compares them, two documents of another one kind field by field."""
    from .libvirt import Domain
    if isinstance(before, Domain) and isinstance(after, Domain):
        return diff_domains(before, after)
    if type(before) is not type(after):
        raise MappingError(f"a {type(before).__name__} and a {type(after).__name__} are "
                           "different documents: diff compares two of one kind")
    return compare(before, after)


def device_xml(device: Any) -> str:
    """A device added or removed, as its XML on one line: what a reviewer reads."""
    return to_xml(device, pretty=False, style="libvirt")


def _without_devices(domain: Any) -> Any:
    # (a shallow copy: the devices, compared pair by pair, are not converted for nothing)
    rest = copy.copy(domain)
    rest.devices = rest.metadata = None   # (the metadata is compared block by block)
    return rest

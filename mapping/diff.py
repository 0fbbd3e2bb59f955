"""A semantic diff of two domains: what changed, in domain terms.

Devices are paired by identity (`mapping.libvirt.devices.pairing`), then each pair and
the rest of the domain are compared field by field with deepdiff:

    disk vda: driver.cache: none -> writeback
    interface 52:54:00:12:34:56: added (mac 52:54:00:12:34:56)
    memory.value: 4194304 -> 8388608
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from deepdiff import DeepDiff

from .core import to_dict
from .libvirt.devices.pairing import label, pair_devices

# Layout (the order of known children) is not content; neither is the `extras` holder's
# bookkeeping of it.
_LAYOUT = [r"\['extras'\]\['order'\]"]


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


class _Absent:
    def __repr__(self) -> str:
        return "(absent)"


_ABSENT = _Absent()


def _show(value: Any) -> str:
    if isinstance(value, dict | list):
        text = repr(value)
        return text if len(text) <= 120 else text[:117] + "..."
    return str(value)


def _path(deep_path: str) -> str:
    """root['driver']['cache'] -> driver.cache; root['items'][2] -> items[2]"""
    text = re.sub(r"\['([^']*)'\]", r".\1", deep_path.removeprefix("root"))
    return text.lstrip(".") or "(whole)"


def compare(before: Any, after: Any, where: str = "") -> list[Change]:
    """Field-level changes between two entities (or two JSON-ready values)."""
    left, right = _plain(before), _plain(after)
    found = DeepDiff(left, right, verbose_level=2, exclude_regex_paths=_LAYOUT)
    changes = []
    prefix = f"{where}: " if where else ""
    for kind, entries in found.items():
        for deep_path, detail in entries.items():
            path = prefix + _path(deep_path)
            if kind in ("values_changed", "type_changes"):
                changes.append(Change(path, detail["old_value"], detail["new_value"]))
            elif kind in ("dictionary_item_added", "iterable_item_added"):
                changes.append(Change(path, _ABSENT, detail))
            elif kind in ("dictionary_item_removed", "iterable_item_removed"):
                changes.append(Change(path, detail, _ABSENT))
    return sorted(changes, key=lambda change: change.where)


def _plain(value: Any) -> Any:
    """JSON types only (enums as their XML values), as `domxml parse --json` shows them."""
    data = to_dict(value) if hasattr(type(value), "__xml__") else value
    return json.loads(json.dumps(data))


def diff_domains(before: Any, after: Any) -> list[Change]:
    """What changed from one domain to the other, devices paired by identity."""
    changes = compare(_without_devices(before), _without_devices(after))
    left = before.devices.items if before.devices is not None else []
    right = after.devices.items if after.devices is not None else []
    pairing = pair_devices(left, right)
    for old, new, _ in pairing.pairs:
        changes += compare(old, new, label(old))
    changes += [Change(label(item), item_summary(item), _ABSENT) for item in pairing.left_only]
    changes += [Change(label(item), _ABSENT, item_summary(item)) for item in pairing.right_only]
    return changes


def item_summary(device: Any) -> dict:
    """A device as JSON without empty lists and holders: what a reader needs to see."""
    return _compact(_plain(device))


def _compact(value: Any) -> Any:
    if isinstance(value, dict):
        kept = {key: _compact(item) for key, item in value.items() if key != "extras"}
        return {key: item for key, item in kept.items() if item not in ([], {}, None)}
    if isinstance(value, list):
        return [_compact(item) for item in value]
    return value


def _without_devices(domain: Any) -> dict:
    data = _plain(domain)
    data.pop("devices", None)
    return data

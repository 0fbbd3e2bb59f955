"""Polling a running VM: did its devices change, and how.

An engine polls each host for each VM's XML. Most polls find nothing new, so the first
question is cheap: `fingerprint(domain)` hashes what the devices mean (the XML the model
writes for them, canonicalized), so a dump that libvirt or a proxy reformatted (quotes,
indentation, attribute order, namespace prefixes, number spellings such as `0x05`) has
the same fingerprint, and any change to a device field gives another. When it changed,
`changes(before, after)` says what: the devices added and removed, and for each device
present in both, the fields that changed (alias, address, source, ...), pairing devices
as `match` does (user alias, then identity, then address).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..core import to_xml
from ..diff import Change
from ..libvirt.devices.pairing import label
from .matching import match

# (a version tag in the hash: a release that writes devices differently changes it)
_FINGERPRINT_VERSION = b"domxml-devices-1\0"


def fingerprint(domain: Any) -> str:
    """A stable hash (hex) of what the domain's devices mean.

    It is made of the XML the model writes for `domain.devices` (no layout, typed
    values in one spelling whatever the dump said), in canonical form: attributes
    sorted and, where kept XML is in a namespace, its prefixes renamed (C14N 2.0).
    Unknown XML kept in a device counts, as it stands (its values are not typed, so not
    respelled). A domain without devices has the fingerprint of no devices."""
    devices = domain.devices
    digest = hashlib.sha256(_FINGERPRINT_VERSION)
    if devices is not None:
        written = to_xml(devices, pretty=False)
        if "xmlns" in written:   # kept XML in a namespace: its prefixes are renamed
            digest.update(etree.canonicalize(written, rewrite_prefixes=True).encode("utf-8"))
        else:   # (libxml2's own C14N: a fifth of the time, and no prefixes to rename)
            digest.update(etree.tostring(etree.fromstring(written), method="c14n"))
    return digest.hexdigest()


@dataclass
class DeviceChange:
    """A device present in both dumps, and what changed in it."""

    before: Any
    after: Any
    how: str                     # how the two were paired: "alias", "identity", ...
    changes: list[Change]

    @property
    def label(self) -> str:
        return label(self.after)


@dataclass
class DeviceChanges:
    """What changed in a running VM's devices between two dumps."""

    added: list[Any] = field(default_factory=list)
    removed: list[Any] = field(default_factory=list)
    changed: list[DeviceChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def lines(self) -> list[str]:
        """One line per added or removed device and per changed field."""
        found = [f"added {label(device)}" for device in self.added]
        found += [f"removed {label(device)}" for device in self.removed]
        for change in self.changed:
            found += [str(item) for item in change.changes]
        return found


def changes(before: Any, after: Any) -> DeviceChanges:
    """The devices added, removed and changed from the dump `before` to `after` of one
    running VM."""
    result = match(before, after)
    return DeviceChanges(
        added=list(result.unmanaged), removed=list(result.missing),
        changed=[DeviceChange(m.sent, m.reported, m.how, m.changes)
                 for m in result.matched if m.changes])


__all__ = ["DeviceChange", "DeviceChanges", "changes", "fingerprint"]

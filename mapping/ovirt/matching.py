"""Matching the devices a host reports to the ones the engine sent.

The engine sends a domain; libvirt answers with the running domain, in which every
device it kept has an alias and an address, displays have ports, and devices it added
on its own (controllers, inputs, the PCI root...) appear too. `match` pairs them:
by user alias (`ua-<device uuid>`, which libvirt keeps), then by the identity keys each
device class declares (a nic's MAC, a disk's target, ...), then by address.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..diff import Change, compare
from ..libvirt.devices import Emulator
from ..libvirt.devices.pairing import label, pair_devices

USER_ALIAS_PREFIX = "ua-"


@dataclass
class DeviceMatch:
    """One device the engine sent, as the host reports it, and what the host decided."""

    sent: Any
    reported: Any
    how: str
    changes: list[Change]

    @property
    def alias(self) -> str | None:
        alias: str | None = self.reported.alias
        return alias

    @property
    def address(self) -> Any:
        return self.reported.address


@dataclass
class MatchResult:
    matched: list[DeviceMatch] = field(default_factory=list)
    unmanaged: list[Any] = field(default_factory=list)   # added by libvirt
    missing: list[Any] = field(default_factory=list)     # sent, not reported

    def by_user_alias(self) -> dict[str, DeviceMatch]:
        """The matches of devices sent with a user alias, by that alias."""
        return {m.sent.alias: m for m in self.matched
                if (m.sent.alias or "").startswith(USER_ALIAS_PREFIX)}


def match(sent: Any, reported: Any) -> MatchResult:
    """Pair the devices of the domain the engine `sent` with those the host `reported`."""
    left = [item for item in _devices(sent) if not isinstance(item, Emulator)]
    right = [item for item in _devices(reported) if not isinstance(item, Emulator)]
    pairing = pair_devices(left, right)
    result = MatchResult(unmanaged=pairing.right_only, missing=pairing.left_only)
    for mine, theirs, how in pairing.pairs:
        result.matched.append(DeviceMatch(mine, theirs, how, compare(mine, theirs, label(mine))))
    return result


def _devices(domain: Any) -> list[Any]:
    return [] if domain.devices is None else list(domain.devices.items)

"""The engine's records of a running VM's devices, from the XML its host reports.

For each device libvirt reports (the ones the engine sent, and the ones libvirt added on
its own), what an engine keeps in its device table: the device id (from the user alias
`ua-<id>` the engine gave it), the alias, the address libvirt chose, the boot order, the
spec params, and for a disk the name the guest gives it where the guest agent reported one
(VDSM writes it into the `ovirt-vm:device` metadata as `guestName`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..libvirt.devices import Emulator
from .matching import USER_ALIAS_PREFIX
from .metadata import DeviceMetadata, SpecParams, vm_metadata


@dataclass
class DeviceRecord:
    """One reported device as the engine records it."""

    kind: str                       # its element: "disk", "interface", "controller", ...
    device: Any                     # the typed device
    device_id: str | None           # the engine's id, from a `ua-` alias; None if unmanaged
    alias: str | None
    address: Any                    # where libvirt put it (None for devices without one)
    boot_order: int | None
    spec_params: SpecParams | None = None   # the engine's, from the device's metadata
    guest_name: str | None = None   # disks: the guest's name for it, where reported
    metadata: DeviceMetadata | None = None

    @property
    def managed(self) -> bool:
        """Whether the engine sent the device (it carries a user alias)."""
        return self.device_id is not None


def device_records(domain: Any) -> list[DeviceRecord]:
    """The engine's record of each device of a reported domain, in document order."""
    blocks = vm_metadata(domain)
    entries = [] if blocks is None else blocks.devices
    records = []
    for device in [] if domain.devices is None else domain.devices.items:
        if isinstance(device, Emulator):
            continue
        alias: Any = getattr(device, "alias", None)   # (a str or None, on every device)
        managed = alias is not None and alias.startswith(USER_ALIAS_PREFIX)
        meta = _metadata_of(device, entries)
        boot = getattr(device, "boot", None)
        records.append(DeviceRecord(
            kind=device.__xml__.tag, device=device,
            device_id=alias[len(USER_ALIAS_PREFIX):] if managed else None, alias=alias,
            address=getattr(device, "address", None),
            boot_order=boot.order if boot is not None else None,
            spec_params=meta.spec_params if meta is not None else None,
            guest_name=meta.guest_name if meta is not None else None, metadata=meta))
    return records


def _metadata_of(device: Any, entries: list[DeviceMetadata]) -> DeviceMetadata | None:
    """The `ovirt-vm:device` entry of a device: a disk's by its target dev, a nic's by its
    MAC address, a mediated device's by its uuid, any other's by its alias."""
    kind = device.__xml__.tag
    if kind == "disk" and device.target is not None and device.target.dev:
        dev = device.target.dev
        return next((e for e in entries if e.devtype == "disk" and e.name == dev), None)
    if kind == "interface" and device.mac is not None and device.mac.address:
        mac = device.mac.address.lower()
        return next((e for e in entries
                     if e.mac_address is not None and e.mac_address.lower() == mac), None)
    uuid = getattr(getattr(device, "source", None), "uuid", None)
    if kind == "hostdev" and uuid:
        return next((e for e in entries if e.devtype == "hostdev" and e.uuid == uuid), None)
    alias = getattr(device, "alias", None)
    if alias:
        return next((e for e in entries if e.alias == alias), None)
    return None


__all__ = ["DeviceRecord", "device_records"]

"""The engine's hot-plug payloads, typed in both directions.

To plug a device into a running VM the engine sends `<hotplug>`: the device as libvirt
XML under `<devices>`, and under `<metadata>` the `ovirt-vm:vm` block with the
`ovirt-vm:device` entry VDSM keeps for it (a disk's storage ids, a nic's network). To
unplug one it sends `<hotunplug>`: the device, named by its alias. The host turns a
`Hotplug` into the device XML `virDomainAttachDevice` takes (`for_libvirt`, with the
engine's placeholders resolved), and a `Hotunplug` into the alias
`virDomainDetachDeviceAlias` takes.
"""
from __future__ import annotations

from typing import Any

from ..core import child, element, register_root
from ..libvirt.devices import DEVICE_CLASSES, Device, Devices
from ..namespaces import OVIRT_VM
from .metadata import DeviceMetadata, VmMetadata
from .placeholders import HostFacts, resolve, to_libvirt_xml


@element("metadata", nsmap={"ovirt-vm": OVIRT_VM})
class HotplugMetadata:
    """`<metadata>` of a hot-plug payload: the `ovirt-vm:vm` block for the device."""

    vm: VmMetadata | None = child("vm", ns=OVIRT_VM)


def _only_device(devices: Devices | None, what: str) -> Any:
    items = [] if devices is None else devices.items
    if len(items) != 1:
        raise ValueError(f"a {what} payload holds one device, this one {len(items)}")
    return items[0]


@element("hotplug")
class Hotplug:
    """`<hotplug>`: one device to plug, and its `ovirt-vm:device` metadata."""

    devices: Devices | None = child("devices")
    metadata: HotplugMetadata | None = child("metadata")

    @classmethod
    def of(cls, device: Any, metadata: DeviceMetadata | None = None) -> Hotplug:
        """The payload for `device` (a Disk, an Interface, ... of `mapping.libvirt`)."""
        vm = VmMetadata(devices=[metadata]) if metadata is not None else None
        return cls(devices=Devices(items=[device]),
                   metadata=HotplugMetadata(vm=vm) if vm is not None else None)

    @property
    def device(self) -> Any:
        """The device to plug (ValueError unless there is exactly one)."""
        return _only_device(self.devices, "hotplug")

    @property
    def device_metadata(self) -> DeviceMetadata | None:
        """Its `ovirt-vm:device` entry, or None."""
        vm = None if self.metadata is None else self.metadata.vm
        return vm.devices[0] if vm is not None and vm.devices else None

    def for_libvirt(self, facts: HostFacts | None = None) -> str:
        """The device's XML for `virDomainAttachDevice`, with the engine's placeholders
        (a volume's predicted path, ...) resolved by `facts`. Refuses, naming each one,
        while placeholders are left."""
        device = self.device
        if facts is not None:
            device = resolve(device, facts)
        return to_libvirt_xml(device)


@element("hotunplug")
class Hotunplug:
    """`<hotunplug>`: one device to unplug, named by its alias."""

    devices: Devices | None = child("devices")

    @classmethod
    def of(cls, kind: type[Device], alias: str) -> Hotunplug:
        """The payload that unplugs the device of class `kind` (Disk, Interface, ...)
        whose alias is `alias`."""
        # (<audio> and <redirfilter> stand among the devices but have no alias)
        if kind not in DEVICE_CLASSES[1:] or not issubclass(kind, Device):
            raise TypeError(f"{getattr(kind, '__name__', kind)!r} is not a device class "
                            "(one with an alias)")
        return cls(devices=Devices(items=[kind(alias=alias)]))

    @property
    def device(self) -> Any:
        return _only_device(self.devices, "hotunplug")

    @property
    def alias(self) -> str:
        """The alias of the device to unplug, for `virDomainDetachDeviceAlias`."""
        alias: str | None = self.device.alias
        if not alias:
            raise ValueError(f"the {self.device.__xml__.tag} to unplug has no alias")
        return alias


register_root(Hotplug)
register_root(Hotunplug)

__all__ = ["Hotplug", "HotplugMetadata", "Hotunplug"]

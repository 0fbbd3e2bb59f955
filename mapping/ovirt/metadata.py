"""oVirt's blocks under `<metadata>`: `ovirt-vm:vm` and `ovirt-tune:qos`, typed.

The engine writes the VM block when it builds the domain (cluster version, memory
guarantee, launch and resume settings, custom properties, a block per disk and nic);
VDSM reads it, adds what it learns (start time, volume chains...) and writes it back
through libvirt. VDSM's values carry type hints (`<x type="int">3</x>`); values the
engine writes as plain text (`launchPaused`) have none. Keys not declared here are kept.

    >>> vm = vm_metadata(domain)            # ovirt-vm:vm as a VmMetadata, or None
    >>> vm.cluster_version, vm.devices[0].image_id
    >>> set_vm_metadata(domain, vm)
"""
from __future__ import annotations

from typing import Any

from ..core import (BoolCodec, FloatCodec, IntCodec, OpenEnum, TrueFalse, attr, child,
                    children, element, entries, path)
from ..libvirt.metadata import Metadata
from ..namespaces import OVIRT_TUNE, OVIRT_VM


class VdsmInt(IntCodec):
    """An int as VDSM writes it: `<x type="int">3</x>`."""

    hints = {"type": "int"}


class VdsmFloat(FloatCodec):
    """A float as VDSM writes it (Python's `str(float)`): `<x type="float">1.0</x>`."""

    hints = {"type": "float"}

    def format(self, value: Any) -> str:
        super().format(value)   # the type check
        return repr(float(value))


class VdsmBool(BoolCodec):
    """A bool as VDSM writes it (Python's `str(bool)`): `<x type="bool">True</x>`."""

    hints = {"type": "bool"}


INT, FLOAT, BOOL = VdsmInt(), VdsmFloat(), VdsmBool("True", "False")


def _vm(name: str, codec: Any = None) -> Any:
    """A leaf of the ovirt-vm namespace."""
    return path(name, ns=OVIRT_VM, codec=codec)


class ResumeBehavior(OpenEnum):
    """What to do with a VM paused on an I/O error once storage is back."""

    AUTO_RESUME = "auto_resume"
    LEAVE_PAUSED = "leave_paused"
    KILL = "kill"


@element()
class VolumeChainNode:
    """One volume of a disk's chain, as VDSM reports it once the disk is prepared."""

    domain_id: str | None = _vm("domainID")
    image_id: str | None = _vm("imageID")
    lease_offset: int | None = _vm("leaseOffset", INT)
    lease_path: str | None = _vm("leasePath")
    path: str | None = _vm("path")
    volume_id: str | None = _vm("volumeID")


@element()
class VolumeChain:
    """`ovirt-vm:volumeChain`: the disk's volumes, base first."""

    nodes: list[VolumeChainNode] = children("volumeChainNode", ns=OVIRT_VM)


@element()
class PortMirroring:
    """`ovirt-vm:portMirroring`: the networks a nic's traffic is mirrored to."""

    networks: list[str] = children("network", ns=OVIRT_VM)


@element("device", ns=OVIRT_VM)
class DeviceMetadata:
    """`ovirt-vm:device`: per-device data, keyed by its attributes.

    A disk by `devtype="disk"` and `name` (the target dev), a nic by `mac_address`
    (and since 4.5 its `alias`), a mediated device by `devtype="hostdev"` and `uuid`.
    """

    devtype: str | None = attr("devtype")
    name: str | None = attr("name")
    mac_address: str | None = attr("mac_address")
    alias: str | None = attr("alias")
    uuid: str | None = attr("uuid")
    # Disks: where the image lives (engine), what it resolved to (VDSM).
    pool_id: str | None = _vm("poolID")
    domain_id: str | None = _vm("domainID")
    image_id: str | None = _vm("imageID")
    volume_id: str | None = _vm("volumeID")
    guid: str | None = _vm("GUID")
    shared: str | None = _vm("shared")
    managed: bool | None = _vm("managed", TrueFalse)
    guest_name: str | None = _vm("guestName")
    volume_chain: VolumeChain | None = child("volumeChain", ns=OVIRT_VM)
    # Nics.
    network: str | None = _vm("network")
    port_mirroring: PortMirroring | None = child("portMirroring", ns=OVIRT_VM)
    # Mediated devices.
    mdev_type: str | None = _vm("mdevType")
    custom: dict[str, str] | None = entries("custom", ns=OVIRT_VM)
    # The engine's spec params of the device (`vram`, `model`, ...), as VDSM keeps them.
    spec_params: dict[str, str] | None = entries("specParams", ns=OVIRT_VM)


@element("vm", ns=OVIRT_VM, nsmap={"ovirt-vm": OVIRT_VM})
class VmMetadata:
    """`ovirt-vm:vm`: the VM block the engine writes and VDSM keeps up to date."""

    min_guaranteed_memory_mb: int | None = _vm("minGuaranteedMemoryMb", INT)
    cluster_version: str | None = _vm("clusterVersion")
    custom: dict[str, str] | None = entries("custom", ns=OVIRT_VM)
    devices: list[DeviceMetadata] = children("device", ns=OVIRT_VM)
    launch_paused: bool | None = _vm("launchPaused", TrueFalse)
    resume_behavior: ResumeBehavior | None = _vm("resumeBehavior")
    ballooning_enabled: bool | None = _vm("ballooningEnabled", TrueFalse)
    cpu_policy: str | None = _vm("cpuPolicy")
    # Written by VDSM.
    balloon_target: int | None = _vm("balloonTarget", INT)
    destroy_on_reboot: bool | None = _vm("destroy_on_reboot", BOOL)
    guest_agent_api_version: int | None = _vm("guestAgentAPIVersion", INT)
    mem_guaranteed_size: int | None = _vm("memGuaranteedSize", INT)
    start_time: float | None = _vm("startTime", FLOAT)

    def disk(self, name: str) -> DeviceMetadata | None:
        """The block of the disk whose target dev is `name`."""
        return next((d for d in self.devices if d.devtype == "disk" and d.name == name), None)

    def nic(self, mac_address: str) -> DeviceMetadata | None:
        """The block of the nic with this MAC address."""
        wanted = mac_address.lower()
        return next((d for d in self.devices
                     if d.mac_address is not None and d.mac_address.lower() == wanted), None)


@element("qos", ns=OVIRT_TUNE, nsmap={"ovirt-tune": OVIRT_TUNE})
class TuneQos:
    """`ovirt-tune:qos`: the engine writes it empty; VDSM keeps QoS settings in it."""


def vm_metadata(domain: Any) -> VmMetadata | None:
    """The domain's `ovirt-vm:vm` block, typed, or None."""
    return None if domain.metadata is None else domain.metadata.get(VmMetadata)


def set_vm_metadata(domain: Any, vm: VmMetadata) -> None:
    """Put `vm` in as the domain's `ovirt-vm:vm` block (in place of the old one)."""
    if domain.metadata is None:
        domain.metadata = Metadata()
    domain.metadata.set(vm)

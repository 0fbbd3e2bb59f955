"""oVirt's blocks under `<metadata>`: `ovirt-vm:vm` and `ovirt-tune:qos`, typed.

The engine writes the VM block when it builds the domain (cluster version, memory
guarantee, launch and resume settings, custom properties, a block per disk and nic);
VDSM reads it, adds what it learns (start time, volume chains...) and writes it back
through libvirt. VDSM's values carry type hints (`<x type="int">3</x>`); values the
engine writes as plain text (`launchPaused`) have none. Keys not declared here are kept.

    >>> vm = vm_metadata(domain)            # ovirt-vm:vm as a VmMetadata, or None
    >>> vm.cluster_version, vm.devices[0].image_id
    >>> set_vm_metadata(domain, vm)

An entity built in code is written in VDSM's shape: a device entry's leaves in key
order, then its nested parts (`metadata_disk`), each value with VDSM's type hint
(`metadata_values`). `ovirt-tune:qos` is typed in `metadata_tune`.
"""
from __future__ import annotations

from typing import Any

from ..core import OpenEnum, TrueFalse, attr, child, children, element, entries
from ..libvirt.metadata import Metadata
from ..namespaces import OVIRT_VM
from .metadata_disk import (CdromChange, ChangeState, DiskAuth, DiskHost, DiskHosts,
                            DiskPayload, DiskReplica, PayloadFile, VolumeChain,
                            VolumeChainNode)
from .metadata_spec import SpecBandwidth, SpecIoTune, SpecParams
from .metadata_tune import IoTune, IoTuneDevice, IoTuneLimits, TuneQos
from .metadata_values import BOOL, FLOAT, INT, VdsmBool, VdsmFloat, VdsmInt
from .metadata_values import vm_leaf as _vm


class ResumeBehavior(OpenEnum):
    """What to do with a VM paused on an I/O error once storage is back."""

    AUTO_RESUME = "auto_resume"
    LEAVE_PAUSED = "leave_paused"
    KILL = "kill"


@element()
class PortMirroring:
    """`ovirt-vm:portMirroring`: the networks a nic's traffic is mirrored to."""

    networks: list[str] = children("network", ns=OVIRT_VM)
    """The networks, one `network` element each."""


@element()
class DeviceAddress:
    """`ovirt-vm:address`: where the device sits on its bus, libvirt's `<address>`
    attributes as leaves (kept by VDSM for engines that sent device dicts)."""

    base: str | None = _vm("base")
    """A memory module's base address."""
    bus: str | None = _vm("bus")
    """The bus number (PCI, drive, USB, virtio-serial)."""
    controller: str | None = _vm("controller")
    """The controller index (drive, virtio-serial, CCID)."""
    cssid: str | None = _vm("cssid")
    """A CCW device's channel subsystem."""
    devno: str | None = _vm("devno")
    """A CCW device's number."""
    domain: str | None = _vm("domain")
    """The PCI domain."""
    function: str | None = _vm("function")
    """The PCI function."""
    iobase: str | None = _vm("iobase")
    """An ISA device's I/O port base."""
    irq: str | None = _vm("irq")
    """An ISA device's interrupt."""
    multifunction: str | None = _vm("multifunction")
    """Whether the PCI slot is multi-function (`on`/`off`)."""
    port: str | None = _vm("port")
    """The port (USB, virtio-serial)."""
    reg: str | None = _vm("reg")
    """A spapr-vio device's register."""
    slot: str | None = _vm("slot")
    """The PCI slot, or a memory module's slot."""
    ssid: str | None = _vm("ssid")
    """A CCW device's subchannel set."""
    target: str | None = _vm("target")
    """The drive's target."""
    type: str | None = _vm("type")
    """The kind of address: `pci`, `drive`, `virtio-serial`, `ccw`, ..."""
    unit: str | None = _vm("unit")
    """The drive's unit."""


@element("device", ns=OVIRT_VM)
class DeviceMetadata:
    """`ovirt-vm:device`: per-device data, keyed by its attributes.

    A disk by `devtype="disk"` and `name` (the target dev), a nic by `mac_address`
    (and since 4.5 its `alias`), a mediated device by `devtype="hostdev"` and `uuid`.
    What VDSM keeps of a drive today is its storage ids, `GUID`, `RBD`, `managed`,
    `shared`, `guestName`, `deviceId` and the nested parts; the other drive keys are
    those of the device dicts older engines sent, which VDSM stored whole.
    """

    devtype: str | None = attr("devtype")
    """The device class: `disk`, `hostdev`, ... (not written for nics)."""
    name: str | None = attr("name")
    """A disk's target dev, or another device's alias."""
    mac_address: str | None = attr("mac_address")
    """A nic's MAC address."""
    alias: str | None = attr("alias")
    """A nic's alias, where the MAC alone does not tell it (failover teaming)."""
    uuid: str | None = attr("uuid")
    """A mediated device's UUID."""
    guid: str | None = _vm("GUID")
    """A direct LUN's multipath id."""
    rbd: str | None = _vm("RBD")
    """A managed block storage disk's mapped RBD device path."""
    boot_order: str | None = _vm("bootOrder")
    """The device's place in the boot order."""
    cache: str | None = _vm("cache")
    """The drive's cache mode (`none`, `writethrough`, ...)."""
    device: str | None = _vm("device")
    """The kind of drive: `disk`, `cdrom`, `floppy` or `lun`."""
    device_id: str | None = _vm("deviceId")
    """The engine's id of the device."""
    discard: bool | None = _vm("discard", BOOL)
    """Whether the guest's discards are passed to the storage."""
    disk_type: str | None = _vm("diskType")
    """How the drive is stored: `file`, `block` or `network`."""
    domain_id: str | None = _vm("domainID")
    """The storage domain of the disk's image."""
    format: str | None = _vm("format")
    """The drive's image format: `cow` (qcow2) or `raw`."""
    guest_name: str | None = _vm("guestName")
    """The guest's name for the disk (`/dev/vda`), as the guest agent reports it."""
    iface: str | None = _vm("iface")
    """The drive's bus: `virtio`, `scsi`, `ide`, `sata`, `fdc`."""
    image_id: str | None = _vm("imageID")
    """The disk's image."""
    index: int | None = _vm("index", INT)
    """The drive's index on its bus (what its target dev is made from)."""
    managed: bool | None = _vm("managed", BOOL)
    """Whether a managed block storage disk is attached to the host already (VDSM
    then leaves it alone), False for any other drive."""
    mdev_driver_parameters: str | None = _vm("mdevDriverParameters")
    """A mediated device's vendor driver parameters (NVIDIA's `vgpu_params`)."""
    mdev_type: str | None = _vm("mdevType")
    """A mediated device's type, optionally `|` and its placement (`compact`,
    `separate`)."""
    network: str | None = _vm("network")
    """The nic's network."""
    optional: str | None = _vm("optional")
    """Whether the VM may start without the drive (`true`/`false`)."""
    path: str | None = _vm("path")
    """The drive's path; for a payload drive, where its image is."""
    pool_id: str | None = _vm("poolID")
    """The storage pool (data center) of the disk."""
    propagate_errors: str | None = _vm("propagateErrors")
    """What the guest sees of I/O errors: `off`, `on` or `report`."""
    protocol: str | None = _vm("protocol")
    """A network drive's protocol (`gluster`, `rbd`)."""
    readonly: str | None = _vm("readonly")
    """Whether the drive is read-only (`true`/`false` as the engine sent it)."""
    serial: str | None = _vm("serial")
    """The drive's serial number as the guest sees it."""
    sgio: str | None = _vm("sgio")
    """A LUN's SCSI command filtering: `filtered` or `unfiltered`."""
    shared: str | None = _vm("shared")
    """How the disk is shared: `none`, `exclusive`, `shared` or `transient`."""
    type: str | None = _vm("type")
    """The device class of an older engine's device dict (`disk`)."""
    volume_id: str | None = _vm("volumeID")
    """The disk's active volume."""
    address: DeviceAddress | None = child("address", ns=OVIRT_VM)
    """Where the device sits on its bus."""
    auth: DiskAuth | None = child("auth", ns=OVIRT_VM)
    """A network disk's authentication."""
    change: CdromChange | None = child("change", ns=OVIRT_VM)
    """A CD change in progress."""
    custom: dict[str, str] | None = entries("custom", ns=OVIRT_VM)
    """The device's custom properties (a nic's vnic profile properties, ...)."""
    hosts: DiskHosts | None = child("hosts", ns=OVIRT_VM)
    """A network disk's servers."""
    payload: DiskPayload | None = child("payload", ns=OVIRT_VM)
    """A payload drive's files."""
    port_mirroring: PortMirroring | None = child("portMirroring", ns=OVIRT_VM)
    """The networks the nic's traffic is mirrored to."""
    disk_replicate: DiskReplica | None = child("diskReplicate", ns=OVIRT_VM)
    """The disk's copy in a live storage migration."""
    spec_params: SpecParams | None = child("specParams", ns=OVIRT_VM)
    """The engine's spec params of the device (`vram`, `pinToIoThread`, a payload's
    `vmPayload`, ...), typed (`metadata_spec`)."""
    vm_custom: dict[str, str] | None = entries("vm_custom", ns=OVIRT_VM)
    """The VM's custom properties that apply to the drive (`viodiskcache`)."""
    volume_chain: VolumeChain | None = child("volumeChain", ns=OVIRT_VM)
    """The disk's volumes, once VDSM has prepared it."""


@element("vm", ns=OVIRT_VM, nsmap={"ovirt-vm": OVIRT_VM})
class VmMetadata:
    """`ovirt-vm:vm`: the VM block the engine writes and VDSM keeps up to date."""

    min_guaranteed_memory_mb: int | None = _vm("minGuaranteedMemoryMb", INT)
    """The memory the VM is guaranteed, in MiB (the engine's)."""
    cluster_version: str | None = _vm("clusterVersion")
    """The VM's cluster compatibility level (`4.7`)."""
    custom: dict[str, str] | None = entries("custom", ns=OVIRT_VM)
    """The VM's custom properties."""
    devices: list[DeviceMetadata] = children("device", ns=OVIRT_VM)
    """The per-device entries."""
    launch_paused: bool | None = _vm("launchPaused", TrueFalse)
    """Whether the VM starts paused (run and pause)."""
    resume_behavior: ResumeBehavior | None = _vm("resumeBehavior")
    """What to do with the VM once paused on an I/O error."""
    ballooning_enabled: bool | None = _vm("ballooningEnabled", TrueFalse)
    """Whether the memory balloon may be inflated."""
    cpu_policy: str | None = _vm("cpuPolicy")
    """The CPU pinning policy (`none`, `manual`, `dedicated`, ...)."""
    # Written by VDSM.
    balloon_target: int | None = _vm("balloonTarget", INT)
    """The balloon's last target, in KiB."""
    destroy_on_reboot: bool | None = _vm("destroy_on_reboot", BOOL)
    """Whether a reboot of the guest ends the VM (a run-once VM)."""
    exit_code: int | None = _vm("exitCode", INT)
    """How the VM went down: 0 normally, 1 on an error."""
    exit_message: str | None = _vm("exitMessage")
    """Why the VM went down, in words."""
    exit_reason: int | None = _vm("exitReason", INT)
    """Why the VM went down, as VDSM's exit reason code."""
    guest_agent_api_version: int | None = _vm("guestAgentAPIVersion", INT)
    """The API version agreed with the guest agent."""
    jobs: str | None = _vm("jobs")
    """The live merge jobs of the VM's disks, as JSON."""
    manually_pinned_cpus: str | None = _vm("manuallyPinedCPUs")
    """With the `manual` CPU policy, the host CPUs pinned by hand, a CPU list (`0,2-3`).
    (VDSM's spelling of the key.)"""
    mem_guaranteed_size: int | None = _vm("memGuaranteedSize", INT)
    """The memory guarantee VDSM applies, in MiB."""
    pause_time: float | None = _vm("pauseTime", FLOAT)
    """When the VM was paused, on the host's monotonic clock, in seconds."""
    snapshot_job: str | None = _vm("snapshot_job")
    """The snapshot job in progress, as JSON."""
    start_time: float | None = _vm("startTime", FLOAT)
    """When the VM started, in seconds since the epoch."""

    def disk(self, name: str) -> DeviceMetadata | None:
        """The block of the disk whose target dev is `name`."""
        return next((d for d in self.devices if d.devtype == "disk" and d.name == name), None)

    def nic(self, mac_address: str) -> DeviceMetadata | None:
        """The block of the nic with this MAC address."""
        wanted = mac_address.lower()
        return next((d for d in self.devices
                     if d.mac_address is not None and d.mac_address.lower() == wanted), None)


def vm_metadata(domain: Any) -> VmMetadata | None:
    """The domain's `ovirt-vm:vm` block, typed, or None."""
    return None if domain.metadata is None else domain.metadata.get(VmMetadata)


def set_vm_metadata(domain: Any, vm: VmMetadata) -> None:
    """Put `vm` in as the domain's `ovirt-vm:vm` block (in place of the old one)."""
    if domain.metadata is None:
        domain.metadata = Metadata()
    domain.metadata.set(vm)


__all__ = [
    "BOOL", "FLOAT", "INT", "CdromChange", "ChangeState", "DeviceAddress", "DeviceMetadata",
    "DiskAuth", "DiskHost", "DiskHosts", "DiskPayload", "DiskReplica", "IoTune",
    "IoTuneDevice", "IoTuneLimits", "PayloadFile", "PortMirroring", "ResumeBehavior",
    "SpecBandwidth", "SpecIoTune", "SpecParams", "TuneQos", "VdsmBool", "VdsmFloat", "VdsmInt", "VmMetadata", "VolumeChain",
    "VolumeChainNode", "set_vm_metadata", "vm_metadata",
]

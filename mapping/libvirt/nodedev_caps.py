"""The larger `<capability>` types of a node device (formatnode "capability types"):
system, pci (with its nested capabilities, VPD and mediated device types), usb_device,
usb, net, scsi_host, scsi_target, scsi, scsi_generic and storage. `mapping.libvirt.nodedev`
holds the device itself, the smaller types and the table of them all.

Where libvirt lets several `<capability type=..>` of different kinds sit side by side
inside one capability (a PCI function's `phys_function` and `virt_functions`, an HBA's
`fc_host` and `vport_ops`), each is one entry of a list of a single class whose `type`
says the kind, and whose other fields are those of that kind: the core has no repeated
union (reported to the lead). Fields are declared in the order libvirt writes them.
"""
from __future__ import annotations

from ..core import BoolCodec, OpenEnum, attr, child, children, element, text, union
from .basictypes import MAC_ADDR, UNSIGNED_INT, UNSIGNED_LONG, UUID, pattern, ranged
from .devices.address import PciAddress

# -- value types of nodedev.rng and basictypes.rng --------------------------------------
# `hexuint`: libvirt reads a bare id as hex, the model as decimal, so only the 0x spelling
# (the one libvirt writes) is valid, as for SPAPR_VIO_REG.
HEX_UINT = ranged("hexuint", 0, None, decimal=None, hex="0x[0-9a-f]+", width=4)
PCI_CLASS = ranged("pciClass", 0, 0xFFFFFF, decimal=None, hex="0x[0-9a-fA-F]{6}", width=6)
WWN = pattern("wwn", "(0x)?[0-9a-fA-F]{16}")
DEVICE_PATH = pattern("nodedevPath", r"/[a-zA-Z0-9_\+\-/%]+")
PCIE_LINK_SPEED = pattern("pcieLinkSpeed", "[0-9]+(.[0-9]+)?")
VPD_VALUE = pattern("vpdFieldValueFormat", ".{0,255}")
VPD_VENDOR_INDEX = pattern("vendorVPDFieldIndex", "[0-9A-Z]{1}")
VPD_SYSTEM_INDEX = pattern("systemVPDFieldIndex", "[0-9B-Z]{1}")
NET_FEATURE_NAME = pattern("netfeaturename", r"[a-zA-Z\-_]+")
# `<media_available>`: 1 or 0.
MEDIA_AVAILABLE = BoolCodec("1", "0")


class PciCapabilityType(OpenEnum):
    """What a nested `<capability>` of a PCI device says (formatnode "pci")."""

    PHYS_FUNCTION = "phys_function"
    VIRT_FUNCTIONS = "virt_functions"
    PCI_BRIDGE = "pci-bridge"
    CARDBUS_BRIDGE = "cardbus-bridge"
    MDEV_TYPES = "mdev_types"
    VPD = "vpd"


class MdevDeviceApi(OpenEnum):
    """How VFIO presents an instance of a mediated device type to the guest (formatnode
    "mdev_types capability", `deviceAPI`)."""

    VFIO_PCI = "vfio-pci"
    VFIO_CCW = "vfio-ccw"
    VFIO_AP = "vfio-ap"


class VpdAccess(OpenEnum):
    """Which of the two VPD field sets a `<fields>` holds (formatnode "vpd capability")."""

    READONLY = "readonly"
    READWRITE = "readwrite"


class PcieLinkValidity(OpenEnum):
    """A PCI Express link as the device can do it (`cap`) or as negotiated (`sta`);
    formatnode "pci", `pci-express`."""

    CAP = "cap"
    STA = "sta"


class NetLinkState(OpenEnum):
    """The operational state of a network interface's link (formatnode "net")."""

    UNKNOWN = "unknown"
    NOTPRESENT = "notpresent"
    DOWN = "down"
    LOWERLAYERDOWN = "lowerlayerdown"
    TESTING = "testing"
    DORMANT = "dormant"
    UP = "up"


class NetFeatureName(OpenEnum):
    """A hardware offload of a network interface (formatnode "net", `feature`)."""

    RX = "rx"
    TX = "tx"
    SG = "sg"
    TSO = "tso"
    UFO = "ufo"
    GSO = "gso"
    GRO = "gro"
    LRO = "lro"
    RXVLAN = "rxvlan"
    TXVLAN = "txvlan"
    NTUPLE = "ntuple"
    RXHASH = "rxhash"
    RDMA = "rdma"
    TXUDPTNL = "txudptnl"
    SWITCHDEV = "switchdev"


class NetCapabilityType(OpenEnum):
    """The network protocol of a `net` device's nested capability (formatnode "net")."""

    IEEE_802_3 = "80203"
    IEEE_802_11 = "80211"


class ScsiHostCapabilityType(OpenEnum):
    """A nested capability of a SCSI host: an FC HBA, or one that can make vports
    (formatnode "scsi_host")."""

    FC_HOST = "fc_host"
    VPORT_OPS = "vport_ops"


class StorageCapabilityType(OpenEnum):
    """A nested capability of a storage device (formatnode "storage")."""

    REMOVABLE = "removable"
    HOTPLUGGABLE = "hotpluggable"


# -- shared pieces --------------------------------------------------------------------

@element()
class NamedId:
    """`<product id='0x..'>name</product>` / `<vendor ..>`: a hexadecimal id from the
    device ROM and, when known, its name (formatnode "pci", "usb_device")."""

    id: int | None = attr("id", codec=HEX_UINT)
    name: str | None = text()


@element()
class MdevType:
    """`<type id=..>`: one mediated device type a parent device can create, and how many
    instances of it are still available (formatnode "mdev_types capability")."""

    id: str | None = attr("id")
    name: str | None = child("name")
    device_api: MdevDeviceApi | None = child("deviceAPI")
    available_instances: int | None = child("availableInstances", codec=UNSIGNED_INT)


@element()
class MdevTypes:
    """`<capability type='mdev_types'>` of a css or ap_matrix device: the mediated device
    types it can create (formatnode "mdev_types capability")."""

    types: list[MdevType] = children("type")


# -- formatnode "system" ---------------------------------------------------------------

@element()
class SystemHardware:
    """`<hardware>`: the host's vendor, version, serial number and SMBIOS UUID."""

    vendor: str | None = child("vendor")
    version: str | None = child("version")
    serial: str | None = child("serial")
    uuid: str | None = child("uuid", codec=UUID)


@element()
class SystemFirmware:
    """`<firmware>`: the host's BIOS vendor, version and release date."""

    vendor: str | None = child("vendor")
    version: str | None = child("version")
    release_date: str | None = child("release_date")


@element()
class SystemCapability:
    """`type='system'`: the host as a whole, the root of the device tree (formatnode
    "system")."""

    product: str | None = child("product")
    hardware: SystemHardware | None = child("hardware")
    firmware: SystemFirmware | None = child("firmware")


# -- formatnode "pci", "vpd capability" ------------------------------------------------

@element()
class VpdField:
    """`<vendor_field index=..>` / `<system_field ..>`: one indexed VPD field
    (formatnode "vpd capability")."""

    index: str | None = attr("index", codec=VPD_VENDOR_INDEX)
    value: str | None = text(codec=VPD_VALUE)


@element()
class VpdSystemField(VpdField):
    """`<system_field index=..>`: a system-specific VPD field; index `A` is not one
    (formatnode "vpd capability")."""

    index: str | None = attr("index", codec=VPD_SYSTEM_INDEX)


@element()
class VpdFields:
    """`<fields access=..>`: the read-only fields (change level, manufacture id, part
    and serial numbers, vendor fields) or the read-write ones (asset tag, vendor and
    system fields); formatnode "vpd capability"."""

    access: VpdAccess | None = attr("access")
    change_level: str | None = child("change_level", codec=VPD_VALUE)
    manufacture_id: str | None = child("manufacture_id", codec=VPD_VALUE)
    part_number: str | None = child("part_number", codec=VPD_VALUE)
    serial_number: str | None = child("serial_number", codec=VPD_VALUE)
    asset_tag: str | None = child("asset_tag", codec=VPD_VALUE)
    vendor_fields: list[VpdField] = children("vendor_field")
    system_fields: list[VpdSystemField] = children("system_field")


@element()
class PciCapability:
    """A nested `<capability type=..>` of a PCI device (formatnode "pci"): the SR-IOV
    physical function of this VF (`phys_function`: one address), the VFs of this PF
    (`virt_functions`: `max_count` and addresses), a bridge header (`pci-bridge`,
    `cardbus-bridge`: nothing more), the mediated device types it can create
    (`mdev_types`: `types`), or its Vital Product Data (`vpd`: `name` and `fields`)."""

    type: PciCapabilityType | None = attr("type")
    max_count: int | None = attr("maxCount", codec=UNSIGNED_INT)
    addresses: list[PciAddress] = children("address")
    types: list[MdevType] = children("type")
    name: str | None = child("name", codec=VPD_VALUE)
    fields: list[VpdFields] = children("fields")


@element()
class IommuGroup:
    """`<iommuGroup number=..>` of a PCI device: its IOMMU group and every device in it,
    itself included (formatnode "pci")."""

    number: int | None = attr("number", codec=UNSIGNED_INT)
    addresses: list[PciAddress] = children("address")


@element()
class PciNuma:
    """`<numa node=..>`: the NUMA node a PCI device is attached to (formatnode "pci")."""

    node: int | None = attr("node")


@element()
class PcieLink:
    """`<link validity=.. port=.. speed=.. width=..>`: a PCI Express link, its port, speed
    in GT/s and lane count (formatnode "pci", `pci-express`)."""

    validity: PcieLinkValidity | None = attr("validity")
    port: int | None = attr("port", codec=UNSIGNED_INT)
    speed: str | None = attr("speed", codec=PCIE_LINK_SPEED)
    width: int | None = attr("width", codec=UNSIGNED_INT)


@element()
class PciExpress:
    """`<pci-express>`: the device's PCI Express links, capable and negotiated
    (formatnode "pci")."""

    links: list[PcieLink] = children("link")


@element()
class PciDeviceCapability:
    """`type='pci'`: a device on the host's PCI bus (formatnode "pci"): class code,
    domain/bus/slot/function (decimal here), product and vendor, nested capabilities,
    IOMMU group, NUMA node and PCI Express links."""

    pci_class: int | None = child("class", codec=PCI_CLASS)
    domain: int | None = child("domain", codec=UNSIGNED_LONG)
    bus: int | None = child("bus", codec=UNSIGNED_LONG)
    slot: int | None = child("slot", codec=UNSIGNED_LONG)
    function: int | None = child("function", codec=UNSIGNED_LONG)
    product: NamedId | None = child("product")
    vendor: NamedId | None = child("vendor")
    capabilities: list[PciCapability] = children("capability")
    iommu_group: IommuGroup | None = child("iommuGroup")
    numa: PciNuma | None = child("numa")
    pci_express: PciExpress | None = child("pci-express")


# -- formatnode "usb_device", "usb" ----------------------------------------------------

@element()
class UsbDeviceCapability:
    """`type='usb_device'`: a device on the host's USB bus, by bus and device number
    (formatnode "usb_device")."""

    bus: int | None = child("bus", codec=UNSIGNED_LONG)
    device: int | None = child("device", codec=UNSIGNED_LONG)
    product: NamedId | None = child("product")
    vendor: NamedId | None = child("vendor")


@element()
class UsbInterfaceCapability:
    """`type='usb'`: one interface of a USB device, by its class codes (formatnode
    "usb")."""

    number: int | None = child("number", codec=UNSIGNED_LONG)
    usb_class: int | None = child("class", codec=UNSIGNED_LONG)
    subclass: int | None = child("subclass", codec=UNSIGNED_LONG)
    protocol: int | None = child("protocol", codec=UNSIGNED_LONG)
    description: str | None = child("description")


# -- formatnode "net" ------------------------------------------------------------------

@element()
class NetLink:
    """`<link speed=.. state=..>`: the link's speed in Mbit/s and its state (formatnode
    "net"; output only)."""

    speed: int | None = attr("speed", codec=UNSIGNED_INT)
    state: NetLinkState | None = attr("state")


@element()
class NetFeature:
    """`<feature name=..>`: one offload the interface supports (formatnode "net")."""

    name: NetFeatureName | None = attr("name")


@element()
class NetCapability:
    """`<capability type='80203'|'80211'>`: the network protocol of the interface
    (formatnode "net")."""

    type: NetCapabilityType | None = attr("type")


@element()
class NetDeviceCapability:
    """`type='net'`: a network interface (formatnode "net"): its name, MAC address, link,
    offloads and protocols."""

    interface: str | None = child("interface")
    address: str | None = child("address", codec=MAC_ADDR)
    link: NetLink | None = child("link")
    features: list[NetFeature] = children("feature")
    capabilities: list[NetCapability] = children("capability")


# -- formatnode "scsi_host", "scsi" ----------------------------------------------------

@element()
class ScsiHostCapability:
    """A nested `<capability type=..>` of a SCSI host (formatnode "scsi_host"): an FC
    HBA's names (`fc_host`: `wwnn`, `wwpn`, `fabric_wwn`), or its NPIV vport counts
    (`vport_ops`: `max_vports`, `vports`)."""

    type: ScsiHostCapabilityType | None = attr("type")
    wwnn: str | None = child("wwnn", codec=WWN)
    wwpn: str | None = child("wwpn", codec=WWN)
    fabric_wwn: str | None = child("fabric_wwn", codec=WWN)
    max_vports: int | None = child("max_vports", codec=UNSIGNED_INT)
    vports: int | None = child("vports", codec=UNSIGNED_INT)


@element()
class ScsiHostDeviceCapability:
    """`type='scsi_host'`: a SCSI host adapter, its number and `unique_id` (formatnode
    "scsi_host")."""

    host: int | None = child("host", codec=UNSIGNED_LONG)
    unique_id: int | None = child("unique_id", codec=UNSIGNED_INT)
    capabilities: list[ScsiHostCapability] = children("capability")


@element()
class FcRemotePort:
    """`<capability type='fc_remote_port'>` of a SCSI target: the FC remote port and
    its WWPN (nodedev.rng; formatnode has no section for it)."""

    rport: str | None = child("rport")
    wwpn: str | None = child("wwpn", codec=WWN)


@element()
class ScsiTargetCapability:
    """`type='scsi_target'`: a SCSI target by its kernel name (nodedev.rng `capscsitarget`;
    no formatnode section)."""

    target: str | None = child("target")
    fc_remote_port: FcRemotePort | None = union(
        "capability", {"fc_remote_port": FcRemotePort}, on="type")


@element()
class ScsiCapability:
    """`type='scsi'`: a SCSI device by host, bus, target and LUN, and its kind
    (formatnode "scsi")."""

    host: int | None = child("host", codec=UNSIGNED_LONG)
    bus: int | None = child("bus", codec=UNSIGNED_LONG)
    target: int | None = child("target", codec=UNSIGNED_LONG)
    lun: int | None = child("lun", codec=UNSIGNED_LONG)
    scsi_type: str | None = child("type")


@element()
class ScsiGenericCapability:
    """`type='scsi_generic'`: the SCSI generic (sg) character device of a SCSI device
    (nodedev.rng `capscsigeneric`; no formatnode section)."""

    char: str | None = child("char")


# -- formatnode "storage" --------------------------------------------------------------

@element()
class StorageCapability:
    """A nested `<capability type=..>` of a storage device (formatnode "storage"):
    removable media (`removable`: whether a medium is in, its size and label, and
    block size and count) or a hotpluggable device (`hotpluggable`: nothing more)."""

    type: StorageCapabilityType | None = attr("type")
    media_available: bool | None = child("media_available", codec=MEDIA_AVAILABLE)
    media_size: int | None = child("media_size", codec=UNSIGNED_LONG)
    media_label: str | None = child("media_label")
    logical_block_size: int | None = child("logical_block_size", codec=UNSIGNED_LONG)
    num_blocks: int | None = child("num_blocks", codec=UNSIGNED_LONG)


@element()
class StorageDeviceCapability:
    """`type='storage'`: a device usable for storage (formatnode "storage"): its block
    device, bus, drive type, model, vendor, serial; for fixed storage its size in bytes
    and block size and count (removable media say those in their capability)."""

    block: str | None = child("block", codec=DEVICE_PATH)
    bus: str | None = child("bus")
    drive_type: str | None = child("drive_type")
    model: str | None = child("model")
    vendor: str | None = child("vendor")
    serial: str | None = child("serial")
    size: int | None = child("size", codec=UNSIGNED_LONG)
    logical_block_size: int | None = child("logical_block_size", codec=UNSIGNED_LONG)
    num_blocks: int | None = child("num_blocks", codec=UNSIGNED_LONG)
    capabilities: list[StorageCapability] = children("capability")


__all__ = [
    "DEVICE_PATH", "FcRemotePort", "HEX_UINT", "IommuGroup", "MdevDeviceApi", "MdevType",
    "MdevTypes", "NamedId", "NetCapability", "NetCapabilityType", "NetDeviceCapability",
    "NetFeature", "NetFeatureName", "NetLink", "NetLinkState", "PCI_CLASS", "PciCapability",
    "PciCapabilityType", "PciDeviceCapability", "PciExpress", "PciNuma", "PcieLink",
    "PcieLinkValidity", "ScsiCapability", "ScsiGenericCapability", "ScsiHostCapability",
    "ScsiHostCapabilityType", "ScsiHostDeviceCapability", "ScsiTargetCapability",
    "StorageCapability", "StorageCapabilityType", "StorageDeviceCapability",
    "SystemCapability", "SystemFirmware", "SystemHardware", "UsbDeviceCapability",
    "UsbInterfaceCapability", "VpdAccess", "VpdField", "VpdFields", "VpdSystemField", "WWN",
]

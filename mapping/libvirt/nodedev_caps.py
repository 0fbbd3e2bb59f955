"""The larger `<capability>` types of a node device (formatnode "capability types"):
system, pci (with its nested capabilities, VPD and mediated device types), usb_device,
usb, net, scsi_host, scsi_target, scsi, scsi_generic and storage. `mapping.libvirt.nodedev`
holds the device itself, the smaller types and the table of them all.

Where libvirt lets several `<capability type=..>` of different kinds sit side by side
inside one capability (a PCI function's `phys_function` and `virt_functions`, an HBA's
`fc_host` and `vport_ops`, a network interface's protocols, a storage device's removable
media), they are one `unions()` list in document order, each entry of the class its
`type` names, holding only what that kind has (`PCI_CAPABILITIES`, `SCSI_HOST_CAPABILITIES`,
`NET_CAPABILITIES`, `STORAGE_CAPABILITIES`); a VPD capability's two `<fields access=..>`
likewise. Fields are declared in the order libvirt writes them.
"""
from __future__ import annotations

from ..core import BoolCodec, OpenEnum, attr, child, children, element, text, union, unions
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


class MdevDeviceApi(OpenEnum):
    """How VFIO presents an instance of a mediated device type to the guest (formatnode
    "mdev_types capability", `deviceAPI`)."""

    VFIO_PCI = "vfio-pci"
    VFIO_CCW = "vfio-ccw"
    VFIO_AP = "vfio-ap"


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
    """`<capability type='mdev_types'>` of a pci, css or ap_matrix device: the mediated
    device types it can create (formatnode "mdev_types capability")."""

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
class VpdReadOnlyFields:
    """`<fields access='readonly'>`: the VPD's read-only fields, change level,
    manufacture id, part and serial numbers and vendor fields (formatnode "vpd
    capability")."""

    change_level: str | None = child("change_level", codec=VPD_VALUE)
    manufacture_id: str | None = child("manufacture_id", codec=VPD_VALUE)
    part_number: str | None = child("part_number", codec=VPD_VALUE)
    serial_number: str | None = child("serial_number", codec=VPD_VALUE)
    vendor_fields: list[VpdField] = children("vendor_field")


@element()
class VpdReadWriteFields:
    """`<fields access='readwrite'>`: the VPD's read-write fields, asset tag, vendor
    and system fields (formatnode "vpd capability")."""

    asset_tag: str | None = child("asset_tag", codec=VPD_VALUE)
    vendor_fields: list[VpdField] = children("vendor_field")
    system_fields: list[VpdSystemField] = children("system_field")


VPD_FIELDS = {"readonly": VpdReadOnlyFields, "readwrite": VpdReadWriteFields}

VpdFields = VpdReadOnlyFields | VpdReadWriteFields


@element()
class PhysFunction:
    """`<capability type='phys_function'>` of an SR-IOV virtual function: the address of
    its physical function (formatnode "pci")."""

    address: PciAddress | None = child("address")


@element()
class VirtFunctions:
    """`<capability type='virt_functions'>` of an SR-IOV physical function: how many VFs
    it supports at most and the addresses of those active (formatnode "pci")."""

    max_count: int | None = attr("maxCount", codec=UNSIGNED_INT)
    addresses: list[PciAddress] = children("address")


@element()
class PciBridge:
    """`<capability type='pci-bridge'>`: the device's PCI header type is a PCI bridge's
    (usually not usable for passthrough; formatnode "pci")."""


@element()
class CardbusBridge:
    """`<capability type='cardbus-bridge'>`: the device's PCI header type is a CardBus
    bridge's (formatnode "pci")."""


@element()
class Vpd:
    """`<capability type='vpd'>`: the device's Vital Product Data, its name and its
    read-only and read-write field sets in that order (formatnode "vpd capability")."""

    name: str | None = child("name", codec=VPD_VALUE)
    fields: list[VpdFields] = unions("fields", VPD_FIELDS, on="access")


PCI_CAPABILITIES = {
    "phys_function": PhysFunction, "virt_functions": VirtFunctions, "pci-bridge": PciBridge,
    "cardbus-bridge": CardbusBridge, "mdev_types": MdevTypes, "vpd": Vpd,
}

PciCapability = PhysFunction | VirtFunctions | PciBridge | CardbusBridge | MdevTypes | Vpd


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
    capabilities: list[PciCapability] = unions("capability", PCI_CAPABILITIES, on="type")
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
class Net80203:
    """`<capability type='80203'>`: the interface speaks IEEE 802.3, Ethernet
    (formatnode "net")."""


@element()
class Net80211:
    """`<capability type='80211'>`: the interface speaks one of the IEEE 802.11 flavours,
    Wi-Fi (formatnode "net")."""


NET_CAPABILITIES = {"80203": Net80203, "80211": Net80211}

NetCapability = Net80203 | Net80211


@element()
class NetDeviceCapability:
    """`type='net'`: a network interface (formatnode "net"): its name, MAC address, link,
    offloads and protocols."""

    interface: str | None = child("interface")
    address: str | None = child("address", codec=MAC_ADDR)
    link: NetLink | None = child("link")
    features: list[NetFeature] = children("feature")
    capabilities: list[NetCapability] = unions("capability", NET_CAPABILITIES, on="type")


# -- formatnode "scsi_host", "scsi" ----------------------------------------------------

@element()
class FcHost:
    """`<capability type='fc_host'>` of a SCSI host: a Fibre Channel HBA, its node and
    port names and the fabric's (formatnode "scsi_host")."""

    wwnn: str | None = child("wwnn", codec=WWN)
    wwpn: str | None = child("wwpn", codec=WWN)
    fabric_wwn: str | None = child("fabric_wwn", codec=WWN)


@element()
class VportOps:
    """`<capability type='vport_ops'>` of a SCSI host: it can make NPIV vports, how many
    at most and how many are in use (formatnode "scsi_host")."""

    max_vports: int | None = child("max_vports", codec=UNSIGNED_INT)
    vports: int | None = child("vports", codec=UNSIGNED_INT)


SCSI_HOST_CAPABILITIES = {"fc_host": FcHost, "vport_ops": VportOps}

ScsiHostCapability = FcHost | VportOps


@element()
class ScsiHostDeviceCapability:
    """`type='scsi_host'`: a SCSI host adapter, its number and `unique_id` (formatnode
    "scsi_host")."""

    host: int | None = child("host", codec=UNSIGNED_LONG)
    unique_id: int | None = child("unique_id", codec=UNSIGNED_INT)
    capabilities: list[ScsiHostCapability] = unions("capability", SCSI_HOST_CAPABILITIES,
                                                    on="type")


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
class RemovableMedia:
    """`<capability type='removable'>` of a storage device: its media are removable;
    whether one is in, its size in bytes and label, and its block size and count
    (formatnode "storage")."""

    media_available: bool | None = child("media_available", codec=MEDIA_AVAILABLE)
    media_size: int | None = child("media_size", codec=UNSIGNED_LONG)
    media_label: str | None = child("media_label")
    logical_block_size: int | None = child("logical_block_size", codec=UNSIGNED_LONG)
    num_blocks: int | None = child("num_blocks", codec=UNSIGNED_LONG)


@element()
class Hotpluggable:
    """`<capability type='hotpluggable'>` of a storage device: it can be plugged in and
    out while the host runs (formatnode "storage")."""


STORAGE_CAPABILITIES = {"removable": RemovableMedia, "hotpluggable": Hotpluggable}

StorageCapability = RemovableMedia | Hotpluggable


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
    capabilities: list[StorageCapability] = unions("capability", STORAGE_CAPABILITIES,
                                                   on="type")


__all__ = [
    "CardbusBridge", "DEVICE_PATH", "FcHost", "FcRemotePort", "HEX_UINT", "Hotpluggable",
    "IommuGroup", "MdevDeviceApi", "MdevType", "MdevTypes", "NET_CAPABILITIES", "NamedId",
    "Net80203", "Net80211", "NetCapability", "NetDeviceCapability", "NetFeature",
    "NetFeatureName", "NetLink", "NetLinkState", "PCI_CAPABILITIES", "PCI_CLASS",
    "PciBridge", "PciCapability", "PciDeviceCapability", "PciExpress", "PciNuma", "PcieLink",
    "PcieLinkValidity", "PhysFunction", "RemovableMedia", "SCSI_HOST_CAPABILITIES",
    "STORAGE_CAPABILITIES", "ScsiCapability", "ScsiGenericCapability", "ScsiHostCapability",
    "ScsiHostDeviceCapability", "ScsiTargetCapability", "StorageCapability",
    "StorageDeviceCapability", "SystemCapability", "SystemFirmware", "SystemHardware",
    "UsbDeviceCapability", "UsbInterfaceCapability", "VPD_FIELDS", "VirtFunctions",
    "VportOps", "Vpd", "VpdField", "VpdFields", "VpdReadOnlyFields", "VpdReadWriteFields",
    "VpdSystemField", "WWN",
]

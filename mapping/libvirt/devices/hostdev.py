"""Host devices given to the guest: `<hostdev>` (formatdomain "Host device assignment").

In `mode='subsystem'` the `type` (usb, pci, scsi, scsi_host, mdev) picks the source
dataclass; in `mode='capabilities'` (containers) it is storage, misc or net.
"""
from __future__ import annotations

from ...core import HexIntCodec, OnOff, OpenEnum, YesNo, attr, child, children, element, flag
from ...core import path as leaf
from ...core import union
from ..basictypes import POSITIVE_INTEGER
from ..storage import Auth, NetworkHost
from .common import Device, Sgio, StartupPolicy

_HEX = HexIntCodec(0)


@element()
class HostPciAddress:
    """A host PCI device (`<address domain=.. bus=.. slot=.. function=..>`, no type)."""

    domain: int | None = attr("domain", codec=HexIntCodec(4))
    bus: int | None = attr("bus", codec=HexIntCodec(2))
    slot: int | None = attr("slot", codec=HexIntCodec(2))
    function: int | None = attr("function", codec=HexIntCodec(1))
    multifunction: bool | None = attr("multifunction", codec=OnOff)


@element()
class PciSource:
    startup_policy: StartupPolicy | None = attr("startupPolicy")
    write_filtering: bool | None = attr("writeFiltering", codec=YesNo)
    address: HostPciAddress | None = child("address")


@element()
class UsbHostAddress:
    bus: int | None = attr("bus")
    device: int | None = attr("device")


class GuestReset(OpenEnum):
    """Which guest resets of a USB device reach the host device: none (`off`), only
    while it is not configured (`uninitialized`), or all (`on`)."""

    OFF = "off"
    UNINITIALIZED = "uninitialized"
    ON = "on"


@element()
class UsbSource:
    """A host USB device by vendor/product and/or bus/device."""

    startup_policy: StartupPolicy | None = attr("startupPolicy")
    guest_reset: GuestReset | None = attr("guestReset")
    vendor_id: int | None = leaf("vendor/@id", codec=HexIntCodec(4))
    product_id: int | None = leaf("product/@id", codec=HexIntCodec(4))
    address: UsbHostAddress | None = child("address")


@element()
class ScsiHostAddress:
    bus: int | None = attr("bus")
    target: int | None = attr("target")
    unit: int | None = attr("unit")


@element()
class AdapterParentAddr:
    """`<parentaddr unique_id=..><address .../>`: a SCSI host by the PCI address of its
    parent, stable across reboots where `scsi_hostN` names are not."""

    unique_id: int | None = attr("unique_id", codec=POSITIVE_INTEGER)
    address: HostPciAddress | None = child("address")


class AdapterType(OpenEnum):
    SCSI_HOST = "scsi_host"
    FC_HOST = "fc_host"


@element()
class ScsiAdapter:
    """`<adapter>` of a SCSI host device: a SCSI host by `name` (`scsi_host2`) or by
    `parentaddr`. libvirt's schema shares this element with storage pools, hence also
    the `fc_host` (NPIV vHBA) attributes; formatstorage "Source elements" describes
    them."""

    type: AdapterType | None = attr("type")
    name: str | None = attr("name")
    parent: str | None = attr("parent")
    managed: bool | None = attr("managed", codec=YesNo)
    parent_wwnn: str | None = attr("parent_wwnn")
    parent_wwpn: str | None = attr("parent_wwpn")
    parent_fabric_wwn: str | None = attr("parent_fabric_wwn")
    wwnn: str | None = attr("wwnn")
    wwpn: str | None = attr("wwpn")
    parentaddr: AdapterParentAddr | None = child("parentaddr")


@element()
class ScsiSource:
    """A host SCSI LUN: by adapter and address, or over iSCSI."""

    protocol: str | None = attr("protocol")
    name: str | None = attr("name")
    adapter: ScsiAdapter | None = child("adapter")
    address: ScsiHostAddress | None = child("address")
    hosts: list[NetworkHost] = children("host")
    auth: Auth | None = child("auth")
    initiator_iqn: str | None = leaf("initiator/iqn/@name")


@element()
class ScsiHostSource:
    """A vhost-scsi target by WWPN."""

    protocol: str | None = attr("protocol")
    wwpn: str | None = attr("wwpn")


@element()
class MdevSource:
    """A mediated device by UUID."""

    uuid: str | None = leaf("address/@uuid")


@element()
class StorageCapSource:
    block: str | None = leaf("block")


@element()
class MiscCapSource:
    char: str | None = leaf("char")


@element()
class NetCapSource:
    interface: str | None = leaf("interface")


HOSTDEV_SOURCES = {
    "pci": PciSource, "usb": UsbSource, "scsi": ScsiSource, "scsi_host": ScsiHostSource,
    "mdev": MdevSource, "storage": StorageCapSource, "misc": MiscCapSource,
    "net": NetCapSource,
}

HostdevSource = (PciSource | UsbSource | ScsiSource | ScsiHostSource | MdevSource
                 | StorageCapSource | MiscCapSource | NetCapSource)


class HostdevType(OpenEnum):
    USB = "usb"
    PCI = "pci"
    SCSI = "scsi"
    SCSI_HOST = "scsi_host"
    MDEV = "mdev"
    STORAGE = "storage"
    MISC = "misc"
    NET = "net"


@element()
class IpAddress:
    """`<ip address=.. family=.. prefix=.. peer=..>`."""

    address: str | None = attr("address")
    family: str | None = attr("family")
    prefix: int | None = attr("prefix")
    peer: str | None = attr("peer")


@element()
class Route:
    """`<route family=.. address=.. prefix=.. gateway=.. metric=..>`."""

    family: str | None = attr("family")
    address: str | None = attr("address")
    netmask: str | None = attr("netmask")   # (IPv4: instead of prefix)
    prefix: int | None = attr("prefix")
    gateway: str | None = attr("gateway")
    metric: int | None = attr("metric")


@element()
class Teaming:
    """`<teaming type=.. persistent=..>`: the failover pairing of two nics."""

    type: str | None = attr("type")
    persistent: str | None = attr("persistent")


class HostdevMode(OpenEnum):
    """A bus device of the host (`subsystem`), or a host resource of a container
    (`capabilities`)."""

    SUBSYSTEM = "subsystem"
    CAPABILITIES = "capabilities"


class HostdevModel(OpenEnum):
    """The device API of a mediated device, or the virtio model of a vhost-scsi host."""

    VFIO_PCI = "vfio-pci"
    VFIO_CCW = "vfio-ccw"
    VFIO_AP = "vfio-ap"
    VIRTIO = "virtio"
    VIRTIO_TRANSITIONAL = "virtio-transitional"
    VIRTIO_NON_TRANSITIONAL = "virtio-non-transitional"


@element("hostdev")
class Hostdev(Device):
    mode: HostdevMode | None = attr("mode")
    type: HostdevType | None = attr("type")
    managed: bool | None = attr("managed", codec=YesNo)
    sgio: Sgio | None = attr("sgio")
    rawio: bool | None = attr("rawio", codec=YesNo)
    model: HostdevModel | None = attr("model")
    display: bool | None = attr("display", codec=OnOff)
    ramfb: bool | None = attr("ramfb", codec=OnOff)
    # libvirt writes <driver> before <source> (virDomainHostdevDefFormatSubsysPCI)
    driver_name: str | None = leaf("driver/@name")
    # libvirt 10.0: the host driver to bind the PCI device to (`vfio-pci-igb`, ...)
    driver_model: str | None = leaf("driver/@model")
    # libvirt 12.1: assign the device through the IOMMUFD backend rather than VFIO's
    # legacy container
    driver_iommufd: bool | None = leaf("driver/@iommufd", codec=YesNo)
    source: HostdevSource | None = union("source", HOSTDEV_SOURCES, by="type")
    ips: list[IpAddress] = children("ip")
    routes: list[Route] = children("route")
    readonly: bool | None = flag("readonly")
    shareable: bool | None = flag("shareable")
    teaming: Teaming | None = child("teaming")


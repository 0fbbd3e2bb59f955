"""Device addresses: one union, the `type` attribute picks the variant.

formatdomain "Device Addresses". Values are kept exactly: PCI slot 0 is 0, not unset;
hexadecimal fields are written in hex, zero-padded as libvirt writes them.
"""
from __future__ import annotations

from ...core import HexIntCodec, OnOff, attr, child, element

_HEX = HexIntCodec(0)


@element()
class Zpci:
    """`<zpci uid=.. fid=..>`: the s390 PCI identifiers of a PCI address."""

    uid: int | None = attr("uid", codec=HexIntCodec(4))
    fid: int | None = attr("fid", codec=HexIntCodec(8))


@element()
class PciAddress:
    domain: int | None = attr("domain", codec=HexIntCodec(4))
    bus: int | None = attr("bus", codec=HexIntCodec(2))
    slot: int | None = attr("slot", codec=HexIntCodec(2))
    function: int | None = attr("function", codec=HexIntCodec(1))
    multifunction: bool | None = attr("multifunction", codec=OnOff)
    zpci: Zpci | None = child("zpci")


@element()
class DriveAddress:
    controller: int | None = attr("controller")
    bus: int | None = attr("bus")
    target: int | None = attr("target")
    unit: int | None = attr("unit")


@element()
class VirtioSerialAddress:
    controller: int | None = attr("controller")
    bus: int | None = attr("bus")
    port: int | None = attr("port")


@element()
class CcidAddress:
    controller: int | None = attr("controller")
    slot: int | None = attr("slot")


@element()
class UsbAddress:
    """`port` is a dotted path through hubs (`1.2`), so it stays a string."""

    bus: int | None = attr("bus")
    port: str | None = attr("port")


@element()
class SpaprVioAddress:
    reg: int | None = attr("reg", codec=_HEX)


@element()
class CcwAddress:
    cssid: int | None = attr("cssid", codec=HexIntCodec(0))
    ssid: int | None = attr("ssid", codec=HexIntCodec(0))
    devno: int | None = attr("devno", codec=HexIntCodec(4))


@element()
class IsaAddress:
    iobase: int | None = attr("iobase", codec=_HEX)
    irq: int | None = attr("irq", codec=_HEX)


@element()
class DimmAddress:
    slot: int | None = attr("slot")
    base: int | None = attr("base", codec=_HEX)


@element()
class VirtioMmioAddress:
    """No fields: the machine places the device."""


@element()
class UnassignedAddress:
    """A host device assigned to no guest bus (kept for its other settings)."""


@element()
class S390Address:
    """Legacy virtio-s390 placement."""


ADDRESS_VARIANTS = {
    "pci": PciAddress,
    "drive": DriveAddress,
    "virtio-serial": VirtioSerialAddress,
    "ccid": CcidAddress,
    "usb": UsbAddress,
    "spapr-vio": SpaprVioAddress,
    "ccw": CcwAddress,
    "isa": IsaAddress,
    "dimm": DimmAddress,
    "virtio-mmio": VirtioMmioAddress,
    "virtio-s390": S390Address,
    "unassigned": UnassignedAddress,
}

Address = (PciAddress | DriveAddress | VirtioSerialAddress | CcidAddress | UsbAddress
           | SpaprVioAddress | CcwAddress | IsaAddress | DimmAddress | VirtioMmioAddress
           | S390Address | UnassignedAddress)

"""Device addresses: one union, the `type` attribute picks the variant.

formatdomain "Device Addresses". Values are kept exactly: PCI slot 0 is 0, not unset;
hexadecimal fields are written in hex, zero-padded as libvirt writes them.
"""
from __future__ import annotations

from ...core import HexIntCodec, OnOff, attr, child, element
from ..basictypes import (CCW_CSSID, CCW_DEVNO, CCW_SSID, DRIVE_NUMBER, DRIVE_UNIT, PCI_BUS,
                          PCI_DOMAIN, PCI_FUNC, PCI_SLOT, SPAPR_VIO_REG, UNSIGNED_INT, USB_ADDR,
                          USB_PORT, ZPCI_FID, ZPCI_UID)

_HEX = HexIntCodec(0)


@element()
class Zpci:
    """`<zpci uid=.. fid=..>`: the s390 PCI identifiers of a PCI address."""

    uid: int | None = attr("uid", codec=ZPCI_UID)
    fid: int | None = attr("fid", codec=ZPCI_FID)


@element()
class PciAddress:
    domain: int | None = attr("domain", codec=PCI_DOMAIN)
    bus: int | None = attr("bus", codec=PCI_BUS)
    slot: int | None = attr("slot", codec=PCI_SLOT)
    function: int | None = attr("function", codec=PCI_FUNC)
    multifunction: bool | None = attr("multifunction", codec=OnOff)
    zpci: Zpci | None = child("zpci")


@element()
class DriveAddress:
    controller: int | None = attr("controller", codec=DRIVE_NUMBER)
    bus: int | None = attr("bus", codec=DRIVE_NUMBER)
    target: int | None = attr("target", codec=DRIVE_NUMBER)
    unit: int | None = attr("unit", codec=DRIVE_UNIT)


@element()
class VirtioSerialAddress:
    controller: int | None = attr("controller", codec=DRIVE_NUMBER)
    bus: int | None = attr("bus", codec=DRIVE_NUMBER)
    port: int | None = attr("port", codec=DRIVE_NUMBER)


@element()
class CcidAddress:
    controller: int | None = attr("controller", codec=DRIVE_NUMBER)
    slot: int | None = attr("slot", codec=DRIVE_NUMBER)


@element()
class UsbAddress:
    """`port` is a dotted path through hubs (`1.2`), so it stays a string."""

    bus: int | None = attr("bus", codec=USB_ADDR)
    port: str | None = attr("port", codec=USB_PORT)


@element()
class SpaprVioAddress:
    reg: int | None = attr("reg", codec=SPAPR_VIO_REG)


@element()
class CcwAddress:
    cssid: int | None = attr("cssid", codec=CCW_CSSID)
    ssid: int | None = attr("ssid", codec=CCW_SSID)
    devno: int | None = attr("devno", codec=CCW_DEVNO)


@element()
class IsaAddress:
    iobase: int | None = attr("iobase", codec=_HEX)
    irq: int | None = attr("irq", codec=_HEX)


@element()
class DimmAddress:
    slot: int | None = attr("slot", codec=UNSIGNED_INT)
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

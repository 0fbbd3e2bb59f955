"""Device addresses: one union, the `type` attribute picks the variant.

formatdomain "Device Addresses". PCI values are kept exactly: slot 0 is 0, not unset.
"""
from __future__ import annotations

from ...core import HexIntCodec, attr, element
from ...core.codecs import OnOff

_HEX2 = HexIntCodec(2)
_HEX4 = HexIntCodec(4)


@element()
class PciAddress:
    domain: int | None = attr("domain", codec=_HEX4)
    bus: int | None = attr("bus", codec=_HEX2)
    slot: int | None = attr("slot", codec=_HEX2)
    function: int | None = attr("function", codec=HexIntCodec(1))
    multifunction: bool | None = attr("multifunction", codec=OnOff)


@element()
class DriveAddress:
    controller: int | None = attr("controller")
    bus: int | None = attr("bus")
    target: int | None = attr("target")
    unit: int | None = attr("unit")


ADDRESS_VARIANTS = {
    "pci": PciAddress,
    "drive": DriveAddress,
}

Address = PciAddress | DriveAddress

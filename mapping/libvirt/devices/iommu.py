"""IOMMU devices: `<iommu>` (formatdomain "IOMMU devices")."""
from __future__ import annotations

from ...core import OnOff, OpenEnum, attr, child, element
from ..basictypes import UNSIGNED_INT
from ..units import SIZE_UNIT
from .common import Device


class IommuModel(OpenEnum):
    INTEL = "intel"
    SMMUV3 = "smmuv3"
    VIRTIO = "virtio"
    AMD = "amd"   # libvirt 11.5


class GranuleMode(OpenEnum):
    """A granule named rather than sized: `host` follows the host's page size."""

    HOST = "host"


@element()
class IommuGranule:
    """`<granule>` of a virtio IOMMU's driver (libvirt 12.1): the page size the guest
    uses, as a size and unit or a mode, for guests whose page size is not the
    host's (aarch64)."""

    size: int | None = attr("size", codec=UNSIGNED_INT)
    unit: str | None = attr("unit", codec=SIZE_UNIT)
    mode: GranuleMode | None = attr("mode")


@element()
class IommuDriver:
    """`<driver intremap=.. caching_mode=.. eim=.. iotlb=.. aw_bits=..>`, all on/off but
    `aw_bits` (the address width in bits); `passthrough` and `xtsup` (libvirt 11.5,
    amd); `pci_bus` (libvirt 11.10, smmuv3): the index of the PCI controller the
    IOMMU sits on; `accel`, `ats`, `ril`, `ssidsize`, `oas` and `cmdqv` (libvirt 12.7,
    smmuv3): host-accelerated SMMU, address translation services, range invalidation,
    substream ID and output address widths, command queue virtualisation."""

    intremap: bool | None = attr("intremap", codec=OnOff)
    caching_mode: bool | None = attr("caching_mode", codec=OnOff)
    eim: bool | None = attr("eim", codec=OnOff)
    iotlb: bool | None = attr("iotlb", codec=OnOff)
    aw_bits: int | None = attr("aw_bits")
    dma_translation: bool | None = attr("dma_translation", codec=OnOff)
    xtsup: bool | None = attr("xtsup", codec=OnOff)
    passthrough: bool | None = attr("passthrough", codec=OnOff)
    pci_bus: int | None = attr("pciBus", codec=UNSIGNED_INT)
    accel: bool | None = attr("accel", codec=OnOff)
    ats: bool | None = attr("ats", codec=OnOff)
    ril: bool | None = attr("ril", codec=OnOff)
    ssidsize: int | None = attr("ssidsize")
    oas: int | None = attr("oas")
    cmdqv: bool | None = attr("cmdqv", codec=OnOff)
    granule: IommuGranule | None = child("granule")


@element("iommu")
class Iommu(Device):
    """`<iommu model=..>` and its driver options."""

    IDENTITY = ("model",)

    model: IommuModel | None = attr("model")
    driver: IommuDriver | None = child("driver")

"""IOMMU devices: `<iommu>` (formatdomain "IOMMU devices")."""
from __future__ import annotations

from ...core import OnOff, OpenEnum, attr, child, element
from .common import Device


class IommuModel(OpenEnum):
    INTEL = "intel"
    SMMUV3 = "smmuv3"
    VIRTIO = "virtio"
    AMD = "amd"


@element()
class IommuDriver:
    """`<driver intremap=.. caching_mode=.. eim=.. iotlb=.. aw_bits=..>`, all on/off but
    `aw_bits` (the address width in bits)."""

    intremap: bool | None = attr("intremap", codec=OnOff)
    caching_mode: bool | None = attr("caching_mode", codec=OnOff)
    eim: bool | None = attr("eim", codec=OnOff)
    iotlb: bool | None = attr("iotlb", codec=OnOff)
    aw_bits: int | None = attr("aw_bits")
    dma_translation: bool | None = attr("dma_translation", codec=OnOff)
    xtsup: bool | None = attr("xtsup", codec=OnOff)
    passthrough: bool | None = attr("passthrough", codec=OnOff)


@element("iommu")
class Iommu(Device):
    """`<iommu model=..>` and its driver options."""

    IDENTITY = ("model",)

    model: IommuModel | None = attr("model")
    driver: IommuDriver | None = child("driver")

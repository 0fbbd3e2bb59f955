"""IOMMU devices: `<iommu>` (formatdomain "IOMMU devices")."""
from __future__ import annotations

from ...core import OnOff, attr, child, element
from .common import Device


@element()
class IommuDriver:
    intremap: bool | None = attr("intremap", codec=OnOff)
    caching_mode: bool | None = attr("caching_mode", codec=OnOff)
    eim: bool | None = attr("eim", codec=OnOff)
    iotlb: bool | None = attr("iotlb", codec=OnOff)
    aw_bits: int | None = attr("aw_bits")
    dma_translation: bool | None = attr("dma_translation", codec=OnOff)


@element("iommu")
class Iommu(Device):
    IDENTITY = ("model",)

    model: str | None = attr("model")
    driver: IommuDriver | None = child("driver")

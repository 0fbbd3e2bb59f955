"""IOMMU devices (formatdomain "IOMMU devices")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("iommu")
class Iommu(Device):
    """Not modelled yet: its content is kept as unknown XML."""

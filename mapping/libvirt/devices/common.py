"""What every device carries at run time: alias and address (formatdomain "Devices")."""
from __future__ import annotations

from ...core import OnOff, attr, element, path, union
from .address import ADDRESS_VARIANTS, Address


@element(written_last=True)
class Device:
    """Base of every device: the alias and address a running domain reports.

    libvirt writes them after the device's own children, so they are declared last.
    """

    alias: str | None = path("alias/@name")
    address: Address | None = union("address", ADDRESS_VARIANTS, on="type")


@element()
class VirtioOptions:
    """Attributes every virtio device's `<driver>` may carry (formatdomain "Virtio-related
    options"). A device's own driver class subclasses this one."""

    iommu: bool | None = attr("iommu", codec=OnOff)
    ats: bool | None = attr("ats", codec=OnOff)
    packed: bool | None = attr("packed", codec=OnOff)
    page_per_vq: bool | None = attr("page_per_vq", codec=OnOff)

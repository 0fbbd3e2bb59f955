"""What every device carries at run time: alias and address (formatdomain "Devices")."""
from __future__ import annotations

from ...core import element, path, union
from .address import ADDRESS_VARIANTS, Address


@element(written_last=True)
class Device:
    """Base of every device: the alias and address a running domain reports.

    libvirt writes them after the device's own children, so they are declared last.
    """

    alias: str | None = path("alias/@name")
    address: Address | None = union("address", ADDRESS_VARIANTS, on="type")

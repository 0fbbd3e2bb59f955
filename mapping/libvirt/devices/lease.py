"""Device leases (formatdomain "Device leases")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("lease")
class Lease(Device):
    """Not modelled yet: its content is kept as unknown XML."""

"""The pSeries NVRAM device: `<nvram>` (formatdomain "NVRAM device")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("nvram")
class Nvram(Device):
    """Only an address: where the NVRAM sits on the spapr-vio bus."""

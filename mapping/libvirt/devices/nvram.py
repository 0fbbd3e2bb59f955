"""NVRAM devices (formatdomain "NVRAM device")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("nvram")
class Nvram(Device):
    """Not modelled yet: its content is kept as unknown XML."""

"""Memory balloon devices (formatdomain "Memory balloon device")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("memballoon")
class Memballoon(Device):
    """Not modelled yet: its content is kept as unknown XML."""

"""Hub devices (formatdomain "Hub devices")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("hub")
class Hub(Device):
    """Not modelled yet: its content is kept as unknown XML."""

"""Host device assignment (formatdomain "Host device assignment")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("hostdev")
class Hostdev(Device):
    """Not modelled yet: its content is kept as unknown XML."""

"""Input devices (formatdomain "Input devices")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("input")
class Input(Device):
    """Not modelled yet: its content is kept as unknown XML."""

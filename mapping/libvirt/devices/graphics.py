"""Graphical framebuffers (formatdomain "Graphical framebuffers")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("graphics")
class Graphics(Device):
    """Not modelled yet: its content is kept as unknown XML."""

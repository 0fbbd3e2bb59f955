"""Vsock devices (formatdomain "Vsock")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("vsock")
class Vsock(Device):
    """Not modelled yet: its content is kept as unknown XML."""

"""Smartcard devices (formatdomain "Smartcard devices")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("smartcard")
class Smartcard(Device):
    """Not modelled yet: its content is kept as unknown XML."""

"""Watchdog devices (formatdomain "Watchdog devices")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("watchdog")
class Watchdog(Device):
    """Not modelled yet: its content is kept as unknown XML."""

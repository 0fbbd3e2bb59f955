"""Panic devices (formatdomain "Panic device")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("panic")
class Panic(Device):
    """Not modelled yet: its content is kept as unknown XML."""

"""Consoles, serial, parallel and channel devices (formatdomain "Consoles, serial, parallel & channel devices")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("console")
class Console(Device):
    """Not modelled yet: its content is kept as unknown XML."""


@element("serial")
class Serial(Device):
    """Not modelled yet: its content is kept as unknown XML."""


@element("parallel")
class Parallel(Device):
    """Not modelled yet: its content is kept as unknown XML."""


@element("channel")
class Channel(Device):
    """Not modelled yet: its content is kept as unknown XML."""

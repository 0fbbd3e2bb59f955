"""Random number generator devices (formatdomain "Random number generator device")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("rng")
class Rng(Device):
    """Not modelled yet: its content is kept as unknown XML."""

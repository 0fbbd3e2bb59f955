"""Crypto devices (formatdomain "Crypto")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("crypto")
class Crypto(Device):
    """Not modelled yet: its content is kept as unknown XML."""

"""Sound devices and audio backends (formatdomain "Sound devices", "Audio backends")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("sound")
class Sound(Device):
    """Not modelled yet: its content is kept as unknown XML."""


@element("audio")
class Audio(Device):
    """Not modelled yet: its content is kept as unknown XML."""

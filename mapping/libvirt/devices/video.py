"""Video devices (formatdomain "Video devices")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("video")
class Video(Device):
    """Not modelled yet: its content is kept as unknown XML."""

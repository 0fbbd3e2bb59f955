"""Filesystems (formatdomain "Filesystems")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("filesystem")
class Filesystem(Device):
    """Not modelled yet: its content is kept as unknown XML."""

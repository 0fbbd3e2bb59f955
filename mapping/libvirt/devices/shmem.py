"""Shared memory devices (formatdomain "Shared memory device")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("shmem")
class Shmem(Device):
    """Not modelled yet: its content is kept as unknown XML."""

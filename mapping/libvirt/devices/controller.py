"""Controllers (formatdomain "Controllers")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("controller")
class Controller(Device):
    """Not modelled yet: its content is kept as unknown XML."""

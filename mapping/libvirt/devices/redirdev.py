"""USB redirection and its filter (formatdomain "Redirected devices")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("redirdev")
class Redirdev(Device):
    """Not modelled yet: its content is kept as unknown XML."""


@element("redirfilter")
class Redirfilter(Device):
    """Not modelled yet: its content is kept as unknown XML."""

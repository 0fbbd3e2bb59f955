"""Network interfaces (formatdomain "Network interfaces")."""
from __future__ import annotations

from ...core import attr, element, path
from .common import Device


@element("interface")
class Interface(Device):
    type: str | None = attr("type")
    mac: str | None = path("mac/@address")
    source_network: str | None = path("source/@network")
    source_bridge: str | None = path("source/@bridge")
    model: str | None = path("model/@type")

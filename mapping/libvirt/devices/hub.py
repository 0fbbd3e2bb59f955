"""Hub devices: `<hub type='usb'>` (formatdomain "Hub devices")."""
from __future__ import annotations

from ...core import attr, element
from .common import Device


@element("hub")
class Hub(Device):
    type: str | None = attr("type")

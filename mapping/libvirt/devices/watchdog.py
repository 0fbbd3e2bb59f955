"""Watchdog devices: `<watchdog>` (formatdomain "Watchdog devices")."""
from __future__ import annotations

from ...core import attr, element
from .common import Device


@element("watchdog")
class Watchdog(Device):
    IDENTITY = ("model",)

    model: str | None = attr("model")
    action: str | None = attr("action")

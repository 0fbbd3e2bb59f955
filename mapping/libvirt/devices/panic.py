"""Panic devices: `<panic>` (formatdomain "panic device")."""
from __future__ import annotations

from ...core import attr, element
from .common import Device


@element("panic")
class Panic(Device):
    IDENTITY = ("model",)

    model: str | None = attr("model")

"""Smartcard devices: `<smartcard>` (formatdomain "Smartcard devices")."""
from __future__ import annotations

from ...core import attr, child, children, element
from .chardev import ChardevHost
from .common import Device


@element("smartcard")
class Smartcard(ChardevHost, Device):
    """`mode='host'`, `'host-certificates'` (three certificates and a database) or
    `'passthrough'` (a character device, its type and source in ChardevHost)."""

    IDENTITY = ("mode",)

    mode: str | None = attr("mode")
    certificates: list[str] = children("certificate")
    database: str | None = child("database")

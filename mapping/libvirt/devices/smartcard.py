"""Smartcard devices: `<smartcard>` (formatdomain "Smartcard devices")."""
from __future__ import annotations

from ...core import OpenEnum, attr, child, children, element
from .chardev import ChardevHost, SerialTarget
from .common import Device


class SmartcardMode(OpenEnum):
    HOST = "host"
    HOST_CERTIFICATES = "host-certificates"
    PASSTHROUGH = "passthrough"


@element("smartcard")
class Smartcard(ChardevHost, Device):
    """`mode='host'`, `'host-certificates'` (three certificates and a database) or
    `'passthrough'` (a character device, its type and source in ChardevHost)."""

    IDENTITY = ("mode",)

    mode: SmartcardMode | None = attr("mode")
    certificates: list[str] = children("certificate")
    database: str | None = child("database")
    target: SerialTarget | None = child("target")

"""Crypto devices: `<crypto>` (formatdomain "Crypto")."""
from __future__ import annotations

from ...core import attr, child, element
from .common import Device, VirtioOptions


@element()
class CryptoBackend:
    model: str | None = attr("model")
    queues: int | None = attr("queues")


@element("crypto")
class Crypto(Device):
    model: str | None = attr("model")
    type: str | None = attr("type")
    backend: CryptoBackend | None = child("backend")
    driver: VirtioOptions | None = child("driver")

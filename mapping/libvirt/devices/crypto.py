"""Crypto devices: `<crypto>` (formatdomain "Crypto")."""
from __future__ import annotations

from ...core import OpenEnum, attr, child, element
from .common import Device, VirtioModel, VirtioOptions


class CryptoType(OpenEnum):
    QEMU = "qemu"


class CryptoBackendModel(OpenEnum):
    BUILTIN = "builtin"
    LKCF = "lkcf"


@element()
class CryptoBackend:
    """`<backend model="builtin|lkcf" queues=..>`."""

    model: CryptoBackendModel | None = attr("model")
    queues: int | None = attr("queues")


@element("crypto")
class Crypto(Device):
    """`<crypto model="virtio" type="qemu">`: a virtio-crypto device and its backend."""

    IDENTITY = ("model",)

    model: VirtioModel | None = attr("model")
    type: CryptoType | None = attr("type")
    backend: CryptoBackend | None = child("backend")
    driver: VirtioOptions | None = child("driver")

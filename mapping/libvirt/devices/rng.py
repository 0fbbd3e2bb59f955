"""Random number generators: `<rng>` (formatdomain "Random number generator device").

The backend's `model` picks its dataclass: a host device (random), an EGD daemon
reached through a character device (egd), or QEMU's own (builtin).
"""
from __future__ import annotations

from ...core import attr, child, element, text, union
from .chardev import ChardevHost
from .common import Device, VirtioOptions


@element()
class RandomBackend:
    path: str | None = text()


@element()
class EgdBackend(ChardevHost):
    """The EGD daemon's character device (type, source, protocol)."""


@element()
class BuiltinBackend:
    """QEMU's built-in generator."""


RNG_BACKENDS = {"random": RandomBackend, "egd": EgdBackend, "builtin": BuiltinBackend}


@element()
class RngRate:
    bytes: int | None = attr("bytes")
    period: int | None = attr("period")


@element("rng")
class Rng(Device):
    IDENTITY = ("model",)

    model: str | None = attr("model")
    rate: RngRate | None = child("rate")
    backend: RandomBackend | EgdBackend | BuiltinBackend | None = union(
        "backend", RNG_BACKENDS, on="model")
    driver: VirtioOptions | None = child("driver")

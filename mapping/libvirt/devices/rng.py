"""Random number generators: `<rng>` (formatdomain "Random number generator device").

The backend's `model` picks its dataclass: a host device (random), an EGD daemon
reached through a character device (egd), or QEMU's own (builtin).
"""
from __future__ import annotations

from ...core import attr, child, element, text, union
from .chardev import ChardevHost
from .common import Device, VirtioModel, VirtioOptions


@element()
class RandomBackend:
    """`<backend model="random">/dev/urandom</backend>`: a host device file."""

    path: str | None = text()


@element()
class EgdBackend(ChardevHost):
    """`<backend model="egd" type=..>`: the EGD daemon's character device (type, source,
    protocol)."""


@element()
class BuiltinBackend:
    """`<backend model="builtin"/>`: QEMU's built-in generator."""


RNG_BACKENDS = {"random": RandomBackend, "egd": EgdBackend, "builtin": BuiltinBackend}


@element()
class RngRate:
    """`<rate bytes=.. period=..>`: at most `bytes` per `period` milliseconds."""

    bytes: int | None = attr("bytes")
    period: int | None = attr("period")


@element("rng")
class Rng(Device):
    """`<rng model="virtio">` with a rate limit, a backend and virtio driver options."""

    IDENTITY = ("model",)

    model: VirtioModel | None = attr("model")
    rate: RngRate | None = child("rate")
    backend: RandomBackend | EgdBackend | BuiltinBackend | None = union(
        "backend", RNG_BACKENDS, on="model")
    driver: VirtioOptions | None = child("driver")

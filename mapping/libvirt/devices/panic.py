"""Panic devices: `<panic>` (formatdomain "panic device")."""
from __future__ import annotations

from ...core import OpenEnum, attr, element
from .common import Device


class PanicModel(OpenEnum):
    ISA = "isa"
    PSERIES = "pseries"
    HYPERV = "hyperv"
    S390 = "s390"
    PVPANIC = "pvpanic"


@element("panic")
class Panic(Device):
    """`<panic model=..>`: how the guest tells the host it crashed."""

    IDENTITY = ("model",)

    model: PanicModel | None = attr("model")

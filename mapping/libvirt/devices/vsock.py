"""Vsock: `<vsock>` (formatdomain "Vsock")."""
from __future__ import annotations

from ...core import YesNo, attr, child, element
from .common import Device, VirtioOptions


@element()
class VsockCid:
    auto: bool | None = attr("auto", codec=YesNo)
    address: int | None = attr("address")


@element("vsock")
class Vsock(Device):
    IDENTITY = ("model",)

    model: str | None = attr("model")
    cid: VsockCid | None = child("cid")
    driver: VirtioOptions | None = child("driver")

"""Vsock: `<vsock>` (formatdomain "Vsock")."""
from __future__ import annotations

from ...core import YesNo, attr, child, element
from .common import Device, VirtioModel, VirtioOptions


@element()
class VsockCid:
    """`<cid auto=.. address=..>`: the guest's context id, or let libvirt pick one."""

    auto: bool | None = attr("auto", codec=YesNo)
    address: int | None = attr("address")


@element("vsock")
class Vsock(Device):
    """`<vsock model="virtio">`: a host/guest socket device."""

    IDENTITY = ("model",)

    model: VirtioModel | None = attr("model")
    cid: VsockCid | None = child("cid")
    driver: VirtioOptions | None = child("driver")

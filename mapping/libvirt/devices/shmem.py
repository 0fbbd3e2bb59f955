"""Shared memory devices: `<shmem>` (formatdomain "Shared memory device")."""
from __future__ import annotations

from ...core import OnOff, attr, child, element, path
from ..units import Size
from .common import Device


@element()
class Msi:
    vectors: int | None = attr("vectors")
    ioeventfd: bool | None = attr("ioeventfd", codec=OnOff)


@element("shmem")
class Shmem(Device):
    IDENTITY = ("name",)

    name: str | None = attr("name")
    role: str | None = attr("role")
    model: str | None = path("model/@type")
    size: Size | None = child("size")
    server_path: str | None = path("server/@path")
    msi: Msi | None = child("msi")

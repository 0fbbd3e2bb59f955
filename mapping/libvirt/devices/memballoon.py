"""The memory balloon: `<memballoon>` (formatdomain "Memory balloon device")."""
from __future__ import annotations

from ...core import OnOff, OpenEnum, attr, child, element
from ...core import path as leaf
from .common import Device, VirtioOptions


class MemballoonModel(OpenEnum):
    VIRTIO = "virtio"
    VIRTIO_TRANSITIONAL = "virtio-transitional"
    VIRTIO_NON_TRANSITIONAL = "virtio-non-transitional"
    XEN = "xen"
    NONE = "none"


@element("memballoon")
class Memballoon(Device):
    """`<memballoon model=.. autodeflate=.. freePageReporting=..>`; `model="none"` says
    the guest has no balloon. `stats_period` is `<stats period=..>` in seconds."""

    IDENTITY = ("model",)

    model: MemballoonModel | None = attr("model")
    autodeflate: bool | None = attr("autodeflate", codec=OnOff)
    free_page_reporting: bool | None = attr("freePageReporting", codec=OnOff)
    stats_period: int | None = leaf("stats/@period")
    driver: VirtioOptions | None = child("driver")

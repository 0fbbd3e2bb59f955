"""The memory balloon: `<memballoon>` (formatdomain "Memory balloon device")."""
from __future__ import annotations

from ...core import OnOff, attr, child, element
from ...core import path as leaf
from .common import Device, VirtioOptions


@element("memballoon")
class Memballoon(Device):
    IDENTITY = ("model",)

    model: str | None = attr("model")
    autodeflate: bool | None = attr("autodeflate", codec=OnOff)
    free_page_reporting: bool | None = attr("freePageReporting", codec=OnOff)
    stats_period: int | None = leaf("stats/@period")
    driver: VirtioOptions | None = child("driver")

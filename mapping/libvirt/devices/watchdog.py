"""Watchdog devices: `<watchdog>` (formatdomain "Watchdog devices")."""
from __future__ import annotations

from ...core import OpenEnum, attr, element
from .common import Device


class WatchdogModel(OpenEnum):
    I6300ESB = "i6300esb"
    IB700 = "ib700"
    DIAG288 = "diag288"
    ITCO = "itco"


class WatchdogAction(OpenEnum):
    """What the host does when the watchdog fires."""

    RESET = "reset"
    SHUTDOWN = "shutdown"
    POWEROFF = "poweroff"
    PAUSE = "pause"
    NONE = "none"
    DUMP = "dump"
    INJECT_NMI = "inject-nmi"


@element("watchdog")
class Watchdog(Device):
    """A hardware watchdog: `<watchdog model=.. action=..>`."""

    IDENTITY = ("model",)

    model: WatchdogModel | None = attr("model")
    action: WatchdogAction | None = attr("action")

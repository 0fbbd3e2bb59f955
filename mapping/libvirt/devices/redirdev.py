"""USB redirection: `<redirdev>` and `<redirfilter>` (formatdomain "Redirected devices")."""
from __future__ import annotations

from ...core import OpenEnum, YesNo, attr, children, element
from .chardev import ChardevHost
from .common import Device


class RedirdevBus(OpenEnum):
    USB = "usb"


@element("redirdev")
class Redirdev(ChardevHost, Device):
    """A USB device redirected over a character device (spicevmc, tcp, unix...)."""

    bus: RedirdevBus | None = attr("bus")


@element()
class UsbDevRule:
    """`<usbdev class=.. vendor=.. product=.. version=.. allow=..>`; -1 matches any."""

    device_class: str | None = attr("class")
    vendor: str | None = attr("vendor")
    product: str | None = attr("product")
    version: str | None = attr("version")
    allow: bool | None = attr("allow", codec=YesNo)


@element("redirfilter")
class Redirfilter:
    """Which USB devices may be redirected; not a guest device (no alias or address)."""

    rules: list[UsbDevRule] = children("usbdev")

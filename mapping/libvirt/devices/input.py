"""Input devices: `<input>` (formatdomain "Input devices")."""
from __future__ import annotations

from ...core import OnOff, attr, child, element
from .common import Device, VirtioOptions


@element()
class InputSource:
    """The host device of a passthrough or evdev input, and its grab settings."""

    dev: str | None = attr("dev")
    evdev: str | None = attr("evdev")
    grab: str | None = attr("grab")
    grab_toggle: str | None = attr("grabToggle")
    repeat: bool | None = attr("repeat", codec=OnOff)


@element("input")
class Input(Device):
    IDENTITY = ("type+bus",)

    type: str | None = attr("type")
    bus: str | None = attr("bus")
    model: str | None = attr("model")
    source: InputSource | None = child("source")
    driver: VirtioOptions | None = child("driver")

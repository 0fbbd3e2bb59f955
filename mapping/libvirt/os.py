"""Operating system booting: `<os>` (formatdomain "Operating system booting")."""
from __future__ import annotations

from ..core import attr, child, children, element, text


@element()
class OsType:
    """`<os><type arch=... machine=...>hvm</type>`."""

    arch: str | None = attr("arch")
    machine: str | None = attr("machine")
    value: str | None = text()


@element()
class BootDevice:
    """`<boot dev="hd"/>`: one entry of the BIOS boot order."""

    dev: str | None = attr("dev")


@element()
class Os:
    """formatdomain "Operating system booting"."""

    type: OsType | None = child("type")
    boot: list[BootDevice] = children("boot")

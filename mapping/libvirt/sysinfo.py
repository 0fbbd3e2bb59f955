"""SMBIOS and firmware configuration: `<sysinfo>` (formatdomain "SMBIOS System Information")."""
from __future__ import annotations

from ..core import OpenEnum, attr, child, children, element, text


class SysinfoType(OpenEnum):
    """Where the values go: SMBIOS tables, or QEMU's firmware configuration device."""

    SMBIOS = "smbios"
    FWCFG = "fwcfg"


@element()
class SysinfoEntry:
    """`<entry name=..>value</entry>` (fwcfg entries may name a `file` instead)."""

    name: str | None = attr("name")
    file: str | None = attr("file")
    value: str | None = text()


@element()
class SysinfoBlock:
    """One SMBIOS table: its entries by name."""

    entries: list[SysinfoEntry] = children("entry")

    def get(self, name: str) -> str | None:
        """The value of the entry called `name`, or None."""
        return next((entry.value for entry in self.entries if entry.name == name), None)


@element()
class OemStrings:
    """`<oemStrings>`: the SMBIOS type 11 strings, in order."""

    entries: list[str] = children("entry")


@element()
class Sysinfo:
    """`<sysinfo type="smbios|fwcfg">`: the tables (smbios) or entries (fwcfg)."""

    type: SysinfoType | None = attr("type")
    bios: SysinfoBlock | None = child("bios")
    system: SysinfoBlock | None = child("system")
    base_boards: list[SysinfoBlock] = children("baseBoard")
    chassis: SysinfoBlock | None = child("chassis")
    oem_strings: OemStrings | None = child("oemStrings")
    entries: list[SysinfoEntry] = children("entry")

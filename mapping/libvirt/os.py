"""Operating system booting: `<os>` (formatdomain "Operating system booting").

BIOS and UEFI boot (loader, nvram, boot order, boot menu, SMBIOS), direct kernel boot
(kernel, initrd, cmdline, dtb, ACPI tables) and container boot (init and its arguments).
"""
from __future__ import annotations

from ..core import OpenEnum, YesNo, attr, child, children, element, path, text, union
from .basictypes import UNSIGNED_SHORT
from .devices.disk_source import BlockSource, FileSource, NetworkSource


@element()
class OsType:
    """`<os><type arch=... machine=...>hvm</type>`."""

    arch: str | None = attr("arch")
    machine: str | None = attr("machine")
    value: str | None = text()


@element()
class FirmwareFeature:
    enabled: bool | None = attr("enabled", codec=YesNo)
    name: str | None = attr("name")


@element()
class Firmware:
    """`<firmware>`: features the auto-selected firmware must (not) have."""

    features: list[FirmwareFeature] = children("feature")


@element()
class Loader:
    """`<loader readonly=.. secure=.. type=.. stateless=.. format=..>path</loader>`."""

    readonly: bool | None = attr("readonly", codec=YesNo)
    secure: bool | None = attr("secure", codec=YesNo)
    stateless: bool | None = attr("stateless", codec=YesNo)
    type: str | None = attr("type")
    format: str | None = attr("format")
    path: str | None = text()


@element()
class Nvram:
    """`<nvram template=.. type=.. format=..>path</nvram>`, or with a `<source>` picked by
    `type` like a disk's (a file, a block device, a network store)."""

    template: str | None = attr("template")
    type: str | None = attr("type")
    format: str | None = attr("format")
    path: str | None = text()
    source: FileSource | BlockSource | NetworkSource | None = union(
        "source", {"file": FileSource, "block": BlockSource, "network": NetworkSource},
        by="type")


class BootDev(OpenEnum):
    HD = "hd"
    CDROM = "cdrom"
    NETWORK = "network"
    FD = "fd"


@element()
class BootDevice:
    """`<boot dev="hd"/>`: one entry of the BIOS boot order."""

    dev: BootDev | None = attr("dev")


@element()
class BootMenu:
    enable: bool | None = attr("enable", codec=YesNo)
    timeout: int | None = attr("timeout", codec=UNSIGNED_SHORT)


@element()
class Bios:
    useserial: bool | None = attr("useserial", codec=YesNo)
    reboot_timeout: int | None = attr("rebootTimeout")


@element()
class AcpiTable:
    type: str | None = attr("type")
    path: str | None = text()


@element()
class Acpi:
    tables: list[AcpiTable] = children("table")


@element()
class InitEnv:
    """`<initenv name=..>value</initenv>`: one environment variable of the container init."""

    name: str | None = attr("name")
    value: str | None = text()


@element()
class Os:
    """`<os firmware=..>` (formatdomain "Operating system booting")."""

    firmware: str | None = attr("firmware")
    type: OsType | None = child("type")
    firmware_features: Firmware | None = child("firmware")
    init: str | None = child("init")
    initargs: list[str] = children("initarg")
    initenvs: list[InitEnv] = children("initenv")
    initdir: str | None = child("initdir")
    inituser: str | None = child("inituser")
    initgroup: str | None = child("initgroup")
    loader: Loader | None = child("loader")
    nvram: Nvram | None = child("nvram")
    kernel: str | None = child("kernel")
    initrd: str | None = child("initrd")
    cmdline: str | None = child("cmdline")
    shim: str | None = child("shim")
    dtb: str | None = child("dtb")
    acpi: Acpi | None = child("acpi")
    boot: list[BootDevice] = children("boot")
    bootmenu: BootMenu | None = child("bootmenu")
    smbios_mode: str | None = path("smbios/@mode")
    bios: Bios | None = child("bios")

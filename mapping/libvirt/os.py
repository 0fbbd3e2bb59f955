"""Operating system booting: `<os>` (formatdomain "Operating system booting").

BIOS and UEFI boot (loader, nvram or varstore, boot order, boot menu, SMBIOS), direct
kernel boot (kernel, initrd, root, cmdline, shim, dtb, ACPI tables) and container boot
(init and its arguments).
"""
from __future__ import annotations

from ..core import OpenEnum, YesNo, attr, child, children, element, path, text, union
from .basictypes import UNSIGNED_SHORT
from .devices.disk import DiskType
from .devices.disk_source import SOURCE_VARIANTS, DiskSource


class FirmwareType(OpenEnum):
    """The firmware libvirt picks automatically (`<os firmware=..>`)."""

    BIOS = "bios"
    EFI = "efi"


class FirmwareFeatureName(OpenEnum):
    """A property the automatically picked firmware must (not) have."""

    ENROLLED_KEYS = "enrolled-keys"
    SECURE_BOOT = "secure-boot"


class LoaderType(OpenEnum):
    """Where the loader is mapped in guest memory: read-only memory or flash."""

    ROM = "rom"
    PFLASH = "pflash"


class PflashFormat(OpenEnum):
    """The image format of a flash loader, nvram store or its template."""

    RAW = "raw"
    QCOW2 = "qcow2"


class AcpiTableType(OpenEnum):
    """What an ACPI table file holds (formatdomain "Direct kernel boot")."""

    RAW = "raw"
    RAWSET = "rawset"
    SLIC = "slic"
    MSDM = "msdm"


class SmbiosMode(OpenEnum):
    """Where the guest's SMBIOS tables come from: the hypervisor, the host or
    `<sysinfo>`."""

    EMULATE = "emulate"
    HOST = "host"
    SYSINFO = "sysinfo"


@element()
class OsType:
    """`<os><type arch=... machine=...>hvm</type>`."""

    arch: str | None = attr("arch")
    machine: str | None = attr("machine")
    value: str | None = text()


@element()
class FirmwareFeature:
    """`<feature enabled=.. name=..>`: one property of the firmware to pick."""

    enabled: bool | None = attr("enabled", codec=YesNo)
    name: FirmwareFeatureName | None = attr("name")


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
    type: LoaderType | None = attr("type")
    format: PflashFormat | None = attr("format")
    path: str | None = text()


@element()
class Nvram:
    """`<nvram template=.. templateFormat=.. type=.. format=..>path</nvram>`: the UEFI
    variable store, as a path or with a `<source>` picked by `type` like a disk's."""

    template: str | None = attr("template")
    template_format: PflashFormat | None = attr("templateFormat")   # libvirt 11.2
    type: DiskType | None = attr("type")
    format: PflashFormat | None = attr("format")
    path: str | None = text()
    source: DiskSource | None = union("source", SOURCE_VARIANTS, by="type")


@element()
class Varstore:
    """`<varstore template=.. path=..>`: the UEFI variables kept by QEMU's uefi-vars
    device instead of a flash nvram, and the template they start from; empty, libvirt
    fills both (libvirt 12.1)."""

    template: str | None = attr("template")
    path: str | None = attr("path")


class BootDev(OpenEnum):
    """A kind of device to boot from, in BIOS boot order."""

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
    """`<bootmenu enable=.. timeout=..>`: the interactive boot menu, `timeout` in ms."""

    enable: bool | None = attr("enable", codec=YesNo)
    timeout: int | None = attr("timeout", codec=UNSIGNED_SHORT)


@element()
class Bios:
    """`<bios useserial=.. rebootTimeout=..>`: BIOS output on the serial port, and the
    delay in ms before a failed boot is retried (-1: never)."""

    useserial: bool | None = attr("useserial", codec=YesNo)
    reboot_timeout: int | None = attr("rebootTimeout")


@element()
class AcpiTable:
    """`<table type=..>path</table>`: an ACPI table file given to the guest."""

    type: AcpiTableType | None = attr("type")
    path: str | None = text()


@element()
class Acpi:
    """`<acpi>`: the ACPI tables given to the guest."""

    tables: list[AcpiTable] = children("table")


@element()
class InitEnv:
    """`<initenv name=..>value</initenv>`: one environment variable of the container init."""

    name: str | None = attr("name")
    value: str | None = text()


@element()
class Os:
    """`<os firmware=..>` (formatdomain "Operating system booting")."""

    firmware: FirmwareType | None = attr("firmware")
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
    varstore: Varstore | None = child("varstore")         # libvirt 12.1
    kernel: str | None = child("kernel")
    initrd: str | None = child("initrd")
    cmdline: str | None = child("cmdline")
    shim: str | None = child("shim")
    dtb: str | None = child("dtb")
    root: str | None = child("root")   # the guest's root device, for direct kernel boot
    acpi: Acpi | None = child("acpi")
    boot: list[BootDevice] = children("boot")
    bootmenu: BootMenu | None = child("bootmenu")
    smbios_mode: SmbiosMode | None = path("smbios/@mode")
    bios: Bios | None = child("bios")

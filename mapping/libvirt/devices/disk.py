"""Hard disks, floppies, CD-ROMs (formatdomain "Hard drives, floppy disks, CDROMs")."""
from __future__ import annotations

from ...core import OpenEnum, attr, child, element, path, union
from .common import Device


class DiskType(OpenEnum):
    FILE = "file"
    BLOCK = "block"
    DIR = "dir"
    NETWORK = "network"
    VOLUME = "volume"
    NVME = "nvme"
    VHOSTUSER = "vhostuser"
    VHOSTVDPA = "vhostvdpa"


class DiskDevice(OpenEnum):
    DISK = "disk"
    CDROM = "cdrom"
    FLOPPY = "floppy"
    LUN = "lun"


@element()
class FileSource:
    file: str | None = attr("file")


@element()
class BlockSource:
    dev: str | None = attr("dev")


@element()
class DiskDriver:
    name: str | None = attr("name")
    type: str | None = attr("type")
    cache: str | None = attr("cache")


@element()
class DiskTarget:
    dev: str | None = attr("dev")
    bus: str | None = attr("bus")


@element("disk")
class Disk(Device):
    type: DiskType | None = attr("type")
    device: DiskDevice | None = attr("device")
    driver: DiskDriver | None = child("driver")
    source: FileSource | BlockSource | None = union(
        "source", {"file": FileSource, "block": BlockSource}, by="type")
    target: DiskTarget | None = child("target")

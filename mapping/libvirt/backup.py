"""The `<domainbackup>` root (formatbackup): a push backup that libvirt writes to targets,
or a pull backup that it serves over NBD, each full or incremental from a checkpoint."""
from __future__ import annotations

from ..core import YesNo, attr, child, children, element, union
from .basictypes import ABS_FILE_PATH
from .devices.disk import DiskType
from .devices.disk_source import BlockSource, FileSource, PrivateObjects

# A backup target or scratch file is a file or a block device, as a disk source is.
_STORE_VARIANTS = {"file": FileSource, "block": BlockSource}


@element()
class BackupServer:
    """`<server transport=.. name=.. port=.. socket=.. tls=..>`: where a pull backup's NBD
    server listens (tcp host and port, a unix socket, or an fd group)."""

    transport: str | None = attr("transport")
    name: str | None = attr("name")
    port: int | None = attr("port")
    socket: str | None = attr("socket", codec=ABS_FILE_PATH)
    fdgroup: str | None = attr("fdgroup")
    tls: bool | None = attr("tls", codec=YesNo)


@element()
class BackupDriver:
    """`<driver type=..>`: the format of the target (push) or scratch (pull) image."""

    type: str | None = attr("type")


@element("disk")
class BackupDisk:
    """`<disk name=.. backup=.. backupmode=.. incremental=..>`: one disk of a backup, by
    its target dev; a push backup's `<target>` or a pull backup's `<scratch>` (a file or a
    block device, with its labels and encryption), and what a pull backup exports."""

    name: str | None = attr("name")
    backup: bool | None = attr("backup", codec=YesNo)
    backupmode: str | None = attr("backupmode")
    incremental: str | None = attr("incremental")
    exportname: str | None = attr("exportname")
    exportbitmap: str | None = attr("exportbitmap")
    type: DiskType | None = attr("type")
    # (libvirt's own status files only: how far the backup of the disk is)
    state: str | None = attr("state")
    target: FileSource | BlockSource | None = union("target", _STORE_VARIANTS, by="type",
                                                    default="file")
    scratch: FileSource | BlockSource | None = union("scratch", _STORE_VARIANTS, by="type",
                                                     default="file")
    driver: BackupDriver | None = child("driver")


@element()
class BackupDisks:
    disks: list[BackupDisk] = children("disk")


@element()
class BackupPrivateData:
    """`<privateData>` of a running backup in libvirt's status XML: the QEMU objects it
    made (not part of the public format)."""

    objects: PrivateObjects | None = child("objects")


@element("domainbackup")
class DomainBackup:
    """`<domainbackup mode="push|pull">`: what virDomainBackupBegin takes and
    virDomainBackupGetXMLDesc reports."""

    mode: str | None = attr("mode")
    incremental: str | None = child("incremental")
    server: BackupServer | None = child("server")
    disks: BackupDisks | None = child("disks")
    # (libvirt's status XML only, as a source's `<privateData>`)
    private_data: BackupPrivateData | None = child("privateData")

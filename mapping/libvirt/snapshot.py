"""The `<domainsnapshot>` and `<domaincheckpoint>` roots (formatsnapshot, formatcheckpoint).

A snapshot names the disks it covers and how (internal, external to a new file or
device, manual, not at all), the guest memory's fate, and, once libvirt has taken it, the
whole domain as it was (a `Domain`, and for an external snapshot of a running domain
the inactive definition too). A checkpoint names the disks whose changes it tracks by a
dirty bitmap, for incremental backup.
"""
from __future__ import annotations

from ..core import (BoolCodec, OpenEnum, attr, child, children, element, flag, path,
                    raw_elements, union)
from .basictypes import ABS_FILE_PATH, UNSIGNED_LONG
from .devices.disk import DiskType
from .devices.disk_source import SOURCE_VARIANTS, DiskSource, MetadataCache
from .domain import Domain


ONE_ZERO = BoolCodec("1", "0")   # (`<active>1</active>`: whether the snapshot is current)


class SnapshotMode(OpenEnum):
    """How a disk (or the memory) is in a snapshot."""

    NO = "no"
    INTERNAL = "internal"
    EXTERNAL = "external"
    MANUAL = "manual"


class SnapshotState(OpenEnum):
    """The domain's state when the snapshot was taken."""

    RUNNING = "running"
    BLOCKED = "blocked"
    PAUSED = "paused"
    SHUTDOWN = "shutdown"
    SHUTOFF = "shutoff"
    CRASHED = "crashed"
    DISK_SNAPSHOT = "disk-snapshot"


@element()
class SnapshotMemory:
    """`<memory snapshot=.. file=..>`: the guest memory not saved, saved inside the
    disk images, or saved to `file`."""

    snapshot: SnapshotMode | None = attr("snapshot")
    file: str | None = attr("file", codec=ABS_FILE_PATH)


@element()
class SnapshotDiskDriver:
    """`<driver type=..>` of the new overlay of an external disk snapshot."""

    type: str | None = attr("type")
    metadata_cache: MetadataCache | None = child("metadata_cache")


@element("disk")
class SnapshotDisk:
    """`<disk name=.. snapshot=..>`: one disk of a snapshot, by its target (`vda`) or
    path, and for an external snapshot the new overlay (`type`, `<source>`, `<driver>`)."""

    name: str | None = attr("name")
    snapshot: SnapshotMode | None = attr("snapshot")
    type: DiskType | None = attr("type")
    source: DiskSource | None = union("source", SOURCE_VARIANTS, by="type", default="file")
    driver: SnapshotDiskDriver | None = child("driver")
    delete_in_progress: bool | None = flag("snapshotDeleteInProgress")


@element()
class SnapshotDisks:
    """`<disks>` (or `<revertDisks>`): the disks of a snapshot."""

    disks: list[SnapshotDisk] = children("disk")


@element()
class SnapshotCookie:
    """`<cookie>`: the hypervisor's private data, kept as it is."""

    elements: list[str] = raw_elements()


@element("domainsnapshot")
class DomainSnapshot:
    """`<domainsnapshot>`: what virDomainSnapshotCreateXML takes, and what libvirt reports
    of a snapshot (with the domain as it was)."""

    name: str | None = child("name")
    description: str | None = child("description")
    state: SnapshotState | None = child("state")
    parent: str | None = path("parent/name")
    creation_time: int | None = child("creationTime", codec=UNSIGNED_LONG)
    memory: SnapshotMemory | None = child("memory")
    disks: SnapshotDisks | None = child("disks")
    revert_disks: SnapshotDisks | None = child("revertDisks")
    domain: Domain | None = child("domain")
    inactive_domain: Domain | None = child("inactiveDomain")
    active: bool | None = child("active", codec=ONE_ZERO)
    cookie: SnapshotCookie | None = child("cookie")


@element("disk")
class CheckpointDisk:
    """`<disk name=.. checkpoint=.. bitmap=.. size=..>`: a disk whose changes the
    checkpoint tracks (`checkpoint="bitmap"`), or not (`"no"`)."""

    name: str | None = attr("name")
    checkpoint: str | None = attr("checkpoint")
    bitmap: str | None = attr("bitmap")
    size: int | None = attr("size", codec=UNSIGNED_LONG)


@element()
class CheckpointDisks:
    disks: list[CheckpointDisk] = children("disk")


@element("domaincheckpoint")
class DomainCheckpoint:
    """`<domaincheckpoint>`: a point from which incremental backups count changes."""

    name: str | None = child("name")
    description: str | None = child("description")
    parent: str | None = path("parent/name")
    creation_time: int | None = child("creationTime", codec=UNSIGNED_LONG)
    disks: CheckpointDisks | None = child("disks")
    domain: Domain | None = child("domain")

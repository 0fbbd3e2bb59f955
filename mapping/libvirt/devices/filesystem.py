"""Filesystems shared with the guest: `<filesystem>` (formatdomain "Filesystems")."""
from __future__ import annotations

from ...core import OnOff, OpenEnum, attr, child, element, flag, path
from ..basictypes import POSITIVE_INTEGER
from ..idmap import Idmap
from ..units import Size
from .common import Device, VirtioModel, VirtioOptions


class FilesystemType(OpenEnum):
    """What `source` names: a host directory (`mount`), a template, an image file, a
    block device, RAM, or a guest directory to bind elsewhere."""

    MOUNT = "mount"
    TEMPLATE = "template"
    FILE = "file"
    BLOCK = "block"
    RAM = "ram"
    BIND = "bind"


class AccessMode(OpenEnum):
    """With whose permissions the guest reaches the files (formatdomain "Filesystems")."""

    PASSTHROUGH = "passthrough"
    MAPPED = "mapped"
    SQUASH = "squash"


class Multidevs(OpenEnum):
    """How a 9p export spanning several host devices avoids inode clashes."""

    DEFAULT = "default"
    REMAP = "remap"
    FORBID = "forbid"
    WARN = "warn"


class FilesystemDriverType(OpenEnum):
    PATH = "path"
    HANDLE = "handle"
    LOOP = "loop"
    NBD = "nbd"
    PLOOP = "ploop"
    VIRTIOFS = "virtiofs"
    MTP = "mtp"


@element()
class FilesystemDriver(VirtioOptions):
    type: FilesystemDriverType | None = attr("type")
    format: str | None = attr("format")
    wrpolicy: str | None = attr("wrpolicy")
    queue: int | None = attr("queue")


@element()
class FilesystemLock:
    posix: bool | None = attr("posix", codec=OnOff)
    flock: bool | None = attr("flock", codec=OnOff)


@element()
class VirtiofsBinary:
    """`<binary path=.. xattr=..>`: how libvirt runs virtiofsd."""

    xattr: bool | None = attr("xattr", codec=OnOff)
    cache_mode: str | None = path("cache/@mode")
    sandbox_mode: str | None = path("sandbox/@mode")
    lock: FilesystemLock | None = child("lock")
    thread_pool_size: int | None = path("thread_pool/@size")
    # libvirt 10.6: the most file descriptors virtiofsd may hold open
    openfiles_max: int | None = path("openfiles/@max", codec=POSITIVE_INTEGER)
    path: str | None = attr("path")   # last: the name hides path() below it


@element()
class FilesystemSource:
    """The shared tree: a host dir, an image file, a template name, a RAM size..."""

    dir: str | None = attr("dir")
    file: str | None = attr("file")
    name: str | None = attr("name")
    dev: str | None = attr("dev")
    usage: int | None = attr("usage")
    units: str | None = attr("units")
    socket: str | None = attr("socket")
    pool: str | None = attr("pool")
    volume: str | None = attr("volume")


@element("filesystem")
class Filesystem(Device):
    IDENTITY = ("target.dir",)

    type: FilesystemType | None = attr("type")
    accessmode: AccessMode | None = attr("accessmode")
    model: VirtioModel | None = attr("model")
    multidevs: Multidevs | None = attr("multidevs")
    fmode: str | None = attr("fmode")
    dmode: str | None = attr("dmode")
    driver: FilesystemDriver | None = child("driver")
    binary: VirtiofsBinary | None = child("binary")
    idmap: Idmap | None = child("idmap")
    source: FilesystemSource | None = child("source")
    target: str | None = path("target/@dir")
    readonly: bool | None = flag("readonly")
    space_hard_limit: Size | None = child("space_hard_limit")
    space_soft_limit: Size | None = child("space_soft_limit")

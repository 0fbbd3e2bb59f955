"""Filesystems shared with the guest: `<filesystem>` (formatdomain "Filesystems")."""
from __future__ import annotations

from ...core import OnOff, attr, child, element, flag, path
from ..idmap import Idmap
from ..units import Size
from .common import Device, VirtioOptions


@element()
class FilesystemDriver(VirtioOptions):
    type: str | None = attr("type")
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

    type: str | None = attr("type")
    accessmode: str | None = attr("accessmode")
    model: str | None = attr("model")
    multidevs: str | None = attr("multidevs")
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

"""Device leases: `<lease>` (formatdomain "Device leases")."""
from __future__ import annotations

from ...core import attr, child, element
from .common import Device


@element()
class LeaseTarget:
    """Where the lease lives: a file (or block device) path and an offset in it."""

    path: str | None = attr("path")
    offset: int | None = attr("offset")


@element("lease")
class Lease(Device):
    """A lock manager lease: `lockspace` and `key` name it, `target` locates it."""

    IDENTITY = ("lockspace+key",)

    lockspace: str | None = child("lockspace")
    key: str | None = child("key")
    target: LeaseTarget | None = child("target")

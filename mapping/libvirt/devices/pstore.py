"""Persistent store devices: `<pstore>` (formatdomain "Pstore", libvirt 10.6)."""
from __future__ import annotations

from ...core import OpenEnum, attr, child, element
from ..basictypes import ABS_FILE_PATH
from ..units import Size
from .common import Device


class PstoreBackend(OpenEnum):
    """How the guest reaches the store: the ACPI Error Record Serialization Table."""

    ACPI_ERST = "acpi-erst"


@element("pstore")
class Pstore(Device):
    """`<pstore backend=..>`: storage the guest kernel writes its last logs and error
    records to before it crashes, kept in a host file (`path`) of `size`."""

    IDENTITY = ("backend",)

    backend: PstoreBackend | None = attr("backend")
    path: str | None = child("path", codec=ABS_FILE_PATH)
    size: Size | None = child("size")

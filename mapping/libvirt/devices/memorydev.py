"""Memory devices: dimm, nvdimm, virtio-pmem, virtio-mem, sgx-epc (formatdomain "Memory devices")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("memory")
class MemoryDevice(Device):
    """Not modelled yet: its content is kept as unknown XML."""

"""Memory devices: dimm, nvdimm, virtio-pmem, virtio-mem, sgx-epc.

formatdomain "Memory devices".
"""
from __future__ import annotations

from ...core import YesNo, attr, child, element, flag
from ..units import Size
from .common import Device


@element()
class MemorySourceSpec:
    """`<source>`: host pages, NUMA nodes, or the backing file of the memory."""

    # libvirt writes the node mask before the page size
    nodemask: str | None = child("nodemask")
    pagesize: Size | None = child("pagesize")
    path: str | None = child("path")
    alignsize: Size | None = child("alignsize")
    pmem: bool | None = flag("pmem")


@element()
class MemoryLabel:
    size: Size | None = child("size")


@element()
class MemoryTarget:
    """`<target>`: the size the guest sees, its NUMA node, and model specifics."""

    dynamic_memslots: bool | None = attr("dynamicMemslots", codec=YesNo)
    size: Size | None = child("size")
    node: int | None = child("node")
    label: MemoryLabel | None = child("label")
    readonly: bool | None = flag("readonly")
    block: Size | None = child("block")
    requested: Size | None = child("requested")
    current: Size | None = child("current")


@element("memory")
class MemoryDevice(Device):
    model: str | None = attr("model")
    access: str | None = attr("access")
    discard: bool | None = attr("discard", codec=YesNo)
    uuid: str | None = child("uuid")
    source: MemorySourceSpec | None = child("source")
    target: MemoryTarget | None = child("target")

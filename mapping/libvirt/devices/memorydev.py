"""Memory devices: dimm, nvdimm, virtio-pmem, virtio-mem, sgx-epc.

formatdomain "Memory devices".
"""
from __future__ import annotations

from ...core import HexIntCodec, OpenEnum, YesNo, attr, child, element, flag
from ...core import path as leaf   # (a field is named `path`)
from ..units import Size
from .common import Device, VirtioOptions


class MemoryModel(OpenEnum):
    DIMM = "dimm"
    NVDIMM = "nvdimm"
    VIRTIO_PMEM = "virtio-pmem"
    VIRTIO_MEM = "virtio-mem"
    SGX_EPC = "sgx-epc"


class MemoryAccess(OpenEnum):
    """Whether the backing memory is mapped shared with other processes or private."""

    SHARED = "shared"
    PRIVATE = "private"


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
    # libvirt 9.4: the guest physical address a virtio-mem/virtio-pmem device starts at
    address_base: int | None = leaf("address/@base", codec=HexIntCodec(0))


@element("memory")
class MemoryDevice(Device):
    """`<memory model=..>`: a memory module the guest sees (formatdomain "Memory
    devices"); virtio models take virtio driver options (libvirt 11.9)."""

    model: MemoryModel | None = attr("model")
    access: MemoryAccess | None = attr("access")
    discard: bool | None = attr("discard", codec=YesNo)
    driver: VirtioOptions | None = child("driver")
    uuid: str | None = child("uuid")
    source: MemorySourceSpec | None = child("source")
    target: MemoryTarget | None = child("target")

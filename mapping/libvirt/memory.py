"""Memory allocation, backing and tuning.

formatdomain "Memory Allocation", "Memory Backing", "Memory Tuning".
"""
from __future__ import annotations

from ..core import OnOff, OpenEnum, attr, child, children, element, flag
from .basictypes import CPUSET
from .units import SIZE_UNIT, Size


class MemorySourceType(OpenEnum):
    """What backs guest memory: a file, anonymous memory or a memfd."""

    FILE = "file"
    ANONYMOUS = "anonymous"
    MEMFD = "memfd"


class MemoryAccessMode(OpenEnum):
    """Whether guest memory is mapped shared (for vhost-user, virtiofs) or private."""

    SHARED = "shared"
    PRIVATE = "private"


class MemoryAllocationMode(OpenEnum):
    """Whether guest memory is allocated when the guest starts or when it is touched."""

    IMMEDIATE = "immediate"
    ONDEMAND = "ondemand"


@element()
class Memory(Size):
    """`<memory>`: the boot-time maximum; `dump_core` says whether it goes into core dumps."""

    dump_core: bool | None = attr("dumpCore", codec=OnOff)


@element()
class MaxMemory(Size):
    """`<maxMemory>`: the run-time maximum for memory hotplug, with its slot count."""

    slots: int | None = attr("slots")


@element()
class HugePage:
    """`<hugepages><page size=.. unit=.. nodeset=..>`."""

    size: int | None = attr("size")
    unit: str | None = attr("unit", codec=SIZE_UNIT)
    nodeset: str | None = attr("nodeset", codec=CPUSET)


@element()
class HugePages:
    """`<hugepages>`: the huge page sizes backing guest memory, by guest NUMA node."""

    pages: list[HugePage] = children("page")


@element()
class MemorySource:
    """`<source type=..>`: what backs guest memory."""

    type: MemorySourceType | None = attr("type")


@element()
class MemoryAccess:
    """`<access mode=..>`: shared or private mapping of guest memory."""

    mode: MemoryAccessMode | None = attr("mode")


@element()
class MemoryAllocation:
    """`<allocation mode=.. threads=..>`: when guest memory is allocated, and by how
    many threads."""

    mode: MemoryAllocationMode | None = attr("mode")
    threads: int | None = attr("threads")


@element()
class MemoryBacking:
    """`<memoryBacking>`: hugepages, sharing, locking, source, access, allocation."""

    hugepages: HugePages | None = child("hugepages")
    nosharepages: bool | None = flag("nosharepages")
    locked: bool | None = flag("locked")
    source: MemorySource | None = child("source")
    access: MemoryAccess | None = child("access")
    allocation: MemoryAllocation | None = child("allocation")
    discard: bool | None = flag("discard")


@element()
class MemTune:
    """`<memtune>`: cgroup memory limits."""

    hard_limit: Size | None = child("hard_limit")
    soft_limit: Size | None = child("soft_limit")
    swap_hard_limit: Size | None = child("swap_hard_limit")
    min_guarantee: Size | None = child("min_guarantee")

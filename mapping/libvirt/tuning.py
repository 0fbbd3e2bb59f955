"""vCPUs, IOThreads, CPU/NUMA/block I/O tuning and resource partitions.

formatdomain "CPU Allocation", "IOThreads Allocation", "CPU Tuning", "NUMA Node Tuning",
"Block I/O Tuning", "Resource partitioning".
"""
from __future__ import annotations

from ..core import OpenEnum, YesNo, attr, child, children, element, text
from .basictypes import COUNT_CPU, CPUSET, UNSIGNED_INT, VCPU_ID


class Placement(OpenEnum):
    STATIC = "static"
    AUTO = "auto"


@element()
class Vcpu:
    """`<vcpu placement=.. cpuset=.. current=..>N</vcpu>`: the maximum vCPU count."""

    placement: Placement | None = attr("placement")
    cpuset: str | None = attr("cpuset", codec=CPUSET)
    current: int | None = attr("current", codec=COUNT_CPU)
    count: int | None = text(codec=COUNT_CPU)


@element()
class VcpuState:
    """`<vcpus><vcpu id=.. enabled=.. hotpluggable=.. order=..>`: one vCPU's state."""

    id: int | None = attr("id")
    enabled: bool | None = attr("enabled", codec=YesNo)
    hotpluggable: bool | None = attr("hotpluggable", codec=YesNo)
    order: int | None = attr("order")


@element()
class Vcpus:
    """`<vcpus>`: per-vCPU hotplug state."""

    vcpus: list[VcpuState] = children("vcpu")


@element()
class IoThread:
    """`<iothreadids><iothread id=..>`, with its thread pool bounds and polling."""

    id: int | None = attr("id")
    thread_pool_min: int | None = attr("thread_pool_min")
    thread_pool_max: int | None = attr("thread_pool_max")
    poll: IoThreadPoll | None = child("poll")


@element()
class IoThreadPoll:
    """`<poll max=.. grow=.. shrink=..>`: an IOThread's adaptive polling."""

    max: int | None = attr("max")
    grow: int | None = attr("grow")
    shrink: int | None = attr("shrink")


@element()
class IoThreadIds:
    """`<iothreadids>`: the IOThreads by ID."""

    iothreads: list[IoThread] = children("iothread")


@element()
class DefaultIoThread:
    """`<defaultiothread>`: the thread pool of the default event loop."""

    thread_pool_min: int | None = attr("thread_pool_min")
    thread_pool_max: int | None = attr("thread_pool_max")


@element()
class VcpuPin:
    vcpu: int | None = attr("vcpu", codec=VCPU_ID)
    cpuset: str | None = attr("cpuset", codec=CPUSET)


@element()
class CpuSetPin:
    """`<emulatorpin cpuset=..>`."""

    cpuset: str | None = attr("cpuset", codec=CPUSET)


@element()
class IoThreadPin:
    iothread: int | None = attr("iothread")
    cpuset: str | None = attr("cpuset", codec=CPUSET)


class Scheduler(OpenEnum):
    BATCH = "batch"
    IDLE = "idle"
    FIFO = "fifo"
    RR = "rr"


@element()
class VcpuSched:
    vcpus: str | None = attr("vcpus")
    scheduler: Scheduler | None = attr("scheduler")
    priority: int | None = attr("priority")


@element()
class IoThreadSched:
    iothreads: str | None = attr("iothreads")
    scheduler: Scheduler | None = attr("scheduler")
    priority: int | None = attr("priority")


@element()
class EmulatorSched:
    scheduler: Scheduler | None = attr("scheduler")
    priority: int | None = attr("priority")


@element()
class CacheAllocation:
    """`<cachetune><cache id=.. level=.. type=.. size=.. unit=..>`."""

    id: int | None = attr("id")
    level: int | None = attr("level")
    type: str | None = attr("type")
    size: int | None = attr("size")
    unit: str | None = attr("unit")


@element()
class TuneMonitor:
    """`<monitor level=.. vcpus=..>` of a cachetune or memorytune."""

    level: int | None = attr("level")
    vcpus: str | None = attr("vcpus")


@element()
class CacheTune:
    vcpus: str | None = attr("vcpus")
    id: str | None = attr("id")
    caches: list[CacheAllocation] = children("cache")
    monitors: list[TuneMonitor] = children("monitor")


@element()
class MemoryBandwidth:
    """`<memorytune><node id=.. bandwidth=..>`: percent of a node's bandwidth."""

    id: int | None = attr("id")
    bandwidth: int | None = attr("bandwidth")


@element()
class MemoryTune:
    vcpus: str | None = attr("vcpus")
    nodes: list[MemoryBandwidth] = children("node")
    monitors: list[TuneMonitor] = children("monitor")


@element()
class CpuTune:
    """`<cputune>` (formatdomain "CPU Tuning"); periods in µs, quotas in µs (-1: none)."""

    shares: int | None = child("shares")
    period: int | None = child("period")
    quota: int | None = child("quota")
    global_period: int | None = child("global_period")
    global_quota: int | None = child("global_quota")
    emulator_period: int | None = child("emulator_period")
    emulator_quota: int | None = child("emulator_quota")
    iothread_period: int | None = child("iothread_period")
    iothread_quota: int | None = child("iothread_quota")
    vcpupins: list[VcpuPin] = children("vcpupin")
    emulatorpin: CpuSetPin | None = child("emulatorpin")
    iothreadpins: list[IoThreadPin] = children("iothreadpin")
    vcpuscheds: list[VcpuSched] = children("vcpusched")
    emulatorsched: EmulatorSched | None = child("emulatorsched")
    iothreadscheds: list[IoThreadSched] = children("iothreadsched")
    cachetunes: list[CacheTune] = children("cachetune")
    memorytunes: list[MemoryTune] = children("memorytune")


class NumaMode(OpenEnum):
    INTERLEAVE = "interleave"
    STRICT = "strict"
    PREFERRED = "preferred"
    RESTRICTIVE = "restrictive"


@element()
class NumaMemory:
    """`<numatune><memory mode=.. nodeset=.. placement=..>`."""

    mode: NumaMode | None = attr("mode")
    nodeset: str | None = attr("nodeset", codec=CPUSET)
    placement: Placement | None = attr("placement")


@element()
class NumaMemNode:
    """`<numatune><memnode cellid=.. mode=.. nodeset=..>`: policy for one guest cell."""

    cellid: int | None = attr("cellid", codec=UNSIGNED_INT)
    mode: NumaMode | None = attr("mode")
    nodeset: str | None = attr("nodeset", codec=CPUSET)


@element()
class NumaTune:
    memory: NumaMemory | None = child("memory")
    memnodes: list[NumaMemNode] = children("memnode")


@element()
class BlkioDevice:
    """`<blkiotune><device>`: weight and throttling of one host block device."""

    path: str | None = child("path")
    weight: int | None = child("weight")
    read_iops_sec: int | None = child("read_iops_sec")
    write_iops_sec: int | None = child("write_iops_sec")
    read_bytes_sec: int | None = child("read_bytes_sec")
    write_bytes_sec: int | None = child("write_bytes_sec")


@element()
class BlkioTune:
    weight: int | None = child("weight")
    devices: list[BlkioDevice] = children("device")


@element()
class FibreChannel:
    appid: str | None = attr("appid")


@element()
class Resource:
    """`<resource>`: the cgroup partition, and the fibre channel VMID."""

    partition: str | None = child("partition")
    fibrechannel: FibreChannel | None = child("fibrechannel")

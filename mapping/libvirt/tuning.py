"""vCPUs, IOThreads, CPU/NUMA/block I/O tuning and resource partitions.

formatdomain "CPU Allocation", "IOThreads Allocation", "CPU Tuning", "NUMA Node Tuning",
"Block I/O Tuning", "Resource partitioning", "Disk Throttle Group Management".
"""
from __future__ import annotations

from ..core import OpenEnum, YesNo, attr, child, children, element, text
from .basictypes import COUNT_CPU, CPUSET, UNSIGNED_INT, VCPU_ID
from .devices.disk import IoTune
from .units import SIZE_UNIT


class Placement(OpenEnum):
    """Whether vCPUs or memory are placed as configured or by numad's advice."""

    STATIC = "static"
    AUTO = "auto"


class CacheType(OpenEnum):
    """Which part of a CPU cache an allocation is for (CDP: code and data apart)."""

    BOTH = "both"
    CODE = "code"
    DATA = "data"


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
    """`<vcpupin vcpu=.. cpuset=..>`: the host CPUs one vCPU may run on."""

    vcpu: int | None = attr("vcpu", codec=VCPU_ID)
    cpuset: str | None = attr("cpuset", codec=CPUSET)


@element()
class CpuSetPin:
    """`<emulatorpin cpuset=..>`."""

    cpuset: str | None = attr("cpuset", codec=CPUSET)


@element()
class IoThreadPin:
    """`<iothreadpin iothread=.. cpuset=..>`: the host CPUs one IOThread may run on."""

    iothread: int | None = attr("iothread")
    cpuset: str | None = attr("cpuset", codec=CPUSET)


class Scheduler(OpenEnum):
    """A host scheduler policy for vCPUs, IOThreads or the emulator threads."""

    BATCH = "batch"
    IDLE = "idle"
    FIFO = "fifo"
    RR = "rr"


@element()
class VcpuSched:
    """`<vcpusched vcpus=.. scheduler=.. priority=..>`: the scheduler of some vCPUs."""

    vcpus: str | None = attr("vcpus")
    scheduler: Scheduler | None = attr("scheduler")
    priority: int | None = attr("priority")


@element()
class IoThreadSched:
    """`<iothreadsched iothreads=.. scheduler=.. priority=..>`: the scheduler of some
    IOThreads."""

    iothreads: str | None = attr("iothreads")
    scheduler: Scheduler | None = attr("scheduler")
    priority: int | None = attr("priority")


@element()
class EmulatorSched:
    """`<emulatorsched scheduler=.. priority=..>`: the emulator threads' scheduler."""

    scheduler: Scheduler | None = attr("scheduler")
    priority: int | None = attr("priority")


@element()
class CacheAllocation:
    """`<cachetune><cache id=.. level=.. type=.. size=.. unit=..>`."""

    id: int | None = attr("id")
    level: int | None = attr("level")
    type: CacheType | None = attr("type")
    size: int | None = attr("size")
    unit: str | None = attr("unit", codec=SIZE_UNIT)


@element()
class TuneMonitor:
    """`<monitor level=.. vcpus=..>` of a cachetune or memorytune."""

    level: int | None = attr("level")
    vcpus: str | None = attr("vcpus")


@element()
class CacheTune:
    """`<cachetune vcpus=..>`: CPU cache allocations (and monitors) for some vCPUs."""

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
    """`<memorytune vcpus=..>`: memory bandwidth allocations for some vCPUs."""

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
    energytunes: list[EnergyTune] = children("energytune")    # libvirt 12.4


@element()
class EnergyMonitor:
    """`<monitor vcpus=..>` of an energytune (no `level`: energy is read per package)."""

    vcpus: str | None = attr("vcpus", codec=CPUSET)


@element()
class EnergyTune:
    """`<energytune vcpus=.. id=..>`: energy monitoring of some vCPUs through resctrl's
    package monitors (libvirt 12.4)."""

    vcpus: str | None = attr("vcpus", codec=CPUSET)
    id: str | None = attr("id")
    monitors: list[EnergyMonitor] = children("monitor")


class NumaMode(OpenEnum):
    """How guest memory is bound to host NUMA nodes."""

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
    """`<numatune>`: the memory policy of the whole guest and of each guest cell."""

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
    """`<blkiotune>`: the guest's block I/O weight, and per host device limits."""

    weight: int | None = child("weight")
    devices: list[BlkioDevice] = children("device")


@element()
class FibreChannel:
    """`<fibrechannel appid=..>`: the Fibre Channel application ID of the guest's
    traffic."""

    appid: str | None = attr("appid")


@element()
class Resource:
    """`<resource>`: the cgroup partition, and the fibre channel VMID."""

    partition: str | None = child("partition")
    fibrechannel: FibreChannel | None = child("fibrechannel")


@element()
class _GroupNamed:
    # Declared ahead of the limits (see ThrottleGroup): libvirt writes a group's name
    # first, where a disk's <iotune> has it after size_iops_sec.
    group_name: str | None = child("group_name")


@element()
class ThrottleGroup(IoTune, _GroupNamed):
    """`<throttlegroup>`: a named set of I/O limits shared by the disks whose
    throttle filters name it; the children of `<iotune>`, `group_name` required
    (formatdomain "Disk Throttle Group Management", libvirt 11.2)."""


@element()
class ThrottleGroups:
    """`<throttlegroups>`: the domain's throttle groups (libvirt 11.2)."""

    groups: list[ThrottleGroup] = children("throttlegroup")

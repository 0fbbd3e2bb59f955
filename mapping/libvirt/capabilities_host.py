"""The `<host>` of `<capabilities>` (formatcaps "Host capabilities").

The host CPU is not the domain's `<cpu>`: it reports an arch, a model and vendor by
name, microcode, signature, TSC counter, plain feature names and page sizes, with no
mode, match or policies. Its `<topology>` and `<maxphysaddr>`, and the NUMA pieces a
host cell shares with a domain's (`<distances>`, memory-side `<cache>`, HMAT
`<interconnects>`), are the domain CPU's classes: the schemas define them once for both.
"""
from __future__ import annotations

from ..core import OpenEnum, YesNo, attr, child, children, element, flag, text
from ..core import path as leaf
from .basictypes import CPUSET, POSITIVE_INTEGER, UNSIGNED_INT, UUID, pattern
from .cpu import CellCache, CpuTopology, Distances, Interconnects, MaxPhysAddr
from .units import SIZE_UNIT, Size

# cputypes.rng "hostcpu": a feature as the host reports it (no '.', unlike a policy's).
HOST_FEATURE_NAME = pattern("hostFeatureName", r"[a-zA-Z0-9\-_]+")
# capability.rng "monitorFeature": a resctrl monitoring event, cache or memory bandwidth.
MONITOR_FEATURE = pattern("monitorFeature", r"(llc_|mbm_)[a-zA-Z0-9\-_]+")


class Arch(OpenEnum):
    """A CPU architecture, as libvirt names it (basictypes.rng "archnames"): the host
    CPU's `<arch>` and a guest's `<arch name=..>`."""

    AARCH64 = "aarch64"
    ALPHA = "alpha"
    ARMV6L = "armv6l"
    ARMV7L = "armv7l"
    CRIS = "cris"
    I686 = "i686"
    IA64 = "ia64"
    LM32 = "lm32"
    LOONGARCH64 = "loongarch64"
    M68K = "m68k"
    MICROBLAZE = "microblaze"
    MICROBLAZEEL = "microblazeel"
    MIPS = "mips"
    MIPSEL = "mipsel"
    MIPS64 = "mips64"
    MIPS64EL = "mips64el"
    OPENRISC = "openrisc"
    PARISC = "parisc"
    PARISC64 = "parisc64"
    PPC = "ppc"
    PPC64 = "ppc64"
    PPC64LE = "ppc64le"
    PPCEMB = "ppcemb"
    RISCV32 = "riscv32"
    RISCV64 = "riscv64"
    S390 = "s390"
    S390X = "s390x"
    SH4 = "sh4"
    SH4EB = "sh4eb"
    SPARC = "sparc"
    SPARC64 = "sparc64"
    UNICORE32 = "unicore32"
    X86_64 = "x86_64"
    XTENSA = "xtensa"
    XTENSAEB = "xtensaeb"


class UriTransport(OpenEnum):
    """A migration URI scheme the hypervisor accepts (formatcaps "Host capabilities",
    migration_features)."""

    TCP = "tcp"
    RDMA = "rdma"
    VPXMIGR = "vpxmigr"
    VZMIGR = "vzmigr"


class CacheType(OpenEnum):
    """What a cache bank holds, or what an allocation of it controls: both, code only
    or data only (CDP); formatcaps "Host capabilities", cache."""

    BOTH = "both"
    CODE = "code"
    DATA = "data"


# -- the host CPU (formatcaps "Host capabilities", cpu) ----------------------------------

@element()
class HostCpuFlags:
    """`<cpu><features>`: old-style flags some drivers report (PAE, VMX, SVM)."""

    pae: bool | None = flag("pae")
    nonpae: bool | None = flag("nonpae")
    vmx: bool | None = flag("vmx")
    svm: bool | None = flag("svm")


@element()
class CpuSignature:
    """`<signature family=.. model=.. stepping=..>`: the CPUID signature."""

    family: int | None = attr("family", codec=POSITIVE_INTEGER)
    model: int | None = attr("model", codec=UNSIGNED_INT)
    stepping: int | None = attr("stepping", codec=UNSIGNED_INT)


@element()
class CpuCounter:
    """`<counter name=.. frequency=.. scaling=..>`: a time stamp counter, its frequency
    in Hz and whether a guest's may be scaled to another."""

    name: str | None = attr("name")
    frequency: int | None = attr("frequency", codec=POSITIVE_INTEGER)
    scaling: bool | None = attr("scaling", codec=YesNo)


@element()
class HostCpuFeature:
    """`<feature name=..>`: a feature of the host CPU beyond its named model."""

    name: str | None = attr("name", codec=HOST_FEATURE_NAME)


@element()
class PageSize:
    """`<pages unit=.. size=..>`: a memory page size the host supports (KiB when no
    unit)."""

    unit: str | None = attr("unit", codec=SIZE_UNIT)
    size: int | None = attr("size", codec=UNSIGNED_INT)


@element()
class HostCpu:
    """`<cpu>` of the host: arch, model and vendor, microcode, signature, TSC counter,
    topology, physical address bits, features and page sizes (formatcaps "Host
    capabilities"; cputypes.rng "hostcpu")."""

    arch: Arch | None = child("arch")
    flags: HostCpuFlags | None = child("features")
    model: str | None = child("model")
    vendor: str | None = child("vendor")
    microcode: int | None = leaf("microcode/@version", codec=POSITIVE_INTEGER)
    signature: CpuSignature | None = child("signature")
    counter: CpuCounter | None = child("counter")
    topology: CpuTopology | None = child("topology")
    maxphysaddr: MaxPhysAddr | None = child("maxphysaddr")
    features: list[HostCpuFeature] = children("feature")
    pages: list[PageSize] = children("pages")


# -- power, IOMMU, migration --------------------------------------------------------------

@element()
class PowerManagement:
    """`<power_management>`: suspend to memory, to disk, or both (hybrid); present and
    empty when the host can do none of them (formatcaps "Host capabilities")."""

    suspend_mem: bool | None = flag("suspend_mem")
    suspend_disk: bool | None = flag("suspend_disk")
    suspend_hybrid: bool | None = flag("suspend_hybrid")


@element()
class HostIommu:
    """`<iommu support=..>`: whether the host has an IOMMU for device assignment."""

    support: bool | None = attr("support", codec=YesNo)


@element()
class UriTransports:
    """`<uri_transports>`: the migration URI schemes, in the order given."""

    transports: list[UriTransport] = children("uri_transport")


@element()
class MigrationFeatures:
    """`<migration_features>`: live migration, and the URI transports (formatcaps
    "Host capabilities")."""

    live: bool | None = flag("live")
    uri_transports: UriTransports | None = child("uri_transports")


# -- NUMA topology (formatcaps "Host capabilities", topology) ----------------------------

@element()
class CellPages:
    """`<pages unit=.. size=..>count</pages>`: how many pages of a size a cell has."""

    unit: str | None = attr("unit", codec=SIZE_UNIT)
    size: int | None = attr("size", codec=UNSIGNED_INT)
    count: int | None = text(codec=UNSIGNED_INT)


@element()
class CellCpu:
    """`<cpu id=..>`: a logical CPU of a cell, with the socket, die, cluster and core it
    sits in and the CPUs that share its core (`siblings`, itself included)."""

    id: int | None = attr("id", codec=UNSIGNED_INT)
    socket_id: int | None = attr("socket_id", codec=UNSIGNED_INT)
    die_id: int | None = attr("die_id", codec=UNSIGNED_INT)
    cluster_id: int | None = attr("cluster_id", codec=UNSIGNED_INT)
    core_id: int | None = attr("core_id", codec=UNSIGNED_INT)
    siblings: str | None = attr("siblings", codec=CPUSET)


@element()
class CellCpus:
    """`<cpus num=..>`: a cell's logical CPUs; `num` counts them."""

    num: int | None = attr("num", codec=UNSIGNED_INT)
    cpus: list[CellCpu] = children("cpu")


@element()
class HostCell:
    """`<cell id=..>`: a NUMA node: its memory, free pages per size, distances to the
    other nodes, memory-side caches and CPUs."""

    id: int | None = attr("id", codec=UNSIGNED_INT)
    memory: Size | None = child("memory")
    pages: list[CellPages] = children("pages")
    distances: Distances | None = child("distances")
    caches: list[CellCache] = children("cache")
    cpus: CellCpus | None = child("cpus")


@element()
class Cells:
    """`<cells num=..>`: the NUMA nodes; `num` counts them."""

    num: int | None = attr("num", codec=UNSIGNED_INT)
    cells: list[HostCell] = children("cell")


@element()
class HostTopology:
    """`<topology>`: NUMA cells down to each logical CPU, and the latency and bandwidth
    between initiators and targets (HMAT)."""

    cells: Cells | None = child("cells")
    interconnects: Interconnects | None = child("interconnects")


# -- resource control: cache and memory bandwidth (formatcaps "Host capabilities") --------

@element()
class MonitorFeature:
    """`<feature name=..>`: an event the resctrl monitor counts (`llc_occupancy`,
    `mbm_total_bytes`, ...)."""

    name: str | None = attr("name", codec=MONITOR_FEATURE)


@element()
class ResctrlMonitor:
    """`<monitor>` of the cache or memory bandwidth: how many monitors there are, and
    for the cache its level and the occupancy under which a monitor is reused."""

    level: int | None = attr("level", codec=UNSIGNED_INT)
    reuse_threshold: int | None = attr("reuseThreshold", codec=UNSIGNED_INT)
    max_monitors: int | None = attr("maxMonitors", codec=UNSIGNED_INT)
    features: list[MonitorFeature] = children("feature")


@element()
class CacheControl:
    """`<control>` of a cache bank: the allocation step (`granularity`), the least
    allocation, their unit, what is allocated, and how many allocations there may be."""

    granularity: int | None = attr("granularity", codec=UNSIGNED_INT)
    min: int | None = attr("min", codec=UNSIGNED_INT)
    unit: str | None = attr("unit", codec=SIZE_UNIT)
    type: CacheType | None = attr("type")
    max_allocs: int | None = attr("maxAllocs", codec=UNSIGNED_INT)


@element()
class CacheBank:
    """`<bank>`: one cache of a level, its size and the CPUs that share it, and how it
    can be allocated (CAT)."""

    id: int | None = attr("id", codec=UNSIGNED_INT)
    level: int | None = attr("level", codec=UNSIGNED_INT)
    type: CacheType | None = attr("type")
    size: int | None = attr("size", codec=UNSIGNED_INT)
    unit: str | None = attr("unit", codec=SIZE_UNIT)
    cpus: str | None = attr("cpus", codec=CPUSET)
    controls: list[CacheControl] = children("control")


@element()
class HostCache:
    """`<cache>`: the host's cache banks and their monitor."""

    banks: list[CacheBank] = children("bank")
    monitor: ResctrlMonitor | None = child("monitor")


@element()
class BandwidthControl:
    """`<control>` of a memory bandwidth node: the allocation step and least allocation
    (percent), and how many allocations there may be (MBA)."""

    granularity: int | None = attr("granularity", codec=UNSIGNED_INT)
    min: int | None = attr("min", codec=UNSIGNED_INT)
    max_allocs: int | None = attr("maxAllocs", codec=UNSIGNED_INT)


@element()
class BandwidthNode:
    """`<node id=.. cpus=..>`: the memory controller of a NUMA node and its CPUs."""

    id: int | None = attr("id", codec=UNSIGNED_INT)
    cpus: str | None = attr("cpus", codec=CPUSET)
    controls: list[BandwidthControl] = children("control")


@element()
class MemoryBandwidth:
    """`<memory_bandwidth>`: the nodes whose memory bandwidth can be allocated, and
    their monitor."""

    nodes: list[BandwidthNode] = children("node")
    monitor: ResctrlMonitor | None = child("monitor")


# -- security models (formatcaps "Host capabilities", secmodel) --------------------------

@element()
class BaseLabel:
    """`<baselabel type=..>`: the default label for domains of one type."""

    type: str | None = attr("type")
    label: str | None = text()


@element()
class SecModel:
    """`<secmodel>`: a security driver (selinux, apparmor, dac, none), its domain of
    interpretation, and its default labels per domain type."""

    model: str | None = child("model")
    doi: str | None = child("doi")
    baselabels: list[BaseLabel] = children("baselabel")


@element()
class Host:
    """`<host>`: the host's UUID, CPU, power management, IOMMU, migration features,
    NUMA topology, cache and memory bandwidth, and security models (formatcaps "Host
    capabilities")."""

    uuid: str | None = child("uuid", codec=UUID)
    cpu: HostCpu | None = child("cpu")
    power_management: PowerManagement | None = child("power_management")
    iommu: HostIommu | None = child("iommu")
    migration_features: MigrationFeatures | None = child("migration_features")
    topology: HostTopology | None = child("topology")
    cache: HostCache | None = child("cache")
    memory_bandwidth: MemoryBandwidth | None = child("memory_bandwidth")
    secmodels: list[SecModel] = children("secmodel")

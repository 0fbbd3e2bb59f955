"""The guest CPU: model, topology, features, NUMA (formatdomain "CPU model and topology")."""
from __future__ import annotations

from ..core import OnOff, OpenEnum, YesNo, attr, child, children, element, text
from .basictypes import CPUSET, UNSIGNED_INT, closed


class CpuMode(OpenEnum):
    """What the guest CPU is based on: a named model, the host's model, the host CPU
    itself, or everything the hypervisor can give."""

    CUSTOM = "custom"
    HOST_MODEL = "host-model"
    HOST_PASSTHROUGH = "host-passthrough"
    MAXIMUM = "maximum"


class CpuMatch(OpenEnum):
    """How strictly a `custom` CPU model must be matched by the host."""

    MINIMUM = "minimum"
    EXACT = "exact"
    STRICT = "strict"


class CpuCheck(OpenEnum):
    """How the guest CPU is checked against what the hypervisor provides."""

    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"


class ModelFallback(OpenEnum):
    """Whether libvirt may pick a close model when the host cannot run the named one."""

    ALLOW = "allow"
    FORBID = "forbid"


class CpuCacheMode(OpenEnum):
    """The CPU cache the guest sees: an emulated one, the host's, or none."""

    EMULATE = "emulate"
    PASSTHROUGH = "passthrough"
    DISABLE = "disable"


class MaxPhysAddrMode(OpenEnum):
    """Where the guest's physical address width comes from."""

    EMULATE = "emulate"
    PASSTHROUGH = "passthrough"


class CacheAssociativity(OpenEnum):
    """A NUMA cell's memory-side cache associativity."""

    NONE = "none"
    DIRECT = "direct"
    FULL = "full"


class CacheWritePolicy(OpenEnum):
    """A NUMA cell's memory-side cache write policy."""

    NONE = "none"
    WRITEBACK = "writeback"
    WRITETHROUGH = "writethrough"


class AccessType(OpenEnum):
    """What a NUMA latency or bandwidth figure measures."""

    ACCESS = "access"
    READ = "read"
    WRITE = "write"


class FeaturePolicy(OpenEnum):
    """What a listed CPU feature must be: forced on, required, optional, disabled or
    forbidden."""

    FORCE = "force"
    REQUIRE = "require"
    OPTIONAL = "optional"
    DISABLE = "disable"
    FORBID = "forbid"


@element()
class CpuModel:
    """`<model fallback=.. vendor_id=..>name</model>`."""

    fallback: ModelFallback | None = attr("fallback")
    vendor_id: str | None = attr("vendor_id")
    name: str | None = text()


@element()
class CpuTopology:
    """`<topology sockets=.. dies=.. clusters=.. cores=.. threads=..>`: how the vCPUs
    are laid out."""

    sockets: int | None = attr("sockets")
    dies: int | None = attr("dies")
    clusters: int | None = attr("clusters")
    cores: int | None = attr("cores")
    threads: int | None = attr("threads")


@element()
class CpuCache:
    """`<cache level=.. mode=..>`: the CPU cache the guest sees."""

    level: int | None = attr("level")
    mode: CpuCacheMode | None = attr("mode")


@element()
class MaxPhysAddr:
    """`<maxphysaddr mode=.. bits=.. limit=..>`: the guest's physical address width."""

    mode: MaxPhysAddrMode | None = attr("mode")
    bits: int | None = attr("bits")
    limit: int | None = attr("limit")


@element()
class CpuFeature:
    """`<feature policy=.. name=..>`: one CPU feature and what it must be."""

    policy: FeaturePolicy | None = attr("policy")
    name: str | None = attr("name")


@element()
class Sibling:
    """`<sibling id=.. value=..>`: the distance to another cell."""

    id: int | None = attr("id")
    value: int | None = attr("value")


@element()
class Distances:
    """`<distances>`: a NUMA cell's distances to the other cells."""

    siblings: list[Sibling] = children("sibling")


@element()
class ValueWithUnit:
    """`<size value=.. unit=..>`, `<line value=.. unit=..>`."""

    value: int | None = attr("value")
    unit: str | None = attr("unit")


@element()
class CellCache:
    """A NUMA cell's memory-side cache (formatdomain "NUMA topology")."""

    level: int | None = attr("level")
    associativity: CacheAssociativity | None = attr("associativity")
    policy: CacheWritePolicy | None = attr("policy")
    size: ValueWithUnit | None = child("size")
    line: ValueWithUnit | None = child("line")


MEM_ACCESS = closed("memAccess", "shared", "private")


@element()
class NumaCell:
    """`<cell id=.. cpus=.. memory=.. unit=.. memAccess=.. discard=..>`."""

    id: int | None = attr("id", codec=UNSIGNED_INT)
    cpus: str | None = attr("cpus", codec=CPUSET)
    memory: int | None = attr("memory")
    unit: str | None = attr("unit")
    mem_access: str | None = attr("memAccess", codec=MEM_ACCESS)
    discard: bool | None = attr("discard", codec=YesNo)
    distances: Distances | None = child("distances")
    caches: list[CellCache] = children("cache")


@element()
class Interconnect:
    """`<latency>`/`<bandwidth>` between an initiator and a target cell."""

    initiator: int | None = attr("initiator")
    target: int | None = attr("target")
    cache: int | None = attr("cache")
    type: AccessType | None = attr("type")
    value: int | None = attr("value")
    unit: str | None = attr("unit")


@element()
class Interconnects:
    """`<interconnects>`: latencies and bandwidths between NUMA cells (HMAT)."""

    latencies: list[Interconnect] = children("latency")
    bandwidths: list[Interconnect] = children("bandwidth")


@element()
class Numa:
    """`<numa>`: the guest's NUMA cells and their interconnects."""

    cells: list[NumaCell] = children("cell")
    interconnects: Interconnects | None = child("interconnects")


@element()
class Cpu:
    """`<cpu>`: mode, model, vendor, topology, cache, features and NUMA cells."""

    mode: CpuMode | None = attr("mode")
    match: CpuMatch | None = attr("match")
    check: CpuCheck | None = attr("check")
    migratable: bool | None = attr("migratable", codec=OnOff)
    # libvirt 11.0 (s390): whether a host-model CPU keeps the features its model
    # marks deprecated.
    deprecated_features: bool | None = attr("deprecated_features", codec=OnOff)
    model: CpuModel | None = child("model")
    vendor: str | None = child("vendor")
    topology: CpuTopology | None = child("topology")
    cache: CpuCache | None = child("cache")
    maxphysaddr: MaxPhysAddr | None = child("maxphysaddr")
    features: list[CpuFeature] = children("feature")
    numa: Numa | None = child("numa")


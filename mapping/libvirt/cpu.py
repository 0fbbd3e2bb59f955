"""The guest CPU: model, topology, features, NUMA (formatdomain "CPU model and topology")."""
from __future__ import annotations

from ..core import OnOff, OpenEnum, YesNo, attr, child, children, element, text
from .basictypes import CPUSET, UNSIGNED_INT, closed


class CpuMode(OpenEnum):
    CUSTOM = "custom"
    HOST_MODEL = "host-model"
    HOST_PASSTHROUGH = "host-passthrough"
    MAXIMUM = "maximum"


class FeaturePolicy(OpenEnum):
    FORCE = "force"
    REQUIRE = "require"
    OPTIONAL = "optional"
    DISABLE = "disable"
    FORBID = "forbid"


@element()
class CpuModel:
    """`<model fallback=.. vendor_id=..>name</model>`."""

    fallback: str | None = attr("fallback")
    vendor_id: str | None = attr("vendor_id")
    name: str | None = text()


@element()
class CpuTopology:
    sockets: int | None = attr("sockets")
    dies: int | None = attr("dies")
    clusters: int | None = attr("clusters")
    cores: int | None = attr("cores")
    threads: int | None = attr("threads")


@element()
class CpuCache:
    """`<cache level=.. mode=..>`: the CPU cache the guest sees."""

    level: int | None = attr("level")
    mode: str | None = attr("mode")


@element()
class MaxPhysAddr:
    mode: str | None = attr("mode")
    bits: int | None = attr("bits")
    limit: int | None = attr("limit")


@element()
class CpuFeature:
    policy: FeaturePolicy | None = attr("policy")
    name: str | None = attr("name")


@element()
class Sibling:
    """`<sibling id=.. value=..>`: the distance to another cell."""

    id: int | None = attr("id")
    value: int | None = attr("value")


@element()
class Distances:
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
    associativity: str | None = attr("associativity")
    policy: str | None = attr("policy")
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
    type: str | None = attr("type")
    value: int | None = attr("value")
    unit: str | None = attr("unit")


@element()
class Interconnects:
    latencies: list[Interconnect] = children("latency")
    bandwidths: list[Interconnect] = children("bandwidth")


@element()
class Numa:
    cells: list[NumaCell] = children("cell")
    interconnects: Interconnects | None = child("interconnects")


@element()
class Cpu:
    """`<cpu>`: mode, model, vendor, topology, cache, features and NUMA cells."""

    mode: CpuMode | None = attr("mode")
    match: str | None = attr("match")
    check: str | None = attr("check")
    migratable: bool | None = attr("migratable", codec=OnOff)
    model: CpuModel | None = child("model")
    vendor: str | None = child("vendor")
    topology: CpuTopology | None = child("topology")
    cache: CpuCache | None = child("cache")
    maxphysaddr: MaxPhysAddr | None = child("maxphysaddr")
    features: list[CpuFeature] = children("feature")
    numa: Numa | None = child("numa")


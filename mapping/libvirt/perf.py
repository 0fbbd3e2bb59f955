"""Performance monitoring events: `<perf>` (formatdomain "Performance monitoring events")."""
from __future__ import annotations

from ..core import OpenEnum, YesNo, attr, children, element


class PerfEventName(OpenEnum):
    """A perf event libvirt can count for the domain (resctrl monitoring or a Linux
    perf counter)."""

    CMT = "cmt"
    MBMT = "mbmt"
    MBML = "mbml"
    CPU_CYCLES = "cpu_cycles"
    INSTRUCTIONS = "instructions"
    CACHE_REFERENCES = "cache_references"
    CACHE_MISSES = "cache_misses"
    BRANCH_INSTRUCTIONS = "branch_instructions"
    BRANCH_MISSES = "branch_misses"
    BUS_CYCLES = "bus_cycles"
    STALLED_CYCLES_FRONTEND = "stalled_cycles_frontend"
    STALLED_CYCLES_BACKEND = "stalled_cycles_backend"
    REF_CPU_CYCLES = "ref_cpu_cycles"
    CPU_CLOCK = "cpu_clock"
    TASK_CLOCK = "task_clock"
    PAGE_FAULTS = "page_faults"
    CONTEXT_SWITCHES = "context_switches"
    CPU_MIGRATIONS = "cpu_migrations"
    PAGE_FAULTS_MIN = "page_faults_min"
    PAGE_FAULTS_MAJ = "page_faults_maj"
    ALIGNMENT_FAULTS = "alignment_faults"
    EMULATION_FAULTS = "emulation_faults"


@element()
class PerfEvent:
    """`<event name=.. enabled=..>`: one perf event switched on or off."""

    name: PerfEventName | None = attr("name")
    enabled: bool | None = attr("enabled", codec=YesNo)


@element()
class Perf:
    """`<perf>`: the perf events to count for the domain."""

    events: list[PerfEvent] = children("event")

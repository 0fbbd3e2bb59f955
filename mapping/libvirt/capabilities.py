"""The `<capabilities>` root: what a hypervisor connection offers (formatcaps).

One `<host>` (its CPU, power management, IOMMU, migration, NUMA topology, cache and
memory bandwidth allocation, security models) and one `<guest>` per OS type and
architecture it can run. The host's pieces live in `capabilities_host`; the NUMA parts
a cell shares with a domain's `<numa>` (distances, memory-side caches, HMAT
interconnects) and the CPU topology and `maxphysaddr` are the domain CPU's classes.
"""
from __future__ import annotations

from ..core import OnOff, OpenEnum, YesNo, attr, child, children, element, flag, text
from .basictypes import ABS_FILE_PATH, UNSIGNED_INT, ranged
from .domain import DomainType
from .capabilities_host import Arch, Host

# capability.rng "wordsize": the only word sizes libvirt reports (31: s390).
WORDSIZE = ranged("wordsize", None, None, pattern="31|32|64")


class OsType(OpenEnum):
    """`<os_type>`: the kind of guest OS the hypervisor runs (formatcaps "Guest
    capabilities"); `linux` is the old name of Xen PV, `uml` is no longer used."""

    XEN = "xen"
    LINUX = "linux"
    XENPVH = "xenpvh"
    HVM = "hvm"
    EXE = "exe"
    UML = "uml"


@element()
class Machine:
    """`<machine>`: a machine type for `<os><type machine=..>`; `canonical` names the
    versioned type an alias stands for (formatcaps "Guest capabilities", arch)."""

    canonical: str | None = attr("canonical")
    max_cpus: int | None = attr("maxCpus", codec=UNSIGNED_INT)
    deprecated: bool | None = attr("deprecated", codec=YesNo)
    name: str | None = text()


@element()
class GuestDomain:
    """`<domain type=..>`: a hypervisor that runs this guest type, with the emulator
    and machine types it uses when they differ from the arch's (formatcaps "Guest
    capabilities", arch)."""

    type: DomainType | None = attr("type")
    emulator: str | None = child("emulator", codec=ABS_FILE_PATH)
    machines: list[Machine] = children("machine")


@element()
class GuestArch:
    """`<arch name=..>`: one guest architecture: its word size, default emulator and
    loader, machine types and the hypervisors that run it (formatcaps "Guest
    capabilities")."""

    name: Arch | None = attr("name")
    wordsize: int | None = child("wordsize", codec=WORDSIZE)
    emulator: str | None = child("emulator", codec=ABS_FILE_PATH)
    loader: str | None = child("loader", codec=ABS_FILE_PATH)
    machines: list[Machine] = children("machine")
    domains: list[GuestDomain] = children("domain")


@element()
class FeatureToggle:
    """`<acpi>`, `<apic>`, `<disksnapshot>`, `<hap>`: whether the feature is on by
    default, and whether a domain may turn it the other way (formatcaps "Guest
    capabilities", features)."""

    default: bool | None = attr("default", codec=OnOff)
    toggle: bool | None = attr("toggle", codec=YesNo)


@element()
class GuestFeatures:
    """`<features>`: what a guest of this type may use (formatcaps "Guest
    capabilities", features): PAE or not, big-endian IA64, ACPI and APIC, the
    `<cpu>` element, per-device boot order, external disk snapshots, hardware-assisted
    paging, and reverting or deleting external snapshots."""

    pae: bool | None = flag("pae")
    nonpae: bool | None = flag("nonpae")
    ia64_be: bool | None = flag("ia64_be")
    acpi: FeatureToggle | None = child("acpi")
    apic: FeatureToggle | None = child("apic")
    cpuselection: bool | None = flag("cpuselection")
    deviceboot: bool | None = flag("deviceboot")
    disksnapshot: FeatureToggle | None = child("disksnapshot")
    hap: FeatureToggle | None = child("hap")
    external_snapshot: bool | None = flag("externalSnapshot")


@element()
class Guest:
    """`<guest>`: one OS type and architecture the host can run (formatcaps "Guest
    capabilities")."""

    os_type: OsType | None = child("os_type")
    arch: GuestArch | None = child("arch")
    features: GuestFeatures | None = child("features")


@element("capabilities")
class Capabilities:
    """A connection's capabilities, as `virConnectGetCapabilities` reports them
    (formatcaps "Element and attribute overview"): the host, and each kind of guest."""

    host: Host | None = child("host")
    guests: list[Guest] = children("guest")

"""Hypervisor features: `<features>` (formatdomain "Hypervisor features")."""
from __future__ import annotations

from ..core import OnOff, YesNo, attr, child, element, flag, text
from .basictypes import closed


@element()
class State:
    """A feature switched by `state='on|off'`."""

    state: bool | None = attr("state", codec=OnOff)


@element()
class Apic:
    eoi: bool | None = attr("eoi", codec=OnOff)


GIC_VERSION = closed("gicVersion", "host", "2", "3")


@element()
class Gic:
    version: str | None = attr("version", codec=GIC_VERSION)


@element()
class Spinlocks(State):
    retries: int | None = attr("retries")


@element()
class Stimer(State):
    direct: State | None = child("direct")


@element()
class VendorId(State):
    value: str | None = attr("value")


@element()
class TlbFlush(State):
    direct: State | None = child("direct")
    extended: State | None = child("extended")


@element()
class HyperV:
    """`<hyperv mode=..>`: Hyper-V enlightenments for Windows guests."""

    mode: str | None = attr("mode")
    relaxed: State | None = child("relaxed")
    vapic: State | None = child("vapic")
    spinlocks: Spinlocks | None = child("spinlocks")
    vpindex: State | None = child("vpindex")
    runtime: State | None = child("runtime")
    synic: State | None = child("synic")
    stimer: Stimer | None = child("stimer")
    reset: State | None = child("reset")
    vendor_id: VendorId | None = child("vendor_id")
    frequencies: State | None = child("frequencies")
    reenlightenment: State | None = child("reenlightenment")
    tlbflush: TlbFlush | None = child("tlbflush")
    ipi: State | None = child("ipi")
    evmcs: State | None = child("evmcs")
    avic: State | None = child("avic")
    emsr_bitmap: State | None = child("emsr_bitmap")
    xmm_input: State | None = child("xmm_input")


@element()
class DirtyRing(State):
    size: int | None = attr("size")


@element()
class Kvm:
    hidden: State | None = child("hidden")
    hint_dedicated: State | None = child("hint-dedicated")
    poll_control: State | None = child("poll-control")
    pv_ipi: State | None = child("pv-ipi")
    dirty_ring: DirtyRing | None = child("dirty-ring")


@element()
class Xen:
    e820_host: State | None = child("e820_host")
    passthrough: XenPassthrough | None = child("passthrough")


@element()
class XenPassthrough(State):
    mode: str | None = attr("mode")


@element()
class ScaledSize:
    """`<tseg unit=..>48</tseg>`: a size whose absence differs from zero."""

    unit: str | None = attr("unit")
    value: int | None = text()


@element()
class Smm(State):
    tseg: ScaledSize | None = child("tseg")


@element()
class Hpt:
    resizing: str | None = attr("resizing")
    maxpagesize: ScaledSize | None = child("maxpagesize")


@element()
class Capability:
    """`<capabilities><mknod state=..>`: one container capability."""

    state: bool | None = attr("state", codec=OnOff)


@element()
class Capabilities:
    """`<capabilities policy=..>`: the container's capabilities, by name."""

    policy: str | None = attr("policy")
    mknod: Capability | None = child("mknod")
    sys_admin: Capability | None = child("sys_admin")
    net_admin: Capability | None = child("net_admin")
    sys_module: Capability | None = child("sys_module")
    sys_time: Capability | None = child("sys_time")


@element()
class Value:
    """A feature set by `value=..` (cfpc, sbbc, ibs)."""

    value: str | None = attr("value")


@element()
class Ioapic:
    driver: str | None = attr("driver")


@element()
class Msrs:
    unknown: str | None = attr("unknown")


@element()
class Tcg:
    tb_cache: ScaledSize | None = child("tb-cache")


@element()
class Features:
    """`<features>`: each feature a flag (`<acpi/>`) or a small element with a state."""

    # In the order libvirt writes them (its virDomainFeature enumeration).
    acpi: bool | None = flag("acpi")
    apic: Apic | None = child("apic")
    pae: bool | None = flag("pae")
    hap: State | None = child("hap")
    viridian: bool | None = flag("viridian")
    privnet: bool | None = flag("privnet")
    hyperv: HyperV | None = child("hyperv")
    kvm: Kvm | None = child("kvm")
    pvspinlock: State | None = child("pvspinlock")
    capabilities: Capabilities | None = child("capabilities")
    pmu: State | None = child("pmu")
    vmport: State | None = child("vmport")
    gic: Gic | None = child("gic")
    smm: Smm | None = child("smm")
    ioapic: Ioapic | None = child("ioapic")
    hpt: Hpt | None = child("hpt")
    vmcoreinfo: State | None = child("vmcoreinfo")
    htm: State | None = child("htm")
    nested_hv: State | None = child("nested-hv")
    msrs: Msrs | None = child("msrs")
    ccf_assist: State | None = child("ccf-assist")
    xen: Xen | None = child("xen")
    cfpc: Value | None = child("cfpc")
    sbbc: Value | None = child("sbbc")
    ibs: Value | None = child("ibs")
    tcg: Tcg | None = child("tcg")
    async_teardown: AsyncTeardownFeature | None = child("async-teardown")
    ras: State | None = child("ras")
    ps2: State | None = child("ps2")


@element()
class AsyncTeardownFeature:
    enabled: bool | None = attr("enabled", codec=YesNo)

"""Hypervisor features: `<features>` (formatdomain "Hypervisor features")."""
from __future__ import annotations

from ..core import OnOff, OpenEnum, YesNo, attr, child, element, flag, text
from .basictypes import closed


class HyperVMode(OpenEnum):
    """How the Hyper-V enlightenments are chosen: one by one (`custom`), all the host
    has (`passthrough`), or expanded at start-up like a host-model CPU (`host-model`,
    libvirt 11.9)."""

    CUSTOM = "custom"
    PASSTHROUGH = "passthrough"
    HOST_MODEL = "host-model"


class CapabilityPolicy(OpenEnum):
    """The container's starting set of capabilities, before the listed ones are
    switched (formatdomain "Hypervisor features", `capabilities`)."""

    DEFAULT = "default"
    ALLOW = "allow"
    DENY = "deny"


class IoapicDriver(OpenEnum):
    """Who emulates the I/O APIC: the hypervisor's kernel module or QEMU."""

    QEMU = "qemu"
    KVM = "kvm"


class HptResizing(OpenEnum):
    """Whether a pSeries guest's hash page table may be resized."""

    ENABLED = "enabled"
    DISABLED = "disabled"
    REQUIRED = "required"


class MsrsUnknown(OpenEnum):
    """What the guest gets when it reads or writes an MSR KVM does not know."""

    IGNORE = "ignore"
    FAULT = "fault"


class SpeculationFix(OpenEnum):
    """How a pSeries guest is protected against a speculative-execution flaw
    (`cfpc`, `sbbc`: broken, workaround, fixed; `ibs` adds its three fixed kinds)."""

    BROKEN = "broken"
    WORKAROUND = "workaround"
    FIXED = "fixed"
    FIXED_IBS = "fixed-ibs"
    FIXED_CCD = "fixed-ccd"
    FIXED_NA = "fixed-na"


class AiaMode(OpenEnum):
    """The RISC-V interrupt controllers (Advanced Interrupt Architecture) given to a
    `virt` guest (libvirt 11.1)."""

    NONE = "none"
    APLIC = "aplic"
    APLIC_IMSIC = "aplic-imsic"


@element()
class State:
    """A feature switched by `state='on|off'`."""

    state: bool | None = attr("state", codec=OnOff)


@element()
class Apic:
    """`<apic eoi=..>`: the APIC, with paravirtual end-of-interrupt."""

    eoi: bool | None = attr("eoi", codec=OnOff)


GIC_VERSION = closed("gicVersion", "host", "2", "3")


@element()
class Gic:
    """`<gic version=..>`: the Arm interrupt controller version."""

    version: str | None = attr("version", codec=GIC_VERSION)


@element()
class Spinlocks(State):
    """`<spinlocks state=.. retries=..>`: tell the hypervisor about a spinlock after
    `retries` failed attempts (Hyper-V)."""

    retries: int | None = attr("retries")


@element()
class Stimer(State):
    """`<stimer state=..>`: Hyper-V synthetic timers, `direct` for direct mode."""

    direct: State | None = child("direct")


@element()
class VendorId(State):
    """`<vendor_id state=.. value=..>`: the hypervisor vendor ID a Windows guest sees."""

    value: str | None = attr("value")


@element()
class TlbFlush(State):
    """`<tlbflush state=..>`: Hyper-V paravirtual TLB flushes, direct and extended."""

    direct: State | None = child("direct")
    extended: State | None = child("extended")


@element()
class HyperV:
    """`<hyperv mode=..>`: Hyper-V enlightenments for Windows guests."""

    mode: HyperVMode | None = attr("mode")
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
    """`<dirty-ring state=.. size=..>`: KVM dirty page tracking through a ring."""

    size: int | None = attr("size")


@element()
class Kvm:
    """`<kvm>`: KVM paravirtual features (hidden signature, dedicated vCPU hints...)."""

    hidden: State | None = child("hidden")
    hint_dedicated: State | None = child("hint-dedicated")
    poll_control: State | None = child("poll-control")
    pv_ipi: State | None = child("pv-ipi")
    dirty_ring: DirtyRing | None = child("dirty-ring")


@element()
class Xen:
    """`<xen>`: Xen features (host E820 table, PCI passthrough)."""

    e820_host: State | None = child("e820_host")
    passthrough: XenPassthrough | None = child("passthrough")


XEN_PASSTHROUGH_MODE = closed("xenPassthroughMode", "sync_pt", "share_pt")


@element()
class XenPassthrough(State):
    """`<passthrough state=.. mode=..>`: how Xen shares page tables with passed-through
    devices (`sync_pt` or `share_pt`)."""

    mode: str | None = attr("mode", codec=XEN_PASSTHROUGH_MODE)


@element()
class ScaledSize:
    """`<tseg unit=..>48</tseg>`: a size whose absence differs from zero."""

    unit: str | None = attr("unit")
    value: int | None = text()


@element()
class Smm(State):
    """`<smm state=..>`: System Management Mode, with the size of its TSEG."""

    tseg: ScaledSize | None = child("tseg")


@element()
class Hpt:
    """`<hpt resizing=..>`: a pSeries guest's hash page table, and the largest page
    size it may back guest memory with."""

    resizing: HptResizing | None = attr("resizing")
    maxpagesize: ScaledSize | None = child("maxpagesize")


@element()
class Capability:
    """`<capabilities><mknod state=..>`: one container capability."""

    state: bool | None = attr("state", codec=OnOff)


@element()
class Capabilities:
    """`<capabilities policy=..>`: the container's Linux capabilities, each switched on
    or off by name, starting from what `policy` says (formatdomain "Hypervisor
    features"; in the order libvirt writes them)."""

    policy: CapabilityPolicy | None = attr("policy")
    audit_control: Capability | None = child("audit_control")
    audit_write: Capability | None = child("audit_write")
    block_suspend: Capability | None = child("block_suspend")
    chown: Capability | None = child("chown")
    dac_override: Capability | None = child("dac_override")
    dac_read_search: Capability | None = child("dac_read_search")
    fowner: Capability | None = child("fowner")
    fsetid: Capability | None = child("fsetid")
    ipc_lock: Capability | None = child("ipc_lock")
    ipc_owner: Capability | None = child("ipc_owner")
    kill: Capability | None = child("kill")
    lease: Capability | None = child("lease")
    linux_immutable: Capability | None = child("linux_immutable")
    mac_admin: Capability | None = child("mac_admin")
    mac_override: Capability | None = child("mac_override")
    mknod: Capability | None = child("mknod")
    net_admin: Capability | None = child("net_admin")
    net_bind_service: Capability | None = child("net_bind_service")
    net_broadcast: Capability | None = child("net_broadcast")
    net_raw: Capability | None = child("net_raw")
    setgid: Capability | None = child("setgid")
    setfcap: Capability | None = child("setfcap")
    setpcap: Capability | None = child("setpcap")
    setuid: Capability | None = child("setuid")
    sys_admin: Capability | None = child("sys_admin")
    sys_boot: Capability | None = child("sys_boot")
    sys_chroot: Capability | None = child("sys_chroot")
    sys_module: Capability | None = child("sys_module")
    sys_nice: Capability | None = child("sys_nice")
    sys_pacct: Capability | None = child("sys_pacct")
    sys_ptrace: Capability | None = child("sys_ptrace")
    sys_rawio: Capability | None = child("sys_rawio")
    sys_resource: Capability | None = child("sys_resource")
    sys_time: Capability | None = child("sys_time")
    sys_tty_config: Capability | None = child("sys_tty_config")
    syslog: Capability | None = child("syslog")
    wake_alarm: Capability | None = child("wake_alarm")


@element()
class Value:
    """A feature set by `value=..` (cfpc, sbbc, ibs)."""

    value: SpeculationFix | None = attr("value")


@element()
class Ioapic:
    """`<ioapic driver=..>`: who emulates the I/O APIC."""

    driver: IoapicDriver | None = attr("driver")


@element()
class Msrs:
    """`<msrs unknown=..>`: what unknown MSR accesses do."""

    unknown: MsrsUnknown | None = attr("unknown")


@element()
class Aia:
    """`<aia value=..>`: the RISC-V guest's interrupt controllers (libvirt 11.1)."""

    value: AiaMode | None = attr("value")


@element()
class Tcg:
    """`<tcg>`: TCG accelerator tuning (its translation block cache size)."""

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
    aia: Aia | None = child("aia")                        # libvirt 11.1
    # libvirt 12.1: the virtualization extensions (EL2 on Arm) for a nested
    # hypervisor; a bare element (its schema gives it no attribute).
    virtualization: bool | None = flag("virtualization")


@element()
class AsyncTeardownFeature:
    """`<async-teardown enabled=..>`: tear guest memory down asynchronously after
    shutdown (s390)."""

    enabled: bool | None = attr("enabled", codec=YesNo)

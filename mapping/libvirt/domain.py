"""The `<domain>` root (formatdomain "Element and attribute overview").

Fields are declared in the order libvirt writes them, so a document libvirt formatted
parses without any recorded layout.
"""
from __future__ import annotations

from .. import namespaces as ns
from ..core import OpenEnum, YesNo, attr, child, children, element, union
from .basictypes import UNSIGNED_INT, UUID
from .clock import Clock
from .cpu import Cpu
from .devices import Devices
from .features import Features
from .hypervisor import (BhyveCommandline, LxcNamespace, QemuCapabilities, QemuCommandline,
                         QemuDeprecation, QemuOverride, VmwareDatacenterPath, XenCommandline)
from .idmap import Idmap
from .memory import MaxMemory, Memory, MemoryBacking, MemTune
from .metadata import Metadata
from .os import Os
from .perf import Perf
from .power import Pm
from .security import LAUNCH_SECURITY_VARIANTS, Keywrap, LaunchSecurity, SecLabel
from .sysinfo import Sysinfo
from .tuning import (BlkioTune, CpuTune, DefaultIoThread, IoThreadIds, NumaTune, Resource,
                     ThrottleGroups, Vcpu, Vcpus)
from .units import Size


class DomainType(OpenEnum):
    """The hypervisor driver (`<domain type=...>`)."""

    QEMU = "qemu"
    KVM = "kvm"
    KQEMU = "kqemu"
    XEN = "xen"
    LXC = "lxc"
    UML = "uml"
    OPENVZ = "openvz"
    TEST = "test"
    VMWARE = "vmware"
    HYPERV = "hyperv"
    VBOX = "vbox"
    PHYP = "phyp"
    VZ = "vz"
    BHYVE = "bhyve"
    HVF = "hvf"



class LifecycleAction(OpenEnum):
    """What happens on poweroff/reboot/crash/lock failure (formatdomain "Events configuration")."""

    DESTROY = "destroy"
    RESTART = "restart"
    PRESERVE = "preserve"
    RENAME_RESTART = "rename-restart"
    COREDUMP_DESTROY = "coredump-destroy"
    COREDUMP_RESTART = "coredump-restart"
    POWEROFF = "poweroff"
    PAUSE = "pause"
    IGNORE = "ignore"


@element()
class Iommufd:
    """`<iommufd enabled=.. fdgroup=..>`: the IOMMUFD backend for all the domain's host
    devices (each may still choose), and the name of the file descriptor a management
    application passed for /dev/iommu (formatdomain "Host Device IOMMUFD",
    libvirt 12.2)."""

    enabled: bool | None = attr("enabled", codec=YesNo)
    fdgroup: str | None = attr("fdgroup")


@element("domain")
class Domain:
    """A libvirt domain: the root of the model (formatdomain)."""

    type: DomainType | None = attr("type")
    id: int | None = attr("id", codec=UNSIGNED_INT)
    name: str | None = child("name")
    uuid: str | None = child("uuid", codec=UUID)
    # libvirt 11.7: a UUID the guest's devices show in place of the domain's own
    # (every device that exposes one: SMBIOS, firmware, ...).
    hwuuid: str | None = child("hwuuid", codec=UUID)
    genid: str | None = child("genid")
    title: str | None = child("title")
    description: str | None = child("description")
    metadata: Metadata | None = child("metadata")
    max_memory: MaxMemory | None = child("maxMemory")
    memory: Memory | None = child("memory")
    current_memory: Size | None = child("currentMemory")
    blkiotune: BlkioTune | None = child("blkiotune")
    memtune: MemTune | None = child("memtune")
    memory_backing: MemoryBacking | None = child("memoryBacking")
    vcpu: Vcpu | None = child("vcpu")
    vcpus: Vcpus | None = child("vcpus")
    iothreads: int | None = child("iothreads")
    iothreadids: IoThreadIds | None = child("iothreadids")
    defaultiothread: DefaultIoThread | None = child("defaultiothread")
    cputune: CpuTune | None = child("cputune")
    numatune: NumaTune | None = child("numatune")
    resource: Resource | None = child("resource")
    sysinfo: list[Sysinfo] = children("sysinfo")
    bootloader: str | None = child("bootloader")
    bootloader_args: str | None = child("bootloader_args")
    os: Os | None = child("os")
    idmap: Idmap | None = child("idmap")
    throttlegroups: ThrottleGroups | None = child("throttlegroups")   # libvirt 11.2
    features: Features | None = child("features")
    cpu: Cpu | None = child("cpu")
    clock: Clock | None = child("clock")
    on_poweroff: LifecycleAction | None = child("on_poweroff")
    on_reboot: LifecycleAction | None = child("on_reboot")
    on_crash: LifecycleAction | None = child("on_crash")
    on_lockfailure: LifecycleAction | None = child("on_lockfailure")
    pm: Pm | None = child("pm")
    perf: Perf | None = child("perf")
    iommufd: Iommufd | None = child("iommufd")                         # libvirt 12.2
    devices: Devices | None = child("devices")
    seclabels: list[SecLabel] = children("seclabel")
    keywrap: Keywrap | None = child("keywrap")
    launch_security: LaunchSecurity | None = union("launchSecurity", LAUNCH_SECURITY_VARIANTS,
                                                    on="type")
    qemu_commandline: QemuCommandline | None = child("commandline", ns=ns.QEMU)
    qemu_capabilities: QemuCapabilities | None = child("capabilities", ns=ns.QEMU)
    qemu_override: QemuOverride | None = child("override", ns=ns.QEMU)
    qemu_deprecation: QemuDeprecation | None = child("deprecation", ns=ns.QEMU)
    lxc_namespace: LxcNamespace | None = child("namespace", ns=ns.LXC)
    bhyve_commandline: BhyveCommandline | None = child("commandline", ns=ns.BHYVE)
    vmware_datacenterpath: VmwareDatacenterPath | None = child("datacenterpath", ns=ns.VMWARE)
    xen_commandline: XenCommandline | None = child("commandline", ns=ns.XEN)

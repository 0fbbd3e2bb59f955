"""Hypervisor-specific namespaces under `<domain>`.

qemu:commandline, qemu:capabilities, qemu:override, qemu:deprecation (formatdomain
"QEMU command-line passthrough"), lxc:namespace, bhyve:commandline, vmware:datacenterpath,
xen:commandline.
"""
from __future__ import annotations

from .. import namespaces as ns
from ..core import OpenEnum, attr, child, children, element, text


class DeprecationBehavior(OpenEnum):
    """What QEMU does with deprecated features: nothing, hide them, refuse them, or
    crash (for testing)."""

    NONE = "none"
    OMIT = "omit"
    REJECT = "reject"
    CRASH = "crash"


class PropertyType(OpenEnum):
    """The type of an overridden QEMU device property, or `remove` to drop it."""

    STRING = "string"
    SIGNED = "signed"
    UNSIGNED = "unsigned"
    BOOL = "bool"
    REMOVE = "remove"


class SharedNamespaceType(OpenEnum):
    """How a container namespace to share is named: a named netns, another
    container's name, or a process ID."""

    NETNS = "netns"
    NAME = "name"
    PID = "pid"


@element()
class Arg:
    """`<arg value=..>`: one command-line argument."""

    value: str | None = attr("value")


@element()
class EnvVar:
    """`<env name=.. value=..>`: one environment variable."""

    name: str | None = attr("name")
    value: str | None = attr("value")


@element()
class QemuCommandline:
    """`<qemu:commandline>`: arguments and environment added to QEMU's, unsupported."""

    args: list[Arg] = children("arg", ns=ns.QEMU)
    envs: list[EnvVar] = children("env", ns=ns.QEMU)


@element()
class CapabilityName:
    """`<qemu:add capability=..>` / `<qemu:del capability=..>`: one QEMU capability."""

    capability: str | None = attr("capability")


@element()
class QemuCapabilities:
    """Capabilities to add to or remove from what libvirt detected in QEMU."""

    add: list[CapabilityName] = children("add", ns=ns.QEMU)
    remove: list[CapabilityName] = children("del", ns=ns.QEMU)


@element()
class FrontendProperty:
    """`<qemu:property name=.. type=.. value=..>`: one device property to override."""

    name: str | None = attr("name")
    type: PropertyType | None = attr("type")
    value: str | None = attr("value")


@element()
class Frontend:
    """`<qemu:frontend>`: the overridden properties of a device's frontend."""

    properties: list[FrontendProperty] = children("property", ns=ns.QEMU)


@element()
class OverrideDevice:
    """`<qemu:device alias=..>`: overrides for the device with that alias."""

    alias: str | None = attr("alias")
    frontend: Frontend | None = child("frontend", ns=ns.QEMU)


@element()
class QemuOverride:
    """`<qemu:override>`: per-device property overrides, unsupported."""

    devices: list[OverrideDevice] = children("device", ns=ns.QEMU)


@element()
class QemuDeprecation:
    """`<qemu:deprecation behavior=..>`: how QEMU treats deprecated features."""

    behavior: DeprecationBehavior | None = attr("behavior")


@element()
class SharedNamespace:
    """`<lxc:sharenet type=.. value=..>`: a namespace shared with another process."""

    type: SharedNamespaceType | None = attr("type")
    value: str | None = attr("value")


@element()
class LxcNamespace:
    """`<lxc:namespace>`: the network, IPC and UTS namespaces the container shares."""

    sharenet: SharedNamespace | None = child("sharenet", ns=ns.LXC)
    shareipc: SharedNamespace | None = child("shareipc", ns=ns.LXC)
    shareuts: SharedNamespace | None = child("shareuts", ns=ns.LXC)


@element()
class BhyveCommandline:
    """`<bhyve:commandline>`: arguments and environment added to bhyve's."""

    args: list[Arg] = children("arg", ns=ns.BHYVE)
    envs: list[EnvVar] = children("env", ns=ns.BHYVE)


@element()
class VmwareDatacenterPath:
    """`<vmware:datacenterpath>`: the domain's datacenter in the vCenter inventory."""

    path: str | None = text()


@element()
class XenCommandline:
    """`<xen:commandline>`: arguments added to the device model's command line."""

    args: list[Arg] = children("arg", ns=ns.XEN)

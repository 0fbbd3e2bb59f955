"""Hypervisor-specific namespaces under `<domain>`.

qemu:commandline, qemu:capabilities, qemu:override, qemu:deprecation (formatdomain
"QEMU command-line passthrough"), lxc:namespace, bhyve:commandline, vmware:datacenterpath,
xen:commandline.
"""
from __future__ import annotations

from .. import namespaces as ns
from ..core import attr, child, children, element, text


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
    args: list[Arg] = children("arg", ns=ns.QEMU)
    envs: list[EnvVar] = children("env", ns=ns.QEMU)


@element()
class CapabilityName:
    capability: str | None = attr("capability")


@element()
class QemuCapabilities:
    """Capabilities to add to or remove from what libvirt detected in QEMU."""

    add: list[CapabilityName] = children("add", ns=ns.QEMU)
    remove: list[CapabilityName] = children("del", ns=ns.QEMU)


@element()
class FrontendProperty:
    name: str | None = attr("name")
    type: str | None = attr("type")
    value: str | None = attr("value")


@element()
class Frontend:
    properties: list[FrontendProperty] = children("property", ns=ns.QEMU)


@element()
class OverrideDevice:
    """`<qemu:device alias=..>`: overrides for the device with that alias."""

    alias: str | None = attr("alias")
    frontend: Frontend | None = child("frontend", ns=ns.QEMU)


@element()
class QemuOverride:
    devices: list[OverrideDevice] = children("device", ns=ns.QEMU)


@element()
class QemuDeprecation:
    behavior: str | None = attr("behavior")


@element()
class SharedNamespace:
    """`<lxc:sharenet type=.. value=..>`: a namespace shared with another process."""

    type: str | None = attr("type")
    value: str | None = attr("value")


@element()
class LxcNamespace:
    sharenet: SharedNamespace | None = child("sharenet", ns=ns.LXC)
    shareipc: SharedNamespace | None = child("shareipc", ns=ns.LXC)
    shareuts: SharedNamespace | None = child("shareuts", ns=ns.LXC)


@element()
class BhyveCommandline:
    args: list[Arg] = children("arg", ns=ns.BHYVE)
    envs: list[EnvVar] = children("env", ns=ns.BHYVE)


@element()
class VmwareDatacenterPath:
    path: str | None = text()


@element()
class XenCommandline:
    args: list[Arg] = children("arg", ns=ns.XEN)

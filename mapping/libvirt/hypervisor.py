"""Hypervisor namespaces: qemu:commandline/capabilities/override/deprecation, lxc:namespace, bhyve:commandline, vmware:datacenterpath, xen:commandline."""
from __future__ import annotations

from ..core import element


@element()
class QemuCommandline:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class QemuCapabilities:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class QemuOverride:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class QemuDeprecation:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class LxcNamespace:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class BhyveCommandline:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class VmwareDatacenterPath:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class XenCommandline:
    """Not modelled yet: its content is kept as unknown XML."""

"""The libvirt domain model (formatdomain) and its device documents, declared with
`mapping.core`, and libvirt's other formats (networks, ports, secrets, storage pools and
volumes, snapshots, checkpoints, backups, filter bindings), imported on first use: reading a domain does not pay
for importing them."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

import gc as _gc

from .. import namespaces
from ..core import register_lazy_root, register_prefix, register_root

# Importing the model makes some ten thousand objects (classes, their fields, enum
# members) and no garbage: the cyclic collector, run every few hundred of them, would
# traverse what was made so far again and again (about a tenth of the import). It is
# paused meanwhile, if it ran, and always resumed.
_collecting = _gc.isenabled()
_gc.disable()
try:
    from .devices import *  # noqa: F403  (the device classes are part of this API)
    from .devices import DEVICE_CLASSES as _DEVICE_CLASSES
    from .devices import __all__ as _device_names
    from .domain import Domain, DomainType, LifecycleAction
finally:
    if _collecting:
        _gc.enable()
from .units import Size

# What building a typical VM in code takes, from one place: the domain's parts, and the
# values and sub-elements of the usual devices (the modules hold the rest).
# (each `X as X`: a name this package gives, for type checkers too)
from .clock import Clock as Clock, ClockOffset as ClockOffset
from .cpu import Cpu as Cpu, CpuMode as CpuMode
from .devices.address import DriveAddress as DriveAddress, PciAddress as PciAddress
from .devices.chardev import (ChannelTarget as ChannelTarget, ChardevType as ChardevType,
                              ConsoleTarget as ConsoleTarget, SerialTarget as SerialTarget)
from .devices.disk import (Cache as Cache, DiskBus as DiskBus, DiskDevice as DiskDevice,
                           DiskDriver as DiskDriver, DiskTarget as DiskTarget,
                           DiskType as DiskType)
from .devices.disk_source import (BlockSource as BlockSource, FileSource as FileSource,
                                  NetworkSource as NetworkSource)
from .devices.graphics import (GraphicsType as GraphicsType, Listen as Listen,
                               ListenType as ListenType)
from .devices.interface import (BridgeNicSource as BridgeNicSource,
                                InterfaceType as InterfaceType, Mac as Mac,
                                NetworkNicSource as NetworkNicSource)
from .features import Features as Features
from .memory import Memory as Memory
from .os import (FirmwareType as FirmwareType, Loader as Loader, LoaderType as LoaderType,
                 Os as Os, OsType as OsType)
from .tuning import Vcpu as Vcpu

_BUILDING = ["BlockSource", "BridgeNicSource", "Cache", "ChannelTarget", "ChardevType",
             "Clock", "ClockOffset", "ConsoleTarget", "Cpu", "CpuMode", "DiskBus",
             "DiskDevice", "DiskDriver", "DiskTarget", "DiskType", "DriveAddress",
             "Features", "FileSource", "FirmwareType", "GraphicsType", "InterfaceType",
             "Listen", "ListenType", "Loader", "LoaderType", "Mac", "Memory",
             "NetworkNicSource", "NetworkSource", "Os", "OsType", "PciAddress",
             "SerialTarget", "Vcpu"]

if TYPE_CHECKING:
    # (each `X as X`: names the package gives, imported on first use at run time)
    from .backup import DomainBackup as DomainBackup
    from .capabilities import Capabilities as Capabilities
    from .domain_caps import DomainCapabilities as DomainCapabilities
    from .host_interface import HostInterface as HostInterface
    from .nodedev import NodeDevice as NodeDevice
    from .nwfilter import NetworkFilter as NetworkFilter
    from .filterbinding import FilterBinding as FilterBinding
    from .network import ForwardInterfaceUpdate as ForwardInterfaceUpdate
    from .network import ForwardMode as ForwardMode, Network as Network
    from .networkport import NetworkPort as NetworkPort
    from .secret import Secret as Secret
    from .snapshot import DomainCheckpoint as DomainCheckpoint
    from .snapshot import DomainSnapshot as DomainSnapshot
    from .storage_caps import StoragePoolCapabilities as StoragePoolCapabilities
    from .storage_pool import Pool as Pool, PoolType as PoolType
    from .storage_volume import Volume as Volume, VolumeType as VolumeType

# name -> module, for the formats imported on first use
_FORMATS = {
    "DomainBackup": "backup", "Capabilities": "capabilities",
    "DomainCapabilities": "domain_caps", "FilterBinding": "filterbinding",
    "ForwardInterfaceUpdate": "network", "ForwardMode": "network", "HostInterface": "host_interface", "Network": "network",
    "NetworkPort": "networkport",
    "NetworkFilter": "nwfilter", "NodeDevice": "nodedev", "Secret": "secret", "DomainSnapshot": "snapshot",
    "DomainCheckpoint": "snapshot", "StoragePoolCapabilities": "storage_caps",
    "Pool": "storage_pool", "PoolType": "storage_pool", "Volume": "storage_volume",
    "VolumeType": "storage_volume",
}
# root tag -> class name
_FORMAT_ROOTS = {"network": "Network", "networkport": "NetworkPort", "secret": "Secret",
                 "pool": "Pool", "volume": "Volume",
                 "storagepoolCapabilities": "StoragePoolCapabilities",
                 "domainsnapshot": "DomainSnapshot", "domaincheckpoint": "DomainCheckpoint",
                 "domainbackup": "DomainBackup", "filterbinding": "FilterBinding",
                 "capabilities": "Capabilities", "domainCapabilities": "DomainCapabilities",
                 "device": "NodeDevice", "filter": "NetworkFilter"}

for _uri, _prefix in namespaces.PREFIXES.items():
    register_prefix(_uri, _prefix)
register_root(Domain)
# Device documents, as hotplug (virDomainAttachDevice, UpdateDeviceFlags) reads and
# writes them: `<disk>`, `<interface>`, ... (not `<emulator>`, which is no device). A
# host interface (virInterface, formatnode's `<interface name=...>`) will need cls= or
# telling apart by its content when it is modelled.
for _device in _DEVICE_CLASSES[1:]:
    register_root(_device)
for _tag, _name in _FORMAT_ROOTS.items():
    register_lazy_root(_tag, f"{__name__}.{_FORMATS[_name]}", _name)


def _is_host_interface(root: Any) -> bool:
    """A host's `<interface>` (virInterface) rather than a guest's nic: it has a `name`,
    or (a vlan without one) a `<vlan tag=..>`, or children only a host's has."""
    if root.get("name") is not None:
        return True
    for child in root:
        if child.tag in ("start", "protocol", "bond", "bridge") or (
                child.tag == "vlan" and child.get("tag") is not None):
            return True
    return False


register_lazy_root("interface", f"{__name__}.host_interface", "HostInterface",
                   when=_is_host_interface)


def _is_forward_interface(root: Any) -> bool:
    """virNetworkUpdate's `<interface dev=..>` (a forward device): a `dev` and nothing
    else, where a guest's nic has a `type`."""
    return root.get("dev") is not None and root.get("type") is None and not len(root)


register_lazy_root("interface", f"{__name__}.network", "ForwardInterfaceUpdate",
                   when=_is_forward_interface)


def __getattr__(name: str) -> Any:
    module = _FORMATS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = ["Domain", "DomainType", "LifecycleAction", "Size", *_device_names, *_BUILDING,
           *_FORMATS]

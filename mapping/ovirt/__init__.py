"""The oVirt layer: metadata, placeholders, device matching, polling, device records,
hot-plug payloads, restore and migration rewrites (stands on mapping.libvirt).

    >>> from mapping.ovirt import vm_metadata, from_engine_xml, resolve, unresolved
"""
from __future__ import annotations

from . import compat  # noqa: F401  (registers the cluster levels of libvirt fields)
from .hotplug import Hotplug, HotplugMetadata, Hotunplug
from .matching import DeviceMatch, MatchResult, match
from .metadata import (DeviceMetadata, PortMirroring, ResumeBehavior, SpecParams, TuneQos,
                       VmMetadata, VolumeChain, VolumeChainNode, set_vm_metadata, vm_metadata)
from .places import Place
from .placeholders import (ChannelSocket, HostFacts, HostSerial, InvalidHostFacts, LeaseOffset,
                           LeasePath, OsName, OsVersion, Payload, Placeholder,
                           UnresolvedPlaceholders, VolumePath, from_engine_xml, placeholder_kind,
                           recognize, resolve, to_libvirt_xml, unresolved)
from .polling import DeviceChange, DeviceChanges, changes, fingerprint
from .records import DeviceRecord, device_records
from .rewrites import migratable, repin, retarget_volumes, set_graphics_listen

__all__ = [
    "ChannelSocket", "DeviceChange", "DeviceChanges", "DeviceMatch", "DeviceMetadata",
    "DeviceRecord", "HostFacts", "HostSerial", "Hotplug", "HotplugMetadata", "Hotunplug",
    "InvalidHostFacts", "LeaseOffset", "LeasePath", "MatchResult", "OsName", "OsVersion",
    "Payload", "Place", "Placeholder", "PortMirroring", "ResumeBehavior", "SpecParams",
    "TuneQos",
    "UnresolvedPlaceholders", "VmMetadata", "VolumeChain", "VolumeChainNode", "VolumePath",
    "changes", "device_records", "fingerprint", "from_engine_xml", "match", "migratable",
    "placeholder_kind", "recognize", "repin", "resolve", "retarget_volumes",
    "set_graphics_listen", "set_vm_metadata", "to_libvirt_xml", "unresolved", "vm_metadata",
]

"""The libvirt domain model (formatdomain), declared with `mapping.core`."""
from __future__ import annotations

from .. import namespaces
from ..core import register_prefix, register_root
from .devices import *  # noqa: F403  (the device classes are part of this API)
from .devices import __all__ as _device_names
from .domain import Domain, DomainType, LifecycleAction
from .network import ForwardMode, Network
from .networkport import NetworkPort
from .secret import Secret
from .storage_caps import StoragePoolCapabilities
from .storage_pool import Pool, PoolType
from .storage_volume import Volume, VolumeType
from .units import Size

for _uri, _prefix in namespaces.PREFIXES.items():
    register_prefix(_uri, _prefix)
register_root(Domain)
register_root(Network)
register_root(NetworkPort)
register_root(Secret)
register_root(Pool)
register_root(Volume)
register_root(StoragePoolCapabilities)

__all__ = ["Domain", "DomainType", "LifecycleAction", "Size", *_device_names,
           "ForwardMode", "Network", "NetworkPort", "Secret",
           "Pool", "PoolType", "StoragePoolCapabilities", "Volume", "VolumeType"]

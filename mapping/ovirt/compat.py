"""oVirt cluster levels of libvirt fields: what `to_xml(domain, compat="4.2")` leaves out.

The engine writes some elements only from a cluster level on (its LibvirtVmXmlBuilder
checks the VM's compatibility version, directly or through FeatureSupported and the
per-version config values of 0000_config.sql); a host of an older cluster must not get
them. The levels are set here, from the layer that knows them, without editing the
libvirt model. Importing `mapping.ovirt` registers them.

Gates that choose a value rather than whether a field is written have no field to
register (the `family` and `sku` sysinfo entries, virtio vs vga video, the vGPU
placement suffix of `mdevType`); see issue #23.
"""
from __future__ import annotations

from ..core import set_since
from ..libvirt.devices.disk import DiskDriver
from ..libvirt.devices.disk_source import SourceCommon
from ..libvirt.devices.hostdev import Hostdev
from ..libvirt.features import HyperV, Stimer
from ..libvirt.sysinfo import Sysinfo
from .metadata import DeviceMetadata

# (class, field): (level, the engine check it mirrors). A config value's level is the
# first cluster version for which 0000_config.sql sets it true.
CLUSTER_GATES = {
    # Hyper-V enlightenments, written only when the OS has Hyper-V enabled.
    (HyperV, "synic"): ("4.3", "FeatureSupported.hyperVSynicStimerSupported"),
    (HyperV, "stimer"): ("4.3", "FeatureSupported.hyperVSynicStimerSupported"),
    (HyperV, "reset"): ("4.4", "compatibility version >= 4.4"),
    (HyperV, "vpindex"): ("4.4", "compatibility version >= 4.4"),
    (HyperV, "runtime"): ("4.4", "compatibility version >= 4.4"),
    (HyperV, "frequencies"): ("4.4", "compatibility version >= 4.4"),
    (HyperV, "reenlightenment"): ("4.4", "compatibility version >= 4.4"),
    (HyperV, "tlbflush"): ("4.4", "compatibility version >= 4.4"),
    (HyperV, "ipi"): ("4.7", "compatibility version > 4.6"),
    (Stimer, "direct"): ("4.7", "compatibility version > 4.6"),
    # writeSysinfo: the baseBoard table (when SkuToAVLevel is set) from cluster 4.4.
    (Sysinfo, "base_boards"): ("4.4", "cluster compatibility version >= 4.4"),
    # writeDiskDriver, with discard="unmap".
    (DiskDriver, "discard_no_unref"): ("4.8", "FeatureSupported.isDiscardNoUnrefSupported"),
    # A direct LUN's <reservations managed="yes"> (held by every source variant).
    (SourceCommon, "reservations"): ("4.3", "FeatureSupported.isScsiReservationSupported"),
    # writeVGpu: display="on" on an mdev hostdev, and ramfb="on" on the first one.
    (Hostdev, "display"): ("4.3", "MDevTypesUtils.isMdevDisplayOnSupported"),
    (Hostdev, "ramfb"): ("4.5", "FeatureSupported.isVgpuFramebufferSupported"),
    # writeVGpu's device metadata. Reached when the ovirt-vm block is written as an
    # entity; a domain keeps its metadata blocks as text, which for_compat leaves alone.
    (DeviceMetadata, "mdev_driver_parameters"):
        ("4.7", "FeatureSupported.isVgpuDriverParametersSupported"),
}

CLUSTER_LEVELS = {key: level for key, (level, _check) in CLUSTER_GATES.items()}

for (_cls, _field), _level in CLUSTER_LEVELS.items():
    set_since(_cls, _field, _level)

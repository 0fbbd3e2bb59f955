"""oVirt cluster levels of libvirt fields: what `to_xml(domain, compat="4.2")` leaves out.

The engine writes some elements only from a cluster level on (its LibvirtVmXmlBuilder
checks the VM's compatibility version); a host of an older cluster must not get them.
The levels are set here, from the layer that knows them, without editing the libvirt
model. Importing `mapping.ovirt` registers them.
"""
from __future__ import annotations

from ..core import set_since
from ..libvirt.features import HyperV, Stimer

# Hyper-V enlightenments the engine enables from cluster 4.4, and from 4.7.
CLUSTER_LEVELS = {
    (HyperV, "reset"): "4.4",
    (HyperV, "vpindex"): "4.4",
    (HyperV, "runtime"): "4.4",
    (HyperV, "frequencies"): "4.4",
    (HyperV, "reenlightenment"): "4.4",
    (HyperV, "tlbflush"): "4.4",
    (HyperV, "ipi"): "4.7",
    (Stimer, "direct"): "4.7",
}

for (_cls, _field), _level in CLUSTER_LEVELS.items():
    set_since(_cls, _field, _level)

"""The nested parts of a disk's `ovirt-vm:device` entry.

VDSM keeps a device's metadata as a dict whose values are strings, numbers, or (for a
few keys) nested dicts and lists, and writes each nested one its own way:

- a dict as a wrapper of leaves, one per key, in key order (`auth`, `address`);
- a dict of a whole drive (a live storage migration's `diskReplicate`, a CD-ROM's
  `change`) as a wrapper holding what a device entry holds, leaves first;
- a list of dicts as a wrapper with one item element per dict (`volumeChain` holds
  `volumeChainNode`s, `hosts` holds `hostInfo`s);
- a payload as its leaves, then one `file` element per file, its path as attribute.
"""
from __future__ import annotations

from ..core import OpenEnum, attr, child, children, element, text
from ..namespaces import OVIRT_VM
from .metadata_values import INT, vm_leaf


@element()
class VolumeChainNode:
    """One volume of a disk's chain, as VDSM reports it once the disk is prepared."""

    domain_id: str | None = vm_leaf("domainID")
    """The storage domain holding the volume."""
    image_id: str | None = vm_leaf("imageID")
    """The image (the disk) the volume belongs to."""
    lease_offset: int | None = vm_leaf("leaseOffset", INT)
    """Where the volume's lease starts in the lease file, in bytes."""
    lease_path: str | None = vm_leaf("leasePath")
    """The file (or LV) holding the volume's lease."""
    path: str | None = vm_leaf("path")
    """The volume's path on the host."""
    volume_id: str | None = vm_leaf("volumeID")
    """The volume."""


@element()
class VolumeChain:
    """`ovirt-vm:volumeChain`: the disk's volumes, base first."""

    nodes: list[VolumeChainNode] = children("volumeChainNode", ns=OVIRT_VM)
    """One `volumeChainNode` per volume."""


@element()
class DiskReplica:
    """`ovirt-vm:diskReplicate`: where a disk is being copied to in a live storage
    migration, kept until the copy is finished or given up, so that the copy can be
    taken up again after VDSM restarts."""

    cache: str | None = vm_leaf("cache")
    """The cache mode the copy is opened with (the source disk's, unless given)."""
    device: str | None = vm_leaf("device")
    """The kind of device (`disk`)."""
    disk_type: str | None = vm_leaf("diskType")
    """How the copy is stored: `file`, `block` or `network`."""
    domain_id: str | None = vm_leaf("domainID")
    """The storage domain the disk is copied to."""
    format: str | None = vm_leaf("format")
    """The copy's image format: `cow` (qcow2) or `raw`."""
    image_id: str | None = vm_leaf("imageID")
    """The image of the copy."""
    path: str | None = vm_leaf("path")
    """The prepared path of the copy's volume on the host."""
    pool_id: str | None = vm_leaf("poolID")
    """The storage pool (data center) of the copy."""
    propagate_errors: str | None = vm_leaf("propagateErrors")
    """What the guest sees of I/O errors: `off`, `on` or `report`."""
    volume_id: str | None = vm_leaf("volumeID")
    """The copy's volume."""
    volume_chain: VolumeChain | None = child("volumeChain", ns=OVIRT_VM)
    """The copy's volumes, once VDSM has prepared it."""


class ChangeState(OpenEnum):
    """Where a CD change stands."""

    LOADING = "loading"
    EJECTING = "ejecting"


@element()
class CdromChange:
    """`ovirt-vm:change`: a CD change VDSM has begun and not finished: what is being
    loaded (or that the CD is being ejected), so that a restart can complete it or
    undo it."""

    domain_id: str | None = vm_leaf("domainID")
    """The storage domain of the CD being loaded."""
    image_id: str | None = vm_leaf("imageID")
    """The image of the CD being loaded."""
    pool_id: str | None = vm_leaf("poolID")
    """The storage pool of the CD being loaded."""
    state: ChangeState | None = vm_leaf("state")
    """`loading` a CD (the ids say which) or `ejecting` the current one."""
    volume_id: str | None = vm_leaf("volumeID")
    """The volume of the CD being loaded."""


@element()
class DiskAuth:
    """`ovirt-vm:auth`: how a network disk authenticates (libvirt's `<auth>` and its
    `<secret>`)."""

    type: str | None = vm_leaf("type")
    """The secret's type (`ceph`, `iscsi`)."""
    username: str | None = vm_leaf("username")
    """The user name to authenticate as."""
    uuid: str | None = vm_leaf("uuid")
    """The libvirt secret holding the key."""


@element()
class DiskHost:
    """`ovirt-vm:hostInfo`: one server of a network disk (libvirt's `<source><host>`)."""

    name: str | None = vm_leaf("name")
    """The server's host name or address."""
    port: str | None = vm_leaf("port")
    """Its port (`0`: the protocol's default)."""
    socket: str | None = vm_leaf("socket")
    """The UNIX socket to reach it by, with transport `unix`."""
    transport: str | None = vm_leaf("transport")
    """How it is reached: `tcp`, `rdma` or `unix`."""


@element()
class DiskHosts:
    """`ovirt-vm:hosts`: the servers of a network disk (gluster, ceph)."""

    hosts: list[DiskHost] = children("hostInfo", ns=OVIRT_VM)
    """One `hostInfo` per server."""


@element()
class PayloadFile:
    """`ovirt-vm:file`: one file of a payload."""

    path: str | None = attr("path")
    """Its path inside the payload image."""
    content: str | None = text()
    """Its content, base64-encoded."""


@element()
class DiskPayload:
    """`ovirt-vm:payload`: the files of a payload CD-ROM or floppy (cloud-init,
    sysprep), which VDSM makes into an image when the VM starts."""

    vol_id: str | None = vm_leaf("volId")
    """The label of the image's file system (`config-2` for cloud-init)."""
    files: list[PayloadFile] = children("file", ns=OVIRT_VM)
    """The files, one `file` element each."""


__all__ = ["CdromChange", "ChangeState", "DiskAuth", "DiskHost", "DiskHosts", "DiskPayload",
           "DiskReplica", "PayloadFile", "VolumeChain", "VolumeChainNode"]

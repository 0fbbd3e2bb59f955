"""The `<pool>` root: a libvirt storage pool (formatstorage "Storage pool XML").

One `PoolSource` holds every source element the format defines (hosts, devices, dir,
adapter, name, format, protocol, auth, vendor/product, initiator); which of them a pool
uses depends on its `type`, as the format doc's "Source elements" lists. The fs/netfs
and rbd namespaces ("Storage Pool Namespaces") are typed too.
"""
from __future__ import annotations

import re
from typing import Any

from ..core import OpenEnum, YesNo, attr, child, children, element, register_prefix
from ..core import path as leaf   # (fields named `path` would shadow it)
from .basictypes import POSITIVE_INTEGER, UNSIGNED_LONG, UUID
from .devices.address import PciAddress
from .storage import Auth, NetworkHost
from .units import Size, unit_factor

FS_NS = "http://libvirt.org/schemas/storagepool/fs/1.0"
RBD_NS = "http://libvirt.org/schemas/storagepool/rbd/1.0"
register_prefix(FS_NS, "fs")
register_prefix(RBD_NS, "rbd")


class PoolType(OpenEnum):
    """The storage backend (`<pool type=..>`); sheepdog left libvirt in 8.8 but old
    documents still name it."""

    DIR = "dir"
    FS = "fs"
    NETFS = "netfs"
    LOGICAL = "logical"
    DISK = "disk"
    ISCSI = "iscsi"
    ISCSI_DIRECT = "iscsi-direct"
    SCSI = "scsi"
    MPATH = "mpath"
    RBD = "rbd"
    SHEEPDOG = "sheepdog"
    GLUSTER = "gluster"
    ZFS = "zfs"
    VSTORAGE = "vstorage"


class PoolFormat(OpenEnum):
    """`<source><format type=..>`: a filesystem (fs), network filesystem (netfs),
    partition table (disk) or LVM metadata (logical) type; one enum for all four."""

    AUTO = "auto"
    EXT2 = "ext2"
    EXT3 = "ext3"
    EXT4 = "ext4"
    UFS = "ufs"
    ISO9660 = "iso9660"
    UDF = "udf"
    GFS = "gfs"
    GFS2 = "gfs2"
    VFAT = "vfat"
    HFS_PLUS = "hfs+"
    XFS = "xfs"
    OCFS2 = "ocfs2"
    VMFS = "vmfs"
    NFS = "nfs"
    CIFS = "cifs"
    GLUSTERFS = "glusterfs"
    UNKNOWN = "unknown"
    DOS = "dos"
    DVH = "dvh"
    GPT = "gpt"
    MAC = "mac"
    BSD = "bsd"
    PC98 = "pc98"
    SUN = "sun"
    LVM2 = "lvm2"


class AuthType(OpenEnum):
    CHAP = "chap"
    CEPH = "ceph"


class AdapterType(OpenEnum):
    SCSI_HOST = "scsi_host"
    FC_HOST = "fc_host"


class RefreshAllocation(OpenEnum):
    """How a refresh computes a volume's allocation: really, or as its capacity."""

    DEFAULT = "default"
    CAPACITY = "capacity"


class OctalModeCodec:
    """A permission mode: octal digits in the XML, an int in Python (`0o700`).

    Written as libvirt writes it, with one leading zero (`0700`, `00`).
    """

    _DIGITS = re.compile(r"[0-7]+\Z")

    def parse(self, text: str) -> int:
        stripped = text.strip()
        if not self._DIGITS.match(stripped):
            raise ValueError(f"not an octal mode: {text!r}")
        return int(stripped, 8)

    def format(self, value: Any) -> str:
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"expected int, got {type(value).__name__}")
        if value < 0:
            raise ValueError(f"negative mode {value} cannot be written in octal")
        return f"0{value:o}"

    def __repr__(self) -> str:
        return "OctalMode"


OctalMode = OctalModeCodec()


@element()
class ByteSize(Size):
    """A storage size (formatstorage "Storage volume general metadata"): like `Size`,
    but a number without a unit counts bytes, not KiB."""

    @classmethod
    def of(cls, value: int, unit: str = "bytes") -> ByteSize:
        unit_factor(unit)
        return cls(value=value, unit=unit)

    @property
    def bytes(self) -> int | None:
        return None if self.value is None else self.value * unit_factor(self.unit, "bytes")

    def __str__(self) -> str:
        return f"{self.value} {self.unit or 'bytes'}"


@element()
class Permissions:
    """`<permissions>` of a pool's directory or a volume's file: octal mode, numeric
    owner and group (-1: unchanged), MAC label (formatstorage "Storage pool target
    elements", "Storage volume target elements")."""

    mode: int | None = child("mode", codec=OctalMode)
    owner: int | None = child("owner")
    group: int | None = child("group")
    label: str | None = child("label")


@element()
class Extent:
    """`<freeExtent start=.. end=..>` / `<extent ..>`: a byte range of a device
    (formatstorage "Device extents")."""

    start: int | None = attr("start", codec=UNSIGNED_LONG)
    end: int | None = attr("end", codec=UNSIGNED_LONG)


@element()
class PoolDevice:
    """`<device path=.. part_separator=..>`: a block device or iSCSI target IQN, with the
    free extents a disk pool reports (formatstorage "Source elements")."""

    path: str | None = attr("path")
    part_separator: bool | None = attr("part_separator", codec=YesNo)
    free_extents: list[Extent] = children("freeExtent")


@element()
class ParentAddr:
    """`<parentaddr unique_id=..><address .../>`: a SCSI host by PCI address, stable
    across reboots where `scsi_hostN` names are not (formatstorage "Source elements",
    `adapter`)."""

    unique_id: int | None = attr("unique_id", codec=POSITIVE_INTEGER)
    address: PciAddress | None = child("address")


@element()
class Adapter:
    """`<adapter type=..>`: a SCSI host by name or parent address (`scsi_host`, the type
    when absent), or an NPIV vHBA by WWNN/WWPN and its parent (`fc_host`)
    (formatstorage "Source elements")."""

    type: AdapterType | None = attr("type")
    name: str | None = attr("name")
    parent: str | None = attr("parent")
    managed: bool | None = attr("managed", codec=YesNo)
    parent_wwnn: str | None = attr("parent_wwnn")
    parent_wwpn: str | None = attr("parent_wwpn")
    parent_fabric_wwn: str | None = attr("parent_fabric_wwn")
    wwnn: str | None = attr("wwnn")
    wwpn: str | None = attr("wwpn")
    parentaddr: ParentAddr | None = child("parentaddr")


@element()
class PoolAuth(Auth):
    """`<auth type="chap|ceph" username=..><secret uuid|usage=../>`: the credentials of
    an iSCSI or RBD source, by reference to a libvirt secret (formatstorage "Source
    elements"; the domain's `Auth` plus the `type`)."""

    type: AuthType | None = attr("type")


@element()
class SourceFormat:
    """`<format type=..>` of a pool source (formatstorage "Source elements"); libvirt's
    schema also lets vendor/product sit inside it for disk and logical pools."""

    type: PoolFormat | None = attr("type")
    vendor: str | None = leaf("vendor/@name")
    product: str | None = leaf("product/@name")


@element()
class PoolSource:
    """`<source>` of a pool (formatstorage "Source elements")."""

    hosts: list[NetworkHost] = children("host")
    devices: list[PoolDevice] = children("device")
    dir: str | None = leaf("dir/@path")
    adapter: Adapter | None = child("adapter")
    name: str | None = child("name")
    format: SourceFormat | None = child("format")
    protocol_ver: str | None = leaf("protocol/@ver")   # "3", "4.1"
    initiator_iqn: str | None = leaf("initiator/iqn/@name")
    auth: PoolAuth | None = child("auth")
    vendor: str | None = leaf("vendor/@name")
    product: str | None = leaf("product/@name")


@element()
class PoolTarget:
    """`<target>`: where the pool shows in the host's filesystem, and its permissions
    (formatstorage "Storage pool target elements")."""

    path: str | None = child("path")
    permissions: Permissions | None = child("permissions")


@element()
class Refresh:
    """`<refresh><volume allocation=..>` of an rbd pool (formatstorage "Refresh
    overrides")."""

    volume_allocation: RefreshAllocation | None = leaf("volume/@allocation")


@element()
class MountOption:
    """`<fs:option name=..>`: one mount option (formatstorage "Storage Pool Namespaces")."""

    name: str | None = attr("name")


@element()
class MountOpts:
    """`<fs:mount_opts>`: extra `mount -o` options of an fs/netfs pool (formatstorage
    "Storage Pool Namespaces")."""

    options: list[MountOption] = children("option", ns=FS_NS)


@element()
class RbdOption:
    """`<rbd:option name=.. value=..>`: one RADOS setting (formatstorage "Storage Pool
    Namespaces")."""

    name: str | None = attr("name")
    value: str | None = attr("value")


@element()
class RbdConfigOpts:
    """`<rbd:config_opts>`: RADOS configuration overrides of an rbd pool (formatstorage
    "Storage Pool Namespaces")."""

    options: list[RbdOption] = children("option", ns=RBD_NS)


@element("pool")
class Pool:
    """A storage pool (formatstorage "Storage pool XML"): general metadata, sizes (bytes
    unless a unit says otherwise), the `cow` feature ("Features"), source, target,
    refresh overrides and the namespaced extras."""

    type: PoolType | None = attr("type")
    name: str | None = child("name")
    uuid: str | None = child("uuid", codec=UUID)
    capacity: ByteSize | None = child("capacity")
    allocation: ByteSize | None = child("allocation")
    available: ByteSize | None = child("available")
    cow: bool | None = leaf("features/cow/@state", codec=YesNo)
    source: PoolSource | None = child("source")
    target: PoolTarget | None = child("target")
    refresh: Refresh | None = child("refresh")
    fs_mount_opts: MountOpts | None = child("mount_opts", ns=FS_NS)
    rbd_config_opts: RbdConfigOpts | None = child("config_opts", ns=RBD_NS)

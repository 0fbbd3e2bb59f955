"""The `<volume>` root: a libvirt storage volume (formatstorage "Storage volume XML").

Sizes count bytes unless a unit says otherwise (`ByteSize`); permissions and extents
are the pool's classes; encryption is the one disks use (formatstorageencryption).
"""
from __future__ import annotations

from ..core import OpenEnum, attr, child, children, element, flag
from ..core import path as leaf   # (fields named `path` would shadow it)
from .storage import Encryption
from .storage_pool import ByteSize, Extent, Permissions


class VolumeType(OpenEnum):
    """What the volume is (`<volume type=..>`, output only)."""

    FILE = "file"
    BLOCK = "block"
    DIR = "dir"
    NETWORK = "network"
    NETDIR = "netdir"
    PLOOP = "ploop"


class VolumeFormat(OpenEnum):
    """`<format type=..>` of a volume or backing store: an image file format (dir, fs,
    netfs pools), a filesystem, or a partition type (disk pools); one enum for all."""

    UNKNOWN = "unknown"
    RAW = "raw"
    DIR = "dir"
    BOCHS = "bochs"
    CLOOP = "cloop"
    DMG = "dmg"
    ISO = "iso"
    VPC = "vpc"
    VDI = "vdi"
    FAT = "fat"
    VHD = "vhd"
    PLOOP = "ploop"
    LUKS = "luks"
    COW = "cow"
    QCOW = "qcow"
    QCOW2 = "qcow2"
    QED = "qed"
    VMDK = "vmdk"
    NONE = "none"
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
    LINUX = "linux"
    FAT16 = "fat16"
    FAT32 = "fat32"
    LINUX_SWAP = "linux-swap"
    LINUX_LVM = "linux-lvm"
    LINUX_RAID = "linux-raid"
    EXTENDED = "extended"


@element()
class VolumeDevice:
    """`<device path=..>` under a volume's `<source>`, with the extents it occupies
    (formatstorage "Storage volume general metadata", `source`)."""

    path: str | None = attr("path")
    extents: list[Extent] = children("extent")


@element()
class VolumeExtents:
    """A volume's `<source>`: the devices backing it, for logical and disk pools
    (formatstorage "Storage volume general metadata")."""

    devices: list[VolumeDevice] = children("device")


@element()
class Timestamps:
    """`<timestamps>`: access, birth, change, modification times as `seconds.nanoseconds`
    since the epoch (formatstorage "Storage volume target elements"). Kept as text: a
    float would drop the last nanosecond digits."""

    atime: str | None = child("atime")
    btime: str | None = child("btime")
    ctime: str | None = child("ctime")
    mtime: str | None = child("mtime")


@element()
class FormatFeatures:
    """`<features>` of a qcow2 target: delayed refcount updates, subclusters
    (formatstorage "Storage volume target elements")."""

    lazy_refcounts: bool | None = flag("lazy_refcounts")
    extended_l2: bool | None = flag("extended_l2")


@element()
class VolumeTarget:
    """`<target>` (formatstorage "Storage volume target elements")."""

    path: str | None = child("path")
    format: VolumeFormat | None = leaf("format/@type")
    permissions: Permissions | None = child("permissions")
    timestamps: Timestamps | None = child("timestamps")
    encryption: Encryption | None = child("encryption")
    compat: str | None = child("compat")
    nocow: bool | None = flag("nocow")
    cluster_size: ByteSize | None = child("clusterSize")
    features: FormatFeatures | None = child("features")


@element()
class VolumeBackingStore:
    """`<backingStore>`: the image this volume is a copy-on-write layer over
    (formatstorage "Backing store elements")."""

    path: str | None = child("path")
    format: VolumeFormat | None = leaf("format/@type")
    permissions: Permissions | None = child("permissions")
    timestamps: Timestamps | None = child("timestamps")


@element("volume")
class Volume:
    """A storage volume (formatstorage "Storage volume general metadata")."""

    type: VolumeType | None = attr("type")
    name: str | None = child("name")
    key: str | None = child("key")
    source: VolumeExtents | None = child("source")
    capacity: ByteSize | None = child("capacity")
    allocation: ByteSize | None = child("allocation")
    physical: ByteSize | None = child("physical")
    target: VolumeTarget | None = child("target")
    backing_store: VolumeBackingStore | None = child("backingStore")

"""Hard disks, floppies, CD-ROMs and LUNs (formatdomain "Hard drives, floppy disks, CDROMs").

The disk's `type` picks its source dataclass (`disk_source`): changing a disk from a
file to a block device in code writes `type='block'` and `<source dev=..>`.
"""
from __future__ import annotations

from ...core import OnOff, OpenEnum, YesNo, attr, child, element, flag, path, union
from ..basictypes import POSITIVE_INTEGER
from ..storage import Auth, Encryption
from .common import Device, VirtioOptions
from .disk_source import SOURCE_VARIANTS, DiskSource, MetadataCache, StoreFormat


class DiskType(OpenEnum):
    FILE = "file"
    BLOCK = "block"
    DIR = "dir"
    NETWORK = "network"
    VOLUME = "volume"
    NVME = "nvme"
    VHOSTUSER = "vhostuser"
    VHOSTVDPA = "vhostvdpa"


class DiskDevice(OpenEnum):
    DISK = "disk"
    CDROM = "cdrom"
    FLOPPY = "floppy"
    LUN = "lun"


class DiskBus(OpenEnum):
    IDE = "ide"
    SCSI = "scsi"
    VIRTIO = "virtio"
    XEN = "xen"
    USB = "usb"
    SATA = "sata"
    SD = "sd"
    FDC = "fdc"


class Cache(OpenEnum):
    DEFAULT = "default"
    NONE = "none"
    WRITETHROUGH = "writethrough"
    WRITEBACK = "writeback"
    DIRECTSYNC = "directsync"
    UNSAFE = "unsafe"


@element()
class DiskDriver(VirtioOptions):
    """`<driver name=.. type=.. cache=.. io=.. ...>`: how the hypervisor opens the image."""

    name: str | None = attr("name")
    type: str | None = attr("type")
    cache: Cache | None = attr("cache")
    error_policy: str | None = attr("error_policy")
    rerror_policy: str | None = attr("rerror_policy")
    io: str | None = attr("io")
    ioeventfd: bool | None = attr("ioeventfd", codec=OnOff)
    event_idx: bool | None = attr("event_idx", codec=OnOff)
    copy_on_read: bool | None = attr("copy_on_read", codec=OnOff)
    discard: str | None = attr("discard")
    discard_no_unref: bool | None = attr("discard_no_unref", codec=OnOff)
    detect_zeroes: str | None = attr("detect_zeroes")
    iothread: int | None = attr("iothread")
    queues: int | None = attr("queues", codec=POSITIVE_INTEGER)
    queue_size: int | None = attr("queue_size")
    metadata_cache: MetadataCache | None = child("metadata_cache")


@element()
class BackingStore:
    """`<backingStore type=.. index=..>`: one layer of the image chain, recursively."""

    type: DiskType | None = attr("type")
    index: int | None = attr("index")
    format: StoreFormat | None = child("format")
    source: DiskSource | None = union("source", SOURCE_VARIANTS, by="type")
    backing_store: BackingStore | None = child("backingStore")


@element()
class Mirror:
    """`<mirror type=.. job=.. ready=..>`: the destination of a block copy or commit."""

    type: DiskType | None = attr("type")
    file: str | None = attr("file")
    legacy_format: str | None = attr("format")
    job: str | None = attr("job")
    ready: str | None = attr("ready")
    format: StoreFormat | None = child("format")
    source: DiskSource | None = union("source", SOURCE_VARIANTS, by="type")
    backing_store: BackingStore | None = child("backingStore")


@element()
class DiskTarget:
    dev: str | None = attr("dev")
    bus: DiskBus | None = attr("bus")
    tray: str | None = attr("tray")
    removable: bool | None = attr("removable", codec=OnOff)
    rotation_rate: int | None = attr("rotation_rate")


@element()
class IoTune:
    """`<iotune>`: per-disk I/O throttling (bytes or I/O operations per second)."""

    total_bytes_sec: int | None = child("total_bytes_sec")
    read_bytes_sec: int | None = child("read_bytes_sec")
    write_bytes_sec: int | None = child("write_bytes_sec")
    total_iops_sec: int | None = child("total_iops_sec")
    read_iops_sec: int | None = child("read_iops_sec")
    write_iops_sec: int | None = child("write_iops_sec")
    total_bytes_sec_max: int | None = child("total_bytes_sec_max")
    read_bytes_sec_max: int | None = child("read_bytes_sec_max")
    write_bytes_sec_max: int | None = child("write_bytes_sec_max")
    total_iops_sec_max: int | None = child("total_iops_sec_max")
    read_iops_sec_max: int | None = child("read_iops_sec_max")
    write_iops_sec_max: int | None = child("write_iops_sec_max")
    size_iops_sec: int | None = child("size_iops_sec")
    group_name: str | None = child("group_name")
    total_bytes_sec_max_length: int | None = child("total_bytes_sec_max_length")
    read_bytes_sec_max_length: int | None = child("read_bytes_sec_max_length")
    write_bytes_sec_max_length: int | None = child("write_bytes_sec_max_length")
    total_iops_sec_max_length: int | None = child("total_iops_sec_max_length")
    read_iops_sec_max_length: int | None = child("read_iops_sec_max_length")
    write_iops_sec_max_length: int | None = child("write_iops_sec_max_length")


@element()
class Geometry:
    cyls: int | None = attr("cyls")
    heads: int | None = attr("heads")
    secs: int | None = attr("secs")
    trans: str | None = attr("trans")


@element()
class BlockIo:
    logical_block_size: int | None = attr("logical_block_size")
    physical_block_size: int | None = attr("physical_block_size")
    discard_granularity: int | None = attr("discard_granularity")


@element()
class Transient:
    share_backing: bool | None = attr("shareBacking", codec=YesNo)


@element("disk")
class Disk(Device):
    """A `<disk>`: its source (by type), driver, target and the rest."""

    IDENTITY = ("target.dev", "serial", "wwn")

    type: DiskType | None = attr("type")
    device: DiskDevice | None = attr("device")
    model: str | None = attr("model")
    rawio: bool | None = attr("rawio", codec=YesNo)
    sgio: str | None = attr("sgio")
    snapshot: str | None = attr("snapshot")
    driver: DiskDriver | None = child("driver")
    auth: Auth | None = child("auth")
    # libvirt reads a disk without a type as a file.
    source: DiskSource | None = union("source", SOURCE_VARIANTS, by="type", default="file")
    backing_store: BackingStore | None = child("backingStore")
    backenddomain: str | None = path("backenddomain/@name")
    mirror: Mirror | None = child("mirror")
    target: DiskTarget | None = child("target")
    iotune: IoTune | None = child("iotune")
    readonly: bool | None = flag("readonly")
    shareable: bool | None = flag("shareable")
    transient: Transient | None = child("transient")
    serial: str | None = child("serial")
    wwn: str | None = child("wwn")
    vendor: str | None = child("vendor")
    product: str | None = child("product")
    encryption: Encryption | None = child("encryption")
    blockio: BlockIo | None = child("blockio")
    geometry: Geometry | None = child("geometry")


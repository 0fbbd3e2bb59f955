"""Hard disks, floppies, CD-ROMs and LUNs (formatdomain "Hard drives, floppy disks, CDROMs").

The disk's `type` picks its source dataclass (`disk_source`): changing a disk from a
file to a block device in code writes `type='block'` and `<source dev=..>`.
"""
from __future__ import annotations

from ...core import OnOff, OpenEnum, YesNo, attr, child, children, element, flag, path, union
from ..basictypes import POSITIVE_INTEGER, UNSIGNED_INT, UNSIGNED_LONG
from ..storage import Auth, Encryption
from .common import Device, Sgio, VirtioModel, VirtioOptions
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
    CTL = "ctl"   # libvirt 12.0: a bhyve CAM target layer device (virtio-scsi)


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
    NVME = "nvme"   # libvirt 11.5: a namespace of an emulated NVMe controller
    UML = "uml"     # still in libvirt's schema, no longer used


class Cache(OpenEnum):
    DEFAULT = "default"
    NONE = "none"
    WRITETHROUGH = "writethrough"
    WRITEBACK = "writeback"
    DIRECTSYNC = "directsync"
    UNSAFE = "unsafe"


class ErrorPolicy(OpenEnum):
    """What the hypervisor does when a write (`error_policy`) or read (`rerror_policy`,
    without `enospace`) fails."""

    STOP = "stop"
    REPORT = "report"
    IGNORE = "ignore"
    ENOSPACE = "enospace"


class DiskIo(OpenEnum):
    """How QEMU issues the disk's I/O: a thread pool, Linux native AIO or io_uring."""

    THREADS = "threads"
    NATIVE = "native"
    IO_URING = "io_uring"


class DiscardMode(OpenEnum):
    """Whether the guest's discard (trim) requests reach the image (`unmap`)."""

    UNMAP = "unmap"
    IGNORE = "ignore"


class DetectZeroes(OpenEnum):
    """Whether writes of zeroes are turned into zero writes (`on`) or discards (`unmap`)."""

    OFF = "off"
    ON = "on"
    UNMAP = "unmap"


@element()
class IoThreadQueue:
    """`<queue id=..>`: one virtqueue served by the iothread it sits in."""

    id: int | None = attr("id", codec=UNSIGNED_INT)


@element()
class IoThreadMapping:
    """`<iothread id=..>` in a driver's `<iothreads>`: an iothread of the domain and,
    optionally, which of the device's virtqueues it serves."""

    id: int | None = attr("id", codec=UNSIGNED_INT)
    queues: list[IoThreadQueue] = children("queue")


@element()
class IoThreads:
    """`<iothreads>` of a disk's (libvirt 10.0, virtio disks) or a virtio-scsi
    controller's (libvirt 11.2) `<driver>`: the iothreads that serve the device, in
    place of the single `iothread` attribute (formatdomain "Hard drives, floppy disks,
    CDROMs", `driver`)."""

    iothreads: list[IoThreadMapping] = children("iothread")


@element()
class Statistic:
    """`<statistic interval=..>`: collect I/O statistics over windows of `interval`
    seconds."""

    interval: int | None = attr("interval", codec=UNSIGNED_INT)


class HistogramType(OpenEnum):
    """Which requests a latency histogram counts (absent: every kind)."""

    READ = "read"
    WRITE = "write"
    ZONE = "zone"
    FLUSH = "flush"


@element()
class HistogramBin:
    """`<bin start=..>`: a histogram bucket starting at `start` nanoseconds."""

    start: int | None = attr("start", codec=UNSIGNED_LONG)


@element()
class LatencyHistogram:
    """`<latency-histogram type=..>`: the buckets of a latency histogram the hypervisor
    keeps for the disk (libvirt 12.1)."""

    type: HistogramType | None = attr("type")
    bins: list[HistogramBin] = children("bin")


@element()
class DiskStatistics:
    """`<statistics>` of a disk's `<driver>` (libvirt 11.10): the intervals over which
    I/O statistics are collected and (libvirt 12.1) latency histograms, which the
    bulk statistics API then reports."""

    statistics: list[Statistic] = children("statistic")
    latency_histograms: list[LatencyHistogram] = children("latency-histogram")


@element()
class DiskDriver(VirtioOptions):
    """`<driver name=.. type=.. cache=.. io=.. ...>`: how the hypervisor opens the image."""

    name: str | None = attr("name")
    type: str | None = attr("type")
    cache: Cache | None = attr("cache")
    error_policy: ErrorPolicy | None = attr("error_policy")
    rerror_policy: ErrorPolicy | None = attr("rerror_policy")
    io: DiskIo | None = attr("io")
    ioeventfd: bool | None = attr("ioeventfd", codec=OnOff)
    event_idx: bool | None = attr("event_idx", codec=OnOff)
    copy_on_read: bool | None = attr("copy_on_read", codec=OnOff)
    discard: DiscardMode | None = attr("discard")
    discard_no_unref: bool | None = attr("discard_no_unref", codec=OnOff)
    detect_zeroes: DetectZeroes | None = attr("detect_zeroes")
    iothread: int | None = attr("iothread")
    queues: int | None = attr("queues", codec=POSITIVE_INTEGER)
    queue_size: int | None = attr("queue_size")
    iothreads: IoThreads | None = child("iothreads")
    metadata_cache: MetadataCache | None = child("metadata_cache")
    statistics: DiskStatistics | None = child("statistics")


@element()
class BackingStore:
    """`<backingStore type=.. index=..>`: one layer of the image chain, recursively."""

    type: DiskType | None = attr("type")
    index: int | None = attr("index")
    format: StoreFormat | None = child("format")
    source: DiskSource | None = union("source", SOURCE_VARIANTS, by="type")
    backing_store: BackingStore | None = child("backingStore")


class MirrorJob(OpenEnum):
    """The block job a mirror belongs to."""

    COPY = "copy"
    ACTIVE_COMMIT = "active-commit"


@element()
class Mirror:
    """`<mirror type=.. job=.. ready=..>`: the destination of a block copy or commit."""

    type: DiskType | None = attr("type")
    file: str | None = attr("file")
    legacy_format: str | None = attr("format")
    job: MirrorJob | None = attr("job")
    ready: str | None = attr("ready")
    format: StoreFormat | None = child("format")
    source: DiskSource | None = union("source", SOURCE_VARIANTS, by="type")
    backing_store: BackingStore | None = child("backingStore")


class Tray(OpenEnum):
    """The state of a CD-ROM's or floppy's tray."""

    OPEN = "open"
    CLOSED = "closed"


@element()
class DiskTarget:
    dev: str | None = attr("dev")
    bus: DiskBus | None = attr("bus")
    tray: Tray | None = attr("tray")
    removable: bool | None = attr("removable", codec=OnOff)
    rotation_rate: int | None = attr("rotation_rate")
    # libvirt 11.10: whether the SCSI disk advertises DPO and FUA to the guest
    dpofua: bool | None = attr("dpofua", codec=OnOff)


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
class ThrottleFilter:
    """`<throttlefilter group=..>`: the disk's I/O goes through the domain's throttle
    group of that name (`<throttlegroups>`, formatdomain "Disk Throttle Group
    Management")."""

    group: str | None = attr("group")


@element()
class ThrottleFilters:
    """`<throttlefilters>` (libvirt 11.2): the chain of throttle groups a disk's I/O
    goes through; used instead of `<iotune>`."""

    filters: list[ThrottleFilter] = children("throttlefilter")


class GeometryTrans(OpenEnum):
    """The BIOS translation of a disk's geometry."""

    AUTO = "auto"
    NONE = "none"
    LBA = "lba"


@element()
class Geometry:
    cyls: int | None = attr("cyls")
    heads: int | None = attr("heads")
    secs: int | None = attr("secs")
    trans: GeometryTrans | None = attr("trans")


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
    model: VirtioModel | None = attr("model")
    rawio: bool | None = attr("rawio", codec=YesNo)
    sgio: Sgio | None = attr("sgio")
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
    throttlefilters: ThrottleFilters | None = child("throttlefilters")
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


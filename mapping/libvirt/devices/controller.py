"""Controllers: IDE, SCSI, USB, PCI, virtio-serial, ... (formatdomain "Controllers")."""
from __future__ import annotations

from ...core import HexIntCodec, OnOff, OpenEnum, attr, child, element, path
from ..basictypes import UNSIGNED_INT
from ..units import Size
from .common import Device, VirtioOptions
from .disk import IoThreads


class ControllerType(OpenEnum):
    IDE = "ide"
    FDC = "fdc"
    SCSI = "scsi"
    SATA = "sata"
    USB = "usb"
    CCID = "ccid"
    VIRTIO_SERIAL = "virtio-serial"
    PCI = "pci"
    XENBUS = "xenbus"
    ISA = "isa"
    NVME = "nvme"   # libvirt 11.5


@element()
class ControllerTarget:
    """`<target chassisNr=.. chassis=.. port=.. busNr=.. index=.. hotplug=..>` (PCI)."""

    chassis_nr: int | None = attr("chassisNr")
    chassis: int | None = attr("chassis")
    port: int | None = attr("port", codec=HexIntCodec(0))
    bus_nr: int | None = attr("busNr")
    index: int | None = attr("index")
    hotplug: bool | None = attr("hotplug", codec=OnOff)
    mem_reserve: int | None = attr("memReserve")
    node: int | None = child("node")


@element()
class ControllerDriver(VirtioOptions):
    queues: int | None = attr("queues", codec=UNSIGNED_INT)
    cmd_per_lun: int | None = attr("cmd_per_lun")
    max_sectors: int | None = attr("max_sectors")
    ioeventfd: bool | None = attr("ioeventfd", codec=OnOff)
    iothread: int | None = attr("iothread")
    # libvirt 11.2: several iothreads, and which virtqueues each serves (virtio-scsi)
    iothreads: IoThreads | None = child("iothreads")


@element("controller")
class Controller(Device):
    """A `<controller type=.. index=.. model=..>`."""

    IDENTITY = ("type+index",)

    type: ControllerType | None = attr("type")
    index: int | None = attr("index", codec=UNSIGNED_INT)
    model: str | None = attr("model")
    ports: int | None = attr("ports")
    vectors: int | None = attr("vectors")
    max_grant_frames: int | None = attr("maxGrantFrames")
    max_event_channels: int | None = attr("maxEventChannels")
    model_name: str | None = path("model/@name")
    # libvirt 11.5: the serial number of an NVMe controller (its disks' namespaces)
    serial: str | None = child("serial")
    target: ControllerTarget | None = child("target")
    pcihole64: Size | None = child("pcihole64")
    driver: ControllerDriver | None = child("driver")

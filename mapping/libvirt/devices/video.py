"""Video devices: `<video>` (formatdomain "Video devices")."""
from __future__ import annotations

from ...core import OnOff, OpenEnum, YesNo, attr, child, element
from .common import Device, VirtioOptions


class VideoModelType(OpenEnum):
    VGA = "vga"
    CIRRUS = "cirrus"
    VMVGA = "vmvga"
    XEN = "xen"
    VBOX = "vbox"
    QXL = "qxl"
    VIRTIO = "virtio"
    GOP = "gop"
    BOCHS = "bochs"
    RAMFB = "ramfb"
    NONE = "none"


@element()
class Acceleration:
    accel3d: bool | None = attr("accel3d", codec=YesNo)
    accel2d: bool | None = attr("accel2d", codec=YesNo)
    rendernode: str | None = attr("rendernode")


@element()
class Resolution:
    x: int | None = attr("x")
    y: int | None = attr("y")


@element()
class VideoModel:
    """`<model type=.. vram=.. heads=.. primary=..>`; memory sizes in KiB. A virtio
    device may use blob resources (`blob`, libvirt 9.2) and give the guest EDID
    monitor data (`edid`, libvirt 11.7)."""

    type: VideoModelType | None = attr("type")
    ram: int | None = attr("ram")
    vram: int | None = attr("vram")
    vram64: int | None = attr("vram64")
    vgamem: int | None = attr("vgamem")
    heads: int | None = attr("heads")
    primary: bool | None = attr("primary", codec=YesNo)
    blob: bool | None = attr("blob", codec=OnOff)
    edid: bool | None = attr("edid", codec=OnOff)
    acceleration: Acceleration | None = child("acceleration")
    resolution: Resolution | None = child("resolution")


@element()
class VideoDriver(VirtioOptions):
    name: str | None = attr("name")
    vgaconf: str | None = attr("vgaconf")


@element("video")
class Video(Device):
    # libvirt writes <driver> before <model>
    driver: VideoDriver | None = child("driver")
    model: VideoModel | None = child("model")



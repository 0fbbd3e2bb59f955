"""The `<devices>` element: every device in document order, with typed views.

formatdomain "Devices". One module per device family; `Devices.items` keeps the
document order across kinds, and the properties give typed views of one kind.
"""
from __future__ import annotations

from typing import TypeVar

from ...core import choice, element, text
from .address import ADDRESS_VARIANTS, Address
from .chardev import Channel, Console, Parallel, Serial
from .common import Device
from .controller import Controller
from .crypto import Crypto
from .disk import Disk
from .filesystem import Filesystem
from .graphics import Graphics
from .hostdev import Hostdev
from .hub import Hub
from .input import Input
from .interface import Interface
from .iommu import Iommu
from .lease import Lease
from .memballoon import Memballoon
from .memorydev import MemoryDevice
from .nvram import Nvram
from .panic import Panic
from .pstore import Pstore
from .redirdev import Redirdev, Redirfilter
from .rng import Rng
from .shmem import Shmem
from .smartcard import Smartcard
from .sound import Audio, Sound
from .tpm import Tpm
from .video import Video
from .vsock import Vsock
from .watchdog import Watchdog


@element("emulator")
class Emulator:
    """`<emulator>`: the device model binary."""

    path: str | None = text()

from .views import DeviceList, KindView, libvirt_position, matches

# Every kind of child of <devices>, in the order libvirt writes them.
DEVICE_CLASSES = (
    Emulator, Disk, Controller, Lease, Filesystem, Interface, Smartcard, Serial, Parallel,
    Console, Channel, Input, Tpm, Graphics, Sound, Audio, Video, Hostdev, Redirdev,
    Redirfilter, Hub, Watchdog, Memballoon, Rng, Panic, Shmem, MemoryDevice, Iommu, Vsock,
    Crypto, Pstore, Nvram,
)

_K = TypeVar("_K")


@element("devices")
class Devices:
    """`items` keeps document order across device kinds; `disks`, `interfaces` ... are
    live typed views of one kind each (`DeviceList`: appending adds where libvirt puts
    that kind, removing removes from `items`)."""

    # (<audio> and <redirfilter> stand among the devices, though they are no Device)
    items: list[Emulator | Device | Audio | Redirfilter] = choice(*DEVICE_CLASSES)

    def of_type(self, kind: type[_K]) -> list[_K]:
        """The devices of one class, in document order (a new list: changing it changes
        nothing; the views below are live)."""
        return [item for item in self.items if isinstance(item, kind)]

    def add(self, device: Device | Audio | Redirfilter) -> None:
        """Add a device where libvirt puts it: after the last of its kind, or else after
        the kinds libvirt writes before it."""
        self.items.insert(libvirt_position(self.items, device, DEVICE_CLASSES), device)

    def remove(self, device: Device | Audio | Redirfilter) -> None:
        """Take this device out (the very object); ValueError when it is not here."""
        for index, item in enumerate(self.items):
            if item is device:
                del self.items[index]
                return
        raise ValueError(f"{type(device).__name__} is not among these devices")

    def find(self, selector: str) -> Device | Audio | Redirfilter | None:
        """The first device whose alias, identity (a disk's target dev or serial, a nic's
        MAC, a controller's `type:index`), type or model is `selector` (in any case)."""
        for item in self.items:
            if not isinstance(item, Emulator) and matches(item, selector):
                return item
        return None

    @property
    def emulator(self) -> str | None:
        found = self.of_type(Emulator)
        return found[0].path if found else None

    disks = KindView(Disk, "`<disk>` devices")
    controllers = KindView(Controller, "`<controller>` devices")
    leases = KindView(Lease, "`<lease>` devices")
    filesystems = KindView(Filesystem, "`<filesystem>` devices")
    interfaces = KindView(Interface, "`<interface>` devices")
    smartcards = KindView(Smartcard, "`<smartcard>` devices")
    serials = KindView(Serial, "`<serial>` devices")
    parallels = KindView(Parallel, "`<parallel>` devices")
    consoles = KindView(Console, "`<console>` devices")
    channels = KindView(Channel, "`<channel>` devices")
    inputs = KindView(Input, "`<input>` devices")
    tpms = KindView(Tpm, "`<tpm>` devices")
    graphics = KindView(Graphics, "`<graphics>` devices")
    sounds = KindView(Sound, "`<sound>` devices")
    audios = KindView(Audio, "`<audio>` backends")
    videos = KindView(Video, "`<video>` devices")
    hostdevs = KindView(Hostdev, "`<hostdev>` devices")
    redirdevs = KindView(Redirdev, "`<redirdev>` devices")
    redirfilters = KindView(Redirfilter, "`<redirfilter>`s")
    hubs = KindView(Hub, "`<hub>` devices")
    watchdogs = KindView(Watchdog, "`<watchdog>` devices")
    memballoons = KindView(Memballoon, "`<memballoon>`s")
    rngs = KindView(Rng, "`<rng>` devices")
    panics = KindView(Panic, "`<panic>` devices")
    shmems = KindView(Shmem, "`<shmem>` devices")
    memory_devices = KindView(MemoryDevice, "`<memory>` devices")
    iommus = KindView(Iommu, "`<iommu>` devices")
    vsocks = KindView(Vsock, "`<vsock>` devices")
    cryptos = KindView(Crypto, "`<crypto>` devices")
    pstores = KindView(Pstore, "`<pstore>` devices")
    nvrams = KindView(Nvram, "`<nvram>` devices")


# Spelled out, not built from DEVICE_CLASSES: type checkers read only a literal list
# (tests/test_typing.py keeps the two in step).
__all__ = [
    "ADDRESS_VARIANTS", "Address", "DEVICE_CLASSES", "Device", "Devices", "Emulator",
    "Disk", "Controller", "Lease", "Filesystem", "Interface", "Smartcard", "Serial",
    "Parallel", "Console", "Channel", "Input", "Tpm", "Graphics", "Sound", "Audio", "Video",
    "Hostdev", "Redirdev", "Redirfilter", "Hub", "Watchdog", "Memballoon", "Rng", "Panic",
    "Shmem", "MemoryDevice", "Iommu", "Vsock", "Crypto", "Pstore", "Nvram",
]

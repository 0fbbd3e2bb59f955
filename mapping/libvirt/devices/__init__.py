"""The `<devices>` element: every device in document order, with typed views.

formatdomain "Devices". One module per device family; `Devices.items` keeps the
document order across kinds, and the properties give typed views of one kind.
"""
from __future__ import annotations

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


# Every kind of child of <devices>, in the order libvirt writes them.
DEVICE_CLASSES = (
    Emulator, Disk, Controller, Lease, Filesystem, Interface, Smartcard, Serial, Parallel,
    Console, Channel, Input, Tpm, Graphics, Sound, Audio, Video, Hostdev, Redirdev,
    Redirfilter, Hub, Watchdog, Memballoon, Rng, Panic, Shmem, MemoryDevice, Iommu, Vsock,
    Crypto, Pstore, Nvram,
)


@element("devices")
class Devices:
    """`items` keeps document order across device kinds; properties are typed views."""

    items: list[Emulator | Device] = choice(*DEVICE_CLASSES)

    def of_type(self, kind: type) -> list:
        """The devices of one class, in document order."""
        return [item for item in self.items if isinstance(item, kind)]

    @property
    def emulator(self) -> str | None:
        found = self.of_type(Emulator)
        return found[0].path if found else None

    disks = property(lambda self: self.of_type(Disk), doc="`<disk>` devices")
    controllers = property(lambda self: self.of_type(Controller), doc="`<controller>` devices")
    leases = property(lambda self: self.of_type(Lease), doc="`<lease>` devices")
    filesystems = property(lambda self: self.of_type(Filesystem), doc="`<filesystem>` devices")
    interfaces = property(lambda self: self.of_type(Interface), doc="`<interface>` devices")
    smartcards = property(lambda self: self.of_type(Smartcard), doc="`<smartcard>` devices")
    serials = property(lambda self: self.of_type(Serial), doc="`<serial>` devices")
    parallels = property(lambda self: self.of_type(Parallel), doc="`<parallel>` devices")
    consoles = property(lambda self: self.of_type(Console), doc="`<console>` devices")
    channels = property(lambda self: self.of_type(Channel), doc="`<channel>` devices")
    inputs = property(lambda self: self.of_type(Input), doc="`<input>` devices")
    tpms = property(lambda self: self.of_type(Tpm), doc="`<tpm>` devices")
    graphics = property(lambda self: self.of_type(Graphics), doc="`<graphics>` devices")
    sounds = property(lambda self: self.of_type(Sound), doc="`<sound>` devices")
    audios = property(lambda self: self.of_type(Audio), doc="`<audio>` backends")
    videos = property(lambda self: self.of_type(Video), doc="`<video>` devices")
    hostdevs = property(lambda self: self.of_type(Hostdev), doc="`<hostdev>` devices")
    redirdevs = property(lambda self: self.of_type(Redirdev), doc="`<redirdev>` devices")
    redirfilters = property(lambda self: self.of_type(Redirfilter), doc="`<redirfilter>`s")
    hubs = property(lambda self: self.of_type(Hub), doc="`<hub>` devices")
    watchdogs = property(lambda self: self.of_type(Watchdog), doc="`<watchdog>` devices")
    memballoons = property(lambda self: self.of_type(Memballoon), doc="`<memballoon>`s")
    rngs = property(lambda self: self.of_type(Rng), doc="`<rng>` devices")
    panics = property(lambda self: self.of_type(Panic), doc="`<panic>` devices")
    shmems = property(lambda self: self.of_type(Shmem), doc="`<shmem>` devices")
    memory_devices = property(lambda self: self.of_type(MemoryDevice), doc="`<memory>` devices")
    iommus = property(lambda self: self.of_type(Iommu), doc="`<iommu>` devices")
    vsocks = property(lambda self: self.of_type(Vsock), doc="`<vsock>` devices")
    cryptos = property(lambda self: self.of_type(Crypto), doc="`<crypto>` devices")
    pstores = property(lambda self: self.of_type(Pstore), doc="`<pstore>` devices")
    nvrams = property(lambda self: self.of_type(Nvram), doc="`<nvram>` devices")


__all__ = ["ADDRESS_VARIANTS", "Address", "DEVICE_CLASSES", "Device", "Devices", "Emulator",
           *(cls.__name__ for cls in DEVICE_CLASSES[1:])]

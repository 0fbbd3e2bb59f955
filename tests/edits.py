"""Edit cases: code changes one thing in a domain; the XML changes there and nowhere else.

Each case: (the VM of tests/vms.py it starts from, the edit, the lines of the written
XML that may differ). `roundtrip_corpus/edits/NAME.in.xml` and `NAME.out.xml` hold the
before and after (`python -m tests.regenerate`).
"""
from __future__ import annotations

from mapping.libvirt import Size
from mapping.libvirt.devices import Disk
from mapping.libvirt.devices.disk_source import BlockSource


def change_disk_cache(domain) -> None:
    domain.devices.disks[0].driver.cache = "writeback"


def disk_file_to_block(domain) -> None:
    domain.devices.disks[0].source = BlockSource(dev="/dev/vg0/server-root")


def grow_memory(domain) -> None:
    domain.memory = type(domain.memory).of(4096, "MiB")
    domain.current_memory = Size.of(4096, "MiB")


def add_vcpus(domain) -> None:
    domain.vcpu.count = 4


def remove_cdrom(domain) -> None:
    domain.devices.items = [item for item in domain.devices.items
                            if not (isinstance(item, Disk) and item.device == "cdrom")]


def pin_graphics_port(domain) -> None:
    graphics = domain.devices.graphics[0]
    graphics.autoport, graphics.port = False, 5910


def change_mac(domain) -> None:
    domain.devices.interfaces[0].mac.address = "52:54:00:00:00:99"


EDITS = {
    "disk-cache": ("server-vm", change_disk_cache, 1),
    "disk-file-to-block": ("server-vm", disk_file_to_block, 2),
    "grow-memory": ("server-vm", grow_memory, 2),
    "more-vcpus": ("server-vm", add_vcpus, 1),
    "remove-cdrom": ("desktop-vm", remove_cdrom, 5),
    "pin-graphics-port": ("server-vm", pin_graphics_port, 1),
    "change-mac": ("server-vm", change_mac, 1),
}

"""Domains built in code are accepted by libvirt, which keeps every field we set."""
from __future__ import annotations

import dataclasses

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt import Devices, Size
from mapping.libvirt.devices.pairing import pair_devices
from tests.libvirt_driver import define_and_dump
from tests.vms import ENGINE_BUILT

pytestmark = pytest.mark.libvirt


def assert_kept(built, dumped, where: str = "domain") -> None:
    """Every value set in `built` is in `dumped` (which may hold more: libvirt's defaults)."""
    if isinstance(built, Devices):
        pairing = pair_devices(built.items, dumped.items)
        assert not pairing.left_only, f"{where}: libvirt dropped {pairing.left_only}"
        for mine, theirs, _ in pairing.pairs:
            assert_kept(mine, theirs, f"{where}/{type(mine).__name__}")
        return
    if isinstance(built, Size):   # libvirt rewrites sizes in KiB
        assert dumped.bytes == built.bytes, f"{where}: {dumped} != {built}"
        return
    if dataclasses.is_dataclass(built):
        assert type(dumped) is type(built), f"{where}: {type(dumped)} != {type(built)}"
        for spec in dataclasses.fields(built):
            value = getattr(built, spec.name)
            if spec.name == "extras" or value is None or value == []:
                continue
            assert_kept(value, getattr(dumped, spec.name), f"{where}.{spec.name}")
        return
    if isinstance(built, list):
        assert len(dumped) >= len(built), f"{where}: {dumped!r} lacks items of {built!r}"
        for index, item in enumerate(built):
            assert_kept(item, dumped[index], f"{where}[{index}]")
        return
    assert dumped == built, f"{where}: libvirt has {dumped!r}, we set {built!r}"


@pytest.mark.parametrize("name", sorted(ENGINE_BUILT))
def test_libvirt_accepts_and_keeps_what_we_built(conn, name):
    built = ENGINE_BUILT[name]()
    dumped = from_xml(define_and_dump(conn, to_xml(built)), unknown="error")
    assert_kept(built, dumped)


def test_changing_a_disk_from_file_to_block_writes_the_right_xml(conn):
    from mapping.libvirt.devices.disk_source import BlockSource
    domain = ENGINE_BUILT["server-vm"]()
    disk = domain.devices.disks[0]
    disk.source = BlockSource(dev="/dev/vg0/server-root")
    xml = to_xml(domain)
    assert "<disk type='block' device='disk'>" in xml
    assert "<source dev='/dev/vg0/server-root'/>" in xml
    dumped = from_xml(define_and_dump(conn, xml))
    assert dumped.devices.disks[0].type == "block"
    assert dumped.devices.disks[0].source == BlockSource(dev="/dev/vg0/server-root")

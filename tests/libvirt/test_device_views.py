"""The typed views of `<devices>` (issue #19): `devices.disks` and its kin are live lists
of one kind; adding, removing and finding a device edit the document where libvirt
would."""
from __future__ import annotations

import copy

import pytest

from mapping import SerializeError, from_xml
from mapping.libvirt import (BlockSource, BridgeNicSource, DiskTarget, DiskType, InterfaceType,
                             NetworkNicSource)
from mapping.libvirt.devices import Console, Devices, Disk, Interface, Memballoon
from mapping.libvirt.devices.disk_source import FileSource
from tests.conftest import PROJECT
from tests.xmlassert import to_xml

EXAMPLE = (PROJECT / "examples" / "server-vm.xml").read_text()


def _kinds(devices: Devices) -> list[str]:
    return [type(item).__name__ for item in devices.items]


def test_appending_to_a_view_adds_after_the_last_of_its_kind():
    domain = from_xml(EXAMPLE)
    disk = copy.deepcopy(domain.devices.disks[0])
    disk.target.dev = "vdb"
    domain.devices.disks.append(disk)
    assert _kinds(domain.devices) == ["Emulator", "Disk", "Disk", "Interface", "Console",
                                      "Memballoon"]
    assert domain.devices.disks[1] is disk and len(domain.devices.disks) == 2
    assert from_xml(to_xml(domain)).devices.disks[1].target.dev == "vdb"


def test_the_first_of_a_kind_goes_where_libvirt_writes_that_kind():
    domain = from_xml(EXAMPLE)
    domain.devices.interfaces.clear()
    assert domain.devices.interfaces == []
    nic = from_xml("<interface type='network'><source network='default'/></interface>")
    domain.devices.interfaces.append(nic)
    assert _kinds(domain.devices) == ["Emulator", "Disk", "Interface", "Console",
                                      "Memballoon"]


def test_remove_insert_set_and_delete_change_the_document():
    domain = from_xml(EXAMPLE)
    devices = domain.devices
    (nic,) = devices.interfaces
    devices.interfaces.remove(nic)
    assert devices.interfaces == [] and "Interface" not in _kinds(devices)
    first = devices.disks[0]
    cdrom = Disk(device="cdrom", source=FileSource(file="/iso/a.iso"))
    devices.disks.insert(0, cdrom)
    assert devices.disks[:] == [cdrom, first] and _kinds(devices)[1:3] == ["Disk", "Disk"]
    replacement = copy.deepcopy(first)
    devices.disks[1] = replacement
    assert devices.disks[1] is replacement
    del devices.disks[0]
    assert devices.disks == [replacement]
    with pytest.raises(TypeError, match="not a Disk"):
        devices.disks.append(nic)


def test_add_remove_and_find_on_devices():
    domain = from_xml(EXAMPLE)
    devices = domain.devices
    assert devices.find("PTY") is devices.consoles[0]   # (by type)
    assert devices.find("virtio") is devices.interfaces[0]   # (the first by model)
    assert isinstance(devices.memballoons[0], Memballoon)
    assert devices.find("52:54:00:6B:3C:58") is devices.interfaces[0]
    assert devices.find("vda") is devices.disks[0] and devices.find("nothing") is None
    console = Console(type="pty")
    devices.add(console)
    assert devices.consoles == [devices.consoles[0], console]
    devices.remove(console)
    assert len(devices.consoles) == 1
    devices.disks[0].alias = "ua-0b5e"
    assert devices.find("ua-0b5e") is devices.disks[0]
    with pytest.raises(ValueError, match="not among"):
        devices.remove(console)


def test_a_view_compares_and_prints_as_a_list():
    devices = from_xml(EXAMPLE).devices
    assert devices.memballoons == [devices.items[-1]]
    assert repr(devices.consoles).startswith("[Console(")
    assert isinstance(devices.of_type(Interface), list)


def test_a_nic_built_in_code_is_what_its_xml_says():
    # It used to keep type=None while writing type='bridge': unequal to its own XML read.
    nic = Interface(source=BridgeNicSource(bridge="br0"))
    assert nic.type is InterfaceType.BRIDGE
    assert from_xml(to_xml(nic), Interface) == nic
    nic.source = NetworkNicSource(network="default")
    assert nic.type is InterfaceType.NETWORK
    assert to_xml(nic).startswith("<interface type='network'>")
    disk = Disk(type=DiskType.FILE, source=BlockSource(dev="/dev/sdb"),
                target=DiskTarget(dev="vdb"))
    with pytest.raises(SerializeError, match="Disk.type: 'file', but source is a BlockSource"):
        to_xml(disk)

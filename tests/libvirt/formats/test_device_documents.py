"""Device documents, as hotplug reads and writes them: the root tag picks the device
class, every corpus document comes back losslessly, and an abstract base is no target."""
from __future__ import annotations

import pytest

from mapping import ParseError, from_xml
from tests.xmlassert import to_xml
from mapping.libvirt import (Channel, Console, Disk, Graphics, Hostdev, Interface, Shmem,
                             Watchdog)
from mapping.libvirt.devices import DEVICE_CLASSES
from mapping.libvirt.devices.address import ADDRESS_VARIANTS
from mapping.libvirt.devices.common import Device
from tests.conftest import formats_path, formats_rows, require_formats

CLASSES = {"disk": Disk, "graphics": Graphics, "watchdog": Watchdog, "shmem": Shmem,
           "channel": Channel, "hostdev": Hostdev, "console": Console, "interface": Interface}
# `<interface>` is also the root of host interfaces (interfaceschemadata) and of network
# update snippets: those are other formats.
OTHER_FORMATS = {("interfaceschemadata", "interface"), ("networkxml2xmlupdatein", "interface")}
ROWS = [row for row in formats_rows(tuple(CLASSES))
        if (row["dir"], row["root"]) not in OTHER_FORMATS]


# (each round-trips losslessly in test_formats_roundtrip.py, which takes these CLASSES)
@pytest.mark.corpus
@pytest.mark.parametrize("row", ROWS or [None],
                         ids=[f"{row['dir']}/{row['file']}" for row in ROWS] or ["no-corpus"])
def test_the_device_base_reads_a_device_document_as_its_kind(row):
    require_formats()
    entity = from_xml(formats_path(row).read_bytes(), Device)
    assert type(entity) is CLASSES[row["root"]]


def test_the_hotplug_corpus_has_every_kind_it_should():
    require_formats()
    assert {row["root"] for row in ROWS} == set(CLASSES)
    assert len(ROWS) >= 90


@pytest.mark.parametrize("cls", DEVICE_CLASSES[1:], ids=lambda cls: cls.__name__)
def test_every_device_kind_is_a_document_root(cls):
    written = to_xml(cls())
    assert type(from_xml(written)) is cls


def test_a_built_device_reads_back_as_the_same_device():
    disk = from_xml("<disk type='file' device='disk'><source file='/var/lib/a.qcow2'/>"
                    "<target dev='vda' bus='virtio'/></disk>")
    assert isinstance(disk, Disk) and disk.target.dev == "vda"
    assert from_xml(to_xml(disk)) == disk


def test_the_device_base_is_no_target_for_an_element_that_is_no_device():
    with pytest.raises(ParseError) as caught:
        from_xml("<domain type='kvm'><name>x</name></domain>", Device)
    message = str(caught.value)
    assert "Device has no element of its own" in message
    assert "<domain> is none of its kinds" in message and "<disk>" in message


def test_a_union_variant_without_a_tag_still_reads_the_element_it_is_given():
    address = from_xml("<address type='pci' bus='0x01' slot='0x02'/>", ADDRESS_VARIANTS["pci"])
    assert (address.bus, address.slot) == (1, 2)

"""`<memballoon>`: building, parsing and editing (formatdomain "Memory balloon device")."""
from __future__ import annotations

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt.devices.address import PciAddress
from mapping.libvirt.devices.common import VirtioOptions
from mapping.libvirt.devices.memballoon import Memballoon, MemballoonModel
from tests.xmlassert import assert_xml_equal

BUILT = [
    (Memballoon(model=MemballoonModel.NONE), "<memballoon model='none'/>"),
    (Memballoon(model=MemballoonModel.VIRTIO, autodeflate=True, free_page_reporting=False),
     "<memballoon model='virtio' autodeflate='on' freePageReporting='off'/>"),
    (Memballoon(model=MemballoonModel.VIRTIO, stats_period=10,
                driver=VirtioOptions(iommu=True, ats=False)),
     "<memballoon model='virtio'><stats period='10'/><driver iommu='on' ats='off'/>"
     "</memballoon>"),
    (Memballoon(model=MemballoonModel.VIRTIO_TRANSITIONAL, alias="balloon0",
                address=PciAddress(domain=0, bus=0, slot=2, function=0)),
     "<memballoon model='virtio-transitional'><alias name='balloon0'/>"
     "<address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>"
     "</memballoon>"),
]


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_built_entity_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_xml_parses_to_entity(entity, xml):
    assert from_xml(xml, Memballoon) == entity


def test_parsed_fields_are_typed():
    balloon = from_xml("<memballoon model='xen' autodeflate='off'><stats period='5'/>"
                       "<driver packed='on'/></memballoon>", Memballoon)
    assert balloon.model is MemballoonModel.XEN
    assert balloon.autodeflate is False
    assert balloon.free_page_reporting is None
    assert balloon.stats_period == 5
    assert balloon.driver.packed is True


def test_unknown_model_is_kept():
    balloon = from_xml("<memballoon model='virtio-future'/>", Memballoon)
    assert not balloon.model.known
    assert_xml_equal("<memballoon model='virtio-future'/>", to_xml(balloon))


def test_editing_stats_period_rewrites_stats():
    balloon = from_xml("<memballoon model='virtio'><stats period='10'/></memballoon>",
                       Memballoon)
    balloon.stats_period = None
    balloon.free_page_reporting = True
    assert_xml_equal("<memballoon model='virtio' freePageReporting='on'/>", to_xml(balloon))

"""`<nvram>` device (formatdomain "NVRAM device")."""
from __future__ import annotations

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt.devices.address import SpaprVioAddress
from mapping.libvirt.devices.nvram import Nvram
from tests.xmlassert import assert_xml_equal

XML = "<nvram><address type='spapr-vio' reg='0x4000'/></nvram>"


def test_built_nvram_writes_its_address():
    assert_xml_equal(XML, to_xml(Nvram(address=SpaprVioAddress(reg=0x4000))))


def test_parsed_nvram_has_a_typed_address():
    nvram = from_xml(XML, Nvram)
    assert nvram.address == SpaprVioAddress(reg=0x4000)
    nvram.address.reg = 0x3000
    assert_xml_equal("<nvram><address type='spapr-vio' reg='0x3000'/></nvram>", to_xml(nvram))

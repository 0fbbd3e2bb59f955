"""`<panic>` (formatdomain "panic device")."""
from __future__ import annotations

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt.devices.address import IsaAddress
from mapping.libvirt.devices.panic import Panic, PanicModel
from tests.xmlassert import assert_xml_equal

BUILT = [
    (Panic(model=PanicModel.S390), "<panic model='s390'/>"),
    (Panic(model=PanicModel.ISA, address=IsaAddress(iobase=0x505)),
     "<panic model='isa'><address type='isa' iobase='0x505'/></panic>"),
    (Panic(), "<panic/>"),
]


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_built_entity_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_xml_parses_to_entity(entity, xml):
    assert from_xml(xml, Panic) == entity


def test_model_is_an_open_enum():
    assert from_xml("<panic model='hyperv'/>", Panic).model is PanicModel.HYPERV
    assert not from_xml("<panic model='future'/>", Panic).model.known

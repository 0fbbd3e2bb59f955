"""`<smartcard>`: its three modes (formatdomain "Smartcard devices")."""
from __future__ import annotations

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt.devices.address import CcidAddress
from mapping.libvirt.devices.chardev import ChardevSource, ChardevType
from mapping.libvirt.devices.smartcard import Smartcard, SmartcardMode
from tests.xmlassert import assert_xml_equal

BUILT = [
    (Smartcard(mode=SmartcardMode.HOST, address=CcidAddress(controller=0, slot=0)),
     "<smartcard mode='host'><address type='ccid' controller='0' slot='0'/></smartcard>"),
    (Smartcard(mode=SmartcardMode.HOST_CERTIFICATES,
               certificates=["cert1", "cert2", "cert3"], database="/etc/pki/nssdb"),
     "<smartcard mode='host-certificates'><certificate>cert1</certificate>"
     "<certificate>cert2</certificate><certificate>cert3</certificate>"
     "<database>/etc/pki/nssdb</database></smartcard>"),
    (Smartcard(mode=SmartcardMode.PASSTHROUGH, type=ChardevType.SPICEVMC),
     "<smartcard mode='passthrough' type='spicevmc'/>"),
    (Smartcard(mode=SmartcardMode.PASSTHROUGH, type=ChardevType.TCP,
               sources=[ChardevSource(mode="connect", host="127.0.0.1", service="2001")],
               protocol="raw"),
     "<smartcard mode='passthrough' type='tcp'>"
     "<source mode='connect' host='127.0.0.1' service='2001'/><protocol type='raw'/>"
     "</smartcard>"),
]


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_built_entity_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_xml_parses_to_entity(entity, xml):
    assert from_xml(xml, Smartcard) == entity


def test_mode_is_an_enum_and_certificates_a_list():
    card = from_xml("<smartcard mode='host-certificates'><certificate>a</certificate>"
                    "<certificate>b</certificate></smartcard>", Smartcard)
    assert card.mode is SmartcardMode.HOST_CERTIFICATES
    assert card.certificates == ["a", "b"]
    card.certificates.append("c")
    assert_xml_equal("<smartcard mode='host-certificates'><certificate>a</certificate>"
                     "<certificate>b</certificate><certificate>c</certificate></smartcard>",
                     to_xml(card))

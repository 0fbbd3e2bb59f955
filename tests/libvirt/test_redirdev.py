"""`<redirdev>` and `<redirfilter>` (formatdomain "Redirected devices")."""
from __future__ import annotations

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt.devices.address import UsbAddress
from mapping.libvirt.devices.chardev import ChardevSource, ChardevType
from mapping.libvirt.devices.common import DeviceBoot
from mapping.libvirt.devices.redirdev import Redirdev, RedirdevBus, Redirfilter, UsbDevRule
from tests.xmlassert import assert_xml_equal

BUILT = [
    (Redirdev(bus=RedirdevBus.USB, type=ChardevType.SPICEVMC,
              address=UsbAddress(bus=0, port="3")),
     "<redirdev bus='usb' type='spicevmc'><address type='usb' bus='0' port='3'/></redirdev>"),
    (Redirdev(bus=RedirdevBus.USB, type=ChardevType.TCP,
              sources=[ChardevSource(mode="connect", host="localhost", service="4000")],
              protocol="raw", boot=DeviceBoot(order=1)),
     "<redirdev bus='usb' type='tcp'><source mode='connect' host='localhost' "
     "service='4000'/><protocol type='raw'/><boot order='1'/></redirdev>"),
    (Redirfilter(rules=[
        UsbDevRule(device_class="0x08", vendor="0x15E1", product="0x2007", version="1.10",
                   allow=True),
        UsbDevRule(allow=False)]),
     "<redirfilter><usbdev class='0x08' vendor='0x15E1' product='0x2007' version='1.10' "
     "allow='yes'/><usbdev allow='no'/></redirfilter>"),
]


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_built_entity_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_xml_parses_to_entity(entity, xml):
    assert from_xml(xml, type(entity)) == entity


def test_wildcard_rule_keeps_minus_one():
    rule = from_xml("<redirfilter><usbdev class='-1' vendor='-1' product='-1' version='-1' "
                    "allow='no'/></redirfilter>", Redirfilter).rules[0]
    assert (rule.device_class, rule.vendor, rule.version, rule.allow) == ("-1", "-1", "-1",
                                                                          False)


def test_editing_a_redirdev_source():
    redir = from_xml("<redirdev bus='usb' type='unix'><source mode='connect' "
                     "path='/tmp/a.sock'/></redirdev>", Redirdev)
    assert redir.bus is RedirdevBus.USB and redir.type is ChardevType.UNIX
    redir.sources[0].path = "/tmp/b.sock"
    assert_xml_equal("<redirdev bus='usb' type='unix'><source mode='connect' "
                     "path='/tmp/b.sock'/></redirdev>", to_xml(redir))

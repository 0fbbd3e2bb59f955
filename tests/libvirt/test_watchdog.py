"""`<watchdog>` (formatdomain "Watchdog devices")."""
from __future__ import annotations

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt.devices.watchdog import Watchdog, WatchdogAction, WatchdogModel
from tests.xmlassert import assert_xml_equal

BUILT = [
    (Watchdog(model=WatchdogModel.I6300ESB), "<watchdog model='i6300esb'/>"),
    (Watchdog(model=WatchdogModel.IB700, action=WatchdogAction.INJECT_NMI),
     "<watchdog model='ib700' action='inject-nmi'/>"),
    (Watchdog(model=WatchdogModel.DIAG288, action=WatchdogAction.POWEROFF, alias="wd0"),
     "<watchdog model='diag288' action='poweroff'><alias name='wd0'/></watchdog>"),
]


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_built_entity_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_xml_parses_to_entity(entity, xml):
    assert from_xml(xml, Watchdog) == entity


def test_changing_the_action():
    watchdog = from_xml("<watchdog model='i6300esb' action='reset'/>", Watchdog)
    assert watchdog.action is WatchdogAction.RESET
    watchdog.action = WatchdogAction.DUMP
    assert_xml_equal("<watchdog model='i6300esb' action='dump'/>", to_xml(watchdog))

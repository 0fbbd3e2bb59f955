"""A real libvirtd's own `<network>` (live), `<networkport>` and `<secret>` XML parses with
`unknown="error"` and writes back losslessly (issue #21, "Real libvirt").

Names are made unique per process: other test runs may share the daemon.
"""
from __future__ import annotations

import os

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.compare import first_difference
from mapping.libvirt import Network, NetworkPort, Secret
from mapping.libvirt.networkport import BridgePlug
from mapping.libvirt.secret import CephUsage

pytestmark = [pytest.mark.qemu, pytest.mark.libvirt]

TAG = f"mapping-{os.getpid()}"
BRIDGE = f"mbr{os.getpid()}"   # under the 15 characters of a Linux device name
OWNER = "d54df46f-1ab5-4a22-8618-4560ef5fac2c"


def _typed_and_lossless(xml: str, cls: type):
    entity = from_xml(xml, unknown="error")
    assert type(entity) is cls
    assert first_difference(xml, to_xml(entity)) is None
    return entity


@pytest.fixture
def started_network(qemu_conn):
    """A bridge-mode network (nothing to set up on the host), started, then removed."""
    xml = (f"<network><name>{TAG}</name><forward mode='bridge'/>"
           f"<bridge name='{BRIDGE}'/>"
           "<portgroup name='web' default='yes'><bandwidth>"
           "<inbound average='1000' peak='4000' burst='1024'/></bandwidth></portgroup>"
           "</network>")
    network = qemu_conn.networkDefineXML(xml)
    try:
        network.create()
        yield network
    finally:
        if network.isActive():
            network.destroy()
        network.undefine()


def test_live_network_and_its_port(started_network):
    port = started_network.portCreateXML(
        "<networkport><uuid>5d744f21-ba4a-4d6e-bdb2-30a35ff3207d</uuid>"
        f"<owner><name>{TAG}</name><uuid>{OWNER}</uuid></owner>"
        "<mac address='52:54:00:7b:35:93'/><rxfilters trustGuest='yes'/></networkport>")
    try:
        entity = _typed_and_lossless(port.XMLDesc(0), NetworkPort)
        assert isinstance(entity.plug, BridgePlug) and entity.plug.bridge == BRIDGE
        assert entity.bandwidth.inbound.average == 1000   # from the default portgroup
        assert entity.trust_guest_rx_filters is True
        live = _typed_and_lossless(started_network.XMLDesc(0), Network)
        assert live.connections == 1 and live.portgroups[0].default is True
    finally:
        port.delete()


def test_secret(qemu_conn):
    secret = qemu_conn.secretDefineXML(
        "<secret ephemeral='no' private='yes'><description>mapping test</description>"
        f"<usage type='ceph'><name>{TAG}</name></usage></secret>")
    try:
        entity = _typed_and_lossless(secret.XMLDesc(0), Secret)
        assert entity.usage == CephUsage(name=TAG) and entity.private is True
        assert entity.uuid == secret.UUIDString()
    finally:
        secret.undefine()

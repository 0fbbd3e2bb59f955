"""The whole oVirt loop against a real libvirtd + QEMU (examples/ovirt_vm.py)."""
from __future__ import annotations

import pytest

from examples.ovirt_vm import DISKS, engine_build, host_facts, host_prepare
from mapping import from_xml, validate
from tests.xmlassert import to_xml
from mapping.libvirt.devices.address import PciAddress
from mapping.ovirt import from_engine_xml, match, unresolved, vm_metadata
from tests import qemu_host
from tests.xmlassert import assert_xml_equal

pytestmark = [pytest.mark.qemu, pytest.mark.libvirt]


@pytest.fixture(scope="module")
def loop(qemu_conn, tmp_path_factory):
    sent = engine_build(domain_type="qemu")   # TCG: CI machines have no KVM
    engine_xml = to_xml(sent)
    libvirt_xml = host_prepare(engine_xml, host_facts(tmp_path_factory.mktemp("host")))
    running_xml = qemu_host.run_domain(qemu_conn, libvirt_xml)
    return sent, engine_xml, libvirt_xml, running_xml


def test_engine_xml_carries_placeholders_in_ovirt_wire_form(loop):
    _, engine_xml, _, _ = loop
    assert ">OS-NAME:<" in engine_xml and ">HOST-SERIAL:<" in engine_xml
    assert "/rhev/data-center/" in engine_xml
    # OS-NAME, OS-VERSION, HOST-SERIAL; a path per disk; a socket per channel.
    assert len(unresolved(from_engine_xml(engine_xml))) == 3 + len(DISKS) + 2


def test_host_xml_has_no_placeholder_left(loop):
    _, _, libvirt_xml, _ = loop
    assert "OS-NAME:" not in libvirt_xml and "/rhev/" not in libvirt_xml
    assert unresolved(from_engine_xml(libvirt_xml)) == []


def test_engine_and_host_xml_fit_libvirts_schema(loop):
    # (libvirtd defines more than its schema allows: a disk source's seclabel with a
    # type=, which the example used to write, was started all the same)
    _, engine_xml, libvirt_xml, _ = loop
    assert validate(libvirt_xml, against="libvirt") == []
    assert validate(engine_xml, against="libvirt", engine=True) == []


def test_running_xml_round_trips_losslessly_and_fully_typed(loop):
    _, _, _, running_xml = loop
    assert_xml_equal(to_xml(from_xml(running_xml, unknown="error")), running_xml)


def test_every_user_alias_device_is_matched_with_what_libvirt_decided(loop):
    sent, _, _, running_xml = loop
    result = match(sent, from_xml(running_xml))
    sent_ua = {item.alias for item in sent.devices.items
               if (getattr(item, "alias", None) or "").startswith("ua-")}
    assert set(result.by_user_alias()) == sent_ua
    assert result.missing == []
    for found in result.by_user_alias().values():
        assert found.how == "alias"
        if type(found.sent).__name__ != "Controller":   # virtio-serial sits on PCI too
            assert isinstance(found.address, PciAddress) and found.address.slot > 0


def test_graphics_port_and_channel_addresses_are_learned(loop):
    sent, _, _, running_xml = loop
    result = match(sent, from_xml(running_xml))
    graphics = next(m for m in result.matched if type(m.sent).__name__ == "Graphics")
    assert graphics.sent.port is None and graphics.reported.port >= 5900
    assert any(change.where.endswith("port") for change in graphics.changes)
    channels = [m for m in result.matched if type(m.sent).__name__ == "Channel"]
    assert len(channels) == 2 and all(m.how == "identity" for m in channels)
    assert all(m.reported.address.port >= 1 for m in channels)


def test_unmanaged_devices_libvirt_added_are_listed(loop):
    sent, _, _, running_xml = loop
    unmanaged = {type(item).__name__ for item in match(sent, from_xml(running_xml)).unmanaged}
    assert {"Controller", "Input"} <= unmanaged


def test_ovirt_metadata_survives_the_run(loop):
    _, _, _, running_xml = loop
    vm = vm_metadata(from_xml(running_xml))
    assert vm.cluster_version == "4.7" and vm.disk("vda").pool_id is not None

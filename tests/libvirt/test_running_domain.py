"""A domain running under a real libvirtd + QEMU reports XML that parses, typed, and
writes back unchanged (the other direction of the mission)."""
from __future__ import annotations

import os

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt import Domain
from tests import qemu_host
from tests.xmlassert import assert_xml_equal

pytestmark = [pytest.mark.qemu, pytest.mark.libvirt]

DOMAIN = """\
<domain type='qemu'>
  <name>{name}</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='{disk}'/>
      <target dev='vda' bus='virtio'/>
      <alias name='ua-0b5f7e4c-disk'/>
    </disk>
    <controller type='virtio-serial' index='0'/>
    <interface type='user'>
      <mac address='52:54:00:12:34:56'/>
      <model type='virtio'/>
      <alias name='ua-0b5f7e4c-nic'/>
    </interface>
    <channel type='unix'>
      <target type='virtio' name='org.qemu.guest_agent.0'/>
    </channel>
    <input type='tablet' bus='usb'/>
    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
    <video><model type='vga'/></video>
    <memballoon model='virtio'/>
    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
  </devices>
</domain>
"""


@pytest.fixture(scope="module")
def running_xml(qemu_conn, tmp_path_factory):
    disk = qemu_host.make_disk(tmp_path_factory.mktemp("running") / "vda.qcow2")
    xml = DOMAIN.format(name=f"domxml-test-{os.getpid()}", disk=disk)
    return qemu_host.run_domain(qemu_conn, xml)


def test_running_xml_round_trips_losslessly(running_xml):
    assert_xml_equal(to_xml(from_xml(running_xml)), running_xml)


def test_running_xml_parses_into_a_domain_with_its_id(running_xml):
    domain = from_xml(running_xml)
    assert isinstance(domain, Domain)
    assert domain.id is not None and domain.id > 0


def test_every_element_and_attribute_of_the_running_xml_is_typed(running_xml):
    # unknown="error" raises on anything the model does not declare.
    domain = from_xml(running_xml, unknown="error")
    assert_xml_equal(to_xml(domain), running_xml)


def test_runtime_fields_are_typed(running_xml):
    domain = from_xml(running_xml)
    graphics = domain.devices.graphics[0]
    assert graphics.port >= 5900 and graphics.autoport is True
    assert graphics.listens[0].address == "127.0.0.1"
    nic = domain.devices.interfaces[0]
    assert nic.mac.address == "52:54:00:12:34:56" and nic.address.slot > 0
    channel = domain.devices.channels[0]
    assert channel.target.state in ("connected", "disconnected")
    assert channel.address.port >= 1 and channel.sources[0].path.endswith("guest_agent.0")
    assert domain.seclabels[0].type == "dynamic" and domain.seclabels[0].label is not None
    assert domain.resource.partition == "/machine"
    assert domain.os.type.machine.startswith("pc-")


def test_user_aliases_and_pci_addresses_are_reported(running_xml):
    domain = from_xml(running_xml)
    disk = domain.devices.disks[0]
    assert disk.alias == "ua-0b5f7e4c-disk"
    assert disk.address.slot > 0 and disk.address.domain == 0
    nic = domain.devices.interfaces[0]
    assert nic.alias == "ua-0b5f7e4c-nic"


def test_every_reported_device_has_an_alias(running_xml):
    domain = from_xml(running_xml)
    unaliased = [type(item).__name__ for item in domain.devices.items[1:]
                 if getattr(item, "alias", None) is None]
    # libvirt gives no alias to graphics and audio backends (they are not guest devices).
    assert set(unaliased) <= {"Graphics", "Audio"}

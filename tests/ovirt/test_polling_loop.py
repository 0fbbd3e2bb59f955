"""The engine's loop after start, against a real libvirtd + QEMU (TCG): poll, hot-plug a
disk and a nic from `<hotplug>` payloads, poll again, unplug the nic by alias, hibernate,
move a disk in the saved domain's XML, and restore."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from examples.engine_loop import (PLUGGED_DISK, PLUGGED_NIC, engine_vm, move_disk,
                                  plug_payloads, wait_for)
from examples.ovirt_vm import host_facts, host_prepare
from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt import Interface
from mapping.libvirt.devices.address import PciAddress
from mapping.ovirt import Hotplug, Hotunplug, changes, fingerprint, from_engine_xml
from tests.ovirt.test_polling import _reformatted
from tests.qemu_host import make_disk

pytestmark = [pytest.mark.qemu, pytest.mark.libvirt]


@pytest.fixture
def host_dir():
    """A short path: a channel's unix socket path must fit in 108 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="ovpoll-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_poll_hotplug_unplug_hibernate_and_restore(qemu_conn, host_dir):
    import libvirt

    tmp_path = host_dir
    sent = engine_vm()   # (examples/engine_loop.py runs the same loop as a script)
    facts = host_facts(tmp_path)
    domain = qemu_conn.defineXML(host_prepare(to_xml(sent), facts))
    try:
        domain.create()
        wait_for(lambda: domain.state()[0] == libvirt.VIR_DOMAIN_RUNNING, "the VM to run")
        dump = domain.XMLDesc(0)
        before = from_xml(dump)
        polled = fingerprint(before)
        assert fingerprint(from_xml(_reformatted(dump))) == polled
        assert fingerprint(from_xml(domain.XMLDesc(0))) == polled   # nothing changed yet

        image = make_disk(tmp_path / "plugged.qcow2")
        for payload in plug_payloads(str(image)):   # the host's side of each
            received = from_engine_xml(payload, Hotplug)
            domain.attachDeviceFlags(received.for_libvirt(facts),
                                     libvirt.VIR_DOMAIN_AFFECT_LIVE)
        after = from_xml(domain.XMLDesc(0))
        assert fingerprint(after) != polled
        found = changes(before, after)
        assert sorted(device.alias for device in found.added) == [PLUGGED_NIC, PLUGGED_DISK]
        assert found.removed == [] and found.changed == [], found.lines()
        for device in found.added:   # where libvirt put them
            assert isinstance(device.address, PciAddress) and device.address.slot > 0
        taken = {device.address.slot for device in before.devices.items
                 if isinstance(getattr(device, "address", None), PciAddress)}
        plugged = [device.address.slot for device in found.added]
        assert len(set(plugged)) == 2 and not taken & set(plugged)

        unplug = from_xml(to_xml(Hotunplug.of(Interface, PLUGGED_NIC)), Hotunplug)
        # (accepted; without a guest OS to eject it the nic may stay until the guest acts)
        domain.detachDeviceAlias(unplug.alias, libvirt.VIR_DOMAIN_AFFECT_LIVE)

        saved = tmp_path / "vm.save"
        domain.save(str(saved))   # hibernate
        assert not domain.isActive()
        moved = tmp_path / "moved.qcow2"
        shutil.copyfile(image, moved)
        saved_xml = qemu_conn.saveImageGetXMLDesc(str(saved), 0)
        qemu_conn.saveImageDefineXML(str(saved), move_disk(saved_xml, "vdc", str(moved)), 0)
        qemu_conn.restore(str(saved))
        domain = qemu_conn.lookupByName(sent.name)
        restored = from_xml(domain.XMLDesc(0))
        disk = next(d for d in restored.devices.disks if d.target.dev == "vdc")
        assert disk.source.file == str(moved) and disk.alias == PLUGGED_DISK
    finally:
        if domain.isActive():
            domain.destroy()
        domain.undefine()


def test_the_migratable_form_is_what_libvirt_writes_for_migration(qemu_conn, host_dir):
    """libvirt is the judge: its VIR_DOMAIN_XML_MIGRATABLE dump of the running VM, and
    ours worked out from the live dump, are the same document (but for the CPU, which
    the live dump gives as QEMU expanded it)."""
    import libvirt
    from lxml import etree

    from mapping.compare import first_difference
    from mapping.ovirt import migratable

    domain = qemu_conn.defineXML(host_prepare(to_xml(engine_vm()), host_facts(host_dir)))
    try:
        domain.create()
        wait_for(lambda: domain.state()[0] == libvirt.VIR_DOMAIN_RUNNING, "the VM to run")
        live = domain.XMLDesc(0)
        theirs = domain.XMLDesc(libvirt.VIR_DOMAIN_XML_MIGRATABLE)
    finally:
        if domain.isActive():
            domain.destroy()
        domain.undefine()

    def without_cpu(text: str) -> bytes:
        root = etree.fromstring(text.encode())
        for cpu in root.findall("cpu"):
            root.remove(cpu)
        return etree.tostring(root)

    ours = to_xml(migratable(from_xml(live)))
    assert first_difference(without_cpu(theirs), without_cpu(ours)) is None
    assert first_difference(without_cpu(live), without_cpu(ours)) is not None

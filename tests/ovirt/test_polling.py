"""Polling a running VM: the devices fingerprint and the changes between two dumps."""
from __future__ import annotations

import copy

from lxml import etree

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt import Disk, Interface
from mapping.ovirt import DeviceChanges, changes, fingerprint
from tests.conftest import PROJECT

RUNNING = (PROJECT / "roundtrip_corpus" / "running" / "server-vm.xml").read_text()
KNOB = "<vendor:knob xmlns:vendor='urn:example:vendor' level='3'/>"


def _with_knob(text: str, prefix: str = "vendor") -> str:
    """The dump with an unknown, namespaced child in its first disk."""
    knob = KNOB.replace("vendor:", f"{prefix}:").replace("xmlns:vendor", f"xmlns:{prefix}")
    return text.replace("<alias name='virtio-disk0'/>",
                        f"{knob}<alias name='virtio-disk0'/>", 1)


def _reformatted(text: str) -> str:
    """The same document as another writer might put it: one line, double quotes,
    attributes in reverse order, decimal instead of hex numbers."""
    root = etree.fromstring(text.encode())
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        items = list(element.attrib.items())
        element.attrib.clear()
        for name, value in reversed(items):
            if value.startswith("0x") and name in ("bus", "slot", "function", "domain"):
                value = str(int(value, 16))
            element.set(name, value)
        if element.text is not None and not element.text.strip():
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
    return etree.tostring(root, encoding="unicode")


def test_a_reformatted_dump_has_the_same_fingerprint():
    dump = _with_knob(RUNNING)
    other = _reformatted(dump)
    assert other != dump and "'" not in other and "slot=\"5\"" in other
    assert fingerprint(from_xml(other)) == fingerprint(from_xml(dump))


def test_the_prefix_of_kept_namespaced_xml_does_not_change_the_fingerprint():
    assert (fingerprint(from_xml(_with_knob(RUNNING, "vendor")))
            == fingerprint(from_xml(_with_knob(RUNNING, "v2"))))


def test_any_device_field_changes_the_fingerprint():
    base = from_xml(RUNNING)
    seen = {fingerprint(base)}
    edits = [
        lambda d: setattr(d.devices.disks[0].driver, "cache", "writeback"),
        lambda d: setattr(d.devices.disks[0].address, "slot", 9),
        lambda d: setattr(d.devices.interfaces[0].mac, "address", "52:54:00:00:00:01"),
        lambda d: d.devices.items.pop(),
    ]
    for edit in edits:
        edited = copy.deepcopy(base)
        edit(edited)
        seen.add(fingerprint(edited))
    knob = from_xml(_with_knob(RUNNING))   # kept unknown XML is part of what a device says
    seen.add(fingerprint(knob))
    assert len(seen) == len(edits) + 2


def test_what_is_not_a_device_does_not_change_the_fingerprint():
    base = from_xml(RUNNING)
    renamed = copy.deepcopy(base)
    renamed.name = "another-name"
    assert fingerprint(renamed) == fingerprint(base)
    assert fingerprint(from_xml("<domain type='kvm'><name>x</name></domain>")) == fingerprint(
        from_xml("<domain type='qemu'><name>y</name></domain>"))


def test_changes_name_the_devices_added_removed_and_the_fields_changed():
    before = from_xml(RUNNING)
    after = copy.deepcopy(before)
    nic = after.devices.interfaces[0]
    after.devices.items.remove(nic)
    plugged = from_xml("<disk type='file' device='disk'><source file='/var/lib/b.qcow2'/>"
                       "<target dev='vdb' bus='virtio'/><alias name='ua-1234'/>"
                       "<address type='pci' domain='0x0000' bus='0x00' slot='0x07' "
                       "function='0x0'/></disk>")
    after.devices.items.append(plugged)
    after.devices.disks[0].driver.cache = "writeback"
    found = changes(before, after)
    assert isinstance(found, DeviceChanges) and found
    assert [type(d) for d in found.added] == [Disk] and found.added[0].target.dev == "vdb"
    assert [type(d) for d in found.removed] == [Interface]
    assert found.removed[0].mac.address == "52:54:00:6b:3c:58"
    (changed,) = found.changed
    assert changed.how == "alias" and changed.after.target.dev == "vda"
    assert [str(change) for change in changed.changes] == [
        "disk vda: driver.cache: none -> writeback"]
    assert found.lines() == ["added disk vdb", "removed interface 52:54:00:6b:3c:58",
                             "disk vda: driver.cache: none -> writeback"]


def test_two_dumps_of_an_unchanged_vm_have_no_changes():
    assert not changes(from_xml(RUNNING), from_xml(_reformatted(RUNNING)))
    assert to_xml(from_xml(RUNNING))   # (the dump maps)

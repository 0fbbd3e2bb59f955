"""Semantic diff and device pairing: the same device before and after, what changed."""
from __future__ import annotations

from mapping import attr, child, element
from mapping.libvirt import BlockSource
from mapping.libvirt.devices.pairing import ADDRESS, ALIAS, IDENTITY, ONLY_ONE, ORDER, pair_devices


@element()
class Mac:
    address: str | None = attr("address")


@element("nic")
class Nic:
    IDENTITY = ("mac.address",)
    alias: str | None = attr("alias")
    mac: Mac | None = child("mac")
    slot: int | None = attr("slot")


@element("ctl")
class Ctl:
    IDENTITY = ("type+index",)
    type: str | None = attr("type")
    index: int | None = attr("index")
    alias: str | None = attr("alias")


@element("balloon")
class Balloon:
    model: str | None = attr("model")
    alias: str | None = attr("alias")


def test_pairs_by_alias_then_identity_then_only_one_of_a_kind():
    sent = [Nic(alias="ua-1", mac=Mac(address="52:54:00:00:00:01")),
            Nic(mac=Mac(address="52:54:00:00:00:02")),
            Ctl(type="usb", index=0), Balloon(model="virtio")]
    reported = [Balloon(model="virtio", alias="balloon0"),
                Ctl(type="pci", index=0, alias="pci.0"),
                Nic(alias="net1", mac=Mac(address="52:54:00:00:00:02")),
                Ctl(type="usb", index=0, alias="usb"),
                Nic(alias="ua-1", mac=Mac(address="52:54:00:00:00:01"))]
    pairing = pair_devices(sent, reported)
    how = {id(left): (right, why) for left, right, why in pairing.pairs}
    assert how[id(sent[0])] == (reported[4], ALIAS)
    assert how[id(sent[1])] == (reported[2], IDENTITY)
    assert how[id(sent[2])] == (reported[3], IDENTITY)
    assert how[id(sent[3])] == (reported[0], ONLY_ONE)
    assert pairing.left_only == [] and pairing.right_only == [reported[1]]


def test_identity_ignores_case_and_different_identities_are_not_paired():
    pairing = pair_devices([Nic(mac=Mac(address="52:54:00:AA:00:01"))],
                           [Nic(mac=Mac(address="52:54:00:aa:00:01"))])
    assert len(pairing.pairs) == 1
    pairing = pair_devices([Nic(mac=Mac(address="52:54:00:00:00:01"))],
                           [Nic(mac=Mac(address="52:54:00:00:00:09"))])
    assert pairing.pairs == [] and len(pairing.left_only) == len(pairing.right_only) == 1


def test_devices_without_alias_or_identity_pair_by_address_then_order():
    first, second = Balloon(model="a"), Balloon(model="b")
    pairing = pair_devices([first, second], [Balloon(model="a"), Balloon(model="b")])
    assert [(left, how) for left, _, how in pairing.pairs] == [(first, ORDER), (second, ORDER)]
    pairing = pair_devices([first, second], [Balloon(model="a")])
    assert pairing.pairs == [] and pairing.left_only == [first, second]
    assert ADDRESS == "address"


def test_sizes_compare_by_amount_and_read_with_their_units():
    from mapping import from_xml
    from mapping.diff import diff_domains
    from tests.conftest import PROJECT
    text = (PROJECT / "examples" / "server-vm.xml").read_text()
    same = text.replace("<memory unit='GiB'>4</memory>", "<memory unit='MiB'>4096</memory>")
    more = text.replace("<memory unit='GiB'>4</memory>", "<memory unit='MiB'>8192</memory>")
    assert diff_domains(from_xml(text), from_xml(same)) == []
    assert [str(c) for c in diff_domains(from_xml(text), from_xml(more))] == [
        "memory: 4 GiB -> 8192 MiB"]


def test_devices_added_and_removed_are_shown_as_their_xml():
    from mapping import from_xml
    from mapping.diff import diff_domains
    from tests.conftest import PROJECT
    text = (PROJECT / "examples" / "server-vm.xml").read_text()
    without = text.replace("    <console type='pty'/>\n", "")
    assert [str(c) for c in diff_domains(from_xml(text), from_xml(without))] == [
        "console: removed <console type='pty'/>"]
    assert [str(c) for c in diff_domains(from_xml(without), from_xml(text))] == [
        "console: added <console type='pty'/>"]


def test_a_union_value_is_named_as_in_its_json_beside_its_discriminator():
    from mapping import from_xml
    from mapping.diff import diff_domains
    from tests.conftest import PROJECT
    text = (PROJECT / "examples" / "server-vm.xml").read_text()
    before = from_xml(text)
    moved = from_xml(text.replace("server-vm.qcow2", "moved.qcow2"))
    assert [str(c) for c in diff_domains(before, moved)] == [
        "disk vda: source.file: /var/lib/libvirt/images/server-vm.qcow2 -> "
        "/var/lib/libvirt/images/moved.qcow2"]
    block = from_xml(text)
    block.devices.disks[0].source = BlockSource(dev="/dev/vg0/root")
    assert [str(c) for c in diff_domains(before, block)] == [
        "disk vda: source.dev: added /dev/vg0/root",
        "disk vda: source.file: removed /var/lib/libvirt/images/server-vm.qcow2",
        "disk vda: type: file -> block"]


def test_documents_of_one_kind_are_compared_field_by_field_and_of_two_kinds_refused():
    import pytest

    from mapping import MappingError, from_xml
    from mapping.diff import diff_documents
    pool = "<pool type='dir'><name>{}</name><target><path>/var/lib/{}</path></target></pool>"
    before, after = from_xml(pool.format("images", "images")), from_xml(pool.format("vms", "vms"))
    assert [str(change) for change in diff_documents(before, after)] == [
        "name: images -> vms", "target.path: /var/lib/images -> /var/lib/vms"]
    assert diff_documents(before, before) == []
    with pytest.raises(MappingError, match="a Pool and a Network are different documents"):
        diff_documents(before, from_xml("<network><name>n</name></network>"))


# -- a device whose identity changed -------------------------------------------------------
A, B, C = "52:54:00:00:00:01", "52:54:00:00:00:02", "52:54:00:00:00:03"
SLOT3 = "<address type='pci' domain='0' bus='0' slot='3' function='0'/>"
SLOT4 = "<address type='pci' domain='0' bus='0' slot='4' function='0'/>"


def _nic(mac: str, inside: str = "", network: str = "default") -> str:
    return (f"<interface type='network'><mac address='{mac}'/><source network='{network}'/>"
            f"{inside}</interface>")


def _diff(before: str, after: str) -> list[str]:
    from mapping import from_xml
    from mapping.diff import diff_domains

    def domain(devices: str):
        return from_xml(f"<domain type='kvm'><name>v</name><devices>{devices}</devices>"
                        "</domain>")
    return [str(change) for change in diff_domains(domain(before), domain(after))]


MAC_CHANGED = [f"interface {A}: mac.address: {A} -> {B}"]


def test_a_mac_changed_is_a_field_change_with_the_same_alias_or_address_or_alone():
    assert _diff(_nic(A, "<alias name='ua-1'/>"), _nic(B, "<alias name='ua-1'/>")) == (
        MAC_CHANGED)
    assert _diff(_nic(A, SLOT3), _nic(B, SLOT3)) == MAC_CHANGED
    # No alias, no address (the engine's XML): the only nic left on each side, in place.
    assert _diff(_nic(C) + _nic(A), _nic(C) + _nic(B)) == MAC_CHANGED
    # Moved among the nics, but on the same network.
    assert _diff(_nic(A) + _nic(C), _nic(C) + _nic(B)) == MAC_CHANGED
    # The other fields that changed with it are shown as changes of the same nic.
    assert _diff(_nic(A), _nic(B, "<model type='virtio'/>")) == [
        *MAC_CHANGED, f"interface {A}: model: added virtio"]


def _removed_and_added(before: str, after: str) -> bool:
    found = _diff(before, after)
    return (len(found) == 2 and found[0].startswith(f"interface {A}: removed <interface")
            and found[1].startswith(f"interface {B}: added <interface"))


def test_unrelated_nics_are_not_paired_as_one_whose_mac_changed():
    # Other aliases, other PCI addresses: two devices.
    assert _removed_and_added(_nic(A, "<alias name='ua-1'/>"), _nic(B, "<alias name='ua-2'/>"))
    assert _removed_and_added(_nic(A, SLOT3), _nic(B, SLOT4))
    # Another place among the nics and another network: one removed, another added.
    assert _removed_and_added(_nic(A) + _nic(C), _nic(C) + _nic(B, network="lab"))
    # Two unpaired on one side: which one changed is not this rule's to guess.
    found = _diff(_nic(A) + _nic(C), _nic(B))
    assert sum("removed" in line for line in found) == 2 and "added" in found[-1]


def test_a_disk_whose_every_identity_changed_is_another_disk():
    def disk(dev: str, serial: str) -> str:
        return (f"<disk type='file' device='disk'><source file='/a.img'/>"
                f"<target dev='{dev}' bus='virtio'/><serial>{serial}</serial></disk>")
    found = _diff(disk("vda", "s1"), disk("vdb", "s2"))
    assert [line.split(":")[1].split()[0] for line in found] == ["removed", "added"]
    # One identity kept (the serial): the same disk, paired as before.
    assert _diff(disk("vda", "s1"), disk("vdb", "s1")) == [
        "disk vda: target.dev: vda -> vdb"]


# -- inside <metadata> ---------------------------------------------------------------------
VM_BLOCK = """<ovirt-vm:vm xmlns:ovirt-vm="http://ovirt.org/vm/1.0">
  <ovirt-vm:clusterVersion>4.7</ovirt-vm:clusterVersion>
  <ovirt-vm:device devtype="disk" name="sda">
    <ovirt-vm:imageID>img-1</ovirt-vm:imageID>
    <ovirt-vm:volumeID>vol-1</ovirt-vm:volumeID>
  </ovirt-vm:device>
  <ovirt-vm:device mac_address="56:6f:21:8a:00:01">
    <ovirt-vm:custom><ovirt-vm:queues>2</ovirt-vm:queues></ovirt-vm:custom>
  </ovirt-vm:device>
</ovirt-vm:vm>"""
OTHER_BLOCK = '<app:cfg xmlns:app="urn:app"><app:level>1</app:level></app:cfg>'


def _metadata_diff(before: str, after: str) -> list[str]:
    from mapping import from_xml
    from mapping.diff import diff_domains

    def domain(blocks: str):
        return from_xml(f"<domain type='kvm'><name>v</name><metadata>{blocks}</metadata>"
                        "</domain>")
    return [str(change) for change in diff_domains(domain(before), domain(after))]


def test_ovirt_metadata_changes_are_listed_key_by_key_and_device_by_device():
    after = (VM_BLOCK.replace("vol-1", "vol-2").replace(">4.7<", ">4.8<")
             .replace("<ovirt-vm:queues>2<", "<ovirt-vm:queues>4<"))
    assert _metadata_diff(VM_BLOCK, after) == [
        "metadata ovirt-vm: clusterVersion: 4.7 -> 4.8",
        "metadata ovirt-vm: device sda: volumeID: vol-1 -> vol-2",
        "metadata ovirt-vm: device 56:6f:21:8a:00:01: custom/queues: 2 -> 4"]
    # Reordered entries are the same entries; the same block in another layout is no change.
    swapped = VM_BLOCK.replace('devtype="disk" name="sda"', 'name="sda" devtype="disk"')
    assert _metadata_diff(VM_BLOCK, swapped) == []


def test_ovirt_metadata_devices_added_and_removed_are_shown_as_their_xml():
    after = VM_BLOCK.replace('name="sda"', 'name="sdb"')
    assert [line.split(" <")[0] for line in _metadata_diff(VM_BLOCK, after)] == [
        "metadata ovirt-vm: device sda: removed", "metadata ovirt-vm: device sdb: added"]
    assert "<ovirt-vm:volumeID>vol-1</ovirt-vm:volumeID>" in _metadata_diff(VM_BLOCK, after)[1]


def test_other_applications_blocks_are_compared_whole_and_by_namespace():
    changed = OTHER_BLOCK.replace(">1<", ">2<")
    assert _metadata_diff(VM_BLOCK + OTHER_BLOCK, VM_BLOCK + changed) == [
        f"metadata app: {OTHER_BLOCK} -> {changed}"]
    assert _metadata_diff(VM_BLOCK, VM_BLOCK + OTHER_BLOCK) == [
        f"metadata app: added {OTHER_BLOCK}"]
    (removed,) = _metadata_diff(VM_BLOCK, "")
    assert removed.startswith('metadata ovirt-vm: removed <ovirt-vm:vm xmlns:ovirt-vm=')

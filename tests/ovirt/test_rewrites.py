"""The host agent's edits before a restore or an incoming migration."""
from __future__ import annotations

import pytest

from mapping import MappingError, from_xml
from tests.xmlassert import to_xml
from mapping.ovirt import repin, retarget_volumes, set_graphics_listen, vm_metadata
from tests.conftest import PROJECT

RUNNING = (PROJECT / "roundtrip_corpus" / "running" / "ovirt-vm.xml").read_text()
SD = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e01"
VDA = (SD, "9a8e6c2b-1f3d-4b5a-8e7f-6d5c4b3a2a01", "2b6f7a1e-4c4f-4e3a-9c1d-7c8b8e0e0a01")
VDB = (SD, "9a8e6c2b-1f3d-4b5a-8e7f-6d5c4b3a2a02", "2b6f7a1e-4c4f-4e3a-9c1d-7c8b8e0e0a02")
BASE = (SD, "9a8e6c2b-1f3d-4b5a-8e7f-6d5c4b3a2a01", "0e0e0e0e-0000-4000-8000-000000000001")


def _chained(text: str) -> str:
    """The dump with vda on a backing volume, and the chain in its metadata."""
    old_top = f"/tmp/domxml-running-sui4tvfl/{VDA[2]}.qcow2"
    chain = (f"<ovirt-vm:volumeChain><ovirt-vm:volumeChainNode><ovirt-vm:domainID>{SD}"
             f"</ovirt-vm:domainID><ovirt-vm:imageID>{BASE[1]}</ovirt-vm:imageID>"
             f"<ovirt-vm:path>/old/base.qcow2</ovirt-vm:path><ovirt-vm:volumeID>{BASE[2]}"
             "</ovirt-vm:volumeID></ovirt-vm:volumeChainNode><ovirt-vm:volumeChainNode>"
             f"<ovirt-vm:domainID>{SD}</ovirt-vm:domainID><ovirt-vm:imageID>{VDA[1]}"
             f"</ovirt-vm:imageID><ovirt-vm:path>{old_top}</ovirt-vm:path>"
             f"<ovirt-vm:volumeID>{VDA[2]}</ovirt-vm:volumeID></ovirt-vm:volumeChainNode>"
             "</ovirt-vm:volumeChain>")
    text = text.replace(f"<ovirt-vm:volumeID>{VDA[2]}</ovirt-vm:volumeID>",
                        f"<ovirt-vm:volumeID>{VDA[2]}</ovirt-vm:volumeID>{chain}", 1)
    backing = ("<backingStore type='file' index='3'><format type='qcow2'/>"
               "<source file='/old/base.qcow2'/><backingStore/></backingStore>")
    head, tail = text.split(f"<source file='{old_top}' index='2'>", 1)
    block, rest = tail.split("<backingStore/>", 1)
    return head + f"<source file='{old_top}' index='2'>" + block + backing + rest


def test_disks_and_their_chains_move_to_the_destination_paths():
    domain = from_xml(_chained(RUNNING))
    paths = {VDA: "/dst/vda-top", VDB: "/dst/vdb-top", BASE: "/dst/vda-base"}
    done = retarget_volumes(domain, paths)
    assert sorted(new for _, _, new in done) == ["/dst/vda-base", "/dst/vda-top",
                                                 "/dst/vdb-top"]
    vda, vdb = domain.devices.disks[:2]
    assert vda.source.file == "/dst/vda-top" and vdb.source.file == "/dst/vdb-top"
    assert vda.backing_store.source.file == "/dst/vda-base"
    chain = vm_metadata(domain).disk("vda").volume_chain.nodes
    assert [node.path for node in chain] == ["/dst/vda-base", "/dst/vda-top"]
    again = from_xml(to_xml(domain))
    assert again == domain and again.devices.disks[0].backing_store.source.file == (
        "/dst/vda-base")


def test_a_volume_without_a_destination_path_is_named_and_nothing_changes():
    domain = from_xml(_chained(RUNNING))
    before = to_xml(domain)
    with pytest.raises(MappingError, match=r"disk vda: volume .*0e0e0e0e-0000"):
        retarget_volumes(domain, {VDA: "/dst/vda-top", VDB: "/dst/vdb-top"})
    assert to_xml(domain) == before


def test_displays_listen_where_the_destination_says():
    domain = from_xml(RUNNING)
    assert set_graphics_listen(domain, "192.0.2.7") == 1
    (graphics,) = [d for d in domain.devices.items if d.__xml__.tag == "graphics"]
    assert graphics.listen == "192.0.2.7" and graphics.listens[0].address == "192.0.2.7"
    assert set_graphics_listen(domain, "192.0.2.7") == 0
    assert "listen='192.0.2.7'" in to_xml(domain)


def test_repin_sets_cpus_and_numa_nodes_adding_what_is_missing():
    domain = from_xml(RUNNING)
    assert repin(domain, vcpus={0: "2-3"}, emulator="0", memory_nodes="1",
                 cell_nodes={0: "1"}) == 4
    assert [(p.vcpu, p.cpuset) for p in domain.cputune.vcpupins] == [(0, "2-3")]
    assert domain.cputune.emulatorpin.cpuset == "0"
    assert domain.numatune.memory.nodeset == "1"
    assert [(n.cellid, n.nodeset) for n in domain.numatune.memnodes] == [(0, "1")]
    assert repin(domain, vcpus={0: "2-3"}) == 0
    assert repin(domain, vcpus={0: "4"}, cell_nodes={0: "0"}) == 2
    written = to_xml(domain)
    assert "<vcpupin vcpu='0' cpuset='4'/>" in written and "nodeset='0'" in written


def test_the_migratable_form_leaves_out_what_the_run_decided():
    from mapping.ovirt import migratable

    live = from_xml(RUNNING)
    form = migratable(live)
    assert live.id == 20 and form.id is None   # (a copy: the live domain is as it was)
    written = to_xml(form)
    assert [disk.source.index for disk in live.devices.disks] == [2, 1]
    assert [disk.source.index for disk in form.devices.disks] == [None, None]
    aliases = [getattr(d, "alias", None) for d in form.devices.items]
    assert all(alias is None or alias.startswith("ua-") for alias in aliases)
    assert "ua-b1a2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01" in aliases
    kinds = [(d.__xml__.tag, str(getattr(d.type, "value", d.type)))
             for d in form.devices.items if hasattr(d, "type")]
    assert ("input", "keyboard") not in kinds and ("input", "mouse") in kinds
    assert not [d for d in form.devices.items if d.__xml__.tag == "controller"
                and d.index == 0 and str(d.type.value) in ("usb", "pci")]
    (graphics,) = [d for d in form.devices.items if d.__xml__.tag == "graphics"]
    assert graphics.port == -1 and graphics.autoport
    assert "state=" not in written and "<label>" not in written

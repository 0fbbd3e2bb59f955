"""device_records: a running VM's devices as the engine records them."""
from __future__ import annotations

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt.devices.address import PciAddress
from mapping.ovirt import DeviceRecord, device_records, vm_metadata
from tests.conftest import PROJECT

RUNNING = (PROJECT / "roundtrip_corpus" / "running" / "ovirt-vm.xml").read_text()
GUEST_NAME = "<ovirt-vm:guestName>/dev/vda</ovirt-vm:guestName>"
SPEC_PARAMS = ("<ovirt-vm:specParams><ovirt-vm:vram>32768</ovirt-vm:vram>"
               "<ovirt-vm:heads>1</ovirt-vm:heads></ovirt-vm:specParams>")


def _with_guest_agent_facts(text: str) -> str:
    """The dump with what VDSM learns from the guest agent and the engine's spec params
    in the first disk's metadata entry."""
    return text.replace('<ovirt-vm:device devtype="disk" name="vda">',
                        f'<ovirt-vm:device devtype="disk" name="vda">{GUEST_NAME}{SPEC_PARAMS}',
                        1)


def test_every_reported_device_has_a_record_in_document_order():
    domain = from_xml(RUNNING)
    records = device_records(domain)
    devices = [d for d in domain.devices.items if type(d).__name__ != "Emulator"]
    assert [r.device for r in records] == devices
    assert all(isinstance(r, DeviceRecord) for r in records)
    assert records[0].kind == "disk"


def test_managed_devices_carry_the_engine_id_unmanaged_ones_none():
    records = device_records(from_xml(RUNNING))
    managed = [r for r in records if r.managed]
    unmanaged = [r for r in records if not r.managed]
    assert {r.device_id for r in managed} >= {"b1a2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01",
                                              "c0ffee00-0001-4aaa-8bbb-000000000001"}
    assert all(r.alias == f"ua-{r.device_id}" for r in managed)
    assert unmanaged and all(r.device_id is None for r in unmanaged)
    assert {r.kind for r in unmanaged} >= {"controller", "input"}


def test_a_record_has_the_address_boot_order_and_metadata_of_its_device():
    records = device_records(from_xml(_with_guest_agent_facts(RUNNING)))
    first = records[0]
    assert first.boot_order == 1 and isinstance(first.address, PciAddress)
    assert first.guest_name == "/dev/vda"
    assert (first.spec_params.vram, first.spec_params.heads) == (32768, 1)
    assert first.metadata.name == "vda" and first.metadata.pool_id is not None
    second = next(r for r in records if r.kind == "disk" and r is not first)
    assert second.boot_order is None and second.guest_name is None
    nic = next(r for r in records if r.kind == "interface")
    assert nic.metadata is not None and nic.metadata.network == "ovirtmgmt"
    assert all(r.metadata is None for r in records if r.kind == "controller")


def test_spec_params_are_kept_in_the_metadata_and_written_back():
    dump = _with_guest_agent_facts(RUNNING)
    domain = from_xml(dump)
    spec = vm_metadata(domain).disk("vda").spec_params
    assert (spec.vram, spec.heads) == (32768, 1)
    assert from_xml(to_xml(domain)) == domain

"""`ovirt-vm:specParams` typed: each key read and written, nested payloads and I/O
limits, unknown keys kept, and VDSM's payload device as VDSM writes it."""
from __future__ import annotations

import pytest

from mapping import from_xml
from mapping import to_xml as to_xml_as_read
from mapping.core import describe
from mapping.ovirt import DeviceMetadata, SpecParams, VmMetadata, set_vm_metadata, vm_metadata
from mapping.ovirt.metadata_disk import DiskPayload, PayloadFile
from mapping.ovirt.metadata_spec import SpecBandwidth, SpecIoTune
from tests.ovirt.test_metadata_keys import NS, _device, _written
from tests.xmlassert import assert_xml_equal, to_xml


def _spec(inner: str) -> SpecParams:
    """The spec params of a disk entry holding `inner`, read typed throughout."""
    spec = _device(f"<ovirt-vm:specParams>{inner}</ovirt-vm:specParams>").spec_params
    assert isinstance(spec, SpecParams)
    return spec


# (XML key, field, text as written, typed value)
KEYS = [
    ("pinToIoThread", "pin_to_io_thread", '<x type="int">1</x>', 1),
    ("path", "path", "<x>/iso/boot.iso</x>", "/iso/boot.iso"),
    ("ioThreadId", "io_thread_id", "<x>2</x>", 2),
    ("vram", "vram", '<x type="int">32768</x>', 32768),
    ("ram", "ram", "<x>65536</x>", 65536),
    ("vgamem", "vgamem", "<x>16384</x>", 16384),
    ("heads", "heads", "<x>1</x>", 1),
    ("displayNetwork", "display_network", "<x>ovirtmgmt</x>", "ovirtmgmt"),
    ("displayIp", "display_ip", "<x>192.0.2.10</x>", "192.0.2.10"),
    ("keyMap", "key_map", "<x>en-us</x>", "en-us"),
    ("spiceSecureChannels", "spice_secure_channels", "<x>smain,sinputs</x>",
     "smain,sinputs"),
    ("copyPasteEnable", "copy_paste_enable", '<x type="bool">True</x>', True),
    ("fileTransferEnable", "file_transfer_enable", '<x type="bool">False</x>', False),
    ("enableSocket", "enable_socket", '<x type="bool">True</x>', True),
    ("consoleType", "console_type", "<x>serial</x>", "serial"),
    ("source", "source", "<x>urandom</x>", "urandom"),
    ("bytes", "bytes", "<x>1024</x>", 1024),
    ("period", "period", "<x>2000</x>", 2000),
    ("model", "model", "<x>i6300esb</x>", "i6300esb"),
    ("action", "action", "<x>reset</x>", "reset"),
    ("mode", "mode", "<x>passthrough</x>", "passthrough"),
    ("type", "type", "<x>spicevmc</x>", "spicevmc"),
    ("node", "node", "<x>0</x>", 0),
    ("size", "size", '<x type="int">1024</x>', 1024),
    ("mdevType", "mdev_type", "<x>nvidia-22</x>", "nvidia-22"),
]


@pytest.mark.parametrize(("key", "name", "written", "value"), KEYS, ids=[k[0] for k in KEYS])
def test_each_key_is_read_typed_and_written_back(key, name, written, value):
    leaf = written.replace("<x", f"<ovirt-vm:{key}").replace("</x>", f"</ovirt-vm:{key}>")
    spec = _spec(leaf)
    assert getattr(spec, name) == value and type(getattr(spec, name)) is type(value)
    # Built in code: written in VDSM's shape, numbers and bools with VDSM's type hint.
    hint = {int: ' type="int"', bool: ' type="bool"'}.get(type(value), "")
    device = DeviceMetadata(devtype="disk", name="vda", spec_params=SpecParams(**{name: value}))
    _written(device, f'<ovirt-vm:device xmlns:ovirt-vm="{NS}" devtype="disk" name="vda">'
                     f"<ovirt-vm:specParams><ovirt-vm:{key}{hint}>{value}</ovirt-vm:{key}>"
                     "</ovirt-vm:specParams></ovirt-vm:device>")


def test_every_declared_key_is_tested():
    declared = {field.xml.rpartition("}")[2] for field in describe(SpecParams).fields}
    assert declared - {key for key, *_ in KEYS} == {"ioTune", "vmPayload", "inbound",
                                                     "outbound"}
    assert all(field.__doc__ is not None for field in (SpecParams, SpecIoTune, SpecBandwidth))


def test_a_disks_io_limits_are_typed():
    spec = _spec("<ovirt-vm:ioTune><ovirt-vm:total_bytes_sec>1000</ovirt-vm:total_bytes_sec>"
                 '<ovirt-vm:read_iops_sec type="int">30</ovirt-vm:read_iops_sec>'
                 "<ovirt-vm:write_iops_sec>40</ovirt-vm:write_iops_sec></ovirt-vm:ioTune>")
    assert _set(spec.io_tune) == {"total_bytes_sec": 1000, "read_iops_sec": 30,
                                  "write_iops_sec": 40}
    assert isinstance(spec.io_tune, SpecIoTune)


def test_a_nics_qos_is_typed():
    spec = _spec("<ovirt-vm:inbound><ovirt-vm:average>1000</ovirt-vm:average>"
                 "<ovirt-vm:burst>2048</ovirt-vm:burst></ovirt-vm:inbound>"
                 "<ovirt-vm:outbound><ovirt-vm:peak>5000</ovirt-vm:peak></ovirt-vm:outbound>")
    assert _set(spec.inbound) == {"average": 1000, "burst": 2048}
    assert _set(spec.outbound) == {"peak": 5000}
    assert isinstance(spec.outbound, SpecBandwidth)


def _set(entity: object) -> dict:
    """The fields set (an entity read also keeps how its values were written, which
    equality with one built in code would compare)."""
    return {name: value for name, value in vars(entity).items()
            if value is not None and name != "extras"}


def test_the_engines_lower_case_bools_are_read():
    spec = from_xml(f'<ovirt-vm:device xmlns:ovirt-vm="{NS}"><ovirt-vm:specParams>'
                    "<ovirt-vm:copyPasteEnable>true</ovirt-vm:copyPasteEnable>"
                    "<ovirt-vm:fileTransferEnable>false</ovirt-vm:fileTransferEnable>"
                    "</ovirt-vm:specParams></ovirt-vm:device>", DeviceMetadata).spec_params
    assert (spec.copy_paste_enable, spec.file_transfer_enable) == (True, False)


PAYLOAD_DEVICE = f"""<ovirt-vm:vm xmlns:ovirt-vm="{NS}">
    <ovirt-vm:device devtype="disk" name="hdd">
        <ovirt-vm:specParams>
            <ovirt-vm:vmPayload>
                <ovirt-vm:volId>config-2</ovirt-vm:volId>
                <ovirt-vm:file path="openstack/latest/meta_data.json">eyJ1dWlkIjogIjEifQ==</ovirt-vm:file>
                <ovirt-vm:file path="openstack/latest/user_data">I2Nsb3VkLWNvbmZpZwo=</ovirt-vm:file>
            </ovirt-vm:vmPayload>
        </ovirt-vm:specParams>
    </ovirt-vm:device>
</ovirt-vm:vm>"""


def test_a_vdsm_payload_device_is_typed_and_written_back_byte_for_byte():
    vm = from_xml(PAYLOAD_DEVICE, VmMetadata, unknown="error")
    payload = vm.disk("hdd").spec_params.vm_payload
    assert payload == DiskPayload(vol_id="config-2", files=[
        PayloadFile(path="openstack/latest/meta_data.json", content="eyJ1dWlkIjogIjEifQ=="),
        PayloadFile(path="openstack/latest/user_data", content="I2Nsb3VkLWNvbmZpZwo=")])
    vm = from_xml(PAYLOAD_DEVICE, VmMetadata)   # (typed throughout, as just checked)
    payload = vm.disk("hdd").spec_params.vm_payload
    assert to_xml_as_read(vm) == PAYLOAD_DEVICE
    payload.files[1].content = "I2Nsb3VkLWNvbmZpZwpydW5jbWQ6IFtdCg=="
    assert to_xml_as_read(vm) == PAYLOAD_DEVICE.replace("I2Nsb3VkLWNvbmZpZwo=",
                                                "I2Nsb3VkLWNvbmZpZwpydW5jbWQ6IFtdCg==")


def test_a_payload_built_in_code_is_written_as_vdsm_writes_it():
    device = DeviceMetadata(devtype="disk", name="hdd", spec_params=SpecParams(
        vm_payload=DiskPayload(vol_id="config-2", files=[PayloadFile(path="a", content="Yg==")])))
    assert_xml_equal(to_xml(VmMetadata(devices=[device])), f"""<ovirt-vm:vm xmlns:ovirt-vm="{NS}">
        <ovirt-vm:device devtype="disk" name="hdd"><ovirt-vm:specParams><ovirt-vm:vmPayload>
        <ovirt-vm:volId>config-2</ovirt-vm:volId><ovirt-vm:file path="a">Yg==</ovirt-vm:file>
        </ovirt-vm:vmPayload></ovirt-vm:specParams></ovirt-vm:device></ovirt-vm:vm>""")


def test_a_key_not_declared_is_kept_where_it_stood():
    xml = (f'<ovirt-vm:vm xmlns:ovirt-vm="{NS}"><ovirt-vm:device devtype="disk" name="vda">'
           "<ovirt-vm:specParams><ovirt-vm:vram>8192</ovirt-vm:vram>"
           "<ovirt-vm:futureKey><ovirt-vm:x>1</ovirt-vm:x></ovirt-vm:futureKey>"
           "<ovirt-vm:heads>2</ovirt-vm:heads></ovirt-vm:specParams></ovirt-vm:device>"
           "</ovirt-vm:vm>")
    vm = from_xml(xml, VmMetadata)
    assert (vm.disk("vda").spec_params.vram, vm.disk("vda").spec_params.heads) == (8192, 2)
    vm.disk("vda").spec_params.heads = 4
    assert to_xml_as_read(vm) == xml.replace(">2<", ">4<")


def test_spec_params_in_a_domain_are_set_and_read_through_the_vm_block():
    domain = from_xml("<domain type='kvm'><name>v</name></domain>")
    set_vm_metadata(domain, VmMetadata(devices=[DeviceMetadata(
        devtype="disk", name="vda", spec_params=SpecParams(pin_to_io_thread=1))]))
    again = from_xml(to_xml(domain))
    assert vm_metadata(again).disk("vda").spec_params == SpecParams(pin_to_io_thread=1)


def test_the_metadata_in_the_roundtrip_corpus_is_typed_and_lossless():
    from mapping.compare import first_difference
    from tests.conftest import PROJECT
    blocks = 0
    for path in sorted((PROJECT / "roundtrip_corpus").rglob("*.xml")):
        domain = from_xml(path.read_bytes())
        raw = None if domain.metadata is None else domain.metadata.raw(f"{{{NS}}}vm")
        if raw is None:
            continue
        blocks += 1
        from_xml(raw, VmMetadata, unknown="error")   # (refuses anything not typed)
        vm = vm_metadata(domain)
        assert to_xml_as_read(vm).rstrip("\n") == raw, path.name
        assert first_difference(to_xml(vm), raw) is None, path.name
    spec = vm_metadata(from_xml((PROJECT / "roundtrip_corpus" / "engine" /
                                 "ovirt-spec-params-vm.xml").read_bytes())).disk("sdb")
    assert spec.spec_params.vm_payload.vol_id == "config-2"
    assert blocks >= 2

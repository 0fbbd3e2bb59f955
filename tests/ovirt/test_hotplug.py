"""Hot-plug payloads: `<hotplug>` and `<hotunplug>`, built, read, and turned into what
libvirt takes."""
from __future__ import annotations

import pytest

from mapping import MappingError, SerializeError, from_xml
from tests.xmlassert import to_xml
from mapping.compare import first_difference
from mapping.libvirt import Audio, Disk, Interface, Redirfilter
from mapping.ovirt import (DeviceMetadata, HostFacts, Hotplug, Hotunplug, VolumePath,
                           from_engine_xml)

POOL, DOMAIN, IMAGE, VOLUME = ("5849b030-626e-47cb-ad90-3ce782d831b3",
                               "c9bbd4e2-2b9c-4a51-9a5c-3b7a8e4b4a51",
                               "6ea8c7d5-0f3c-4c6a-9b9e-8c1f6c0c3d2e",
                               "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d")
PREDICTED = f"/rhev/data-center/{POOL}/{DOMAIN}/images/{IMAGE}/{VOLUME}"

# As the engine writes one for a disk (LibvirtVmXmlBuilder.buildHotplugDisk's shape).
ENGINE_DISK = f"""<?xml version="1.0" encoding="UTF-8"?><hotplug><devices><disk snapshot="no"
 type="file" device="disk"><target dev="vdb" bus="virtio"/><source file="{PREDICTED}">
<seclabel model="dac" type="none" relabel="no"/></source><driver name="qemu" io="threads"
 type="qcow2" error_policy="stop" cache="none"/><alias name="ua-{IMAGE}"/><serial>{IMAGE}</serial>
</disk></devices><metadata xmlns:ovirt-vm="http://ovirt.org/vm/1.0"><ovirt-vm:vm>
<ovirt-vm:device devtype="disk" name="vdb"><ovirt-vm:poolID>{POOL}</ovirt-vm:poolID>
<ovirt-vm:volumeID>{VOLUME}</ovirt-vm:volumeID><ovirt-vm:imageID>{IMAGE}</ovirt-vm:imageID>
<ovirt-vm:domainID>{DOMAIN}</ovirt-vm:domainID></ovirt-vm:device></ovirt-vm:vm></metadata>
</hotplug>"""

ENGINE_NIC = """<hotplug><devices><interface type="bridge"><model type="virtio"/>
<link state="up"/><source bridge="ovirtmgmt"/><mac address="56:6f:1b:e3:00:01"/>
<alias name="ua-61ac6f3c-b8ab-45a4-b1b3-f4b9e5e7d1aa"/><filterref filter="vdsm-no-mac-spoofing"/>
</interface></devices><metadata xmlns:ovirt-vm="http://ovirt.org/vm/1.0"><ovirt-vm:vm>
<ovirt-vm:device mac_address="56:6f:1b:e3:00:01"><ovirt-vm:network>ovirtmgmt</ovirt-vm:network>
</ovirt-vm:device></ovirt-vm:vm></metadata></hotplug>"""


def test_an_engine_disk_payload_reads_typed_and_comes_back_losslessly():
    payload = from_engine_xml(ENGINE_DISK, Hotplug)
    disk = payload.device
    assert isinstance(disk, Disk) and disk.target.dev == "vdb"
    assert isinstance(disk.source.file, VolumePath)   # the engine's predicted path
    assert disk.alias == f"ua-{IMAGE}"
    meta = payload.device_metadata
    assert (meta.devtype, meta.name, meta.image_id, meta.volume_id) == (
        "disk", "vdb", IMAGE, VOLUME)
    assert first_difference(ENGINE_DISK, to_xml(payload)) is None


def test_the_host_turns_a_payload_into_the_device_xml_libvirt_attaches():
    payload = from_engine_xml(ENGINE_DISK, Hotplug)
    with pytest.raises(SerializeError, match="placeholders left"):
        payload.for_libvirt()
    prepared = "/rhev/data-center/mnt/blockSD/vol-prepared"
    xml = payload.for_libvirt(HostFacts(volumes={(DOMAIN, IMAGE, VOLUME): prepared}))
    disk = from_xml(xml)
    assert isinstance(disk, Disk) and disk.source.file == prepared
    assert "hotplug" not in xml and "ovirt-vm" not in xml
    assert isinstance(payload.device.source.file, VolumePath)   # (resolved in a copy)


def test_a_nic_payload_carries_the_network_of_its_metadata():
    payload = from_engine_xml(ENGINE_NIC, Hotplug)
    nic = payload.device
    assert isinstance(nic, Interface) and nic.mac.address == "56:6f:1b:e3:00:01"
    assert payload.device_metadata.network == "ovirtmgmt"
    assert from_xml(payload.for_libvirt()) == nic
    assert first_difference(ENGINE_NIC, to_xml(payload)) is None


def test_a_payload_built_in_code_reads_back_equal_and_as_its_own_root():
    import mapping.ovirt  # noqa: F401  (registers <hotplug> and <hotunplug>)
    disk = Disk(type="file", device="disk")
    disk.alias = "ua-1"
    built = Hotplug.of(disk, DeviceMetadata(devtype="disk", name="vdb", image_id=IMAGE))
    written = to_xml(built)
    assert from_xml(written) == built   # the root picks Hotplug
    assert written.startswith("<hotplug>") and "<ovirt-vm:device " in written
    assert Hotplug.of(disk).metadata is None


def test_an_unplug_names_the_device_by_its_alias():
    payload = Hotunplug.of(Interface, "ua-61ac6f3c")
    written = to_xml(payload, pretty=False)
    assert written == ("<hotunplug><devices><interface><alias name='ua-61ac6f3c'/>"
                       "</interface></devices></hotunplug>")
    read = from_xml(written)
    assert isinstance(read, Hotunplug) and read.alias == "ua-61ac6f3c"
    assert isinstance(read.device, Interface)


def test_malformed_payloads_are_refused_clearly():
    with pytest.raises(TypeError, match="not a device class"):
        Hotunplug.of(str, "ua-1")
    for kind in (Audio, Redirfilter):   # among the devices, but with no alias
        with pytest.raises(TypeError, match=f"'{kind.__name__}' is not a device class"):
            Hotunplug.of(kind, "ua-1")
    with pytest.raises(ValueError, match="holds one device, this one 0"):
        Hotplug().device
    with pytest.raises(ValueError, match="has no alias"):
        from_xml("<hotunplug><devices><disk/></devices></hotunplug>", Hotunplug).alias
    two = "<hotplug><devices><disk/><disk/></devices></hotplug>"
    with pytest.raises(ValueError, match="this one 2"):
        from_xml(two, Hotplug).device
    with pytest.raises(MappingError):
        from_xml("<hotplug><devices/><bogus/></hotplug>", Hotplug, unknown="error")

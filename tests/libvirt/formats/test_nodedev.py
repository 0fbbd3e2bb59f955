"""`<device>` (formatnode): libvirt's own node device documents come back losslessly and
typed throughout; entities built in code write the expected XML, which libvirt 11.3's
schema accepts; mutated documents keep the contract (issue #21)."""
from __future__ import annotations

import enum

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from mapping import MappingError, ParseError, SerializeError, from_dict, from_xml, to_dict
from tests.xmlassert import to_xml
from mapping.compare import first_difference
from mapping.core.xmlio import parse_document
from mapping.libvirt.devices.address import PciAddress
from mapping.libvirt.nodedev import (CAPABILITIES, ApCardCapability, ApMatrixCapability,
                                     ApQueueCapability, CcwCapability, CcwDeviceAddress,
                                     CcwGroupCapability, CcwGroupDevice, CcwGroupMember,
                                     CcwGroupMembers, CcwState, CssCapability, Devnode,
                                     DevnodeType, DrmCapability, DrmType, MdevAttribute,
                                     MdevCapability, NodeDevice, Parent, QethGeneric,
                                     QethLayer2, QethLayer3, VdpaCapability)
from mapping.libvirt.nodedev_caps import (
    NET_CAPABILITIES, PCI_CAPABILITIES, SCSI_HOST_CAPABILITIES, STORAGE_CAPABILITIES,
    VPD_FIELDS, CardbusBridge, FcHost, FcRemotePort, Hotpluggable, IommuGroup, MdevDeviceApi,
    MdevType, MdevTypes, NamedId, Net80203, Net80211, NetDeviceCapability, NetFeature,
    NetFeatureName, NetLink, NetLinkState, PciBridge, PciDeviceCapability, PciExpress,
    PciNuma, PcieLink, PcieLinkValidity, PhysFunction, RemovableMedia, ScsiCapability,
    ScsiGenericCapability, ScsiHostDeviceCapability, ScsiTargetCapability,
    StorageDeviceCapability, SystemCapability, SystemFirmware, SystemHardware,
    UsbDeviceCapability, UsbInterfaceCapability, VirtFunctions, VportOps, Vpd, VpdField,
    VpdReadOnlyFields, VpdReadWriteFields, VpdSystemField)
from tests.conftest import formats_path, formats_rows, require_formats
from tests.libvirt.formats import contract
from tests.libvirt.formats.test_network_fuzz import SETTINGS, _mutate, refused_or_kept
from tests.xmlassert import assert_xml_equal

ROOT = "device"
ROWS = formats_rows((ROOT,))
VALID = [row for row in ROWS if row["libvirt_rng"] == "valid"]
INVALID = [row for row in ROWS if row["libvirt_rng"] != "valid"]

UUID = "4b5e8c2a-9f31-4d6e-a0b7-c1d2e3f40516"
MDEV_UUID = "7a1c3e5f-2b4d-4f60-8a9c-b1d3e5f70819"


_params = contract.params


# -- the corpus ----------------------------------------------------------------------------

@pytest.mark.corpus
def test_corpus_has_the_node_devices():
    require_formats()
    assert len(ROWS) >= 95 and len(INVALID) >= 3, (len(ROWS), len(INVALID))
    kinds = {parse_document(formats_path(row).read_bytes()).find("capability").get("type")
             for row in ROWS}
    assert kinds <= set(CAPABILITIES) and len(kinds) >= 16, kinds


@pytest.mark.corpus
@_params(ROWS)
def test_document_comes_back_losslessly(row):
    require_formats()
    device = contract.assert_lossless(row, NodeDevice)
    assert from_dict(to_dict(device), NodeDevice) == device


NESTED = {PciDeviceCapability: PCI_CAPABILITIES, ScsiHostDeviceCapability: SCSI_HOST_CAPABILITIES,
          NetDeviceCapability: NET_CAPABILITIES, StorageDeviceCapability: STORAGE_CAPABILITIES}


@pytest.mark.corpus
@_params(VALID)
def test_schema_valid_document_is_typed_throughout(row):
    require_formats()
    data = formats_path(row).read_bytes()
    strict = contract.assert_typed_throughout(data, NodeDevice)
    tops = parse_document(data).findall("capability")
    assert [type(cap) for cap in strict.capabilities] == [
        CAPABILITIES[top.get("type")] for top in tops]
    assert strict.capability is strict.capabilities[0]
    for cap, top in zip(strict.capabilities, tops):
        nested = getattr(cap, "capabilities", None)
        if nested is not None:
            assert [type(sub) for sub in nested] == [
                NESTED[type(cap)][sub.get("type")] for sub in top.findall("capability")]


@pytest.mark.corpus
def test_typed_share():
    require_formats()
    contract.assert_typed_share(VALID)


@pytest.mark.corpus
@_params(INVALID)
def test_document_libvirt_refuses_is_kept_and_fails_the_schema(row):
    """The `-invalid` documents (a CCW device number past 0xffff) are kept as they are,
    typed: the codecs read them, and libvirt's schema is what refuses them."""
    require_formats()
    data = formats_path(row).read_bytes()
    device = from_xml(data, NodeDevice, unknown="error")
    assert first_difference(data, to_xml(device)) is None
    (cap,) = device.capabilities
    assert cap.devno == 0x10000 or cap.channel_dev_addr.devno == 0x10000
    schema = _schema()
    assert not schema.validate(parse_document(data))
    assert not schema.validate(parse_document(to_xml(device)))


@pytest.mark.corpus
def test_parsed_values_are_typed():
    require_formats()

    def read(name: str) -> NodeDevice:
        row = next(r for r in VALID if r["dir"] == "nodedevschemadata" and r["file"] == name)
        return from_xml(formats_path(row).read_bytes(), NodeDevice)

    pci = read("pci_0000_02_10_7_sriov_pf_vfs_all_header_type.xml").capability
    assert [type(cap) for cap in pci.capabilities] == [PhysFunction, VirtFunctions, PciBridge]
    assert pci.capabilities[0].address == _pci(0, 2, 0, 1)
    assert pci.capabilities[1].max_count == 7 and pci.capabilities[1].addresses[3].function == 5
    assert pci.product.id == 0x10CA and pci.pci_class == 0xFFFFFF and pci.slot == 16
    assert pci.pci_express.links[1].validity is PcieLinkValidity.STA
    hba = read("hba_vport_ops.xml").capability
    assert [type(cap) for cap in hba.capabilities] == [FcHost, VportOps]
    assert hba.capabilities[1].max_vports == 254
    vpd = read("pci_0000_42_00_0_vpd.xml").capability.capabilities[1]
    assert type(vpd) is Vpd
    assert [type(fields) for fields in vpd.fields] == [VpdReadOnlyFields, VpdReadWriteFields]
    assert vpd.fields[1].system_fields[0].index == "B"
    drm = read("drm_renderD129.xml")
    assert drm.devnodes[1].type is DevnodeType.LINK and drm.capability.drm_type is DrmType.RENDER
    assert read("ap_07_0038.xml").capability.ap_domain == 0x38
    dvd = read("DVD_with_media.xml").capability.capabilities[0]
    assert dvd.media_available is True and dvd.num_blocks == 6028
    net = read("net_00_13_02_b9_f9_d3.xml").capability
    assert net.features[-1].name is NetFeatureName.SWITCHDEV
    assert net.capabilities == [Net80211()]


# -- built in code -------------------------------------------------------------------------

def _pci(domain: int, bus: int, slot: int, function: int) -> PciAddress:
    return PciAddress(domain=domain, bus=bus, slot=slot, function=function)


def _addr(bus: str, slot: str, function: str) -> str:
    return f"<address domain='0x0000' bus='0x{bus}' slot='0x{slot}' function='0x{function}'/>"


NIC = NodeDevice(
    name="pci_0000_03_00_0", path="/sys/devices/pci0000:00/0000:00:1c.0/0000:03:00.0",
    parent=Parent(name="pci_0000_00_1c_0"), driver="ixgbe",
    capabilities=[PciDeviceCapability(
        pci_class=0x020000, domain=0, bus=3, slot=0, function=0,
        product=NamedId(id=0x10FB, name="10G Network Connection"),
        vendor=NamedId(id=0x8086, name="Intel Corporation"),
        capabilities=[
            PhysFunction(address=_pci(0, 3, 0, 1)),
            VirtFunctions(max_count=63, addresses=[_pci(0, 3, 16, 0), _pci(0, 3, 16, 2)]),
            PciBridge(),
            MdevTypes(types=[
                MdevType(id="nic-vf-2", name="half", device_api=MdevDeviceApi.VFIO_PCI,
                         available_instances=2),
                MdevType(id="nic-vf-4", device_api=MdevDeviceApi.VFIO_PCI,
                         available_instances=0)]),
            Vpd(name="Dual port 10GbE adapter", fields=[
                VpdReadOnlyFields(change_level="A2", manufacture_id="ex", part_number="PN-0042",
                                  serial_number="SN0001",
                                  vendor_fields=[VpdField(index="0", value="x8 lanes"),
                                                 VpdField(index="Z", value="rev 3")]),
                VpdReadWriteFields(asset_tag="rack-7",
                                   vendor_fields=[VpdField(index="1", value="v1")],
                                   system_fields=[VpdSystemField(index="B", value="s1")])])],
        iommu_group=IommuGroup(number=17, addresses=[_pci(0, 3, 0, 0), _pci(0, 3, 0, 1)]),
        numa=PciNuma(node=1),
        pci_express=PciExpress(links=[
            PcieLink(validity=PcieLinkValidity.CAP, port=2, speed="5", width=8),
            PcieLink(validity=PcieLinkValidity.STA, speed="2.5", width=4)]))])

NIC_XML = (
    "<device><name>pci_0000_03_00_0</name>"
    "<path>/sys/devices/pci0000:00/0000:00:1c.0/0000:03:00.0</path>"
    "<parent>pci_0000_00_1c_0</parent><driver><name>ixgbe</name></driver>"
    "<capability type='pci'><class>0x020000</class><domain>0</domain><bus>3</bus>"
    "<slot>0</slot><function>0</function>"
    "<product id='0x10fb'>10G Network Connection</product>"
    "<vendor id='0x8086'>Intel Corporation</vendor>"
    f"<capability type='phys_function'>{_addr('03', '00', '1')}</capability>"
    f"<capability type='virt_functions' maxCount='63'>{_addr('03', '10', '0')}"
    f"{_addr('03', '10', '2')}</capability>"
    "<capability type='pci-bridge'/>"
    "<capability type='mdev_types'>"
    "<type id='nic-vf-2'><name>half</name><deviceAPI>vfio-pci</deviceAPI>"
    "<availableInstances>2</availableInstances></type>"
    "<type id='nic-vf-4'><deviceAPI>vfio-pci</deviceAPI>"
    "<availableInstances>0</availableInstances></type></capability>"
    "<capability type='vpd'><name>Dual port 10GbE adapter</name>"
    "<fields access='readonly'><change_level>A2</change_level>"
    "<manufacture_id>ex</manufacture_id><part_number>PN-0042</part_number>"
    "<serial_number>SN0001</serial_number><vendor_field index='0'>x8 lanes</vendor_field>"
    "<vendor_field index='Z'>rev 3</vendor_field></fields>"
    "<fields access='readwrite'><asset_tag>rack-7</asset_tag>"
    "<vendor_field index='1'>v1</vendor_field><system_field index='B'>s1</system_field>"
    "</fields></capability>"
    f"<iommuGroup number='17'>{_addr('03', '00', '0')}{_addr('03', '00', '1')}</iommuGroup>"
    "<numa node='1'/>"
    "<pci-express><link validity='cap' port='2' speed='5' width='8'/>"
    "<link validity='sta' speed='2.5' width='4'/></pci-express>"
    "</capability></device>")

ALL_FEATURES = [NetFeature(name=name) for name in NetFeatureName]

BUILT = [
    (NIC, NIC_XML),
    (NodeDevice(name="computer", capabilities=[SystemCapability(
        product="Workstation 9", hardware=SystemHardware(
            vendor="Example Corp", version="rev B", serial="S-1234", uuid=UUID),
        firmware=SystemFirmware(vendor="Example Corp", version="1.02",
                                release_date="03/14/2024"))]),
     "<device><name>computer</name><capability type='system'><product>Workstation 9</product>"
     "<hardware><vendor>Example Corp</vendor><version>rev B</version><serial>S-1234</serial>"
     f"<uuid>{UUID}</uuid></hardware><firmware><vendor>Example Corp</vendor>"
     "<version>1.02</version><release_date>03/14/2024</release_date></firmware>"
     "</capability></device>"),
    (NodeDevice(name="pci_0000_05_00_0", parent=Parent(name="computer"),
                capabilities=[PciDeviceCapability(
                    domain=0, bus=5, slot=0, function=0, product=NamedId(id=0x1234),
                    vendor=NamedId(id=0xABCD),
                    capabilities=[CardbusBridge()],
                    pci_express=PciExpress())]),
     "<device><name>pci_0000_05_00_0</name><parent>computer</parent><capability type='pci'>"
     "<domain>0</domain><bus>5</bus><slot>0</slot><function>0</function>"
     "<product id='0x1234'/><vendor id='0xabcd'/><capability type='cardbus-bridge'/>"
     "<pci-express/></capability></device>"),
    (NodeDevice(name="usb_usb2", parent=Parent(name="pci_0000_00_1d_0"),
                capabilities=[UsbDeviceCapability(
                    bus=2, device=1, product=NamedId(id=0x0002, name="2.0 root hub"),
                    vendor=NamedId(id=0x1D6B, name="Linux Foundation"))]),
     "<device><name>usb_usb2</name><parent>pci_0000_00_1d_0</parent>"
     "<capability type='usb_device'><bus>2</bus><device>1</device>"
     "<product id='0x0002'>2.0 root hub</product><vendor id='0x1d6b'>Linux Foundation</vendor>"
     "</capability></device>"),
    (NodeDevice(name="usb_2_0_1_0", parent=Parent(name="usb_usb2"),
                capabilities=[UsbInterfaceCapability(number=0, usb_class=9, subclass=0,
                                                  protocol=0, description="Hub")]),
     "<device><name>usb_2_0_1_0</name><parent>usb_usb2</parent><capability type='usb'>"
     "<number>0</number><class>9</class><subclass>0</subclass><protocol>0</protocol>"
     "<description>Hub</description></capability></device>"),
    (NodeDevice(name="net_eth0_52_54_00_12_34_56", path="/sys/devices/virtual/net/eth0",
                parent=Parent(name="pci_0000_03_00_0"),
                capabilities=[NetDeviceCapability(
                    interface="eth0", address="52:54:00:12:34:56",
                    link=NetLink(speed=10000, state=NetLinkState.UP), features=ALL_FEATURES,
                    capabilities=[Net80203()])]),
     "<device><name>net_eth0_52_54_00_12_34_56</name><path>/sys/devices/virtual/net/eth0</path>"
     "<parent>pci_0000_03_00_0</parent><capability type='net'><interface>eth0</interface>"
     "<address>52:54:00:12:34:56</address><link speed='10000' state='up'/>"
     + "".join(f"<feature name='{name.value}'/>" for name in NetFeatureName)
     + "<capability type='80203'/></capability></device>"),
    (NodeDevice(name="net_wlan0", capabilities=[NetDeviceCapability(
        interface="wlan0", capabilities=[Net80211()])]),
     "<device><name>net_wlan0</name><capability type='net'><interface>wlan0</interface>"
     "<capability type='80211'/></capability></device>"),
    (NodeDevice(name="scsi_host5", parent=Parent(name="pci_0000_06_00_1"),
                capabilities=[ScsiHostDeviceCapability(host=5, unique_id=3, capabilities=[
                    FcHost(wwnn="20000000c9831b4b", wwpn="10000000c9831b4b",
                           fabric_wwn="2002000573de9a81"),
                    VportOps(max_vports=127, vports=1)])]),
     "<device><name>scsi_host5</name><parent>pci_0000_06_00_1</parent>"
     "<capability type='scsi_host'><host>5</host><unique_id>3</unique_id>"
     "<capability type='fc_host'><wwnn>20000000c9831b4b</wwnn><wwpn>10000000c9831b4b</wwpn>"
     "<fabric_wwn>2002000573de9a81</fabric_wwn></capability>"
     "<capability type='vport_ops'><max_vports>127</max_vports><vports>1</vports>"
     "</capability></capability></device>"),
    (NodeDevice(name="scsi_host9", parent=Parent(wwnn="20000000c9831b4b",
                                                 wwpn="10000000c9831b4b"),
                capabilities=[ScsiHostDeviceCapability(host=9)]),
     "<device><name>scsi_host9</name>"
     "<parent wwnn='20000000c9831b4b' wwpn='10000000c9831b4b'/>"
     "<capability type='scsi_host'><host>9</host></capability></device>"),
    (NodeDevice(name="scsi_host10", parent=Parent(fabric_wwn="0x2002000573de9a81"),
                capabilities=[ScsiHostDeviceCapability(host=10)]),
     "<device><name>scsi_host10</name><parent fabric_wwn='0x2002000573de9a81'/>"
     "<capability type='scsi_host'><host>10</host></capability></device>"),
    (NodeDevice(name="scsi_target5_0_1", parent=Parent(name="scsi_host5"),
                capabilities=[ScsiTargetCapability(
                    target="target5:0:1",
                    fc_remote_port=FcRemotePort(rport="rport-5:0-1",
                                                wwpn="0x50060e801049e2c1"))]),
     "<device><name>scsi_target5_0_1</name><parent>scsi_host5</parent>"
     "<capability type='scsi_target'><target>target5:0:1</target>"
     "<capability type='fc_remote_port'><rport>rport-5:0-1</rport>"
     "<wwpn>0x50060e801049e2c1</wwpn></capability></capability></device>"),
    (NodeDevice(name="scsi_5_0_1_0", parent=Parent(name="scsi_target5_0_1"),
                capabilities=[ScsiCapability(host=5, bus=0, target=1, lun=0, scsi_type="disk")]),
     "<device><name>scsi_5_0_1_0</name><parent>scsi_target5_0_1</parent>"
     "<capability type='scsi'><host>5</host><bus>0</bus><target>1</target><lun>0</lun>"
     "<type>disk</type></capability></device>"),
    (NodeDevice(name="scsi_generic_sg2", parent=Parent(name="scsi_5_0_1_0"),
                capabilities=[ScsiGenericCapability(char="/dev/sg2")]),
     "<device><name>scsi_generic_sg2</name><parent>scsi_5_0_1_0</parent>"
     "<capability type='scsi_generic'><char>/dev/sg2</char></capability></device>"),
    (NodeDevice(name="block_sr0", devnodes=[
        Devnode(type=DevnodeType.DEV, path="/dev/sr0"),
        Devnode(type=DevnodeType.LINK, path="/dev/disk/by-id/ata-DVD_1234")],
        capabilities=[StorageDeviceCapability(
            block="/dev/sr0", bus="ata", drive_type="cdrom", model="DVD-RW", vendor="Example",
            serial="1234", capabilities=[
                RemovableMedia(media_available=True, media_size=4700000000,
                               media_label="BACKUP_2024", logical_block_size=2048,
                               num_blocks=2294921),
                Hotpluggable()])]),
     "<device><name>block_sr0</name><devnode type='dev'>/dev/sr0</devnode>"
     "<devnode type='link'>/dev/disk/by-id/ata-DVD_1234</devnode>"
     "<capability type='storage'><block>/dev/sr0</block><bus>ata</bus>"
     "<drive_type>cdrom</drive_type><model>DVD-RW</model><vendor>Example</vendor>"
     "<serial>1234</serial><capability type='removable'><media_available>1</media_available>"
     "<media_size>4700000000</media_size><media_label>BACKUP_2024</media_label>"
     "<logical_block_size>2048</logical_block_size><num_blocks>2294921</num_blocks>"
     "</capability><capability type='hotpluggable'/></capability></device>"),
    (NodeDevice(name="block_sda", capabilities=[StorageDeviceCapability(
        block="/dev/sda", drive_type="disk", size=500107862016, logical_block_size=512,
        num_blocks=976773168)]),
     "<device><name>block_sda</name><capability type='storage'><block>/dev/sda</block>"
     "<drive_type>disk</drive_type><size>500107862016</size>"
     "<logical_block_size>512</logical_block_size><num_blocks>976773168</num_blocks>"
     "</capability></device>"),
    (NodeDevice(name="block_sdb", capabilities=[StorageDeviceCapability(
        block="/dev/sdb", capabilities=[RemovableMedia(media_available=False, media_size=0)])]),
     "<device><name>block_sdb</name><capability type='storage'><block>/dev/sdb</block>"
     "<capability type='removable'><media_available>0</media_available>"
     "<media_size>0</media_size></capability></capability></device>"),
    (NodeDevice(name="mdev_" + MDEV_UUID.replace("-", "_"), parent=Parent(name="pci_0000_00_02_0"),
                capabilities=[MdevCapability(
                    mdev_type="i915-GVTg_V5_4", uuid=MDEV_UUID, parent_addr="0000:00:02.0",
                    iommu_group=4, attributes=[MdevAttribute(name="first", value="1"),
                                               MdevAttribute(name="second", value="two")])]),
     f"<device><name>mdev_{MDEV_UUID.replace('-', '_')}</name><parent>pci_0000_00_02_0</parent>"
     "<capability type='mdev'><type id='i915-GVTg_V5_4'/>"
     f"<uuid>{MDEV_UUID}</uuid><parent_addr>0000:00:02.0</parent_addr>"
     "<iommuGroup number='4'/><attr name='first' value='1'/><attr name='second' value='two'/>"
     "</capability></device>"),
    (NodeDevice(name="ccw_0_0_1000", parent=Parent(name="css_0_0_0010"),
                capabilities=[CcwCapability(
                    state=CcwState.ONLINE, cssid=0, ssid=0, devno=0x1000,
                    group_member=CcwGroupMember(group_device="ccwgroup_0_0_1000"))]),
     "<device><name>ccw_0_0_1000</name><parent>css_0_0_0010</parent>"
     "<capability type='ccw'><state>online</state><cssid>0x0</cssid><ssid>0x0</ssid>"
     "<devno>0x1000</devno><capability type='ccwgroup_member'>"
     "<group_device>ccwgroup_0_0_1000</group_device></capability></capability></device>"),
    (NodeDevice(name="ccw_0_1_0815", capabilities=[CcwCapability(
        state=CcwState.OFFLINE, cssid=0xFE, ssid=1, devno=0x0815)]),
     "<device><name>ccw_0_1_0815</name><capability type='ccw'><state>offline</state>"
     "<cssid>0xfe</cssid><ssid>0x1</ssid><devno>0x0815</devno></capability></device>"),
    (NodeDevice(name="ccwgroup_0_0_1000", capabilities=[CcwGroupCapability(
        state=CcwState.ONLINE, cssid=0, ssid=0, devno=0x1000,
        members=CcwGroupMembers(devices=[
            CcwGroupDevice(ref="ccw_0_0_1000", name="0.0.1000"),
            CcwGroupDevice(ref="ccw_0_0_1001", name="0.0.1001")]),
        group_type=QethLayer2(card_type="OSD_1000", chpid="01"))]),
     "<device><name>ccwgroup_0_0_1000</name><capability type='ccwgroup'>"
     "<state>online</state><cssid>0x0</cssid><ssid>0x0</ssid><devno>0x1000</devno>"
     "<members><ccw_device ref='ccw_0_0_1000'>0.0.1000</ccw_device>"
     "<ccw_device ref='ccw_0_0_1001'>0.0.1001</ccw_device></members>"
     "<capability type='qeth_layer2'><card_type>OSD_1000</card_type><chpid>01</chpid>"
     "</capability></capability></device>"),
    (NodeDevice(name="ccwgroup_0_0_2000", capabilities=[CcwGroupCapability(
        cssid=0, ssid=0, devno=0x2000, group_type=QethGeneric(card_type="OSD", chpid="02"))]),
     "<device><name>ccwgroup_0_0_2000</name><capability type='ccwgroup'>"
     "<cssid>0x0</cssid><ssid>0x0</ssid><devno>0x2000</devno>"
     "<capability type='qeth_generic'><card_type>OSD</card_type><chpid>02</chpid>"
     "</capability></capability></device>"),
    (NodeDevice(name="ccwgroup_0_0_3000", capabilities=[CcwGroupCapability(
        cssid=0, ssid=0, devno=0x3000, group_type=QethLayer3(card_type="HiperSockets",
                                                             chpid="fd"))]),
     "<device><name>ccwgroup_0_0_3000</name><capability type='ccwgroup'>"
     "<cssid>0x0</cssid><ssid>0x0</ssid><devno>0x3000</devno>"
     "<capability type='qeth_layer3'><card_type>HiperSockets</card_type><chpid>fd</chpid>"
     "</capability></capability></device>"),
    (NodeDevice(name="css_0_0_0010", path="/sys/devices/css0/0.0.0010",
                parent=Parent(name="computer"), capabilities=[CssCapability(
                    cssid=0, ssid=0, devno=0x0010,
                    channel_dev_addr=CcwDeviceAddress(cssid=0, ssid=0, devno=0x1000),
                    mdev_types=MdevTypes(types=[MdevType(
                        id="vfio_ccw-io", name="I/O subchannel",
                        device_api=MdevDeviceApi.VFIO_CCW, available_instances=1)]))]),
     "<device><name>css_0_0_0010</name><path>/sys/devices/css0/0.0.0010</path>"
     "<parent>computer</parent><capability type='css'><cssid>0x0</cssid><ssid>0x0</ssid>"
     "<devno>0x0010</devno><channel_dev_addr><cssid>0x0</cssid><ssid>0x0</ssid>"
     "<devno>0x1000</devno></channel_dev_addr><capability type='mdev_types'>"
     "<type id='vfio_ccw-io'><name>I/O subchannel</name><deviceAPI>vfio-ccw</deviceAPI>"
     "<availableInstances>1</availableInstances></type></capability></capability></device>"),
    (NodeDevice(name="vdpa_vdpa0", parent=Parent(name="pci_0000_04_00_2"),
                capabilities=[VdpaCapability(chardev="/dev/vhost-vdpa-0")]),
     "<device><name>vdpa_vdpa0</name><parent>pci_0000_04_00_2</parent>"
     "<capability type='vdpa'><chardev>/dev/vhost-vdpa-0</chardev></capability></device>"),
    (NodeDevice(name="ap_card0a", capabilities=[ApCardCapability(ap_adapter=0x0A)]),
     "<device><name>ap_card0a</name><capability type='ap_card'>"
     "<ap-adapter>0x0a</ap-adapter></capability></device>"),
    (NodeDevice(name="ap_0a_001b", parent=Parent(name="ap_card0a"),
                capabilities=[ApQueueCapability(ap_adapter=0x0A, ap_domain=0x1B)]),
     "<device><name>ap_0a_001b</name><parent>ap_card0a</parent>"
     "<capability type='ap_queue'><ap-adapter>0x0a</ap-adapter><ap-domain>0x001b</ap-domain>"
     "</capability></device>"),
    (NodeDevice(name="ap_matrix", capabilities=[ApMatrixCapability(mdev_types=MdevTypes(types=[
        MdevType(id="vfio_ap-passthrough", device_api=MdevDeviceApi.VFIO_AP,
                 available_instances=12)]))]),
     "<device><name>ap_matrix</name><capability type='ap_matrix'>"
     "<capability type='mdev_types'><type id='vfio_ap-passthrough'>"
     "<deviceAPI>vfio-ap</deviceAPI><availableInstances>12</availableInstances></type>"
     "</capability></capability></device>"),
    (NodeDevice(name="ap_matrix", capabilities=[ApMatrixCapability()]),
     "<device><name>ap_matrix</name><capability type='ap_matrix'/></device>"),
]

# One small device for each value of the enums the table above does not exhaust.
BUILT += [(NodeDevice(name=f"drm_{kind.value}", capabilities=[DrmCapability(drm_type=kind)]),
           f"<device><name>drm_{kind.value}</name><capability type='drm'>"
           f"<type>{kind.value}</type></capability></device>") for kind in DrmType]
BUILT += [(NodeDevice(name=f"net_{state.value}", capabilities=[NetDeviceCapability(
              interface="eth1", link=NetLink(state=state))]),
           f"<device><name>net_{state.value}</name><capability type='net'>"
           f"<interface>eth1</interface><link state='{state.value}'/></capability></device>")
          for state in NetLinkState]

# Two capabilities side by side, as the schema allows.
BUILT += [(NodeDevice(name="drm_vdpa", capabilities=[
    DrmCapability(drm_type=DrmType.RENDER), VdpaCapability(chardev="/dev/vhost-vdpa-1")]),
    "<device><name>drm_vdpa</name><capability type='drm'><type>render</type></capability>"
    "<capability type='vdpa'><chardev>/dev/vhost-vdpa-1</chardev></capability></device>")]

IDS = [f"{index}-{'+'.join(type(cap).__name__ for cap in entity.capabilities)}"
       for index, (entity, _) in enumerate(BUILT)]


@pytest.mark.parametrize(("entity", "xml"), BUILT, ids=IDS)
def test_built_entity_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), BUILT, ids=IDS)
def test_xml_parses_to_entity_strictly(entity, xml):
    assert from_xml(xml, NodeDevice, unknown="error") == entity


@pytest.mark.parametrize(("entity", "xml"), BUILT, ids=IDS)
def test_json_round_trip_keeps_unions_and_lists(entity, xml):
    assert from_dict(to_dict(entity), NodeDevice) == entity


def _schema() -> etree.RelaxNG:
    return contract.reference_schema("nodedev.rng")


@pytest.mark.parametrize(("entity", "xml"), BUILT, ids=IDS)
def test_written_xml_is_valid_against_libvirt_schema(entity, xml):
    schema = _schema()
    document = etree.fromstring(to_xml(entity).encode())
    assert schema.validate(document), schema.error_log


def _values(value, seen: list) -> None:
    """Every value reachable from an entity: enum members and entity classes."""
    seen.append(value)
    if isinstance(value, list):
        for item in value:
            _values(item, seen)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            if name != "extras":
                _values(getattr(value, name), seen)


def test_every_capability_type_and_enum_value_is_built():
    seen: list = []
    for entity, _ in BUILT:
        _values(entity, seen)
    classes = {type(value) for value in seen}
    for table in (CAPABILITIES, PCI_CAPABILITIES, SCSI_HOST_CAPABILITIES, NET_CAPABILITIES,
                  STORAGE_CAPABILITIES, VPD_FIELDS):
        assert set(table.values()) <= classes, set(table.values()) - classes
    assert {FcRemotePort, CcwGroupMember, QethGeneric, QethLayer2, QethLayer3} <= classes
    assert any(len(entity.capabilities) > 1 for entity, _ in BUILT)
    members = {value for value in seen if isinstance(value, enum.Enum)}
    for enum_type in (DevnodeType, DrmType, CcwState, MdevDeviceApi, PcieLinkValidity,
                      NetLinkState, NetFeatureName):
        assert set(enum_type) <= members, enum_type


def test_each_nested_capability_holds_only_the_fields_of_its_type():
    """A kind's class has no `type` field (its class says it) and none of another kind's."""
    for table in (CAPABILITIES, PCI_CAPABILITIES, SCSI_HOST_CAPABILITIES, NET_CAPABILITIES,
                  STORAGE_CAPABILITIES, VPD_FIELDS):
        for cls in table.values():
            assert "type" not in cls.__dataclass_fields__, cls
            assert "access" not in cls.__dataclass_fields__, cls
    assert set(PhysFunction.__dataclass_fields__) == {"address", "extras"}
    assert set(VirtFunctions.__dataclass_fields__) == {"max_count", "addresses", "extras"}
    assert set(PciBridge.__dataclass_fields__) == set(Hotpluggable.__dataclass_fields__) \
        == set(Net80203.__dataclass_fields__) == {"extras"}
    assert set(FcHost.__dataclass_fields__) == {"wwnn", "wwpn", "fabric_wwn", "extras"}
    assert set(VportOps.__dataclass_fields__) == {"max_vports", "vports", "extras"}


# -- edge cases ----------------------------------------------------------------------------

TWO_CAPABILITIES = (
    "<device><name>both</name><capability type='drm'><type>render</type></capability>"
    "<capability type='vdpa'><chardev>/dev/vhost-vdpa-1</chardev></capability></device>")


def test_a_device_with_two_capabilities_reads_both():
    """libvirt's schema lets a device list several capabilities (none it reports does):
    each is typed, in document order; `capability` is the first."""
    device = from_xml(TWO_CAPABILITIES, NodeDevice, unknown="error")
    assert device.capabilities == [DrmCapability(drm_type=DrmType.RENDER),
                                   VdpaCapability(chardev="/dev/vhost-vdpa-1")]
    assert device.capability is device.capabilities[0]
    assert first_difference(TWO_CAPABILITIES, to_xml(device)) is None
    assert from_dict(to_dict(device), NodeDevice) == device
    assert to_dict(device)["capabilities"][1] == {"type": "vdpa", "chardev": "/dev/vhost-vdpa-1"}
    assert _schema().validate(parse_document(to_xml(device)))
    built = NodeDevice(name="both", capabilities=list(device.capabilities))
    assert_xml_equal(TWO_CAPABILITIES, to_xml(built))


def test_capability_is_the_first_or_none_and_read_only():
    assert NodeDevice().capability is None
    assert NodeDevice(capabilities=[VdpaCapability(), DrmCapability()]).capability \
        == VdpaCapability()
    with pytest.raises(AttributeError):
        NodeDevice().capability = DrmCapability()
    with pytest.raises(TypeError):
        NodeDevice(capability=DrmCapability())


def test_an_unknown_capability_between_two_is_kept_in_place():
    xml = ("<device><name>d</name><capability type='drm'><type>card</type></capability>"
           "<capability type='future'><thing/></capability>"
           "<capability type='vdpa'><chardev>/dev/v</chardev></capability></device>")
    device = from_xml(xml, NodeDevice)
    assert [type(cap) for cap in device.capabilities] == [DrmCapability, VdpaCapability]
    assert first_difference(xml, to_xml(device)) is None
    with pytest.raises(ParseError, match=r"/device/capability\[2\]: unknown element"):
        from_xml(xml, NodeDevice, unknown="error")


@pytest.mark.parametrize("xml", [
    "<device><name>d</name><capability type='drm'><type>accel</type></capability></device>",
    "<device><name>d</name><devnode type='alias'>/dev/x</devnode></device>",
    "<device><name>d</name><capability type='net'><interface>e</interface>"
    "<link state='flapping'/><feature name='gso-partial'/></capability></device>",
    "<device><name>d</name><capability type='ccw'><state>standby</state><cssid>0x0</cssid>"
    "<ssid>0x0</ssid><devno>0x0001</devno></capability></device>",
])
def test_values_from_a_newer_libvirt_are_kept(xml):
    device = from_xml(xml, NodeDevice, unknown="error")
    assert first_difference(xml, to_xml(device)) is None


@pytest.mark.parametrize("xml", [
    "<device><name>d</name><capability type='future'><thing/></capability></device>",
    "<device><name>d</name><capability type='ap_matrix'><capability type='later'/>"
    "</capability></device>",
    "<device><name>d</name><capability type='scsi_target'><target>t</target>"
    "<capability type='iscsi_session'/></capability></device>",
    "<device><name>d</name><capability type='mdev'><type id='x'/><extra/></capability>"
    "</device>",
    "<device><name>d</name><parent color='red'>p</parent></device>",
    # a nested capability of a kind not modelled (its content is not known either)
    "<device><name>d</name><capability type='net'><interface>e</interface>"
    "<capability type='80215'/></capability></device>",
    "<device><name>d</name><capability type='pci'><domain>0</domain><bus>0</bus><slot>0</slot>"
    "<function>0</function><product id='0x1'/><vendor id='0x2'/>"
    "<capability type='pasid'/></capability></device>",
    "<device><name>d</name><capability type='scsi_host'><host>1</host>"
    "<capability type='nvme_host'/></capability></device>",
    "<device><name>d</name><capability type='storage'><block>/dev/x</block>"
    "<capability type='ejectable'/></capability></device>",
    "<device><name>d</name><capability type='pci'><capability type='vpd'><name>n</name>"
    "<fields access='writeonly'/></capability></capability></device>",
    # a field of one kind under another
    "<device><name>d</name><capability type='scsi_host'><host>1</host>"
    "<capability type='vport_ops'><wwnn>20000000c9831b4b</wwnn></capability>"
    "</capability></device>",
    "<device><name>d</name><capability type='pci'><capability type='phys_function' "
    "maxCount='3'/></capability></device>",
])
def test_unmodelled_xml_is_kept_and_refused_strictly(xml):
    assert first_difference(xml, to_xml(from_xml(xml, NodeDevice))) is None
    with pytest.raises(MappingError):
        from_xml(xml, NodeDevice, unknown="error")


@pytest.mark.parametrize(("xml", "where"), [
    ("<device><name>d</name><capability type='pci'><domain>zero</domain></capability>"
     "</device>", "PciDeviceCapability.domain"),
    ("<device><name>d</name><capability type='pci'><product id='0xzz'/></capability>"
     "</device>", "NamedId.id"),
    ("<device><name>d</name><capability type='pci'><iommuGroup number='twelve'/></capability>"
     "</device>", "IommuGroup.number"),
    ("<device><name>d</name><capability type='storage'><capability type='removable'>"
     "<media_available>yes</media_available></capability></capability></device>",
     "RemovableMedia.media_available"),
    ("<device><name>d</name><capability type='pci'><capability type='virt_functions' "
     "maxCount='many'/></capability></device>", "VirtFunctions.max_count"),
    ("<device><name>d</name><capability type='scsi_host'><capability type='vport_ops'>"
     "<vports>some</vports></capability></capability></device>", "VportOps.vports"),
    ("<device><name>d</name><capability type='ap_card'><ap-adapter>-1</ap-adapter>"
     "</capability></device>", "ApCardCapability.ap_adapter"),
    ("<device><name>d</name><capability type='mdev'><iommuGroup number='g'/></capability>"
     "</device>", "MdevCapability.iommu_group"),
    ("<device><name>d</name><capability type='css'><devno>0xgg</devno></capability>"
     "</device>", "CssCapability.devno"),
])
def test_bad_values_are_parse_errors_naming_the_field(xml, where):
    with pytest.raises(ParseError, match=where):
        from_xml(xml, NodeDevice)


@pytest.mark.parametrize(("entity", "where"), [
    (NodeDevice(name=5), "NodeDevice.name"),
    (NodeDevice(capabilities=[ApQueueCapability(ap_domain=-3)]), r"NodeDevice.capabilities"),
    (NodeDevice(capabilities=[PciDeviceCapability(capabilities=[VirtFunctions(max_count="7")])]),
     r"NodeDevice.capabilities"),
    (NodeDevice(capabilities=[NamedId(id=1)]),
     r"NodeDevice\.capabilities\[0\]: NamedId is not a variant"),
    (NodeDevice(capabilities=[PciDeviceCapability(capabilities=[FcHost()])]),
     r"NodeDevice\.capabilities\[0\]\.capabilities\[0\]: FcHost is not a variant"),
    (NodeDevice(capabilities=[DrmCapability(), "vdpa"]),
     r"NodeDevice\.capabilities\[1\]: str is not a variant"),
    (NodeDevice(devnodes=[Devnode(type=3)]), r"NodeDevice.devnodes"),
])
def test_wrong_types_are_serialize_errors_naming_the_field(entity, where):
    with pytest.raises(SerializeError, match=where):
        to_xml(entity)


# -- the mutation contract -----------------------------------------------------------------

SEEDS = [formats_path(row).read_bytes() for row in ROWS[::3]] or [NIC_XML.encode()]


@pytest.mark.corpus
@SETTINGS
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_document_is_refused_or_kept_losslessly(seed, choice):
    refused_or_kept(_mutate(seed, choice))

"""Every key VDSM keeps in the `ovirt-vm:vm` block and its `ovirt-vm:device` entries is
typed: VDSM-shaped snippets parse into typed fields (with `unknown="error"` too), write
back equal, and entities built in code are written in VDSM's shape."""
from __future__ import annotations

import pytest

from mapping import from_xml
from mapping.core import ParseError, describe
from mapping.libvirt.metadata import Metadata
from mapping.ovirt.metadata import (BOOL, CdromChange, ChangeState, DeviceAddress,
                                    DeviceMetadata, DiskAuth, DiskHost, DiskHosts,
                                    DiskPayload, DiskReplica, IoTune, IoTuneDevice,
                                    IoTuneLimits, PayloadFile, TuneQos, VmMetadata,
                                    VolumeChain, VolumeChainNode)
from mapping.ovirt.metadata_disk import __all__ as DISK_NAMES
from tests.xmlassert import assert_xml_equal, to_xml

NS = "http://ovirt.org/vm/1.0"
SD = "5e6a1b2c-0d4f-4a8e-9b3c-1f2e3d4c5b01"
POOL = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e101"
IMAGE = "7c6b5a49-3827-4165-9f8e-7d6c5b4a3901"
VOLUME = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01"
NEW_SD = "5e6a1b2c-0d4f-4a8e-9b3c-1f2e3d4c5b02"
NEW_VOLUME = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c02"
NEW_PATH = f"/rhev/data-center/mnt/blockSD/{NEW_SD}/images/{IMAGE}/{NEW_VOLUME}"


def _metadata(inner: str) -> str:
    """`inner` as VDSM's block inside `<metadata>`, as a domain holds it."""
    return (f"<metadata><ovirt-vm:vm xmlns:ovirt-vm='{NS}'>{inner}</ovirt-vm:vm>"
            f"</metadata>")


def _parsed(doc: str) -> VmMetadata:
    """The block of a `<metadata>` snippet, read typed throughout (nothing unknown), and
    checked to write back equal, in place and alone."""
    metadata = from_xml(doc, Metadata)
    metadata.get(VmMetadata, unknown="error")   # (refuses anything not typed)
    vm = metadata.get(VmMetadata)
    assert_xml_equal(to_xml(vm), metadata.raw(f"{{{NS}}}vm"))
    metadata.set(vm)
    assert_xml_equal(to_xml(metadata, tag="metadata"), doc)
    assert from_xml(to_xml(vm), VmMetadata) == vm
    return vm


def _device(inner: str, attrs: str = 'devtype="disk" name="vda"') -> DeviceMetadata:
    vm = _parsed(_metadata(f"<ovirt-vm:device {attrs}>{inner}</ovirt-vm:device>"))
    (device,) = vm.devices
    return device


def _written(entity: object, expected: str) -> None:
    """`entity` is written as `expected` and reads back as itself."""
    xml = to_xml(entity)
    assert_xml_equal(xml, expected)
    assert from_xml(xml, type(entity), unknown="error") == entity


# -- payload ------------------------------------------------------------------------

PAYLOAD = """
  <ovirt-vm:payload>
    <ovirt-vm:volId>config-2</ovirt-vm:volId>
    <ovirt-vm:file path="openstack/latest/meta_data.json">eyJ1dWlkIjogIngifQ==</ovirt-vm:file>
    <ovirt-vm:file path="openstack/latest/user_data">I2Nsb3VkLWNvbmZpZwo=</ovirt-vm:file>
  </ovirt-vm:payload>"""


def test_payload_of_a_cdrom():
    device = _device(PAYLOAD, 'devtype="disk" name="hdd"')
    assert device.payload.vol_id == "config-2"
    assert [(f.path, f.content) for f in device.payload.files] == [
        ("openstack/latest/meta_data.json", "eyJ1dWlkIjogIngifQ=="),
        ("openstack/latest/user_data", "I2Nsb3VkLWNvbmZpZwo=")]


def test_payload_built_in_code_is_written_as_vdsm_does():
    device = DeviceMetadata(devtype="disk", name="fda", device="floppy", payload=DiskPayload(
        files=[PayloadFile(path="unattend.xml", content="PFVuYXR0ZW5kLz4=")]))
    _written(device, f"""
        <ovirt-vm:device xmlns:ovirt-vm="{NS}" devtype="disk" name="fda">
          <ovirt-vm:device>floppy</ovirt-vm:device>
          <ovirt-vm:payload>
            <ovirt-vm:file path="unattend.xml">PFVuYXR0ZW5kLz4=</ovirt-vm:file>
          </ovirt-vm:payload>
        </ovirt-vm:device>""")


# -- diskReplicate ------------------------------------------------------------------

REPLICA = f"""
  <ovirt-vm:domainID>{SD}</ovirt-vm:domainID>
  <ovirt-vm:volumeID>{VOLUME}</ovirt-vm:volumeID>
  <ovirt-vm:diskReplicate>
    <ovirt-vm:cache>none</ovirt-vm:cache>
    <ovirt-vm:device>disk</ovirt-vm:device>
    <ovirt-vm:diskType>block</ovirt-vm:diskType>
    <ovirt-vm:domainID>{NEW_SD}</ovirt-vm:domainID>
    <ovirt-vm:format>cow</ovirt-vm:format>
    <ovirt-vm:imageID>{IMAGE}</ovirt-vm:imageID>
    <ovirt-vm:path>{NEW_PATH}</ovirt-vm:path>
    <ovirt-vm:poolID>{POOL}</ovirt-vm:poolID>
    <ovirt-vm:propagateErrors>off</ovirt-vm:propagateErrors>
    <ovirt-vm:volumeID>{NEW_VOLUME}</ovirt-vm:volumeID>
    <ovirt-vm:volumeChain>
      <ovirt-vm:volumeChainNode>
        <ovirt-vm:domainID>{NEW_SD}</ovirt-vm:domainID>
        <ovirt-vm:imageID>{IMAGE}</ovirt-vm:imageID>
        <ovirt-vm:leaseOffset type="int">113246208</ovirt-vm:leaseOffset>
        <ovirt-vm:leasePath>/dev/{NEW_SD}/leases</ovirt-vm:leasePath>
        <ovirt-vm:path>{NEW_PATH}</ovirt-vm:path>
        <ovirt-vm:volumeID>{NEW_VOLUME}</ovirt-vm:volumeID>
      </ovirt-vm:volumeChainNode>
    </ovirt-vm:volumeChain>
  </ovirt-vm:diskReplicate>"""


def test_replica_of_a_live_storage_migration():
    device = _device(REPLICA)
    assert device.domain_id == SD and device.volume_id == VOLUME
    replica = device.disk_replicate
    assert (replica.domain_id, replica.pool_id, replica.image_id, replica.volume_id) == (
        NEW_SD, POOL, IMAGE, NEW_VOLUME)
    assert (replica.cache, replica.device, replica.disk_type, replica.format,
            replica.propagate_errors) == ("none", "disk", "block", "cow", "off")
    assert replica.path.endswith(NEW_VOLUME)
    assert replica.volume_chain.nodes[0].lease_offset == 113246208


def test_replica_built_in_code_is_written_as_vdsm_does():
    replica = DiskReplica(device="disk", format="cow", cache="none", propagate_errors="off",
                          domain_id=NEW_SD, pool_id=POOL, image_id=IMAGE,
                          volume_id=NEW_VOLUME, disk_type="file", path="/rhev/x",
                          volume_chain=VolumeChain(nodes=[VolumeChainNode(lease_offset=0)]))
    device = DeviceMetadata(devtype="disk", name="sda", volume_id=VOLUME,
                            disk_replicate=replica)
    _written(device, f"""
        <ovirt-vm:device xmlns:ovirt-vm="{NS}" devtype="disk" name="sda">
          <ovirt-vm:volumeID>{VOLUME}</ovirt-vm:volumeID>
          <ovirt-vm:diskReplicate>
            <ovirt-vm:cache>none</ovirt-vm:cache>
            <ovirt-vm:device>disk</ovirt-vm:device>
            <ovirt-vm:diskType>file</ovirt-vm:diskType>
            <ovirt-vm:domainID>{NEW_SD}</ovirt-vm:domainID>
            <ovirt-vm:format>cow</ovirt-vm:format>
            <ovirt-vm:imageID>{IMAGE}</ovirt-vm:imageID>
            <ovirt-vm:path>/rhev/x</ovirt-vm:path>
            <ovirt-vm:poolID>{POOL}</ovirt-vm:poolID>
            <ovirt-vm:propagateErrors>off</ovirt-vm:propagateErrors>
            <ovirt-vm:volumeID>{NEW_VOLUME}</ovirt-vm:volumeID>
            <ovirt-vm:volumeChain><ovirt-vm:volumeChainNode>
              <ovirt-vm:leaseOffset type="int">0</ovirt-vm:leaseOffset>
            </ovirt-vm:volumeChainNode></ovirt-vm:volumeChain>
          </ovirt-vm:diskReplicate>
        </ovirt-vm:device>""")


# -- a network disk: hosts, auth ----------------------------------------------------

NETWORK_DISK = """
  <ovirt-vm:device>disk</ovirt-vm:device>
  <ovirt-vm:diskType>network</ovirt-vm:diskType>
  <ovirt-vm:path>rbd-pool/volume-0001</ovirt-vm:path>
  <ovirt-vm:protocol>rbd</ovirt-vm:protocol>
  <ovirt-vm:auth>
    <ovirt-vm:type>ceph</ovirt-vm:type>
    <ovirt-vm:username>cinder</ovirt-vm:username>
    <ovirt-vm:uuid>9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b01</ovirt-vm:uuid>
  </ovirt-vm:auth>
  <ovirt-vm:hosts>
    <ovirt-vm:hostInfo>
      <ovirt-vm:name>10.35.1.11</ovirt-vm:name>
      <ovirt-vm:port>6789</ovirt-vm:port>
      <ovirt-vm:transport>tcp</ovirt-vm:transport>
    </ovirt-vm:hostInfo>
    <ovirt-vm:hostInfo>
      <ovirt-vm:name>10.35.1.12</ovirt-vm:name>
      <ovirt-vm:port>6789</ovirt-vm:port>
      <ovirt-vm:transport>tcp</ovirt-vm:transport>
    </ovirt-vm:hostInfo>
  </ovirt-vm:hosts>"""


def test_hosts_and_auth_of_a_network_disk():
    device = _device(NETWORK_DISK)
    assert (device.disk_type, device.protocol, device.path) == (
        "network", "rbd", "rbd-pool/volume-0001")
    assert device.auth == DiskAuth(type="ceph", username="cinder",
                                   uuid="9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b01")
    assert [(h.name, h.port, h.transport) for h in device.hosts.hosts] == [
        ("10.35.1.11", "6789", "tcp"), ("10.35.1.12", "6789", "tcp")]


def test_gluster_hosts_built_in_code_are_written_as_vdsm_does():
    device = DeviceMetadata(devtype="disk", name="vdb", auth=DiskAuth(username="u"),
                            hosts=DiskHosts(hosts=[
                                DiskHost(name="gluster1", port="0", transport="tcp"),
                                DiskHost(socket="/run/glusterd.sock", transport="unix")]))
    _written(device, f"""
        <ovirt-vm:device xmlns:ovirt-vm="{NS}" devtype="disk" name="vdb">
          <ovirt-vm:auth><ovirt-vm:username>u</ovirt-vm:username></ovirt-vm:auth>
          <ovirt-vm:hosts>
            <ovirt-vm:hostInfo>
              <ovirt-vm:name>gluster1</ovirt-vm:name>
              <ovirt-vm:port>0</ovirt-vm:port>
              <ovirt-vm:transport>tcp</ovirt-vm:transport>
            </ovirt-vm:hostInfo>
            <ovirt-vm:hostInfo>
              <ovirt-vm:socket>/run/glusterd.sock</ovirt-vm:socket>
              <ovirt-vm:transport>unix</ovirt-vm:transport>
            </ovirt-vm:hostInfo>
          </ovirt-vm:hosts>
        </ovirt-vm:device>""")


# -- change (a CD change under way) -------------------------------------------------

def test_cd_being_loaded():
    device = _device(f"""
      <ovirt-vm:change>
        <ovirt-vm:domainID>{SD}</ovirt-vm:domainID>
        <ovirt-vm:imageID>{IMAGE}</ovirt-vm:imageID>
        <ovirt-vm:poolID>{POOL}</ovirt-vm:poolID>
        <ovirt-vm:state>loading</ovirt-vm:state>
        <ovirt-vm:volumeID>{VOLUME}</ovirt-vm:volumeID>
      </ovirt-vm:change>""", 'devtype="disk" name="sdc"')
    assert device.change == CdromChange(domain_id=SD, image_id=IMAGE, pool_id=POOL,
                                        state=ChangeState.LOADING, volume_id=VOLUME)


def test_cd_being_ejected_built_in_code():
    device = DeviceMetadata(devtype="disk", name="sdc",
                            change=CdromChange(state=ChangeState.EJECTING))
    _written(device, f"""
        <ovirt-vm:device xmlns:ovirt-vm="{NS}" devtype="disk" name="sdc">
          <ovirt-vm:change><ovirt-vm:state>ejecting</ovirt-vm:state></ovirt-vm:change>
        </ovirt-vm:device>""")


# -- a drive's own keys, as VDSM wrote an older engine's device dict -----------------

LEGACY_LUN = """
  <ovirt-vm:GUID>36001405e9bebaa680864c98a280e6544</ovirt-vm:GUID>
  <ovirt-vm:bootOrder>2</ovirt-vm:bootOrder>
  <ovirt-vm:device>lun</ovirt-vm:device>
  <ovirt-vm:deviceId>07749931-667c-4388-8ba5-4f63ad84a0d7</ovirt-vm:deviceId>
  <ovirt-vm:discard type="bool">False</ovirt-vm:discard>
  <ovirt-vm:format>raw</ovirt-vm:format>
  <ovirt-vm:iface>scsi</ovirt-vm:iface>
  <ovirt-vm:index type="int">1</ovirt-vm:index>
  <ovirt-vm:optional>false</ovirt-vm:optional>
  <ovirt-vm:propagateErrors>off</ovirt-vm:propagateErrors>
  <ovirt-vm:readonly>false</ovirt-vm:readonly>
  <ovirt-vm:serial>54-a672-23e5b495a9ea</ovirt-vm:serial>
  <ovirt-vm:sgio>unfiltered</ovirt-vm:sgio>
  <ovirt-vm:shared>false</ovirt-vm:shared>
  <ovirt-vm:type>disk</ovirt-vm:type>
  <ovirt-vm:address>
    <ovirt-vm:bus>0</ovirt-vm:bus>
    <ovirt-vm:controller>0</ovirt-vm:controller>
    <ovirt-vm:target>0</ovirt-vm:target>
    <ovirt-vm:type>drive</ovirt-vm:type>
    <ovirt-vm:unit>1</ovirt-vm:unit>
  </ovirt-vm:address>
  <ovirt-vm:vm_custom>
    <ovirt-vm:viodiskcache>writethrough</ovirt-vm:viodiskcache>
  </ovirt-vm:vm_custom>"""


def test_drive_keys_of_a_device_dict():
    device = _device(LEGACY_LUN, 'devtype="disk" name="sdb"')
    assert device.guid == "36001405e9bebaa680864c98a280e6544"
    assert (device.boot_order, device.device, device.format, device.iface) == (
        "2", "lun", "raw", "scsi")
    assert device.device_id == "07749931-667c-4388-8ba5-4f63ad84a0d7"
    assert device.discard is False and device.index == 1
    assert (device.optional, device.readonly, device.shared, device.type) == (
        "false", "false", "false", "disk")
    assert (device.serial, device.sgio, device.propagate_errors) == (
        "54-a672-23e5b495a9ea", "unfiltered", "off")
    assert device.address == DeviceAddress(bus="0", controller="0", target="0",
                                           type="drive", unit="1")
    assert device.vm_custom == {"viodiskcache": "writethrough"}


def test_an_index_written_as_text_stays_text():
    device = _device("<ovirt-vm:index>0</ovirt-vm:index>"
                     "<ovirt-vm:address><ovirt-vm:bus>0x00</ovirt-vm:bus>"
                     "<ovirt-vm:domain>0x0000</ovirt-vm:domain>"
                     "<ovirt-vm:function>0x0</ovirt-vm:function>"
                     "<ovirt-vm:slot>0x05</ovirt-vm:slot>"
                     "<ovirt-vm:type>pci</ovirt-vm:type></ovirt-vm:address>")
    assert device.index == 0
    assert (device.address.domain, device.address.slot) == ("0x0000", "0x05")
    assert 'type="int"' not in to_xml(device)


def test_drive_keys_built_in_code_are_written_in_key_order_with_hints():
    device = DeviceMetadata(devtype="disk", name="vda", volume_id=VOLUME, index=0,
                            discard=True, device_id="d1", rbd="/dev/rbd/pool/vol",
                            guid="3600a0", managed=False, vm_custom={},
                            address=DeviceAddress(type="pci", slot="0x07"))
    _written(device, f"""
        <ovirt-vm:device xmlns:ovirt-vm="{NS}" devtype="disk" name="vda">
          <ovirt-vm:GUID>3600a0</ovirt-vm:GUID>
          <ovirt-vm:RBD>/dev/rbd/pool/vol</ovirt-vm:RBD>
          <ovirt-vm:deviceId>d1</ovirt-vm:deviceId>
          <ovirt-vm:discard type="bool">True</ovirt-vm:discard>
          <ovirt-vm:index type="int">0</ovirt-vm:index>
          <ovirt-vm:managed type="bool">False</ovirt-vm:managed>
          <ovirt-vm:volumeID>{VOLUME}</ovirt-vm:volumeID>
          <ovirt-vm:address>
            <ovirt-vm:slot>0x07</ovirt-vm:slot>
            <ovirt-vm:type>pci</ovirt-vm:type>
          </ovirt-vm:address>
          <ovirt-vm:vm_custom/>
        </ovirt-vm:device>""")


# -- managed block storage ------------------------------------------------------------

@pytest.mark.parametrize("spelled, value", [("True", True), ("False", False)])
def test_managed_as_vdsm_writes_it(spelled, value):
    device = _device(f"<ovirt-vm:GUID>3600a098038304479363f4c4870455167</ovirt-vm:GUID>"
                     f"<ovirt-vm:RBD>/dev/rbd/pool/volume-1</ovirt-vm:RBD>"
                     f'<ovirt-vm:managed type="bool">{spelled}</ovirt-vm:managed>',
                     'devtype="disk" name="sdb"')
    assert device.managed is value and device.rbd == "/dev/rbd/pool/volume-1"


def test_managed_as_the_engine_writes_it_is_read_and_written_as_vdsm_does():
    doc = _metadata('<ovirt-vm:device devtype="disk" name="sdb">'
                    '<ovirt-vm:managed type="bool">true</ovirt-vm:managed>'
                    '</ovirt-vm:device>')
    vm = from_xml(doc, Metadata).get(VmMetadata, unknown="error")
    assert vm.devices[0].managed is True
    assert_xml_equal(to_xml(vm), doc.replace(">true<", ">True<")[len("<metadata>"):
                                                                -len("</metadata>")])


def test_a_bool_in_another_spelling_is_refused():
    doc = _metadata('<ovirt-vm:device devtype="disk" name="sdb">'
                    '<ovirt-vm:managed type="bool">yes</ovirt-vm:managed>'
                    '</ovirt-vm:device>')
    with pytest.raises(ParseError, match="managed"):
        from_xml(doc, Metadata).get(VmMetadata)
    assert BOOL.format(True) == "True"


# -- mediated devices -----------------------------------------------------------------

def test_mdev_type_and_driver_parameters():
    device = _device("<ovirt-vm:mdevDriverParameters>enable_uvm=1"
                     "</ovirt-vm:mdevDriverParameters>"
                     "<ovirt-vm:mdevType>nvidia-22|separate</ovirt-vm:mdevType>",
                     'devtype="hostdev" uuid="c1f4e2a8-6b3d-4e7f-9a1c-2d3e4f5a6b01"')
    assert device.mdev_driver_parameters == "enable_uvm=1"
    assert device.mdev_type == "nvidia-22|separate"


def test_mdev_built_in_code_is_written_in_key_order():
    device = DeviceMetadata(devtype="hostdev", uuid="u1", mdev_type="nvidia-22",
                            mdev_driver_parameters="enable_uvm=1")
    _written(device, f"""
        <ovirt-vm:device xmlns:ovirt-vm="{NS}" devtype="hostdev" uuid="u1">
          <ovirt-vm:mdevDriverParameters>enable_uvm=1</ovirt-vm:mdevDriverParameters>
          <ovirt-vm:mdevType>nvidia-22</ovirt-vm:mdevType>
        </ovirt-vm:device>""")


# -- the VM's own keys ----------------------------------------------------------------

VM_KEYS = """
  <ovirt-vm:balloonTarget type="int">4194304</ovirt-vm:balloonTarget>
  <ovirt-vm:ballooningEnabled>true</ovirt-vm:ballooningEnabled>
  <ovirt-vm:clusterVersion>4.7</ovirt-vm:clusterVersion>
  <ovirt-vm:cpuPolicy>manual</ovirt-vm:cpuPolicy>
  <ovirt-vm:destroy_on_reboot type="bool">False</ovirt-vm:destroy_on_reboot>
  <ovirt-vm:exitCode type="int">1</ovirt-vm:exitCode>
  <ovirt-vm:exitMessage>Lost connection with qemu process</ovirt-vm:exitMessage>
  <ovirt-vm:exitReason type="int">2</ovirt-vm:exitReason>
  <ovirt-vm:guestAgentAPIVersion type="int">3</ovirt-vm:guestAgentAPIVersion>
  <ovirt-vm:jobs>{}</ovirt-vm:jobs>
  <ovirt-vm:launchPaused>false</ovirt-vm:launchPaused>
  <ovirt-vm:manuallyPinedCPUs>0,2,3</ovirt-vm:manuallyPinedCPUs>
  <ovirt-vm:memGuaranteedSize type="int">1024</ovirt-vm:memGuaranteedSize>
  <ovirt-vm:minGuaranteedMemoryMb type="int">1024</ovirt-vm:minGuaranteedMemoryMb>
  <ovirt-vm:pauseTime type="float">4295872.31</ovirt-vm:pauseTime>
  <ovirt-vm:resumeBehavior>kill</ovirt-vm:resumeBehavior>
  <ovirt-vm:snapshot_job>{"startTime": "4295870.5", "jobUUID": "j1"}</ovirt-vm:snapshot_job>
  <ovirt-vm:startTime type="float">1732500000.25</ovirt-vm:startTime>
  <ovirt-vm:custom><ovirt-vm:sap_agent>true</ovirt-vm:sap_agent></ovirt-vm:custom>"""


def test_vm_keys_as_vdsm_writes_them():
    vm = _parsed(_metadata(VM_KEYS))
    assert (vm.exit_code, vm.exit_message, vm.exit_reason) == (
        1, "Lost connection with qemu process", 2)
    assert vm.pause_time == 4295872.31 and vm.start_time == 1732500000.25
    assert vm.jobs == "{}" and vm.snapshot_job.startswith('{"startTime"')
    assert (vm.cpu_policy, vm.manually_pinned_cpus) == ("manual", "0,2,3")
    assert (vm.balloon_target, vm.mem_guaranteed_size, vm.guest_agent_api_version) == (
        4194304, 1024, 3)


def test_vm_keys_built_in_code_are_written_with_vdsm_hints():
    vm = VmMetadata(exit_code=0, exit_message="User shut down from within the guest",
                    exit_reason=7, pause_time=12.5, jobs='{"j": 1}',
                    manually_pinned_cpus="1")
    _written(vm, f"""
        <ovirt-vm:vm xmlns:ovirt-vm="{NS}">
          <ovirt-vm:exitCode type="int">0</ovirt-vm:exitCode>
          <ovirt-vm:exitMessage>User shut down from within the guest</ovirt-vm:exitMessage>
          <ovirt-vm:exitReason type="int">7</ovirt-vm:exitReason>
          <ovirt-vm:jobs>{{"j": 1}}</ovirt-vm:jobs>
          <ovirt-vm:manuallyPinedCPUs>1</ovirt-vm:manuallyPinedCPUs>
          <ovirt-vm:pauseTime type="float">12.5</ovirt-vm:pauseTime>
        </ovirt-vm:vm>""")


# -- ovirt-tune:qos: the CPU limit and the disks' I/O limits ---------------------------

TUNE = "http://ovirt.org/vm/tune/1.0"
QOS = f"""<metadata><ovirt-tune:qos xmlns:ovirt-tune="{TUNE}">
  <ovirt-tune:vcpuLimit>50</ovirt-tune:vcpuLimit>
  <ovirt-tune:ioTune>
    <ovirt-tune:device name="vda" path="/rhev/data-center/{POOL}/{SD}/images/{IMAGE}/{VOLUME}">
      <ovirt-tune:maximum>
        <ovirt-tune:total_bytes_sec>10485760</ovirt-tune:total_bytes_sec>
        <ovirt-tune:total_iops_sec>0</ovirt-tune:total_iops_sec>
        <ovirt-tune:read_bytes_sec>0</ovirt-tune:read_bytes_sec>
        <ovirt-tune:read_iops_sec>800</ovirt-tune:read_iops_sec>
        <ovirt-tune:write_bytes_sec>0</ovirt-tune:write_bytes_sec>
        <ovirt-tune:write_iops_sec>400</ovirt-tune:write_iops_sec>
      </ovirt-tune:maximum>
      <ovirt-tune:guaranteed>
        <ovirt-tune:total_bytes_sec>1048576</ovirt-tune:total_bytes_sec>
      </ovirt-tune:guaranteed>
    </ovirt-tune:device>
  </ovirt-tune:ioTune>
</ovirt-tune:qos></metadata>"""


def test_qos_io_tune_as_vdsm_writes_it():
    metadata = from_xml(QOS, Metadata)
    qos = metadata.get(TuneQos, unknown="error")
    assert qos == metadata.get(TuneQos)
    assert qos.vcpu_limit == 50
    device = qos.io_tune.device("vda")
    assert device.path.endswith(VOLUME)
    assert (device.maximum.total_bytes_sec, device.maximum.read_iops_sec,
            device.maximum.write_iops_sec, device.maximum.total_iops_sec) == (
        10485760, 800, 400, 0)
    assert device.guaranteed == IoTuneLimits(total_bytes_sec=1048576)
    assert qos.io_tune.device("vdb") is None
    assert_xml_equal(to_xml(qos), metadata.raw(f"{{{TUNE}}}qos"))


def test_qos_built_in_code_is_written_as_vdsm_does():
    qos = TuneQos(vcpu_limit=25, io_tune=IoTune(devices=[IoTuneDevice(
        name="sda", path="/dev/x", maximum=IoTuneLimits(read_bytes_sec=1, write_bytes_sec=2),
        guaranteed=IoTuneLimits())]))
    _written(qos, f"""
        <ovirt-tune:qos xmlns:ovirt-tune="{TUNE}">
          <ovirt-tune:vcpuLimit>25</ovirt-tune:vcpuLimit>
          <ovirt-tune:ioTune>
            <ovirt-tune:device name="sda" path="/dev/x">
              <ovirt-tune:maximum>
                <ovirt-tune:read_bytes_sec>1</ovirt-tune:read_bytes_sec>
                <ovirt-tune:write_bytes_sec>2</ovirt-tune:write_bytes_sec>
              </ovirt-tune:maximum>
              <ovirt-tune:guaranteed/>
            </ovirt-tune:device>
          </ovirt-tune:ioTune>
        </ovirt-tune:qos>""")


# -- what is declared -----------------------------------------------------------------

# The keys VDSM reads or writes at each level (its metadata module's nested keys, the
# device classes' metadata keys, the VM's values), by the class that maps the level.
VDSM_KEYS = {
    VmMetadata: "balloonTarget ballooningEnabled clusterVersion cpuPolicy custom device "
                "destroy_on_reboot exitCode exitMessage exitReason guestAgentAPIVersion "
                "jobs launchPaused manuallyPinedCPUs memGuaranteedSize "
                "minGuaranteedMemoryMb pauseTime resumeBehavior snapshot_job startTime",
    DeviceMetadata: "GUID RBD deviceId domainID guestName imageID managed mdevDriverParameters "
                    "mdevType network path poolID shared volumeID address auth change custom "
                    "hosts payload portMirroring diskReplicate specParams vm_custom "
                    "volumeChain",
    DiskReplica: "cache device diskType domainID format imageID path poolID "
                 "propagateErrors volumeID volumeChain",
    CdromChange: "domainID imageID poolID state volumeID",
    DiskAuth: "type username uuid",
    DiskHost: "name port transport",
    DiskHosts: "hostInfo",
    DiskPayload: "volId file",
    TuneQos: "vcpuLimit ioTune",
    IoTuneLimits: "total_bytes_sec total_iops_sec read_bytes_sec read_iops_sec "
                  "write_bytes_sec write_iops_sec",
}


@pytest.mark.parametrize("cls", list(VDSM_KEYS), ids=lambda cls: cls.__name__)
def test_every_key_vdsm_knows_is_a_field_with_a_docstring(cls):
    view = describe(cls)
    declared = {field.xml.rpartition("}")[2]: field for field in view.fields}
    missing = [key for key in VDSM_KEYS[cls].split() if key not in declared]
    assert not missing, f"{cls.__name__} lacks {missing}"
    entity = cls()
    assert all(getattr(entity, f.name) in (None, []) for f in view.fields)   # absent: None
    undocumented = [f.name for f in view.fields if f.name not in _documented(cls)]
    assert not undocumented, f"{cls.__name__}: no docstring for {undocumented}"


def _documented(cls: type) -> set[str]:
    """The fields of `cls` followed by a string in its source (attribute docstrings)."""
    import ast
    import inspect
    import textwrap
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    body = tree.body[0].body
    return {stmt.target.id for stmt, after in zip(body, body[1:])
            if isinstance(stmt, ast.AnnAssign) and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant) and isinstance(after.value.value, str)}


def test_the_disk_parts_are_reachable_from_the_metadata_module():
    import mapping.ovirt.metadata as metadata
    assert all(getattr(metadata, name) is not None for name in DISK_NAMES)

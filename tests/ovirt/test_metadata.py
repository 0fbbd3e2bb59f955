"""oVirt metadata blocks: typed, in place among other applications' blocks, lossless."""
from __future__ import annotations

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt import Domain
from mapping.libvirt.metadata import Metadata
from mapping.ovirt import (DeviceMetadata, ResumeBehavior, TuneQos, VmMetadata, VolumeChain,
                           VolumeChainNode, set_vm_metadata, vm_metadata)
from tests.xmlassert import assert_xml_equal

ENGINE_BUILT = """\
<domain type="kvm" xmlns:ovirt-tune="http://ovirt.org/vm/tune/1.0"
        xmlns:ovirt-vm="http://ovirt.org/vm/1.0">
  <name>vm1</name>
  <metadata>
    <ovirt-tune:qos/>
    <app:settings xmlns:app="urn:example:app"><app:color>blue</app:color></app:settings>
    <ovirt-vm:vm>
      <ovirt-vm:minGuaranteedMemoryMb type="int">1024</ovirt-vm:minGuaranteedMemoryMb>
      <ovirt-vm:clusterVersion>4.7</ovirt-vm:clusterVersion>
      <ovirt-vm:custom><ovirt-vm:sap_agent>true</ovirt-vm:sap_agent></ovirt-vm:custom>
      <ovirt-vm:device mac_address="56:6f:21:8a:00:01">
        <ovirt-vm:custom><ovirt-vm:queues>4</ovirt-vm:queues></ovirt-vm:custom>
      </ovirt-vm:device>
      <ovirt-vm:device devtype="disk" name="vda">
        <ovirt-vm:poolID>7d5b1d40-5a6f-11ea-8d1a-00163e4f3d01</ovirt-vm:poolID>
        <ovirt-vm:volumeID>2b6f7a1e-4c4f-4e3a-9c1d-7c8b8e0e0a01</ovirt-vm:volumeID>
        <ovirt-vm:imageID>9a8e6c2b-1f3d-4b5a-8e7f-6d5c4b3a2a01</ovirt-vm:imageID>
        <ovirt-vm:domainID>c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e01</ovirt-vm:domainID>
      </ovirt-vm:device>
      <ovirt-vm:launchPaused>false</ovirt-vm:launchPaused>
      <ovirt-vm:resumeBehavior>auto_resume</ovirt-vm:resumeBehavior>
      <ovirt-vm:ballooningEnabled>true</ovirt-vm:ballooningEnabled>
    </ovirt-vm:vm>
  </metadata>
</domain>
"""

VDSM_UPDATED = """\
<ovirt-vm:vm xmlns:ovirt-vm="http://ovirt.org/vm/1.0">
  <ovirt-vm:balloonTarget type="int">4194304</ovirt-vm:balloonTarget>
  <ovirt-vm:clusterVersion>4.7</ovirt-vm:clusterVersion>
  <ovirt-vm:destroy_on_reboot type="bool">False</ovirt-vm:destroy_on_reboot>
  <ovirt-vm:startTime type="float">1732500000.25</ovirt-vm:startTime>
  <ovirt-vm:snapshotJob>{"id": 1}</ovirt-vm:snapshotJob>
  <ovirt-vm:device devtype="disk" name="vda">
    <ovirt-vm:volumeChain>
      <ovirt-vm:volumeChainNode>
        <ovirt-vm:domainID>c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e01</ovirt-vm:domainID>
        <ovirt-vm:leaseOffset type="int">0</ovirt-vm:leaseOffset>
        <ovirt-vm:leasePath>/rhev/data-center/mnt/x/vol.lease</ovirt-vm:leasePath>
        <ovirt-vm:path>/rhev/data-center/mnt/x/vol</ovirt-vm:path>
      </ovirt-vm:volumeChainNode>
    </ovirt-vm:volumeChain>
  </ovirt-vm:device>
</ovirt-vm:vm>
"""


def test_engine_block_parses_typed():
    vm = vm_metadata(from_xml(ENGINE_BUILT))
    assert vm.min_guaranteed_memory_mb == 1024
    assert vm.cluster_version == "4.7"
    assert vm.custom == {"sap_agent": "true"}
    assert vm.launch_paused is False and vm.ballooning_enabled is True
    assert vm.resume_behavior is ResumeBehavior.AUTO_RESUME
    assert vm.nic("56:6F:21:8A:00:01").custom == {"queues": "4"}
    disk = vm.disk("vda")
    assert disk.pool_id.startswith("7d5b1d40") and disk.domain_id.startswith("c1d2e3f4")
    assert vm.extras is None   # every element of the engine's block is typed


def test_vdsm_typed_values_and_volume_chain():
    vm = from_xml(VDSM_UPDATED, VmMetadata)
    assert vm.balloon_target == 4194304
    assert vm.destroy_on_reboot is False
    assert vm.start_time == 1732500000.25
    node = vm.disk("vda").volume_chain.nodes[0]
    assert node.lease_offset == 0 and node.path.endswith("/vol")
    assert_xml_equal(to_xml(vm), VDSM_UPDATED)   # the unknown snapshotJob included


def test_new_block_is_written_with_vdsm_type_hints():
    vm = VmMetadata(balloon_target=1, destroy_on_reboot=True, start_time=2.0,
                    devices=[DeviceMetadata(devtype="disk", name="sda", volume_chain=VolumeChain(
                        nodes=[VolumeChainNode(lease_offset=1048576)]))])
    assert_xml_equal(to_xml(vm), """
        <ovirt-vm:vm xmlns:ovirt-vm="http://ovirt.org/vm/1.0">
          <ovirt-vm:device devtype="disk" name="sda"><ovirt-vm:volumeChain>
            <ovirt-vm:volumeChainNode>
              <ovirt-vm:leaseOffset type="int">1048576</ovirt-vm:leaseOffset>
            </ovirt-vm:volumeChainNode>
          </ovirt-vm:volumeChain></ovirt-vm:device>
          <ovirt-vm:balloonTarget type="int">1</ovirt-vm:balloonTarget>
          <ovirt-vm:destroy_on_reboot type="bool">True</ovirt-vm:destroy_on_reboot>
          <ovirt-vm:startTime type="float">2.0</ovirt-vm:startTime>
        </ovirt-vm:vm>""")


def test_setting_the_block_replaces_it_in_place_and_keeps_other_blocks():
    domain = from_xml(ENGINE_BUILT)
    vm = vm_metadata(domain)
    vm.launch_paused = True
    vm.custom["added"] = "1"
    set_vm_metadata(domain, vm)
    again = from_xml(to_xml(domain))
    assert vm_metadata(again).launch_paused is True
    assert vm_metadata(again).custom == {"sap_agent": "true", "added": "1"}
    assert again.metadata.namespaces() == [
        "http://ovirt.org/vm/tune/1.0", "urn:example:app", "http://ovirt.org/vm/1.0"]
    assert "<app:color>blue</app:color>" in again.metadata.raw("{urn:example:app}settings")


def test_unchanged_document_round_trips_losslessly():
    assert_xml_equal(to_xml(from_xml(ENGINE_BUILT)), ENGINE_BUILT)


def test_block_added_to_a_domain_without_metadata():
    domain = Domain(name="vm2")
    assert vm_metadata(domain) is None
    set_vm_metadata(domain, VmMetadata(cluster_version="4.8"))
    domain.metadata.set(TuneQos())
    xml = to_xml(domain)
    again = from_xml(xml)
    assert vm_metadata(again).cluster_version == "4.8"
    assert again.metadata.get(TuneQos) == TuneQos()


def test_remove_drops_one_block():
    domain = from_xml(ENGINE_BUILT)
    assert domain.metadata.remove(TuneQos) is True
    assert domain.metadata.remove(TuneQos) is False
    again = from_xml(to_xml(domain))
    assert again.metadata.namespaces() == ["urn:example:app", "http://ovirt.org/vm/1.0"]
    assert vm_metadata(again).cluster_version == "4.7"


def test_metadata_entity_is_plain_data():
    assert Metadata() == Metadata()

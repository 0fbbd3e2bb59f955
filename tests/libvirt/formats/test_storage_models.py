"""Storage pools, volumes and pool capabilities built in code and read back typed
(formatstorage, formatstorageencryption, formatstoragecaps)."""
from __future__ import annotations

import re
import time

import pytest

from mapping import ParseError, SerializeError, from_xml
from tests.xmlassert import to_xml
from mapping.libvirt.devices.address import PciAddress
from mapping.libvirt.storage import Encryption, EncryptionCipher, EncryptionIvgen, NetworkHost
from mapping.libvirt.storage import Secret as SecretRef
from mapping.libvirt.storage_caps import (CapsEnum, PoolCapability, PoolOptions,
                                          StoragePoolCapabilities, VolOptions)
from mapping.libvirt.storage_pool import (Adapter, AdapterType, AuthType, ByteSize, Extent,
                                          MountOpts, MountOption, ParentAddr, Permissions, Pool,
                                          PoolAuth, PoolDevice, PoolFormat, PoolSource,
                                          PoolTarget, PoolType, RbdConfigOpts, RbdOption,
                                          Refresh, RefreshAllocation, SourceFormat)
from mapping.libvirt.storage_volume import (FormatFeatures, Timestamps, Volume,
                                            VolumeBackingStore, VolumeDevice, VolumeExtents,
                                            VolumeFormat, VolumeTarget, VolumeType)
from mapping.libvirt.units import Size
from tests.xmlassert import assert_xml_equal

UUID = "f52a81b2-424e-490c-823d-6bd4235bc572"
FS = "http://libvirt.org/schemas/storagepool/fs/1.0"
RBD = "http://libvirt.org/schemas/storagepool/rbd/1.0"

BUILT = [
    (Pool(type=PoolType.DIR, name="images", uuid=UUID, cow=False,
          target=PoolTarget(path="/var/lib/images",
                            permissions=Permissions(mode=0o711, owner=107, group=-1))),
     f"<pool type='dir'><name>images</name><uuid>{UUID}</uuid>"
     "<features><cow state='no'/></features><target><path>/var/lib/images</path>"
     "<permissions><mode>0711</mode><owner>107</owner><group>-1</group></permissions>"
     "</target></pool>"),
    (Pool(type=PoolType.NETFS, name="nfs",
          source=PoolSource(hosts=[NetworkHost(name="nas.example.com")], dir="/export",
                            format=SourceFormat(type=PoolFormat.NFS), protocol_ver="4.1"),
          target=PoolTarget(path="/mnt/nfs"),
          fs_mount_opts=MountOpts(options=[MountOption(name="sync"),
                                           MountOption(name="lazytime")])),
     f"<pool type='netfs' xmlns:fs='{FS}'><name>nfs</name><source>"
     "<host name='nas.example.com'/><dir path='/export'/><format type='nfs'/>"
     "<protocol ver='4.1'/></source><target><path>/mnt/nfs</path></target>"
     "<fs:mount_opts><fs:option name='sync'/><fs:option name='lazytime'/></fs:mount_opts>"
     "</pool>"),
    (Pool(type=PoolType.RBD, name="ceph",
          source=PoolSource(hosts=[NetworkHost(name="mon1", port=6789)], name="rbd",
                            auth=PoolAuth(type=AuthType.CEPH, username="admin",
                                          secret=SecretRef(uuid=UUID))),
          refresh=Refresh(volume_allocation=RefreshAllocation.CAPACITY),
          rbd_config_opts=RbdConfigOpts(options=[RbdOption(name="client_mount_timeout",
                                                           value="45")])),
     f"<pool type='rbd' xmlns:rbd='{RBD}'><name>ceph</name><source>"
     "<host name='mon1' port='6789'/><name>rbd</name>"
     f"<auth type='ceph' username='admin'><secret uuid='{UUID}'/></auth></source>"
     "<refresh><volume allocation='capacity'/></refresh><rbd:config_opts>"
     "<rbd:option name='client_mount_timeout' value='45'/></rbd:config_opts></pool>"),
    (Pool(type=PoolType.SCSI, name="hba",
          source=PoolSource(adapter=Adapter(type=AdapterType.SCSI_HOST, parentaddr=ParentAddr(
              unique_id=1, address=PciAddress(domain=0, bus=0, slot=0x1f, function=2))))),
     "<pool type='scsi'><name>hba</name><source><adapter type='scsi_host'>"
     "<parentaddr unique_id='1'><address domain='0x0000' bus='0x00' slot='0x1f' "
     "function='0x2'/></parentaddr></adapter></source></pool>"),
    (Pool(type=PoolType.SCSI, name="vhba",
          source=PoolSource(adapter=Adapter(type=AdapterType.FC_HOST, parent="scsi_host5",
                                            managed=True, wwnn="20000000c9831b4b",
                                            wwpn="10000000c9831b4b"))),
     "<pool type='scsi'><name>vhba</name><source><adapter type='fc_host' parent='scsi_host5' "
     "managed='yes' wwnn='20000000c9831b4b' wwpn='10000000c9831b4b'/></source></pool>"),
    (Pool(type=PoolType.DISK, name="sdb", capacity=ByteSize.of(1000), allocation=ByteSize.of(0),
          source=PoolSource(devices=[PoolDevice(path="/dev/sdb", part_separator=False,
                                                free_extents=[Extent(start=0, end=1000)])],
                            format=SourceFormat(type=PoolFormat.GPT))),
     "<pool type='disk'><name>sdb</name><capacity unit='bytes'>1000</capacity>"
     "<allocation unit='bytes'>0</allocation><source>"
     "<device path='/dev/sdb' part_separator='no'><freeExtent start='0' end='1000'/></device>"
     "<format type='gpt'/></source></pool>"),
    (Pool(type=PoolType.ISCSI_DIRECT, name="iscsi",
          source=PoolSource(hosts=[NetworkHost(name="iscsi.example.com")],
                            devices=[PoolDevice(path="iqn.2013-06.com.example:pool")],
                            initiator_iqn="iqn.2013-06.com.example:me",
                            auth=PoolAuth(type=AuthType.CHAP, username="me",
                                          secret=SecretRef(usage="chap-me")))),
     "<pool type='iscsi-direct'><name>iscsi</name><source><host name='iscsi.example.com'/>"
     "<device path='iqn.2013-06.com.example:pool'/><initiator>"
     "<iqn name='iqn.2013-06.com.example:me'/></initiator>"
     "<auth type='chap' username='me'><secret usage='chap-me'/></auth></source></pool>"),
    (Volume(type=VolumeType.FILE, name="disk.qcow2", capacity=ByteSize.of(5, "GiB"),
            target=VolumeTarget(
                path="/images/disk.qcow2", format=VolumeFormat.QCOW2,
                permissions=Permissions(mode=0o600, owner=107, group=107, label="virt_image_t"),
                encryption=Encryption(format="luks", secret=SecretRef(type="passphrase",
                                                                      uuid=UUID),
                                      cipher=EncryptionCipher(name="aes", size=256),
                                      ivgen=EncryptionIvgen(name="plain64")),
                compat="1.1", nocow=True, cluster_size=ByteSize.of(64, "KiB"),
                features=FormatFeatures(lazy_refcounts=True, extended_l2=True)),
            backing_store=VolumeBackingStore(path="/images/base.raw", format=VolumeFormat.RAW)),
     "<volume type='file'><name>disk.qcow2</name><capacity unit='GiB'>5</capacity><target>"
     "<path>/images/disk.qcow2</path><format type='qcow2'/><permissions><mode>0600</mode>"
     "<owner>107</owner><group>107</group><label>virt_image_t</label></permissions>"
     f"<encryption format='luks'><secret type='passphrase' uuid='{UUID}'/>"
     "<cipher name='aes' size='256'/><ivgen name='plain64'/></encryption>"
     "<compat>1.1</compat><nocow/><clusterSize unit='KiB'>64</clusterSize>"
     "<features><lazy_refcounts/><extended_l2/></features></target>"
     "<backingStore><path>/images/base.raw</path><format type='raw'/></backingStore>"
     "</volume>"),
    (Volume(type=VolumeType.BLOCK, name="lv", key="abc",
            source=VolumeExtents(devices=[VolumeDevice(path="/dev/sda", extents=[
                Extent(start=0, end=4194304)])]),
            physical=ByteSize.of(4194304),
            target=VolumeTarget(path="/dev/vg/lv", timestamps=Timestamps(
                atime="1341933637.273190990", btime="1341930622"))),
     "<volume type='block'><name>lv</name><key>abc</key><source><device path='/dev/sda'>"
     "<extent start='0' end='4194304'/></device></source>"
     "<physical unit='bytes'>4194304</physical><target><path>/dev/vg/lv</path><timestamps>"
     "<atime>1341933637.273190990</atime><btime>1341930622</btime></timestamps></target>"
     "</volume>"),
    (StoragePoolCapabilities(pools=[
        PoolCapability(type=PoolType.DISK, supported=False,
                       pool_options=PoolOptions(default_format=PoolFormat.UNKNOWN, enums=[
                           CapsEnum(name="sourceFormatType", values=["unknown", "dos"])]),
                       vol_options=VolOptions(default_format=VolumeFormat.NONE, enums=[
                           CapsEnum(name="targetFormatType", values=["none", "linux"])])),
        PoolCapability(type=PoolType.ISCSI, supported=True)]),
     "<storagepoolCapabilities><pool type='disk' supported='no'><poolOptions>"
     "<defaultFormat type='unknown'/><enum name='sourceFormatType'><value>unknown</value>"
     "<value>dos</value></enum></poolOptions><volOptions><defaultFormat type='none'/>"
     "<enum name='targetFormatType'><value>none</value><value>linux</value></enum>"
     "</volOptions></pool><pool type='iscsi' supported='yes'/></storagepoolCapabilities>"),
]
IDS = [f"{type(entity).__name__}-{index}" for index, (entity, _) in enumerate(BUILT)]


@pytest.mark.parametrize(("entity", "xml"), BUILT, ids=IDS)
def test_built_entity_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), BUILT, ids=IDS)
def test_xml_parses_to_entity(entity, xml):
    """The root tag picks the class, and the fields come back as they were built."""
    assert from_xml(xml) == entity


def test_parsed_values_are_typed():
    pool = from_xml("<pool type='logical'><source><device path='/dev/sdb1'/>"
                    "<format type='lvm2'/><vendor name='Acme'/><product name='X'/></source>"
                    "<target><permissions><mode>0755</mode></permissions></target></pool>")
    assert pool.type is PoolType.LOGICAL
    assert pool.source.format.type is PoolFormat.LVM2
    assert (pool.source.vendor, pool.source.product) == ("Acme", "X")
    assert pool.target.permissions.mode == 0o755
    volume = from_xml("<volume type='netdir'><name>v</name><target><format type='hfs+'/>"
                      "</target></volume>")
    assert volume.type is VolumeType.NETDIR
    assert volume.target.format is VolumeFormat.HFS_PLUS


def test_storage_sizes_without_unit_count_bytes():
    """Unlike a domain's memory (KiB), a storage size with no unit is in bytes."""
    pool = from_xml("<pool type='dir'><capacity>4096</capacity>"
                    "<allocation unit='KiB'>4</allocation><available unit='G'>1</available>"
                    "</pool>")
    assert pool.capacity.bytes == 4096
    assert pool.allocation.bytes == 4096
    assert pool.available.bytes == 1024**3
    assert Size(value=4096).bytes == 4096 * 1024   # the domain's meaning is unchanged
    assert str(ByteSize(value=7)) == "7 bytes"


def test_mode_is_octal_both_ways():
    pool = from_xml("<pool type='dir'><target><permissions><mode>0</mode><owner>-1</owner>"
                    "</permissions></target></pool>")
    assert pool.target.permissions.mode == 0
    assert pool.target.permissions.owner == -1
    pool.target.permissions.mode = 0o2750
    assert "<mode>02750</mode>" in to_xml(pool)


def test_unknown_enum_values_survive():
    """Newer libvirt adds pool types and formats: they parse and come back unchanged."""
    xml = ("<pool type='newfs'><source><format type='btrfs'/></source></pool>")
    pool = from_xml(xml, unknown="error")
    assert pool.type == "newfs" and not pool.type.known
    assert pool.source.format.type == "btrfs"
    assert_xml_equal(xml, to_xml(pool))


def test_editing_the_source_changes_the_xml():
    pool = from_xml("<pool type='iscsi'><name>p</name><source><host name='a'/>"
                    "<device path='iqn.2013-06.com.example:x'/></source></pool>")
    pool.source.hosts.append(NetworkHost(name="b", port=3260))
    pool.source.auth = PoolAuth(type=AuthType.CHAP, username="u", secret=SecretRef(usage="s"))
    # The new host goes after its sibling, the new auth where libvirt writes it.
    assert_xml_equal("<pool type='iscsi'><name>p</name><source><host name='a'/>"
                     "<host name='b' port='3260'/><device path='iqn.2013-06.com.example:x'/>"
                     "<auth type='chap' username='u'><secret usage='s'/></auth></source></pool>",
                     to_xml(pool))


@pytest.mark.parametrize(("xml", "where"), [
    ("<pool type='dir'><target><permissions><mode>0999</mode></permissions></target></pool>",
     "Permissions.mode"),
    ("<pool type='dir'><target><permissions><mode>rwx</mode></permissions></target></pool>",
     "Permissions.mode"),
    ("<pool type='dir'><target><permissions><owner>root</owner></permissions></target></pool>",
     "Permissions.owner"),
    ("<pool type='disk'><source><device path='/d' part_separator='maybe'/></source></pool>",
     "PoolDevice.part_separator"),
    ("<pool type='disk'><source><device path='/d'><freeExtent start='x' end='1'/></device>"
     "</source></pool>", "Extent.start"),
    ("<pool type='dir'><features><cow state='on'/></features></pool>", "Pool.cow"),
    ("<pool type='dir'><capacity>lots</capacity></pool>", "capacity"),
    ("<storagepoolCapabilities><pool type='dir' supported='1'/></storagepoolCapabilities>",
     "PoolCapability.supported"),
    ("<volume><target><nocow>yes</nocow></target></volume>", "nocow"),
])
def test_bad_values_are_parse_errors_naming_the_field(xml, where):
    with pytest.raises(ParseError, match=where.replace(".", r"\.")):
        from_xml(xml, unknown="error")


@pytest.mark.parametrize(("entity", "where"), [
    (Pool(target=PoolTarget(permissions=Permissions(mode="0700"))),
     "Pool.target.permissions.mode"),
    (Pool(target=PoolTarget(permissions=Permissions(mode=-1))), "Pool.target.permissions.mode"),
    (Pool(target=PoolTarget(permissions=Permissions(mode=True))),
     "Pool.target.permissions.mode"),
    (Pool(target=PoolTarget(permissions=Permissions(owner="root"))),
     "Pool.target.permissions.owner"),
    (Pool(source=PoolSource(devices=[PoolDevice(part_separator="no")])),
     "Pool.source.devices[0].part_separator"),
    (Pool(cow="yes"), "Pool.cow"),
    (Volume(target=VolumeTarget(nocow="yes")), "Volume.target.nocow"),
    (Volume(source=VolumeExtents(devices=[VolumeDevice(extents=[Extent(start="0")])])),
     "Volume.source.devices[0].extents[0].start"),
])
def test_bad_values_in_code_are_serialize_errors_naming_the_path(entity, where):
    with pytest.raises(SerializeError, match=re.escape(where)):
        to_xml(entity)



def _pool_with_devices(count: int) -> str:
    devices = "".join(f"<device path='/dev/sd{index}'>"
                      f"<freeExtent start='{index}' end='{index + 1}'/></device>"
                      for index in range(count))
    hosts = "".join(f"<host name='h{index}' port='{index}'/>" for index in range(count))
    return f"<pool type='disk'><name>big</name><source>{hosts}{devices}</source></pool>"


def test_time_grows_linearly_with_the_number_of_devices():
    """8x the devices and hosts must not cost more than ~25x (a generous bound)."""
    def best_time(xml: str) -> float:
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            to_xml(from_xml(xml))
            timings.append(time.perf_counter() - start)
        return min(timings)

    small, large = _pool_with_devices(500), _pool_with_devices(4000)
    assert best_time(large) < 25 * best_time(small)

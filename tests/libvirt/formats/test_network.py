"""`<network>`, `<networkport>` and `<secret>` built in code, parsed, and refused
(formatnetwork, formatnetworkport, formatsecret)."""
from __future__ import annotations

import time

import pytest

from mapping import MappingError, ParseError, SerializeError, from_dict, from_xml, to_dict
from tests.xmlassert import to_xml
from mapping.compare import first_difference
from mapping.libvirt import Network, NetworkPort, Secret
from mapping.libvirt.devices.address import PciAddress
from mapping.libvirt.devices.interface import (BandwidthRule, VirtualPort,
                                               VirtualPortParameters, Vlan, VlanTag)
from mapping.libvirt.network import (AddressFamily, Dhcp, DhcpHost, DhcpLease, DhcpRange, Dns,
                                     DnsForwarder, DnsHost, DnsmasqOption, DnsmasqOptions,
                                     DnsProtocol, DnsSrv, DnsTxt, Forward, ForwardAddress,
                                     ForwardInterface, ForwardMode, HostdevDriver,
                                     HostdevDriverName, LeaseUnit, MacTableManager, Nat,
                                     NatAddressRange, NatPortRange, NetworkBandwidth,
                                     NetworkBridge, NetworkDomain, NetworkIp, NetworkRoute,
                                     Portgroup)
from mapping.libvirt.networkport import (BridgePlug, DirectMode, DirectPlug, HostdevPciPlug,
                                         NetworkPlug, PortOwner)
from mapping.libvirt.secret import CephUsage, IscsiUsage, TlsUsage, VolumeUsage, VtpmUsage
from tests.xmlassert import assert_xml_equal

UUID = "81ff0d90-c91e-6742-64da-4a736edb9a9b"
OWNER = "d54df46f-1ab5-4a22-8618-4560ef5fac2c"
DNSMASQ = "xmlns:dnsmasq='http://libvirt.org/schemas/network/dnsmasq/1.0'"

NETWORKS = [
    (Network(name="default", uuid=UUID,
             forward=Forward(mode=ForwardMode.NAT, dev="eth0", nat=Nat(
                 ipv6=True, address=NatAddressRange(start="1.2.3.4", end="1.2.3.10"),
                 port=NatPortRange(start=500, end=1000))),
             bridge=NetworkBridge(name="virbr0", stp=True, delay=0,
                                  mac_table_manager=MacTableManager.LIBVIRT),
             mtu=9000, mac="52:54:00:e6:a2:c9",
             domain=NetworkDomain(name="example.com", local_only=True),
             dns=Dns(forward_plain_names=False,
                     forwarders=[DnsForwarder(addr="8.8.8.8"),
                                 DnsForwarder(domain="example.com", addr="8.8.4.4")],
                     txts=[DnsTxt(name="example", value="example value")],
                     srvs=[DnsSrv(service="name", protocol=DnsProtocol.TCP, port=1024,
                                  priority=10, weight=10)],
                     hosts=[DnsHost(ip="192.168.122.2", hostnames=["myhost", "alias"])]),
             ips=[NetworkIp(address="192.168.122.1", netmask="255.255.255.0", local_ptr=True,
                            tftp_root="/srv/tftp", dhcp=Dhcp(
                                ranges=[DhcpRange(start="192.168.122.100",
                                                  end="192.168.122.254",
                                                  lease=DhcpLease(expiry=1,
                                                                  unit=LeaseUnit.HOURS))],
                                hosts=[DhcpHost(mac="00:16:3e:77:e2:ed", name="foo",
                                                ip="192.168.122.10")])),
                  NetworkIp(family=AddressFamily.IPV6, address="2001:db8:ca2:2::1",
                            prefix=64)],
             routes=[NetworkRoute(family="ipv6", address="2001:db9:ca1:1::", prefix=64,
                                  gateway="2001:db8:ca2:2::2", metric=2)]),
     f"<network><name>default</name><uuid>{UUID}</uuid>"
     "<forward dev='eth0' mode='nat'><nat ipv6='yes'>"
     "<address start='1.2.3.4' end='1.2.3.10'/><port start='500' end='1000'/></nat></forward>"
     "<bridge name='virbr0' stp='on' delay='0' macTableManager='libvirt'/>"
     "<mtu size='9000'/><mac address='52:54:00:e6:a2:c9'/>"
     "<domain name='example.com' localOnly='yes'/>"
     "<dns forwardPlainNames='no'><forwarder addr='8.8.8.8'/>"
     "<forwarder domain='example.com' addr='8.8.4.4'/>"
     "<txt name='example' value='example value'/>"
     "<srv service='name' protocol='tcp' port='1024' priority='10' weight='10'/>"
     "<host ip='192.168.122.2'><hostname>myhost</hostname><hostname>alias</hostname></host>"
     "</dns>"
     "<ip address='192.168.122.1' netmask='255.255.255.0' localPtr='yes'>"
     "<tftp root='/srv/tftp'/><dhcp>"
     "<range start='192.168.122.100' end='192.168.122.254'><lease expiry='1' unit='hours'/>"
     "</range><host mac='00:16:3e:77:e2:ed' name='foo' ip='192.168.122.10'/></dhcp></ip>"
     "<ip family='ipv6' address='2001:db8:ca2:2::1' prefix='64'/>"
     "<route family='ipv6' address='2001:db9:ca1:1::' prefix='64' gateway='2001:db8:ca2:2::2'"
     " metric='2'/></network>"),
    (Network(name="sriov", forward=Forward(
        mode=ForwardMode.HOSTDEV, managed=True,
        driver=HostdevDriver(name=HostdevDriverName.VFIO, model="mlx5_vfio_pci"),
        addresses=[ForwardAddress(type="pci", domain=0, bus=4, slot=0, function=1),
                   ForwardAddress(type="pci", domain=0, bus=4, slot=0, function=2,
                                  connections=1)]),
        virtualport=VirtualPort(type="802.1Qbh",
                                parameters=VirtualPortParameters(profileid="prof"))),
     "<network><name>sriov</name><forward mode='hostdev' managed='yes'>"
     "<driver name='vfio' model='mlx5_vfio_pci'/>"
     "<address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x1'/>"
     "<address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x2'"
     " connections='1'/></forward>"
     "<virtualport type='802.1Qbh'><parameters profileid='prof'/></virtualport></network>"),
    (Network(name="ovs", connections=2, trust_guest_rx_filters=False,
             forward=Forward(mode=ForwardMode.BRIDGE, interfaces=[
                 ForwardInterface(dev="eth1", connections=2)], pf="eth0"),
             bridge=NetworkBridge(name="ovsbr0"),
             vlan=Vlan(trunk=True, tags=[VlanTag(id=42, native_mode="untagged"),
                                         VlanTag(id=47)]),
             bandwidth=NetworkBandwidth(inbound=BandwidthRule(average=1000, peak=5000,
                                                              burst=5120)),
             port_isolated=True,
             virtualport=VirtualPort(type="openvswitch"),
             portgroups=[Portgroup(name="eng", default=True, vlan=Vlan(tags=[VlanTag(id=7)]),
                                   bandwidth=NetworkBandwidth(
                                       class_id=3,
                                       outbound=BandwidthRule(average=128)))],
             dnsmasq_options=DnsmasqOptions(options=[DnsmasqOption(value="foo=bar")])),
     f"<network {DNSMASQ} connections='2' trustGuestRxFilters='no'><name>ovs</name>"
     "<forward mode='bridge'><pf dev='eth0'/><interface dev='eth1' connections='2'/></forward>"
     "<bridge name='ovsbr0'/>"
     "<vlan trunk='yes'><tag id='42' nativeMode='untagged'/><tag id='47'/></vlan>"
     "<bandwidth><inbound average='1000' peak='5000' burst='5120'/></bandwidth>"
     "<port isolated='yes'/><virtualport type='openvswitch'/>"
     "<portgroup name='eng' default='yes'><vlan><tag id='7'/></vlan>"
     "<bandwidth classID='3'><outbound average='128'/></bandwidth></portgroup>"
     "<dnsmasq:options><dnsmasq:option value='foo=bar'/></dnsmasq:options></network>"),
]

PORT_HEAD = (f"<networkport><uuid>{UUID}</uuid><owner><name>vm</name><uuid>{OWNER}</uuid>"
             "</owner>")


def _port(**fields) -> NetworkPort:
    return NetworkPort(uuid=UUID, owner=PortOwner(name="vm", uuid=OWNER), **fields)


PORTS = [
    (_port(group="web", mac="52:54:00:7b:35:93",
           bandwidth=NetworkBandwidth(class_id=1729, inbound=BandwidthRule(
               average=1000, peak=4000, floor=2000, burst=1024)),
           vlan=Vlan(tags=[VlanTag(id=5)]), port_isolated=True,
           trust_guest_rx_filters=True, plug=NetworkPlug(bridge="virbr0")),
     PORT_HEAD + "<group>web</group><mac address='52:54:00:7b:35:93'/>"
     "<bandwidth classID='1729'><inbound average='1000' peak='4000' floor='2000'"
     " burst='1024'/></bandwidth><vlan><tag id='5'/></vlan><port isolated='yes'/>"
     "<rxfilters trustGuest='yes'/><plug type='network' bridge='virbr0'/></networkport>"),
    (_port(plug=BridgePlug(bridge="br2", mac_table_manager=MacTableManager.KERNEL)),
     PORT_HEAD + "<plug type='bridge' bridge='br2' macTableManager='kernel'/></networkport>"),
    (_port(virtualport=VirtualPort(type="802.1Qbg", parameters=VirtualPortParameters(
        managerid=11, typeid=1193047, typeidversion=2)),
        plug=DirectPlug(dev="ens3", mode=DirectMode.VEPA)),
     PORT_HEAD + "<virtualport type='802.1Qbg'><parameters managerid='11' typeid='1193047'"
     " typeidversion='2'/></virtualport><plug type='direct' dev='ens3' mode='vepa'/>"
     "</networkport>"),
    (_port(plug=HostdevPciPlug(managed=False, driver=HostdevDriver(name=HostdevDriverName.VFIO),
                               address=PciAddress(domain=1, bus=2, slot=3, function=4))),
     PORT_HEAD + "<plug type='hostdev-pci' managed='no'><driver name='vfio'/>"
     "<address domain='0x0001' bus='0x02' slot='0x03' function='0x4'/></plug></networkport>"),
]

SECRETS = [
    (Secret(ephemeral=False, private=True, uuid=UUID, description="luks",
            usage=VolumeUsage(volume="/var/lib/libvirt/images/a.img")),
     f"<secret ephemeral='no' private='yes'><uuid>{UUID}</uuid><description>luks</description>"
     "<usage type='volume'><volume>/var/lib/libvirt/images/a.img</volume></usage></secret>"),
    (Secret(usage=CephUsage(name="client.admin secret")),
     "<secret><usage type='ceph'><name>client.admin secret</name></usage></secret>"),
    (Secret(usage=IscsiUsage(target="libvirtiscsi")),
     "<secret><usage type='iscsi'><target>libvirtiscsi</target></usage></secret>"),
    (Secret(usage=TlsUsage(name="tls_example")),
     "<secret><usage type='tls'><name>tls_example</name></usage></secret>"),
    (Secret(ephemeral=True, usage=VtpmUsage(name="VTPM_example")),
     "<secret ephemeral='yes'><usage type='vtpm'><name>VTPM_example</name></usage></secret>"),
]

BUILT = NETWORKS + PORTS + SECRETS


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_built_entity_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_xml_parses_to_entity_strictly(entity, xml):
    assert from_xml(xml, unknown="error") == entity


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_json_round_trip_keeps_unions_and_lists(entity, xml):
    assert from_dict(to_dict(entity), type(entity)) == entity


def test_parsed_values_are_typed():
    network = from_xml(NETWORKS[0][1])
    assert network.forward.mode is ForwardMode.NAT
    assert network.bridge.stp is True and network.bridge.delay == 0
    assert network.bridge.mac_table_manager is MacTableManager.LIBVIRT
    assert network.mtu == 9000
    assert network.ips[1].family is AddressFamily.IPV6 and network.ips[1].prefix == 64
    assert network.ips[0].dhcp.ranges[0].lease.unit is LeaseUnit.HOURS
    assert network.dns.srvs[0].protocol is DnsProtocol.TCP and network.dns.srvs[0].port == 1024
    port = from_xml(PORTS[3][1])
    assert port.plug.address.function == 4 and port.plug.managed is False
    assert from_xml(PORTS[2][1]).plug.mode is DirectMode.VEPA


def test_a_hostdev_driver_chooses_iommufd_in_networks_and_ports():
    # libvirt 12.1 (its schema's shared hostdev driver); not in 11.3's schema
    network = from_xml("<network><name>n</name><forward mode='hostdev' managed='yes'>"
                       "<driver name='vfio' iommufd='yes'/></forward></network>",
                       unknown="error")
    assert network.forward.driver.iommufd is True
    port = NetworkPort(uuid=PORTS[3][0].uuid, owner=PORTS[3][0].owner,
                       plug=HostdevPciPlug(driver=HostdevDriver(
                           name=HostdevDriverName.VFIO, iommufd=False)))
    assert "<driver name='vfio' iommufd='no'/>" in to_xml(port)
    assert from_xml(to_xml(port), unknown="error") == port


@pytest.mark.parametrize("xml", [
    "<network><name>n</name><forward mode='vxlan-future'/></network>",
    "<network><name>n</name><bridge name='b' macTableManager='ovs'/></network>",
    "<network><name>n</name><ip family='ipv7'><dhcp><range start='a' end='b'>"
    "<lease expiry='3' unit='days'/></range></dhcp></ip></network>",
    PORT_HEAD + "<plug type='direct' dev='e' mode='vepa-2'/></networkport>",
])
def test_values_from_a_newer_libvirt_are_kept(xml):
    """libvirt's sets grow: an unknown enum value parses (not `known`) and comes back."""
    entity = from_xml(xml, unknown="error")
    assert first_difference(xml, to_xml(entity)) is None


@pytest.mark.parametrize("xml", [
    PORT_HEAD + "<plug type='vhostuser-future' path='/x'><socket/></plug></networkport>",
    "<secret><usage type='future'><thing>x</thing></usage></secret>",
    "<network><name>n</name><dns><future-record a='1'/></dns><later/></network>",
])
def test_unmodelled_xml_is_kept_whole(xml):
    """A plug or usage type, or an element, the model does not know: kept, not dropped;
    refused when the caller asked for everything typed."""
    assert first_difference(xml, to_xml(from_xml(xml))) is None
    with pytest.raises(ParseError):
        from_xml(xml, unknown="error")


def test_same_fields_under_two_plug_types_keep_their_type():
    for kind in ("network", "bridge"):
        xml = PORT_HEAD + f"<plug type='{kind}' bridge='br0'/></networkport>"
        assert_xml_equal(xml, to_xml(from_xml(xml)))


def test_interleaved_children_keep_their_order():
    """The schema lets these children come in any order; the document's order stays."""
    xml = (f"<network {DNSMASQ}><dnsmasq:options><dnsmasq:option value='x'/></dnsmasq:options>"
           "<ip address='10.0.0.1' prefix='24'><dhcp><bootp file='pxe'/>"
           "<host name='h' ip='10.0.0.5'/><range start='10.0.0.9' end='10.0.0.20'/></dhcp>"
           "<tftp root='/t'/></ip><dns><host ip='10.0.0.2'><hostname>a</hostname></host>"
           "<srv service='s' protocol='udp'/><txt name='t' value='v'/><forwarder addr='1.1.1.1'/>"
           "</dns><forward mode='route'><interface dev='e1'/><nat/></forward>"
           "<uuid>" + UUID + "</uuid><name>late</name></network>")
    assert first_difference(xml, to_xml(from_xml(xml))) is None


@pytest.mark.parametrize(("xml", "where"), [
    ("<network><name>n</name><bridge stp='yes'/></network>", "NetworkBridge.stp"),
    ("<network><name>n</name><bridge delay='soon'/></network>", "NetworkBridge.delay"),
    ("<network ipv6='on'><name>n</name></network>", "Network.ipv6"),
    ("<network><name>n</name><mtu size='big'/></network>", "Network.mtu"),
    ("<network><name>n</name><ip><dhcp><host ip='a'><lease expiry='x'/></host></dhcp></ip>"
     "</network>", "DhcpLease.expiry"),
    ("<network><name>n</name><portgroup name='p' default='true'/></network>",
     "Portgroup.default"),
    ("<network><name>n</name><dns><srv service='s' protocol='tcp' weight='-'/></dns></network>",
     "DnsSrv.weight"),
    (PORT_HEAD + "<rxfilters trustGuest='1'/></networkport>", "NetworkPort.trust_guest_rx"),
    (PORT_HEAD + "<plug type='hostdev-pci'><address bus='0xzz'/></plug></networkport>",
     "PciAddress.bus"),
    ("<secret private='maybe'/>", "Secret.private"),
])
def test_bad_values_are_parse_errors_naming_the_field(xml, where):
    with pytest.raises(ParseError, match=where):
        from_xml(xml)


@pytest.mark.parametrize(("entity", "where"), [
    (Network(name="n", bridge=NetworkBridge(stp="on")), "Network.bridge.stp"),
    (Network(name="n", ips=[NetworkIp(), NetworkIp(prefix="24")]), r"Network.ips\[1\].prefix"),
    (Network(name="n", mtu=True), "Network.mtu"),
    (Network(name="n", dns=Dns(hosts=[DnsHost(hostnames=["a", 5])])), "Network.dns.hosts"),
    (Network(name=7), "Network.name"),
    (_port(plug=DirectPlug(mode=3)), "NetworkPort.plug"),
    (Secret(ephemeral="no"), "Secret.ephemeral"),
])
def test_wrong_types_are_serialize_errors_naming_the_field(entity, where):
    with pytest.raises(SerializeError, match=where):
        to_xml(entity)


@pytest.mark.parametrize("xml", [
    "<network><name>n</name><bridge name='b' color='red'/></network>",
    "<network><name>n</name><forward><nat><address start='a' end='b' step='2'/></nat>"
    "</forward></network>",
    PORT_HEAD + "<plug type='network' bridge='b' odd='1'/></networkport>",
    "<secret><usage type='ceph'><name>x</name><pool>p</pool></usage></secret>",
])
def test_undeclared_attributes_and_elements_are_kept_or_refused(xml):
    assert first_difference(xml, to_xml(from_xml(xml))) is None
    with pytest.raises(MappingError):
        from_xml(xml, unknown="error")


def _dhcp_hosts(count: int) -> str:
    hosts = "".join(f"<host mac='52:54:00:00:{i // 256:02x}:{i % 256:02x}' name='h{i}'"
                    f" ip='10.{i // 65536}.{i // 256 % 256}.{i % 256}'/>" for i in range(count))
    return (f"<network><name>big</name><ip address='10.0.0.1' prefix='8'><dhcp>{hosts}</dhcp>"
            "</ip></network>")


def _round_trip_seconds(xml: str) -> float:
    start = time.perf_counter()
    to_xml(from_xml(xml))
    return time.perf_counter() - start


def test_round_trip_time_grows_linearly_with_dhcp_hosts():
    # Big enough that the small one is not all cache hits; quadratic would be 64x.
    small, large = _dhcp_hosts(1000), _dhcp_hosts(8000)
    _round_trip_seconds(small)   # compile the plans first
    small_time = min(_round_trip_seconds(small) for _ in range(5))
    large_time = min(_round_trip_seconds(large) for _ in range(5))
    assert large_time < 25 * small_time


def test_a_forward_interface_update_is_read_by_its_root():
    """virNetworkUpdate's `forward-interface` section: `<interface dev=..>` alone, told
    from a guest's nic (a `type`) and a host's interface (a `name`)."""
    from mapping.libvirt import ForwardInterfaceUpdate, HostInterface, Interface
    update = from_xml("<interface dev='eth47'/>")
    assert type(update) is ForwardInterfaceUpdate and update.dev == "eth47"
    assert to_xml(update, pretty=False) == "<interface dev='eth47'/>"
    assert type(from_xml("<interface type='direct'><source dev='eth0'/></interface>")) \
        is Interface
    assert type(from_xml("<interface type='ethernet' name='eth0'/>")) is HostInterface

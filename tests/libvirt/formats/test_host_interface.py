"""`<interface>` of the virInterface API (interface.rng, host interfaces as netcf sees
them): built in code, checked against libvirt's schema, parsed, refused; libvirt's own
documents round-tripped and typed throughout; mutated documents refused or kept (#21).

The tag is also the guest NIC's, which plain `from_xml(data)` picks: every call here
names `HostInterface`, and the coverage and mutation helpers are local copies that do.
"""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from mapping import MappingError, ParseError, SerializeError, from_dict, from_xml, to_dict
from mapping.compare import first_difference
from mapping.libvirt.host_interface import (ArpMonitor, ArpValidate, Bond, BondMember,
                                            BondMode, Bridge, Dhcp, EthernetMember,
                                            HostInterface, InterfaceType, Ipv4Address,
                                            Ipv4Protocol, Ipv6Address, Ipv6Protocol, Link,
                                            LinkState, MiiCarrier, MiiMonitor, StartMode,
                                            VlanDevice, VlanMember)
from tests.conftest import formats_path, formats_rows, require_formats
from tests.libvirt.formats import contract
from tests.libvirt.formats.test_network_fuzz import SETTINGS, _mutate
from tests.xmlassert import assert_xml_equal, to_xml

ROWS = formats_rows(("interface",))
# Rows of the host format; the others with this root are guest NICs and network-update
# snippets (`<interface dev=..>`), schema-invalid here, which must still come back whole.
VALID = [row for row in ROWS if row["libvirt_rng"] == "valid"]


_params = contract.params


def _eth(name: str, **fields) -> EthernetMember:
    return EthernetMember(name=name, **fields)


# -- built entities and the XML they write ---------------------------------------------

BUILT = [
    (HostInterface(type=InterfaceType.ETHERNET, name="eth0", start_mode=StartMode.ONBOOT,
                   mtu=9000, protocols=[
                       Ipv4Protocol(dhcp=Dhcp(peerdns=True),
                                    ips=[Ipv4Address(address="192.168.0.5", prefix=24),
                                         Ipv4Address(address="10.0.0.1")],
                                    gateway="192.168.0.1"),
                       Ipv6Protocol(autoconf=True, dhcp=Dhcp(),
                                    ips=[Ipv6Address(address="3ffe:ffff:0:5::1", prefix=128)],
                                    gateway="3ffe:ffff:1234:5678::1")],
                   link=Link(speed=1000, state=LinkState.UP), mac="aa:bb:cc:dd:ee:ff"),
     "<interface type='ethernet' name='eth0'><start mode='onboot'/><mtu size='9000'/>"
     "<protocol family='ipv4'><dhcp peerdns='yes'/><ip address='192.168.0.5' prefix='24'/>"
     "<ip address='10.0.0.1'/><route gateway='192.168.0.1'/></protocol>"
     "<protocol family='ipv6'><autoconf/><dhcp/><ip address='3ffe:ffff:0:5::1' prefix='128'/>"
     "<route gateway='3ffe:ffff:1234:5678::1'/></protocol>"
     "<link speed='1000' state='up'/><mac address='aa:bb:cc:dd:ee:ff'/></interface>"),
    # ipv6 ahead of ipv4: the schema allows either order, the list keeps it.
    (HostInterface(type=InterfaceType.ETHERNET, name="eth1", protocols=[
        Ipv6Protocol(), Ipv4Protocol(dhcp=Dhcp(peerdns=False))]),
     "<interface type='ethernet' name='eth1'><protocol family='ipv6'/>"
     "<protocol family='ipv4'><dhcp peerdns='no'/></protocol></interface>"),
    (HostInterface(type=InterfaceType.BRIDGE, name="br0", start_mode=StartMode.NONE, mtu=1500,
                   protocols=[Ipv4Protocol(dhcp=Dhcp())],
                   bridge=Bridge(stp=False, delay=0.01, interfaces=[
                       _eth("eth0", link=Link(speed=10), mac="ab:bb:cc:dd:ee:ff"),
                       VlanMember(name="eth0.42", link=Link(state=LinkState.DORMANT),
                                  vlan=VlanDevice(tag=42, device="eth0")),
                       BondMember(name="bond0", link=Link(state=LinkState.DOWN), bond=Bond(
                           mode=BondMode.ACTIVE_BACKUP,
                           miimon=MiiMonitor(freq=100, downdelay=5, updelay=10,
                                             carrier=MiiCarrier.IOCTL),
                           interfaces=[_eth("eth1"), _eth("eth2")]))])),
     "<interface type='bridge' name='br0'><start mode='none'/><mtu size='1500'/>"
     "<protocol family='ipv4'><dhcp/></protocol><bridge stp='off' delay='0.01'>"
     "<interface type='ethernet' name='eth0'><link speed='10'/>"
     "<mac address='ab:bb:cc:dd:ee:ff'/></interface>"
     "<interface type='vlan' name='eth0.42'><link state='dormant'/>"
     "<vlan tag='42'><interface name='eth0'/></vlan></interface>"
     "<interface type='bond' name='bond0'><link state='down'/><bond mode='active-backup'>"
     "<miimon freq='100' downdelay='5' updelay='10' carrier='ioctl'/>"
     "<interface type='ethernet' name='eth1'/><interface type='ethernet' name='eth2'/>"
     "</bond></interface></bridge></interface>"),
    (HostInterface(type=InterfaceType.BRIDGE, name="br1", bridge=Bridge(stp=True, delay=2)),
     "<interface type='bridge' name='br1'><bridge stp='on' delay='2'/></interface>"),
    (HostInterface(type=InterfaceType.BOND, name="bond0", start_mode=StartMode.HOTPLUG,
                   mtu=1492, protocols=[Ipv4Protocol(ips=[Ipv4Address(address="192.168.50.7",
                                                                      prefix=24)])],
                   link=Link(speed=100, state=LinkState.TESTING),
                   bond=Bond(mode=BondMode.IEEE_802_3AD,
                             arpmon=ArpMonitor(interval=100, target="192.168.50.1",
                                               validate=ArpValidate.ALL),
                             interfaces=[_eth("eth0", link=Link(state=LinkState.NOTPRESENT),
                                              mac="52:54:00:00:00:01")])),
     "<interface type='bond' name='bond0'><start mode='hotplug'/><mtu size='1492'/>"
     "<protocol family='ipv4'><ip address='192.168.50.7' prefix='24'/></protocol>"
     "<link speed='100' state='testing'/><bond mode='802.3ad'>"
     "<arpmon interval='100' target='192.168.50.1' validate='all'/>"
     "<interface type='ethernet' name='eth0'><link state='notpresent'/>"
     "<mac address='52:54:00:00:00:01'/></interface></bond></interface>"),
    (HostInterface(type=InterfaceType.VLAN, name="eth0.4095", start_mode=StartMode.ONBOOT,
                   mtu=1500, link=Link(state=LinkState.LOWERLAYERDOWN),
                   protocols=[Ipv6Protocol(autoconf=True)],
                   vlan=VlanDevice(tag=4095, device="eth0")),
     "<interface type='vlan' name='eth0.4095'><start mode='onboot'/><mtu size='1500'/>"
     "<protocol family='ipv6'><autoconf/></protocol><link state='lowerlayerdown'/>"
     "<vlan tag='4095'><interface name='eth0'/></vlan></interface>"),
    # A vlan's name is optional: libvirt derives DEVICE.TAG.
    (HostInterface(type=InterfaceType.VLAN, vlan=VlanDevice(tag=0, device="bond0")),
     "<interface type='vlan'><vlan tag='0'><interface name='bond0'/></vlan></interface>"),
]


def _bond_with(**fields) -> tuple[HostInterface, str]:
    """A bond with one member and a monitor; the XML it writes."""
    bond = Bond(interfaces=[_eth("eth0")], **fields)
    entity = HostInterface(type=InterfaceType.BOND, name="bond1", bond=bond)
    return entity, to_xml(entity)


def _enum_cases() -> list[tuple[HostInterface, str]]:
    """One entity per value of each enum, and the XML spelling it must write."""
    cases = []
    for mode in StartMode:
        cases.append((HostInterface(type=InterfaceType.ETHERNET, name="e", start_mode=mode),
                      f"<interface type='ethernet' name='e'><start mode='{mode.value}'/>"
                      "</interface>"))
    for state in LinkState:
        cases.append((HostInterface(type=InterfaceType.ETHERNET, name="e",
                                    link=Link(state=state)),
                      f"<interface type='ethernet' name='e'><link state='{state.value}'/>"
                      "</interface>"))
    member = "<interface type='ethernet' name='eth0'/>"
    for mode in BondMode:
        cases.append((_bond_with(mode=mode)[0],
                      f"<interface type='bond' name='bond1'><bond mode='{mode.value}'>"
                      f"{member}</bond></interface>"))
    for carrier in MiiCarrier:
        cases.append((_bond_with(miimon=MiiMonitor(freq=1, carrier=carrier))[0],
                      "<interface type='bond' name='bond1'><bond>"
                      f"<miimon freq='1' carrier='{carrier.value}'/>{member}</bond></interface>"))
    for check in ArpValidate:
        cases.append((_bond_with(arpmon=ArpMonitor(interval=1, target="10.0.0.1",
                                                   validate=check))[0],
                      "<interface type='bond' name='bond1'><bond><arpmon interval='1'"
                      f" target='10.0.0.1' validate='{check.value}'/>{member}</bond>"
                      "</interface>"))
    return cases


ENUMS = _enum_cases()
TABLE = BUILT + ENUMS


def test_every_enum_value_and_type_is_in_the_table():
    built = {entity.type for entity, _ in TABLE}
    assert built == set(InterfaceType)
    assert len(ENUMS) == (len(StartMode) + len(LinkState) + len(BondMode) + len(MiiCarrier)
                          + len(ArpValidate))


@pytest.mark.parametrize(("entity", "xml"), TABLE)
def test_built_entity_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), TABLE)
def test_xml_parses_to_entity_strictly(entity, xml):
    assert from_xml(xml, HostInterface, unknown="error") == entity


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_json_round_trip_keeps_unions_and_lists(entity, xml):
    assert from_dict(to_dict(entity), HostInterface) == entity


def _libvirt_schema() -> etree.RelaxNG:
    return contract.reference_schema("interface.rng")


@pytest.mark.parametrize(("entity", "xml"), TABLE)
def test_built_interface_is_valid_for_libvirt(entity, xml):
    schema = _libvirt_schema()
    written = etree.fromstring(to_xml(entity).encode())
    assert schema.validate(written), schema.error_log.last_error


def test_parsed_values_are_typed():
    entity = from_xml(BUILT[2][1], HostInterface)
    assert entity.type is InterfaceType.BRIDGE and entity.start_mode is StartMode.NONE
    assert entity.bridge.stp is False and entity.bridge.delay == 0.01
    ethernet, vlan, bond = entity.bridge.interfaces
    assert isinstance(ethernet, EthernetMember) and ethernet.link.speed == 10
    assert isinstance(vlan, VlanMember) and vlan.vlan.tag == 42 and vlan.vlan.device == "eth0"
    assert isinstance(bond, BondMember) and bond.bond.mode is BondMode.ACTIVE_BACKUP
    assert bond.bond.miimon.carrier is MiiCarrier.IOCTL and bond.bond.miimon.updelay == 10
    first = from_xml(BUILT[0][1], HostInterface)
    assert isinstance(first.protocols[0], Ipv4Protocol) and first.protocols[0].ips[0].prefix == 24
    assert isinstance(first.protocols[1], Ipv6Protocol) and first.protocols[1].autoconf is True
    assert first.protocols[0].dhcp.peerdns is True and first.mtu == 9000


@pytest.mark.parametrize("xml", [
    "<interface type='team' name='team0'><start mode='manual'/></interface>",
    "<interface type='ethernet' name='e'><link state='flapping'/></interface>",
    "<interface type='bond' name='b'><bond mode='balance-future'><miimon freq='1'"
    " carrier='sysfs'/><interface type='ethernet' name='e'/></bond></interface>",
])
def test_values_from_a_newer_libvirt_are_kept(xml):
    entity = from_xml(xml, HostInterface, unknown="error")
    assert first_difference(xml, to_xml(entity)) is None


@pytest.mark.parametrize("xml", [
    "<interface type='bridge' name='br0'><bridge><interface type='team' name='t'><x/>"
    "</interface></bridge></interface>",
    "<interface type='ethernet' name='e'><protocol family='ipx'><ip address='a'/></protocol>"
    "</interface>",
    "<interface type='ethernet' name='e'><ethtool speed='10'/></interface>",
    "<interface type='ethernet' name='e' color='red'/>",
    "<interface type='bond' name='b'><bond><interface type='vlan' name='v'/></bond></interface>",
])
def test_unmodelled_xml_is_kept_whole_or_refused(xml):
    """A member or protocol of a kind the model does not know, or an element or attribute
    it does not declare: kept, not dropped; refused when everything must be typed."""
    assert first_difference(xml, to_xml(from_xml(xml, HostInterface))) is None
    with pytest.raises(MappingError):
        from_xml(xml, HostInterface, unknown="error")


@pytest.mark.parametrize(("xml", "where"), [
    ("<interface type='ethernet' name='e'><mtu size='big'/></interface>", "HostInterface.mtu"),
    ("<interface type='bridge' name='b'><bridge stp='yes'/></interface>", "Bridge.stp"),
    ("<interface type='bridge' name='b'><bridge delay='soon'/></interface>", "Bridge.delay"),
    ("<interface type='ethernet' name='e'><protocol family='ipv4'><dhcp peerdns='on'/>"
     "</protocol></interface>", "Dhcp.peerdns"),
    ("<interface type='ethernet' name='e'><link speed='fast'/></interface>", "Link.speed"),
    ("<interface type='vlan'><vlan tag='x'><interface name='e'/></vlan></interface>",
     "VlanDevice.tag"),
    ("<interface type='bond' name='b'><bond><arpmon interval='-' target='1.1.1.1'/>"
     "</bond></interface>", "ArpMonitor.interval"),
])
def test_bad_values_are_parse_errors_naming_the_field(xml, where):
    with pytest.raises(ParseError, match=where):
        from_xml(xml, HostInterface)


@pytest.mark.parametrize(("entity", "where"), [
    (HostInterface(name="e", mtu="1500"), "HostInterface.mtu"),
    (HostInterface(name="b", bridge=Bridge(stp="off")), "HostInterface.bridge.stp"),
    (HostInterface(name=7), "HostInterface.name"),
    (HostInterface(name="e", protocols=[Link()]), "HostInterface.protocols"),
])
def test_wrong_types_are_serialize_errors_naming_the_field(entity, where):
    with pytest.raises(SerializeError, match=where):
        to_xml(entity)


# -- libvirt's documents ------------------------------------------------------------------

@pytest.mark.corpus
def test_corpus_has_the_host_interface_documents():
    require_formats()
    assert len(VALID) >= 19 and len(ROWS) >= 22, (len(VALID), len(ROWS))


@pytest.mark.corpus
@_params(ROWS)
def test_document_comes_back_losslessly(row):
    require_formats()
    contract.assert_lossless(row, HostInterface)


@pytest.mark.corpus
@_params(VALID)
def test_schema_valid_document_is_typed_throughout(row):
    require_formats()
    contract.assert_typed_throughout(formats_path(row).read_bytes(), HostInterface)


@pytest.mark.corpus
def test_typed_share_is_complete():
    require_formats()
    contract.assert_typed_share(VALID)


@pytest.mark.corpus
@_params(VALID)
def test_the_root_tells_a_host_interface_from_a_guest_nic(row):
    require_formats()
    assert type(from_xml(formats_path(row).read_bytes())) is HostInterface


def test_a_guest_nic_document_is_still_a_guest_nic():
    from mapping.libvirt import Interface
    nic = "<interface type='bridge'><source bridge='br0'/><vlan><tag id='4'/></vlan></interface>"
    assert type(from_xml(nic)) is Interface
    vlan = "<interface type='vlan'><vlan tag='42'><interface name='eth0'/></vlan></interface>"
    assert type(from_xml(vlan)) is HostInterface


# -- the mutation contract ----------------------------------------------------------------

SEEDS = [formats_path(row).read_bytes() for row in VALID] or [BUILT[2][1].encode()]


def refused_or_kept(data: bytes) -> None:
    """test_network_fuzz's contract, naming the class: a MappingError, or an entity that
    writes `data` back losslessly, reads back equal and survives JSON."""
    try:
        entity = from_xml(data, HostInterface)
    except MappingError:
        return
    written = to_xml(entity)
    assert first_difference(data, written) is None
    assert from_xml(written, HostInterface) == entity
    assert from_dict(to_dict(entity), HostInterface) == entity


@pytest.mark.corpus
@SETTINGS
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_document_is_refused_or_kept_losslessly(seed, choice):
    refused_or_kept(_mutate(seed, choice))


@pytest.mark.parametrize("delay", ["99999999999999999999999", str(2**53 + 1)])
def test_a_delay_no_double_holds_is_refused(delay):
    """Read as a float, it would be written back as another number."""
    with pytest.raises(ParseError, match="Bridge.delay"):
        from_xml(f"<interface type='bridge' name='b'><bridge delay='{delay}'/></interface>",
                 HostInterface)
    refused_or_kept(f"<interface type='bridge' name='b'><bridge delay='{2**53}'/>"
                    "</interface>".encode())

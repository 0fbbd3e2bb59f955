"""`<filter>` (formatnwfilter): network filters built in code, checked against libvirt's
schema, parsed, refused; and libvirt's own filter documents round-tripped and typed
throughout (issue #21)."""
from __future__ import annotations

import re

import pytest
from lxml import etree

from mapping import MappingError, ParseError, SerializeError, from_dict, from_xml, to_dict
from tests.libvirt.formats import contract
from tests.xmlassert import to_xml
from mapping.compare import first_difference
from mapping.core import describe
from mapping.core.xmlio import parse_document
from mapping._xsd_regex import translate
from mapping.coverage import occurrences
from mapping.xsd import SchemaBuilder
from mapping.libvirt.nwfilter import (PROTOCOLS, AhIpv6Match, AhMatch, AllIpv6Match, AllMatch,
                                      ArpMatch, ArpOpcode, EspIpv6Match, EspMatch, EtherType,
                                      FilterBoolean, FilterParameter, FilterRef, IcmpMatch,
                                      Icmpv6Match, IgmpMatch, IpMatch, IpProtocol, Ipv6Match,
                                      MacMatch, NetworkFilter, RarpMatch, Rule, RuleAction,
                                      RuleDirection, SctpIpv6Match, SctpMatch, StpMatch,
                                      TcpIpv6Match, TcpMatch, UdpIpv6Match, UdpliteIpv6Match,
                                      UdpliteMatch, UdpMatch, Variable, VlanMatch)
from tests.conftest import formats_path, formats_rows, require_formats
from tests.xmlassert import assert_xml_equal

UUID = "f88f1932-debf-4aa1-9fbe-f10d3aa4bc95"
MAC, IP = Variable("MAC"), Variable("IP")


def _rule(*protocols, action=RuleAction.ACCEPT, direction=RuleDirection.INOUT, **fields):
    return Rule(action=action, direction=direction, protocols=list(protocols), **fields)


def _filter(*entries, name="test", **fields) -> NetworkFilter:
    return NetworkFilter(name=name, entries=list(entries), **fields)


def _xml(*entries: str, attributes: str = "name='test'") -> str:
    return f"<filter {attributes}>{''.join(entries)}</filter>"


def _rule_xml(*protocols: str, attributes: str = "action='accept' direction='inout'") -> str:
    return f"<rule {attributes}>{''.join(protocols)}</rule>"


FILTERS = [
    # formatnwfilter "Filtering chains": the arp chain, its priority, $MAC and $IP.
    (_filter(
        _rule(MacMatch(match=False, src_mac_addr=MAC), action=RuleAction.DROP,
              direction=RuleDirection.OUT, priority=300),
        _rule(ArpMatch(match=False, arp_src_mac_addr=MAC), action=RuleAction.DROP,
              direction=RuleDirection.OUT, priority=350),
        _rule(ArpMatch(match=False, arp_src_ip_addr=IP), action=RuleAction.DROP,
              direction=RuleDirection.OUT, priority=400),
        _rule(ArpMatch(match=False, arp_dst_ip_addr=IP), action=RuleAction.DROP,
              direction=RuleDirection.IN, priority=500),
        _rule(ArpMatch(opcode=ArpOpcode.REQUEST), priority=600),
        _rule(action=RuleAction.DROP, priority=1000),
        name="no-arp-spoofing", chain="arp", priority=-500, uuid=UUID),
     f"<filter name='no-arp-spoofing' chain='arp' priority='-500'><uuid>{UUID}</uuid>"
     "<rule action='drop' direction='out' priority='300'><mac match='no' srcmacaddr='$MAC'/>"
     "</rule><rule action='drop' direction='out' priority='350'>"
     "<arp match='no' arpsrcmacaddr='$MAC'/></rule>"
     "<rule action='drop' direction='out' priority='400'><arp match='no' arpsrcipaddr='$IP'/>"
     "</rule><rule action='drop' direction='in' priority='500'>"
     "<arp match='no' arpdstipaddr='$IP'/></rule>"
     "<rule action='accept' direction='inout' priority='600'><arp opcode='Request'/></rule>"
     "<rule action='drop' direction='inout' priority='1000'/></filter>"),
    # "References to other filters", with parameters, and rules in between.
    (_filter(FilterRef(filter="no-mac-spoofing"),
             _rule(AllMatch(), action=RuleAction.RETURN, direction=RuleDirection.IN),
             FilterRef(filter="no-ip-spoofing", parameters=[
                 FilterParameter(name="IP", value="10.0.0.1"),
                 FilterParameter(name="IP", value="10.0.0.2")]),
             name="clean-traffic"),
     "<filter name='clean-traffic'><filterref filter='no-mac-spoofing'/>"
     "<rule action='return' direction='in'><all/></rule>"
     "<filterref filter='no-ip-spoofing'><parameter name='IP' value='10.0.0.1'/>"
     "<parameter name='IP' value='10.0.0.2'/></filterref></filter>"),
    # Layer 2: mac, vlan, stp, rarp (literals, masks, hex read as ints, a comment).
    (_filter(
        _rule(MacMatch(src_mac_addr="52:54:00:5d:c7:9e", src_mac_mask="ff:ff:ff:ff:ff:ff",
                       dst_mac_addr="aa:bb:cc:dd:ee:ff", dst_mac_mask="ff:ff:ff:00:00:00",
                       protocol_id=0x1234, comment="mac rule")),
        _rule(VlanMatch(dst_mac_addr=MAC, vlan_id=291, encap_protocol=EtherType.IPV4),
              action=RuleAction.CONTINUE),
        _rule(VlanMatch(vlan_id=Variable("VLANS", index=2), encap_protocol=0x800)),
        # (libxml2 validates the stp element in time exponential in its attributes)
        _rule(StpMatch(src_mac_addr="01:80:c2:00:00:00", src_mac_mask="ff:ff:ff:ff:ff:ff",
                       type=0x80, flags=1, root_priority=0x1000, root_priority_hi=0x2000,
                       root_address="00:11:22:33:44:55", root_address_mask="ff:ff:ff:ff:ff:ff",
                       root_cost=1, root_cost_hi=0xffffffff),
              action=RuleAction.REJECT, direction=RuleDirection.IN),
        _rule(StpMatch(sender_priority=2, sender_priority_hi=3, sender_address=MAC,
                       sender_address_mask="ff:ff:ff:ff:ff:ff", port=4, port_hi=5, age=6,
                       age_hi=7)),
        _rule(StpMatch(max_age=8, max_age_hi=9, hello_time=10, hello_time_hi=11,
                       forward_delay=12, forward_delay_hi=Variable("DELAY"))),
        _rule(RarpMatch(src_mac_addr=MAC, dst_mac_addr="ff:ff:ff:ff:ff:ff", hw_type=1,
                        protocol_type=0x800, opcode=3, arp_src_mac_addr=MAC,
                        arp_dst_mac_addr=MAC, arp_src_ip_addr="0.0.0.0",
                        arp_dst_ip_addr="0.0.0.0", gratuitous=FilterBoolean.NO)),
        name="layer2", chain="root"),
     _xml(_rule_xml("<mac srcmacaddr='52:54:00:5d:c7:9e' srcmacmask='ff:ff:ff:ff:ff:ff'"
                    " dstmacaddr='aa:bb:cc:dd:ee:ff' dstmacmask='ff:ff:ff:00:00:00'"
                    " protocolid='0x1234' comment='mac rule'/>"),
          _rule_xml("<vlan dstmacaddr='$MAC' vlanid='0x123' encap-protocol='ipv4'/>",
                    attributes="action='continue' direction='inout'"),
          _rule_xml("<vlan vlanid='$VLANS[2]' encap-protocol='2048'/>"),
          _rule_xml("<stp srcmacaddr='01:80:c2:00:00:00' srcmacmask='ff:ff:ff:ff:ff:ff'"
                    " type='0x80' flags='1' root-priority='4096' root-priority-hi='8192'"
                    " root-address='00:11:22:33:44:55' root-address-mask='ff:ff:ff:ff:ff:ff'"
                    " root-cost='1' root-cost-hi='0xffffffff'/>",
                    attributes="action='reject' direction='in'"),
          _rule_xml("<stp sender-priority='2' sender-priority-hi='3' sender-address='$MAC'"
                    " sender-address-mask='ff:ff:ff:ff:ff:ff' port='4' port-hi='5' age='6'"
                    " age-hi='7'/>"),
          _rule_xml("<stp max-age='8' max-age-hi='9' hello-time='10' hello-time-hi='11'"
                    " forward-delay='12' forward-delay-hi='$DELAY'/>"),
          _rule_xml("<rarp srcmacaddr='$MAC' dstmacaddr='ff:ff:ff:ff:ff:ff' hwtype='1'"
                    " protocoltype='2048' opcode='3' arpsrcmacaddr='$MAC'"
                    " arpdstmacaddr='$MAC' arpsrcipaddr='0.0.0.0' arpdstipaddr='0.0.0.0'"
                    " gratuitous='no'/>"),
          attributes="name='layer2' chain='root'")),
    # Layer 3: ip and ipv6; masks as prefix lengths or addresses; iterators.
    (_filter(
        _rule(IpMatch(src_mac_addr=MAC, src_mac_mask="ff:ff:ff:ff:ff:ff",
                      dst_mac_addr="aa:bb:cc:dd:ee:ff", dst_mac_mask="ff:ff:ff:ff:ff:ff",
                      src_ip_addr=Variable("SRCIPADDRESSES", iterator=1), src_ip_mask=24,
                      dst_ip_addr="10.1.2.3", dst_ip_mask="255.255.255.0",
                      protocol=IpProtocol.UDP, src_port_start=20, src_port_end=22,
                      dst_port_start=Variable("DSTPORTS", iterator=2), dst_port_end=101,
                      dscp=46, comment="ip rule"),
              direction=RuleDirection.OUT, priority=100),
        _rule(IpMatch(match=True, protocol=Variable("PROTO"), dscp=Variable("DSCP"))),
        _rule(Ipv6Match(src_ip_addr="::ffff:10.1.2.3", src_ip_mask=22,
                        dst_ip_addr=Variable("IPV6"), dst_ip_mask="ffff:ffff:ffff:ffff::",
                        protocol=IpProtocol.ICMPV6, type=1, type_end=11, code=0,
                        code_end=255),
              direction=RuleDirection.IN),
        _rule(Ipv6Match(src_mac_addr=MAC, protocol=17, src_port_start=0x111,
                        dst_port_end=65535)),
        name="layer3", chain="ipv4-in", priority=0),
     _xml(_rule_xml("<ip srcmacaddr='$MAC' srcmacmask='ff:ff:ff:ff:ff:ff'"
                    " dstmacaddr='aa:bb:cc:dd:ee:ff' dstmacmask='ff:ff:ff:ff:ff:ff'"
                    " srcipaddr='$SRCIPADDRESSES[@1]' srcipmask='24' dstipaddr='10.1.2.3'"
                    " dstipmask='255.255.255.0' protocol='udp' srcportstart='20'"
                    " srcportend='22' dstportstart='$DSTPORTS[@2]' dstportend='101'"
                    " dscp='46' comment='ip rule'/>",
                    attributes="action='accept' direction='out' priority='100'"),
          _rule_xml("<ip match='yes' protocol='$PROTO' dscp='$DSCP'/>"),
          _rule_xml("<ipv6 srcipaddr='::ffff:10.1.2.3' srcipmask='22' dstipaddr='$IPV6'"
                    " dstipmask='ffff:ffff:ffff:ffff::' protocol='icmpv6' type='1'"
                    " typeend='11' code='0' codeend='255'/>",
                    attributes="action='accept' direction='in'"),
          _rule_xml("<ipv6 srcmacaddr='$MAC' protocol='17' srcportstart='0x111'"
                    " dstportend='65535'/>"),
          attributes="name='layer3' chain='ipv4-in' priority='0'")),
    # Layer 4 over IPv4: each protocol, address ranges, connection state, an ipset.
    (_filter(
        _rule(TcpMatch(src_mac_addr=MAC, src_ip_addr=IP, src_ip_mask=32, dst_ip_addr="10.0.0.1",
                       dst_ip_mask="255.255.255.255", src_ip_from="10.0.0.1",
                       src_ip_to="10.0.0.9", dst_ip_from="10.0.1.1", dst_ip_to="10.0.1.9",
                       dscp=2, connlimit_above=10, state="NEW,ESTABLISHED",
                       src_port_start=1024, src_port_end=65535, dst_port_start=22,
                       dst_port_end=Variable("PORT", index=0), flags="SYN/SYN,ACK",
                       comment="ssh"),
              direction=RuleDirection.IN, statematch="false"),
        _rule(UdpMatch(dst_port_start=53, ipset="dns-servers", ipset_flags="dst")),
        _rule(SctpMatch(src_port_start=Variable("SCTP"), state="NONE")),
        _rule(IcmpMatch(type=8, code=0, state="RELATED")),
        _rule(IgmpMatch(dst_ip_addr="224.0.0.1")),
        _rule(EspMatch(src_ip_addr=IP)),
        _rule(AhMatch(dst_ip_from="192.168.0.1", dst_ip_to="192.168.0.255")),
        _rule(UdpliteMatch(connlimit_above=Variable("LIMIT"))),
        _rule(AllMatch(ipset=Variable("IPSETNAME"), ipset_flags="src,dst"), statematch="0"),
        name="layer4"),
     _xml(_rule_xml("<tcp srcmacaddr='$MAC' srcipaddr='$IP' srcipmask='32'"
                    " dstipaddr='10.0.0.1' dstipmask='255.255.255.255' srcipfrom='10.0.0.1'"
                    " srcipto='10.0.0.9' dstipfrom='10.0.1.1' dstipto='10.0.1.9' dscp='2'"
                    " connlimit-above='10' state='NEW,ESTABLISHED' srcportstart='1024'"
                    " srcportend='65535' dstportstart='22' dstportend='$PORT[0]'"
                    " flags='SYN/SYN,ACK' comment='ssh'/>",
                    attributes="action='accept' direction='in' statematch='false'"),
          _rule_xml("<udp dstportstart='53' ipset='dns-servers' ipsetflags='dst'/>"),
          _rule_xml("<sctp srcportstart='$SCTP' state='NONE'/>"),
          _rule_xml("<icmp type='8' code='0' state='RELATED'/>"),
          _rule_xml("<igmp dstipaddr='224.0.0.1'/>"),
          _rule_xml("<esp srcipaddr='$IP'/>"),
          _rule_xml("<ah dstipfrom='192.168.0.1' dstipto='192.168.0.255'/>"),
          _rule_xml("<udplite connlimit-above='$LIMIT'/>"),
          _rule_xml("<all ipset='$IPSETNAME' ipsetflags='src,dst'/>",
                    attributes="action='accept' direction='inout' statematch='0'"),
          attributes="name='layer4'")),
    # Layer 4 over IPv6.
    (_filter(
        _rule(TcpIpv6Match(src_mac_addr=MAC, src_ip_addr="a:b:c::", src_ip_mask=128,
                           dst_ip_addr=Variable("IPV6"), dst_ip_mask="ffff:ffff::",
                           src_ip_from="2001:db8::1", src_ip_to="2001:db8::9",
                           dst_ip_from="2001:db8:1::1", dst_ip_to="2001:db8:1::9", dscp=63,
                           src_port_start=0x20, dst_port_end=0x1111, flags="ALL/NONE")),
        _rule(UdpIpv6Match(dst_port_start=546, dst_port_end=547, comment="dhcpv6")),
        _rule(SctpIpv6Match(src_port_end=Variable("P", iterator=3))),
        _rule(Icmpv6Match(type=135, code=0)),
        _rule(AllIpv6Match(match=False, src_ip_addr=Variable("IPV6"))),
        _rule(EspIpv6Match(dscp=Variable("DSCP"))),
        _rule(AhIpv6Match(src_ip_addr="::1")),
        _rule(UdpliteIpv6Match(dst_ip_addr="ff02::1")),
        name="layer4-ipv6"),
     _xml(_rule_xml("<tcp-ipv6 srcmacaddr='$MAC' srcipaddr='a:b:c::' srcipmask='128'"
                    " dstipaddr='$IPV6' dstipmask='ffff:ffff::' srcipfrom='2001:db8::1'"
                    " srcipto='2001:db8::9' dstipfrom='2001:db8:1::1'"
                    " dstipto='2001:db8:1::9' dscp='63' srcportstart='0x20'"
                    " dstportend='0x1111' flags='ALL/NONE'/>"),
          _rule_xml("<udp-ipv6 dstportstart='546' dstportend='547' comment='dhcpv6'/>"),
          _rule_xml("<sctp-ipv6 srcportend='$P[@3]'/>"),
          _rule_xml("<icmpv6 type='135' code='0'/>"),
          _rule_xml("<all-ipv6 match='no' srcipaddr='$IPV6'/>"),
          _rule_xml("<esp-ipv6 dscp='$DSCP'/>"),
          _rule_xml("<ah-ipv6 srcipaddr='::1'/>"),
          _rule_xml("<udplite-ipv6 dstipaddr='ff02::1'/>"),
          attributes="name='layer4-ipv6'")),
]


def _one_per_member(enum_type, build, spell) -> tuple[NetworkFilter, str]:
    """A filter with a rule for each member of `enum_type` (the rule `build` makes of
    it), and its XML (each rule as `spell` writes it)."""
    members = list(enum_type)
    return (_filter(*[build(member) for member in members], name=enum_type.__name__),
            _xml(*[spell(member.value) for member in members],
                 attributes=f"name='{enum_type.__name__}'"))


ENUMS = [
    _one_per_member(RuleAction, lambda m: _rule(action=m),
                    lambda v: f"<rule action='{v}' direction='inout'/>"),
    _one_per_member(RuleDirection, lambda m: _rule(direction=m),
                    lambda v: f"<rule action='accept' direction='{v}'/>"),
    _one_per_member(EtherType, lambda m: _rule(MacMatch(protocol_id=m)),
                    lambda v: _rule_xml(f"<mac protocolid='{v}'/>")),
    _one_per_member(EtherType, lambda m: _rule(VlanMatch(encap_protocol=m)),
                    lambda v: _rule_xml(f"<vlan encap-protocol='{v}'/>")),
    _one_per_member(IpProtocol, lambda m: _rule(IpMatch(protocol=m)),
                    lambda v: _rule_xml(f"<ip protocol='{v}'/>")),
    _one_per_member(IpProtocol, lambda m: _rule(Ipv6Match(protocol=m)),
                    lambda v: _rule_xml(f"<ipv6 protocol='{v}'/>")),
    _one_per_member(ArpOpcode, lambda m: _rule(ArpMatch(opcode=m)),
                    lambda v: _rule_xml(f"<arp opcode='{v}'/>")),
    _one_per_member(FilterBoolean, lambda m: _rule(RarpMatch(gratuitous=m)),
                    lambda v: _rule_xml(f"<rarp gratuitous='{v}'/>")),
]
# Attributes formatnwfilter documents (and libvirt reads) that libvirt's schema lacks.
DOCUMENTED_OUTSIDE_SCHEMA = [
    (_filter(_rule(ArpMatch(arp_src_ip_addr=IP, arp_src_ip_mask=24,
                            arp_dst_ip_addr="10.0.0.0", arp_dst_ip_mask="255.0.0.0"))),
     _xml(_rule_xml("<arp arpsrcipaddr='$IP' arpsrcipmask='24' arpdstipaddr='10.0.0.0'"
                    " arpdstipmask='255.0.0.0'/>"))),
    (_filter(_rule(TcpIpv6Match(state="ESTABLISHED", connlimit_above=4, ipset="v6",
                                ipset_flags="src"))),
     _xml(_rule_xml("<tcp-ipv6 state='ESTABLISHED' connlimit-above='4' ipset='v6'"
                    " ipsetflags='src'/>"))),
]

BUILT = FILTERS + ENUMS
ALL_BUILT = BUILT + DOCUMENTED_OUTSIDE_SCHEMA


def test_the_tables_cover_every_protocol_and_enum_member():
    used = {type(p) for entity, _ in BUILT for rule in entity.rules for p in rule.protocols}
    assert used == set(PROTOCOLS.values())
    assert any(entity.filterrefs for entity, _ in BUILT)
    for enum_type in (RuleAction, RuleDirection, EtherType, IpProtocol, ArpOpcode,
                      FilterBoolean):
        assert any(entity.name == enum_type.__name__ for entity, _ in ENUMS), enum_type


@pytest.mark.parametrize(("entity", "xml"), ALL_BUILT)
def test_built_filter_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), ALL_BUILT)
def test_xml_parses_to_the_filter_strictly(entity, xml):
    assert from_xml(xml, NetworkFilter, unknown="error") == entity


@pytest.mark.parametrize(("entity", "xml"), ALL_BUILT)
def test_json_round_trip_keeps_variables_and_protocols(entity, xml):
    again = from_dict(to_dict(entity), NetworkFilter)
    assert again == entity
    assert_xml_equal(xml, to_xml(again))


def _libvirt_schema() -> etree.RelaxNG:
    return contract.reference_schema("nwfilter.rng")


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_built_filter_is_valid_for_libvirt(entity, xml):
    schema = _libvirt_schema()
    written = etree.fromstring(to_xml(entity).encode())
    assert schema.validate(written), schema.error_log.last_error


@pytest.mark.parametrize(("entity", "xml"), DOCUMENTED_OUTSIDE_SCHEMA)
def test_attributes_documented_outside_libvirts_schema_are_modelled(entity, xml):
    """formatnwfilter lists these (and libvirt reads them); its schema does not."""
    schema = _libvirt_schema()
    assert not schema.validate(etree.fromstring(to_xml(entity).encode()))


def test_parsed_values_are_typed():
    rule = from_xml(FILTERS[3][1], NetworkFilter).rules[0]
    (ip,) = rule.protocols
    assert isinstance(ip, IpMatch)
    assert ip.src_ip_addr == Variable("SRCIPADDRESSES", iterator=1)
    assert ip.src_ip_mask == 24 and ip.dst_ip_mask == "255.255.255.0"
    assert ip.protocol is IpProtocol.UDP and ip.dscp == 46 and ip.src_port_start == 20
    assert ip.dst_port_start.iterator == 2 and ip.dst_port_start.index is None
    layer2 = from_xml(FILTERS[2][1], NetworkFilter)
    mac, vlan, stp = (layer2.rules[i].protocols[0] for i in (0, 1, 3))
    assert mac.protocol_id == 0x1234 and vlan.vlan_id == 0x123 and stp.root_cost_hi == 2**32 - 1
    assert vlan.encap_protocol is EtherType.IPV4
    assert from_xml(FILTERS[0][1], NetworkFilter).priority == -500
    assert FilterBoolean("true").enabled and not FilterBoolean("0").enabled


# -- variables (formatnwfilter "Usage of variables in filters") ----------------------------

@pytest.mark.parametrize(("text", "variable"), [
    ("$IP", Variable("IP")),
    ("$DSTPORTS[1]", Variable("DSTPORTS", index=1)),
    ("$SRCIPADDRESSES[@1]", Variable("SRCIPADDRESSES", iterator=1)),
    ("$B[  @0 ] ", Variable("B", iterator=0)),
    ("$ A[ 1 ] ", Variable("A", index=1)),
    ("$IP_2", Variable("IP_2")),
])
def test_a_reference_reads_as_a_variable_and_keeps_its_spelling(text, variable):
    parsed = Variable.parse(text)
    assert parsed == variable and parsed.text == text
    assert parsed.canonical == variable.text
    xml = f"<filter name='f'><rule action='drop' direction='in'><udp srcportstart='{text}'/>" \
          "</rule></filter>"
    entity = from_xml(xml, NetworkFilter, unknown="error")
    assert entity.rules[0].protocols[0].src_port_start == variable
    written = etree.fromstring(to_xml(entity).encode())
    assert written.find("rule/udp").get("srcportstart") == text


@pytest.mark.parametrize("text", ["$", "$a-b", "$A[@]", "$A[1][2]", "$A[x]", "IP", "$A[-1]",
                                  "$A[" + "9" * 11 + "]"])
def test_what_is_no_reference_is_refused(text):
    with pytest.raises(ValueError):
        Variable.parse(text)


@pytest.mark.parametrize("make", [
    lambda: Variable("a-b"), lambda: Variable(""), lambda: Variable("A", index=1, iterator=1),
    lambda: Variable("A", index=-1), lambda: Variable("A", iterator=True),
    lambda: Variable("A", spelling="$B"), lambda: Variable("A", index=1, spelling="$A[@1]"),
])
def test_a_variable_built_wrong_is_refused(make):
    with pytest.raises(ValueError):
        make()


# -- refused and kept -------------------------------------------------------------------------

def _in_rule(protocol: str, rule: str = "action='accept' direction='in'") -> str:
    return f"<filter name='f'><rule {rule}>{protocol}</rule></filter>"


@pytest.mark.parametrize(("xml", "where"), [
    (_in_rule("<tcp srcportstart='abc'/>"), "TcpMatch.src_port_start"),
    (_in_rule("<ip dscp='high'/>"), "IpMatch.dscp"),
    (_in_rule("<udp srcipmask='$'/>"), "UdpMatch.src_ip_mask"),
    (_in_rule("<mac srcmacaddr='$(ls)'/>"), "MacMatch.src_mac_addr"),
    (_in_rule("<mac match='false'/>"), "MacMatch.match"),
    (_in_rule("<arp gratuitous='maybe'/>"), "ArpMatch.gratuitous"),
    (_in_rule("<icmp type='echo'/>"), "IcmpMatch.type"),
    (_in_rule("<stp root-cost='$A[@x]'/>"), "StpMatch.root_cost"),
    (_in_rule("<all/>", "action='accept' direction='in' priority='first'"), "Rule.priority"),
    ("<filter name='f' priority='-'/>", "NetworkFilter.priority"),
])
def test_bad_values_are_parse_errors_naming_the_field(xml, where):
    with pytest.raises(ParseError, match=re.escape(where)):
        from_xml(xml, NetworkFilter)


@pytest.mark.parametrize(("protocol", "where"), [
    (TcpMatch(src_ip_addr="$IP"), "src_ip_addr"),        # a reference is a Variable
    (TcpMatch(src_ip_mask="24"), "src_ip_mask"),         # a number is an int
    (TcpMatch(src_port_start="80"), "src_port_start"),
    (TcpMatch(src_port_start=True), "src_port_start"),
    (IpMatch(protocol=6.0), "protocol"),
    (IpMatch(protocol="17"), "protocol"),
    (MacMatch(src_mac_addr=52), "src_mac_addr"),
    (ArpMatch(gratuitous=True), "gratuitous"),
    (IcmpMatch(type=Variable("T")), "type"),             # the schema gives it no reference
])
def test_wrong_types_are_serialize_errors_naming_the_field(protocol, where):
    with pytest.raises(SerializeError, match=re.escape(f"protocols[0].{where}")):
        to_xml(_filter(_rule(protocol)))


@pytest.mark.parametrize("xml", [
    _in_rule("<ip protocol='gre'/>"),
    _in_rule("<mac protocolid='ipx'/>"),
    _in_rule("<arp opcode='reply'/>"),    # the schema's lowercase spelling
    _in_rule("<all/>", "action='log' direction='forward'"),
])
def test_values_from_a_newer_libvirt_are_kept(xml):
    entity = from_xml(xml, NetworkFilter, unknown="error")
    assert first_difference(xml, to_xml(entity)) is None
    rule = entity.rules[0]
    values = [rule.action, rule.direction] + [
        getattr(rule.protocols[0], name) for name in ("protocol", "protocol_id", "opcode")
        if hasattr(rule.protocols[0], name)]
    # (not `known`: OpenEnum calls 'reply' known, its name being REPLY's; see the report)
    assert any(value.value not in {member.value for member in type(value)} for value in values)


@pytest.mark.parametrize("xml", [
    _in_rule("<gre srcipaddr='1.2.3.4'/>"),                  # a protocol libvirt lacks
    _in_rule("<tcp option='2'/>"),                           # read by libvirt, undocumented
    _in_rule("<all/>", "action='accept' direction='in' log='yes'"),
    "<filter name='f'><description>x</description></filter>",
])
def test_unmodelled_xml_is_kept_whole_and_refused_when_strict(xml):
    assert first_difference(xml, to_xml(from_xml(xml, NetworkFilter))) is None
    with pytest.raises(MappingError):
        from_xml(xml, NetworkFilter, unknown="error")


def test_entries_keep_their_order_and_repeated_protocols_are_kept():
    """The schema interleaves the uuid with the entries; libvirt merges a rule's repeated
    elements of one protocol (formatnwfilter's own no-arp-spoofing example has two)."""
    xml = ("<filter name='f'><filterref filter='a'/><rule action='drop' direction='in'>"
           "<arp opcode='Reply'/><arp match='no' arpdstmacaddr='$MAC'/></rule>"
           f"<filterref filter='b'/><uuid>{UUID}</uuid></filter>")
    entity = from_xml(xml, NetworkFilter, unknown="error")
    assert [type(entry) for entry in entity.entries] == [FilterRef, Rule, FilterRef]
    assert [type(p) for p in entity.rules[0].protocols] == [ArpMatch, ArpMatch]
    assert first_difference(xml, to_xml(entity)) is None


# -- libvirt's own documents ----------------------------------------------------------------

ROWS = formats_rows(("filter",))
VALID = [row for row in ROWS if row["libvirt_rng"] == "valid"]
INVALID = [row for row in ROWS if row["libvirt_rng"] != "valid"]
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


_params = contract.params


@pytest.mark.corpus
def test_corpus_has_the_filter_documents():
    require_formats()
    assert (len(ROWS), len(VALID), len(INVALID)) == (123, 102, 21)


@pytest.mark.corpus
@_params(ROWS)
def test_document_comes_back_losslessly(row):
    """Those libvirt refuses too (out-of-range values): kept, not refused."""
    require_formats()
    data = formats_path(row).read_bytes()
    entity = from_xml(data, NetworkFilter)
    written = to_xml(entity)
    assert first_difference(data, written) is None
    assert from_xml(written, NetworkFilter) == entity
    assert from_dict(to_dict(entity), NetworkFilter) == entity


@pytest.mark.corpus
@_params(VALID)
def test_schema_valid_document_is_typed_throughout(row):
    """Nothing is left to the unknown-XML holder but XML comments, which are no field of
    any class: strict parsing names them, and only them."""
    require_formats()
    data = formats_path(row).read_text()
    if _COMMENT.search(data):
        with pytest.raises(ParseError) as raised:
            from_xml(data, NetworkFilter, unknown="error")
        assert all("comment()" in (problem.path or "") for problem in raised.value.problems)
        data = _COMMENT.sub("", data)
    assert from_xml(data, NetworkFilter, unknown="error") == from_xml(data, NetworkFilter)
    typed_only = parse_document(to_xml(from_xml(data, NetworkFilter, unknown="ignore")))
    assert occurrences(typed_only) == occurrences(parse_document(data))


@pytest.mark.corpus
def test_typed_share():
    """The coverage tool's figure: every element and attribute, of the documents libvirt
    refuses as well."""
    require_formats()
    for rows in (VALID, ROWS):
        contract.assert_typed_share(rows)


def _codecs(cls) -> dict[str, object]:
    return {field.xml: field.codec for field in describe(cls).fields if field.kind == "attr"}


CODECS = {"filter": _codecs(NetworkFilter), "rule": _codecs(Rule),
          **{tag: _codecs(cls) for tag, cls in PROTOCOLS.items()}}


def _fits(codec, value: str) -> bool:
    """Whether `value` fits the facets libvirt's schema gives the codec's type."""
    facets = getattr(codec, "facets", None)
    if facets is None:
        try:
            codec.parse(value)
        except ValueError:
            return False
        return True
    # (the facets are XSD patterns: `$` is a plain character there)
    if facets.pattern is not None:
        return re.fullmatch(translate(facets.pattern), value) is not None
    if facets.hex is not None and re.fullmatch(translate(facets.hex), value):
        return True
    return (re.fullmatch(translate(facets.decimal), value) is not None
            and facets.minimum <= int(value) <= facets.maximum)


def _misfits(data: bytes) -> list[tuple[str, str, str]]:
    misfits = []
    for node in parse_document(data).iter(*CODECS):
        codecs = CODECS[node.tag]
        misfits += [(node.tag, name, value) for name, value in node.attrib.items()
                    if not _fits(codecs[name], value)]
    return misfits


@pytest.mark.corpus
@_params(ROWS)
def test_the_codecs_facets_accept_what_libvirts_schema_accepts(row):
    """Every value of a schema-valid document fits its codec's facets (the schema's value
    patterns); every document the schema refuses has a value that does not."""
    require_formats()
    schema = _libvirt_schema()
    data = formats_path(row).read_bytes()
    valid = schema.validate(parse_document(data).getroottree())
    assert valid == (row["libvirt_rng"] == "valid")
    misfits = _misfits(data)
    assert bool(misfits) != valid, misfits


@pytest.mark.corpus
def test_the_model_schema_agrees_with_libvirts_on_every_document(tmp_path):
    """The XSD generated from the model (`mapping.xsd`, the facets above) accepts the
    documents libvirt's schema accepts, and refuses the others (XML comments aside)."""
    require_formats()
    xmlschema = pytest.importorskip("xmlschema")
    builder = SchemaBuilder()
    builder.root(NetworkFilter)
    for name, text in builder.documents().items():
        (tmp_path / name).write_text(text)
    schema = xmlschema.XMLSchema11(str(tmp_path / "domain.xsd"))
    for row in ROWS:
        data = _COMMENT.sub("", formats_path(row).read_text())
        assert schema.is_valid(data) == (row["libvirt_rng"] == "valid"), row["file"]

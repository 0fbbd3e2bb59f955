"""The `<filter>` root: a libvirt network filter (formatnwfilter).

A filter is a list, in document order, of rules and of references to other filters
(`<filterref>`, with the parameters it passes on: the classes of a domain interface's
filter reference). A rule matches packets by one protocol element (formatnwfilter
"Supported protocols"), whose attributes are grouped as libvirt's schema groups them
(layer 2 MAC addresses, the IPv4 or IPv6 header, ports). libvirt also reads a few
attributes its schema does not list, which formatnwfilter documents (the ARP IP masks;
`state`, `ipset` and `connlimit-above` on the protocols over IPv6): those are modelled
too. The values the attributes take (literals or `$VARIABLE` references) are in
`mapping.libvirt.nwfilter_rules`.
"""
from __future__ import annotations

from ..core import OpenEnum, YesNo, attr, child, choice, element
from .basictypes import UUID, pattern, ranged
from .devices.interface import FilterParameter, FilterRef
from .nwfilter_rules import (ARP_OPCODE, ETHER_TYPE, IP_PROTOCOL, IPSET_FLAGS, IPSET_NAME,
                             IPV4_ADDR, IPV4_MASK, IPV6_ADDR, IPV6_MASK, MAC, SIX_BIT,
                             STATE_FLAGS, TCP_FLAGS, UINT8, UINT16, UINT32, VLAN_ID, ArpOpcode,
                             EtherType, FilterBoolean, IpProtocol, Variable)

# nwfilter.rng "priority-type": chains and rules, lowest first.
PRIORITY = ranged("priority-type", -1000, 1000, decimal=r"[+\-]?[0-9]+")
# nwfilter.rng "filter-node-attributes": `root`, or a protocol's name as the prefix of a
# chain's name (`arp-xyz`), the whole at most 12 or 13 characters long.
CHAIN = pattern("filter-chain", "root|" + "|".join(
    f"{prefix}[a-zA-Z0-9_\\.:\\-]{{0,{room}}}"
    for prefix, room in (("mac", 9), ("stp", 9), ("vlan", 8), ("arp", 9), ("rarp", 8),
                         ("ipv4", 8), ("ipv6", 8))))
# nwfilter.rng "statematch-type": only ever turns state matching off.
STATE_MATCH = pattern("statematch-type", "([Ff][Aa][Ll][Ss][Ee]|0)")


# -- attribute groups (nwfilter.rng "match-attribute", "common-l2-attributes", ...) ------

@element(written_last=True)
class _Commented:
    # (libvirt writes the comment after the other attributes)
    comment: str | None = attr("comment")


@element()
class _Negatable(_Commented):
    match: bool | None = attr("match", codec=YesNo)


@element()
class _SourceMac(_Negatable):
    src_mac_addr: str | Variable | None = attr("srcmacaddr", codec=MAC)


@element()
class _SourceMacMask(_SourceMac):
    src_mac_mask: str | Variable | None = attr("srcmacmask", codec=MAC)


@element()
class _Ethernet(_SourceMacMask):
    dst_mac_addr: str | Variable | None = attr("dstmacaddr", codec=MAC)
    dst_mac_mask: str | Variable | None = attr("dstmacmask", codec=MAC)


@element()
class _Ipv4Addresses:
    src_ip_addr: str | Variable | None = attr("srcipaddr", codec=IPV4_ADDR)
    src_ip_mask: int | str | Variable | None = attr("srcipmask", codec=IPV4_MASK)
    dst_ip_addr: str | Variable | None = attr("dstipaddr", codec=IPV4_ADDR)
    dst_ip_mask: int | str | Variable | None = attr("dstipmask", codec=IPV4_MASK)


@element()
class _Ipv6Addresses:
    src_ip_addr: str | Variable | None = attr("srcipaddr", codec=IPV6_ADDR)
    src_ip_mask: int | str | Variable | None = attr("srcipmask", codec=IPV6_MASK)
    dst_ip_addr: str | Variable | None = attr("dstipaddr", codec=IPV6_ADDR)
    dst_ip_mask: int | str | Variable | None = attr("dstipmask", codec=IPV6_MASK)


@element()
class _Ports:
    src_port_start: int | Variable | None = attr("srcportstart", codec=UINT16)
    src_port_end: int | Variable | None = attr("srcportend", codec=UINT16)
    dst_port_start: int | Variable | None = attr("dstportstart", codec=UINT16)
    dst_port_end: int | Variable | None = attr("dstportend", codec=UINT16)


@element()
class _Connection:
    dscp: int | Variable | None = attr("dscp", codec=SIX_BIT)
    connlimit_above: int | Variable | None = attr("connlimit-above", codec=UINT16)
    state: str | None = attr("state", codec=STATE_FLAGS)
    ipset: str | Variable | None = attr("ipset", codec=IPSET_NAME)
    ipset_flags: str | None = attr("ipsetflags", codec=IPSET_FLAGS)


@element()
class _Ipv4Header(_Connection, _Ipv4Addresses, _SourceMac):
    """The IPv4 header of the layer 4 protocols: addresses and masks, address ranges,
    DSCP, connection limit and state, an ipset (formatnwfilter "TCP/UDP/SCTP")."""

    src_ip_from: str | Variable | None = attr("srcipfrom", codec=IPV4_ADDR)
    src_ip_to: str | Variable | None = attr("srcipto", codec=IPV4_ADDR)
    dst_ip_from: str | Variable | None = attr("dstipfrom", codec=IPV4_ADDR)
    dst_ip_to: str | Variable | None = attr("dstipto", codec=IPV4_ADDR)


@element()
class _Ipv6Header(_Connection, _Ipv6Addresses, _SourceMac):
    """The IPv6 header of the layer 4 protocols over IPv6 (formatnwfilter "TCP/UDP/SCTP
    over IPV6"; the schema lists only the address ranges and DSCP of `_Connection`)."""

    src_ip_from: str | Variable | None = attr("srcipfrom", codec=IPV6_ADDR)
    src_ip_to: str | Variable | None = attr("srcipto", codec=IPV6_ADDR)
    dst_ip_from: str | Variable | None = attr("dstipfrom", codec=IPV6_ADDR)
    dst_ip_to: str | Variable | None = attr("dstipto", codec=IPV6_ADDR)


# -- layer 2 (formatnwfilter "MAC (Ethernet)", "VLAN", "STP", "ARP/RARP") ------------------

@element()
class MacMatch(_Ethernet):
    """`<mac>`: Ethernet frames by MAC addresses (masked) and layer 3 protocol."""

    protocol_id: int | EtherType | Variable | None = attr("protocolid", codec=ETHER_TYPE)


@element()
class VlanMatch(_Ethernet):
    """`<vlan>`: 802.1Q frames by VLAN id and encapsulated protocol."""

    vlan_id: int | Variable | None = attr("vlanid", codec=VLAN_ID)
    encap_protocol: int | EtherType | Variable | None = attr("encap-protocol",
                                                              codec=ETHER_TYPE)


@element()
class StpMatch(_SourceMacMask):
    """`<stp>`: spanning tree BPDUs; each `x`/`x_hi` pair is a range."""

    type: int | None = attr("type", codec=UINT8)
    flags: int | None = attr("flags", codec=UINT8)
    root_priority: int | Variable | None = attr("root-priority", codec=UINT16)
    root_priority_hi: int | Variable | None = attr("root-priority-hi", codec=UINT16)
    root_address: str | Variable | None = attr("root-address", codec=MAC)
    root_address_mask: str | Variable | None = attr("root-address-mask", codec=MAC)
    root_cost: int | Variable | None = attr("root-cost", codec=UINT32)
    root_cost_hi: int | Variable | None = attr("root-cost-hi", codec=UINT32)
    sender_priority: int | Variable | None = attr("sender-priority", codec=UINT16)
    sender_priority_hi: int | Variable | None = attr("sender-priority-hi", codec=UINT16)
    sender_address: str | Variable | None = attr("sender-address", codec=MAC)
    sender_address_mask: str | Variable | None = attr("sender-address-mask", codec=MAC)
    port: int | Variable | None = attr("port", codec=UINT16)
    port_hi: int | Variable | None = attr("port-hi", codec=UINT16)
    age: int | Variable | None = attr("age", codec=UINT16)
    age_hi: int | Variable | None = attr("age-hi", codec=UINT16)
    max_age: int | Variable | None = attr("max-age", codec=UINT16)
    max_age_hi: int | Variable | None = attr("max-age-hi", codec=UINT16)
    hello_time: int | Variable | None = attr("hello-time", codec=UINT16)
    hello_time_hi: int | Variable | None = attr("hello-time-hi", codec=UINT16)
    forward_delay: int | Variable | None = attr("forward-delay", codec=UINT16)
    forward_delay_hi: int | Variable | None = attr("forward-delay-hi", codec=UINT16)


@element()
class ArpMatch(_Ethernet):
    """`<arp>`: ARP packets by hardware and protocol type, opcode, the addresses they
    carry, and whether they are gratuitous. (`arpsrcipmask`, `arpdstipmask`: documented
    since libvirt 1.2.3, missing from its schema.)"""

    hw_type: int | Variable | None = attr("hwtype", codec=UINT16)
    protocol_type: int | Variable | None = attr("protocoltype", codec=UINT16)
    opcode: int | ArpOpcode | Variable | None = attr("opcode", codec=ARP_OPCODE)
    arp_src_mac_addr: str | Variable | None = attr("arpsrcmacaddr", codec=MAC)
    arp_dst_mac_addr: str | Variable | None = attr("arpdstmacaddr", codec=MAC)
    arp_src_ip_addr: str | Variable | None = attr("arpsrcipaddr", codec=IPV4_ADDR)
    arp_src_ip_mask: int | str | Variable | None = attr("arpsrcipmask", codec=IPV4_MASK)
    arp_dst_ip_addr: str | Variable | None = attr("arpdstipaddr", codec=IPV4_ADDR)
    arp_dst_ip_mask: int | str | Variable | None = attr("arpdstipmask", codec=IPV4_MASK)
    gratuitous: FilterBoolean | None = attr("gratuitous")


@element()
class RarpMatch(ArpMatch):
    """`<rarp>`: reverse ARP packets, matched as `<arp>` ones are."""


# -- layer 3 (formatnwfilter "IPv4", "IPv6") ------------------------------------------------

@element()
class IpMatch(_Ports, _Ipv4Addresses, _Ethernet):
    """`<ip>`: IPv4 packets by addresses, layer 4 protocol, ports and DSCP."""

    protocol: int | IpProtocol | Variable | None = attr("protocol", codec=IP_PROTOCOL)
    dscp: int | Variable | None = attr("dscp", codec=SIX_BIT)


@element()
class Ipv6Match(_Ports, _Ipv6Addresses, _Ethernet):
    """`<ipv6>`: IPv6 packets by addresses, layer 4 protocol, ports, and ICMPv6 type and
    code ranges (since libvirt 1.2.12)."""

    protocol: int | IpProtocol | Variable | None = attr("protocol", codec=IP_PROTOCOL)
    type: int | None = attr("type", codec=UINT8)
    type_end: int | None = attr("typeend", codec=UINT8)
    code: int | None = attr("code", codec=UINT8)
    code_end: int | None = attr("codeend", codec=UINT8)


# -- layer 4 over IPv4 (formatnwfilter "TCP/UDP/SCTP", "ICMP", "IGMP, ESP, AH, ...") ------

@element()
class TcpMatch(_Ports, _Ipv4Header):
    """`<tcp>`: TCP over IPv4, also by its `flags` (`mask/set`, e.g. `SYN/SYN,ACK`)."""

    flags: str | None = attr("flags", codec=TCP_FLAGS)


@element()
class UdpMatch(_Ports, _Ipv4Header):
    """`<udp>`: UDP over IPv4."""


@element()
class SctpMatch(_Ports, _Ipv4Header):
    """`<sctp>`: SCTP over IPv4."""


@element()
class IcmpMatch(_Ipv4Header):
    """`<icmp>`: ICMP by message type and code."""

    type: int | None = attr("type", codec=UINT8)
    code: int | None = attr("code", codec=UINT8)


@element()
class IgmpMatch(_Ipv4Header):
    """`<igmp>`: IGMP."""


@element()
class EspMatch(_Ipv4Header):
    """`<esp>`: IPsec ESP over IPv4."""


@element()
class AhMatch(_Ipv4Header):
    """`<ah>`: IPsec AH over IPv4."""


@element()
class UdpliteMatch(_Ipv4Header):
    """`<udplite>`: UDP-Lite over IPv4."""


@element()
class AllMatch(_Ipv4Header):
    """`<all>`: any IPv4 traffic."""


# -- layer 4 over IPv6 (formatnwfilter "TCP/UDP/SCTP over IPV6", "ICMPv6", ...) -----------

@element()
class TcpIpv6Match(_Ports, _Ipv6Header):
    """`<tcp-ipv6>`: TCP over IPv6, also by its `flags`."""

    flags: str | None = attr("flags", codec=TCP_FLAGS)


@element()
class UdpIpv6Match(_Ports, _Ipv6Header):
    """`<udp-ipv6>`: UDP over IPv6."""


@element()
class SctpIpv6Match(_Ports, _Ipv6Header):
    """`<sctp-ipv6>`: SCTP over IPv6."""


@element()
class Icmpv6Match(_Ipv6Header):
    """`<icmpv6>`: ICMPv6 by message type and code."""

    type: int | None = attr("type", codec=UINT8)
    code: int | None = attr("code", codec=UINT8)


@element()
class EspIpv6Match(_Ipv6Header):
    """`<esp-ipv6>`: IPsec ESP over IPv6."""


@element()
class AhIpv6Match(_Ipv6Header):
    """`<ah-ipv6>`: IPsec AH over IPv6."""


@element()
class UdpliteIpv6Match(_Ipv6Header):
    """`<udplite-ipv6>`: UDP-Lite over IPv6."""


@element()
class AllIpv6Match(_Ipv6Header):
    """`<all-ipv6>`: any IPv6 traffic."""


# The protocol elements of a rule by tag, in the schema's order.
PROTOCOLS: dict[str, type] = {
    "mac": MacMatch, "vlan": VlanMatch, "stp": StpMatch, "arp": ArpMatch, "rarp": RarpMatch,
    "ip": IpMatch, "ipv6": Ipv6Match, "tcp": TcpMatch, "udp": UdpMatch, "sctp": SctpMatch,
    "icmp": IcmpMatch, "igmp": IgmpMatch, "all": AllMatch, "esp": EspMatch, "ah": AhMatch,
    "udplite": UdpliteMatch, "tcp-ipv6": TcpIpv6Match, "udp-ipv6": UdpIpv6Match,
    "sctp-ipv6": SctpIpv6Match, "icmpv6": Icmpv6Match, "all-ipv6": AllIpv6Match,
    "esp-ipv6": EspIpv6Match, "ah-ipv6": AhIpv6Match, "udplite-ipv6": UdpliteIpv6Match,
}

ProtocolMatch = (MacMatch | VlanMatch | StpMatch | ArpMatch | RarpMatch | IpMatch | Ipv6Match
                 | TcpMatch | UdpMatch | SctpMatch | IcmpMatch | IgmpMatch | AllMatch | EspMatch
                 | AhMatch | UdpliteMatch | TcpIpv6Match | UdpIpv6Match | SctpIpv6Match
                 | Icmpv6Match | AllIpv6Match | EspIpv6Match | AhIpv6Match | UdpliteIpv6Match)


class RuleAction(OpenEnum):
    """What a matching packet meets (formatnwfilter "Filter rules"): `drop` it silently,
    `reject` it with an ICMP message, `accept` it, `return` to the calling filter, or
    `continue` with the next rule."""

    DROP = "drop"
    REJECT = "reject"
    ACCEPT = "accept"
    RETURN = "return"
    CONTINUE = "continue"


class RuleDirection(OpenEnum):
    """The traffic a rule applies to: to the guest (`in`), from it (`out`), or both."""

    IN = "in"
    OUT = "out"
    INOUT = "inout"


@element()
class Rule:
    """`<rule>`: one filtering rule (formatnwfilter "Filter rules"): its action and
    direction, its priority (500 when absent; lower comes first), `statematch`
    ('false' or '0' turns connection state matching off), and what it matches.

    The schema allows one protocol element at most (none matches every packet); libvirt
    merges repeated elements of the first protocol into one match, so `protocols` keeps
    them all, in document order.
    """

    action: RuleAction | None = attr("action")
    direction: RuleDirection | None = attr("direction")
    priority: int | None = attr("priority", codec=PRIORITY)
    statematch: str | None = attr("statematch", codec=STATE_MATCH)
    # (since= named: no protocol's tag may stand for it)
    protocols: list[ProtocolMatch] = choice(since=None, **PROTOCOLS)


@element("filter")
class NetworkFilter:
    """A network filter (formatnwfilter "Element and attribute overview"): its unique
    `name`, the chain its rules go to (`root`, or a protocol's chain such as `arp` or
    `ipv4-xyz`, formatnwfilter "Filtering chains"), the chain's priority ("Filtering
    chain priorities"), and its rules and references to other filters (`FilterRef`s),
    in document order ("References to other filters")."""

    name: str | None = attr("name")
    chain: str | None = attr("chain", codec=CHAIN)
    priority: int | None = attr("priority", codec=PRIORITY)
    uuid: str | None = child("uuid", codec=UUID)
    entries: list[FilterRef | Rule] = choice(filterref=FilterRef, rule=Rule)

    @property
    def rules(self) -> list[Rule]:
        """The filter's rules, in document order."""
        return [entry for entry in self.entries if isinstance(entry, Rule)]

    @property
    def filterrefs(self) -> list[FilterRef]:
        """The filters it references, in document order."""
        return [entry for entry in self.entries if isinstance(entry, FilterRef)]


__all__ = [
    "AhIpv6Match", "AhMatch", "AllIpv6Match", "AllMatch", "ArpMatch", "ArpOpcode",
    "EspIpv6Match", "EspMatch", "EtherType", "FilterBoolean", "FilterParameter", "FilterRef",
    "IcmpMatch", "Icmpv6Match", "IgmpMatch", "IpMatch", "IpProtocol", "Ipv6Match",
    "MacMatch", "NetworkFilter", "PROTOCOLS", "ProtocolMatch", "RarpMatch", "Rule",
    "RuleAction", "RuleDirection", "SctpIpv6Match", "SctpMatch", "StpMatch", "TcpIpv6Match",
    "TcpMatch", "UdpIpv6Match", "UdpliteIpv6Match", "UdpliteMatch", "UdpMatch", "Variable",
    "VlanMatch",
]

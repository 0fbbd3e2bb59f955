"""The values of a network filter rule's attributes (formatnwfilter "Supported
protocols"): literals, or references to filter parameters.

Most attribute values may be a literal or a reference to a filter parameter (`$MAC`,
`$IP[@1]`, formatnwfilter "Usage of variables in filters"). A field holds either: a
`Variable`, or the literal typed (an int for numbers, an enum for protocol names, a str
for addresses, kept as written). Which kinds a value takes follows the type library of
libvirt's nwfilter.rng, one codec per type, whose patterns the codecs carry as their
facets; the protocol elements that use them are in `mapping.libvirt.nwfilter`.
"""
from __future__ import annotations

import dataclasses
import enum
import re
from typing import Any

from ..core import OpenEnum
from ..core.codecs import Int, parse_int, shown
from .basictypes import U32_MAX, Facets, pattern, ranged

# nwfilter.rng "variable-name-type": `$NAME`, `$NAME[2]` (an index), `$NAME[@1]` (an
# iterator), blanks allowed inside the brackets and at the end.
VARIABLE_PATTERN = r"$[ ]*[a-zA-Z0-9_]+(\[[ ]*[@]?[0-9]+[ ]*\])?[ ]*"
_REFERENCE = re.compile(r"\$ *([a-zA-Z0-9_]+)(?:\[ *(@?)([0-9]+) *\])? *")
_NAME = re.compile(r"[a-zA-Z0-9_]+")
_MAX_INDEX_DIGITS = 10   # (libvirt reads an index as an unsigned int)


@dataclasses.dataclass(frozen=True)
class Variable:
    """A reference to a filter parameter instead of a literal value (formatnwfilter "Usage
    of variables in filters"): `$NAME` is every value of the parameter, `$NAME[2]`
    (`index`) only its third, and `$NAME[@1]` (`iterator`) steps through its values
    together with every other reference of the same iterator (`$NAME` is iterator 0).

    `spelling` keeps the text as a document wrote it (`$B[ @0 ]`); it is not compared,
    and a reference built in code is written `$NAME`, `$NAME[2]` or `$NAME[@1]`.
    """

    name: str
    index: int | None = None
    iterator: int | None = None
    spelling: str | None = dataclasses.field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _NAME.fullmatch(self.name):
            raise ValueError(f"not a parameter name: {self.name!r} (letters, digits, _)")
        for label in ("index", "iterator"):
            value = getattr(self, label)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                      or not 0 <= value < 10**_MAX_INDEX_DIGITS):
                raise ValueError(f"{label} of ${self.name}: expected an int from 0, got "
                                 f"{value!r}")
        if self.index is not None and self.iterator is not None:
            raise ValueError(f"${self.name}: an index or an iterator, not both")
        if self.spelling is not None and _parts(self.spelling) != (
                self.name, self.index, self.iterator):
            raise ValueError(f"spelling {self.spelling!r} is not a reference to "
                             f"{self.canonical}")

    @classmethod
    def parse(cls, text: str) -> Variable:
        """The reference `text` stands for; ValueError unless it is one."""
        name, index, iterator = _parts(text)
        found = cls(name, index, iterator)
        return found if text == found.canonical else cls(name, index, iterator, text)

    @property
    def canonical(self) -> str:
        """The reference as libvirt writes it: `$NAME`, `$NAME[2]`, `$NAME[@1]`."""
        if self.iterator is not None:
            return _canonical(self.name, "@", self.iterator)
        return _canonical(self.name, "", self.index)

    @property
    def text(self) -> str:
        """The reference as it is written: as the document spelled it, else canonical."""
        return self.spelling if self.spelling is not None else self.canonical

    def __str__(self) -> str:
        return self.text


def _canonical(name: str, at: str, number: int | None) -> str:
    return f"${name}" if number is None else f"${name}[{at}{number}]"


def _parts(text: str) -> tuple[str, int | None, int | None]:
    """(name, index, iterator) of a reference; ValueError unless `text` is one."""
    found = _REFERENCE.fullmatch(text) if isinstance(text, str) else None
    if found is None:
        raise ValueError("not a parameter reference ($NAME, $NAME[2], $NAME[@1]): "
                         f"{shown(str(text))}")
    name, at, digits = found.groups()
    if digits is None:
        return name, None, None
    if len(digits.lstrip("0")) > _MAX_INDEX_DIGITS:
        raise ValueError(f"index of ${name} is out of range: {shown(digits)}")
    return (name, None, int(digits)) if at else (name, int(digits), None)


def _decimal(low: int, high: int) -> str:
    """An XSD pattern for the decimal integers `low`..`high` (0 <= low <= high), with the
    leading zeros and plus sign the schema's xs:int allows."""
    stops, nines = {high}, 1
    while low <= int(str(low)[:-nines] + "9" * nines) < high:
        stops.add(int(str(low)[:-nines] + "9" * nines))
        nines += 1
    zeros = 1
    while low < (high + 1) - (high + 1) % 10**zeros - 1 <= high:
        stops.add((high + 1) - (high + 1) % 10**zeros - 1)
        zeros += 1
    parts, start = [], low
    for stop in sorted(stops):
        parts.append(_digits_between(start, stop))
        start = stop + 1
    return r"\+?0*(" + "|".join(parts) + ")"


def _digits_between(start: int, stop: int) -> str:
    # (start and stop have as many digits; any 0-9 positions are trailing ones)
    out, free = "", 0
    for first, last in zip(str(start), str(stop)):
        if first == last:
            out += first
        elif (first, last) == ("0", "9"):
            free += 1
        else:
            out += f"[{first}-{last}]"
    return out + ("" if not free else "[0-9]" if free == 1 else f"[0-9]{{{free}}}")


def _either(*alternatives: str) -> str:
    return "|".join(f"({alternative})" for alternative in alternatives)


class RuleValueCodec:
    """One kind of rule attribute value (a type of nwfilter.rng's type library): a
    `Variable` when the text starts with `$`, else an int when `integer` and the text is
    a decimal or `0x` number, else a member of the open enum `words`, or the text itself
    when `text`; any other text is refused. `regex` is the schema's pattern of the type.

    On writing, a str that would read back as something else (`"$IP"`, or `"24"` where an
    int is read) is refused: a reference is a `Variable`, a number an int.
    """

    def __init__(self, name: str, regex: str, *examples: Any, integer: bool = False,
                 words: type[OpenEnum] | None = None, text: bool = False):
        self.integer, self.words, self.text = integer, words, text
        self.facets = Facets(name, pattern=regex)
        # Values of the kind, for generated test data (tests.strategies).
        self.examples = examples
        kinds = ["a Variable"] + ["int"] * integer + ["str"] * (text or words is not None)
        self.expects = " or ".join(kinds)

    def parse(self, text: str) -> Any:
        if text.startswith("$"):
            return Variable.parse(text)
        if self.integer:
            try:
                return parse_int(text)
            except ValueError:
                if self.words is None and not self.text:
                    raise
        if self.words is not None:
            return self.words(text)
        if self.text:
            return text
        raise ValueError(f"not a value of {self.facets.name}: {shown(text)}")

    def format(self, value: Any) -> str:
        if isinstance(value, Variable):
            return value.text
        if isinstance(value, int) and not isinstance(value, bool) and self.integer:
            return Int.format(value)
        if isinstance(value, str) and (self.text or self.words is not None):
            self._check_literal(value)
            return value if self.words is None else str(self.words(value).value)
        raise TypeError(f"expected {self.expects}, got {type(value).__name__}")

    def _check_literal(self, value: str) -> None:
        if value.startswith("$"):
            raise ValueError(f"{shown(value)}: a parameter reference is a Variable "
                             "(Variable.parse(text))")
        if self.integer:
            try:
                parse_int(value)
            except ValueError:
                return
            raise ValueError(f"{shown(value)}: a number is given as an int")

    def __repr__(self) -> str:
        return f"RuleValue({self.facets.name})"


class EtherType(OpenEnum):
    """Layer 3 protocols by name, for `protocolid` (mac) and `encap-protocol` (vlan);
    a number (0x600 and up) is an int instead."""

    ARP = "arp"
    RARP = "rarp"
    IPV4 = "ipv4"
    IPV6 = "ipv6"
    VLAN = "vlan"


class IpProtocol(OpenEnum):
    """Layer 4 protocols by name, for `protocol` of ip and ipv6; a number is an int."""

    TCP = "tcp"
    UDP = "udp"
    UDPLITE = "udplite"
    ESP = "esp"
    AH = "ah"
    ICMP = "icmp"
    IGMP = "igmp"
    SCTP = "sctp"
    ICMPV6 = "icmpv6"


class ArpOpcode(OpenEnum):
    """ARP opcodes by name (formatnwfilter "ARP/RARP"); a number is an int. The schema
    also lets the words start lowercase (`reply`): those are kept, as unknown members."""

    REPLY = "Reply"
    REQUEST = "Request"
    REQUEST_REVERSE = "Request_Reverse"
    REPLY_REVERSE = "Reply_Reverse"
    DRARP_REQUEST = "DRARP_Request"
    DRARP_REPLY = "DRARP_Reply"
    DRARP_ERROR = "DRARP_Error"
    INARP_REQUEST = "InARP_Request"
    ARP_NAK = "ARP_NAK"


class FilterBoolean(enum.StrEnum):
    """formatnwfilter's BOOLEAN (`gratuitous`), in the spelling the document used, which
    is one of six; `enabled` is its truth."""

    YES = "yes"
    NO = "no"
    TRUE = "true"
    FALSE = "false"
    ONE = "1"
    ZERO = "0"

    @property
    def enabled(self) -> bool:
        return self in (FilterBoolean.YES, FilterBoolean.TRUE, FilterBoolean.ONE)


_IPV4 = r"([0-2]?[0-9]?[0-9]\.){3}[0-2]?[0-9]?[0-9]"
_IPV6 = r"([a-fA-F0-9]{0,4}:){2,7}([a-fA-F0-9]*)"
_OPCODES = ("[Rr]eply|[Rr]equest|[Rr]equest_[Rr]everse|[Rr]eply_[Rr]everse|DRARP_[Rr]equest|"
            "DRARP_[Rr]eply|DRARP_[Ee]rror|InARP_[Rr]equest|ARP_NAK")

# nwfilter.rng's type library, one codec per type (and a few values of each).
MAC = RuleValueCodec("addrMAC", _either(VARIABLE_PATTERN,
                                        "([a-fA-F0-9]{1,2}:){5}[a-fA-F0-9]{1,2}"),
                     Variable("MAC"), "52:54:00:5d:c7:9e", "ff:ff:ff:ff:ff:00", text=True)
IPV4_ADDR = RuleValueCodec("addrIP", _either(VARIABLE_PATTERN, _IPV4),
                           Variable("IP"), Variable("IP", iterator=1), "10.0.0.1", text=True)
IPV6_ADDR = RuleValueCodec("addrIPv6", _either(VARIABLE_PATTERN, _IPV6 + f"({_IPV4})?"),
                           Variable("IPV6"), "2001:db8::1", "::ffff:10.1.2.3", text=True)
IPV4_MASK = RuleValueCodec("addrMask", _either(VARIABLE_PATTERN, _decimal(0, 32), _IPV4),
                           Variable("MASK"), 24, "255.255.255.0", integer=True, text=True)
IPV6_MASK = RuleValueCodec("addrMaskv6", _either(VARIABLE_PATTERN, _decimal(0, 128), _IPV6),
                           Variable("MASK"), 64, "ffff:ffff::", integer=True, text=True)
SIX_BIT = RuleValueCodec("sixbitrange", _either("0x([0-3][0-9a-fA-F]|[0-9a-fA-F])",
                                                VARIABLE_PATTERN, _decimal(0, 63)),
                         Variable("DSCP"), 0, 46, integer=True)
UINT16 = RuleValueCodec("uint16range", _either(VARIABLE_PATTERN, "0x[0-9a-fA-F]{1,4}",
                                               _decimal(0, 65535)),
                        Variable("PORTS", index=1), 22, 65535, integer=True)
UINT32 = RuleValueCodec("uint32range", _either(VARIABLE_PATTERN, "0x[0-9a-fA-F]{1,8}",
                                               _decimal(0, U32_MAX)),
                        Variable("COST"), 0, U32_MAX, integer=True)
VLAN_ID = RuleValueCodec("vlan-vlanid", _either(VARIABLE_PATTERN, "0x([0-9a-fA-F]{1,3})",
                                                _decimal(0, 4095)),
                         Variable("VLAN"), 1, 4095, integer=True)
ETHER_TYPE = RuleValueCodec("mac-protocolid", _either(
    VARIABLE_PATTERN, "0x([6-9a-fA-F][0-9a-fA-F]{2}|[0-9a-fA-F]{4})", _decimal(1536, 65535),
    "arp|rarp|ipv4|ipv6|vlan"), Variable("PROTO"), 0x800, EtherType.ARP, integer=True,
    words=EtherType)
IP_PROTOCOL = RuleValueCodec("ipProtocolType", _either(
    VARIABLE_PATTERN, "0x[0-9a-fA-F]{1,2}", _decimal(0, 255),
    "tcp|udp|udplite|esp|ah|icmp|igmp|sctp|icmpv6"), Variable("PROTO"), 6, IpProtocol.UDP,
    integer=True, words=IpProtocol)
ARP_OPCODE = RuleValueCodec("arpOpcodeType", _either(VARIABLE_PATTERN, _decimal(0, 65535),
                                                     _OPCODES),
                            Variable("OPCODE"), 1, ArpOpcode.REPLY, integer=True,
                            words=ArpOpcode)
IPSET_NAME = RuleValueCodec("ipset-name-type", _either(VARIABLE_PATTERN,
                                                       r"[a-zA-Z0-9_\.:\-\+ ]{1,31}"),
                            Variable("IPSET"), "blocklist", text=True)
# Values the schema gives no `$` reference.
UINT8 = ranged("uint8", 0, 255, hex="0x[0-9a-fA-F]{1,2}")
STATE_FLAGS = pattern("stateflags-type", "((NEW|ESTABLISHED|RELATED|INVALID)"
                      "(,(NEW|ESTABLISHED|RELATED|INVALID))*|NONE)")
_TCP_FLAGS = "((SYN|ACK|URG|PSH|FIN|RST)(,(SYN|ACK|URG|PSH|FIN|RST))*|ALL|NONE)"
TCP_FLAGS = pattern("tcpflags-type", f"{_TCP_FLAGS}/{_TCP_FLAGS}")
IPSET_FLAGS = pattern("ipset-flags-type",
                      "([Ss][Rr][Cc]|[Dd][Ss][Tt])(,([Ss][Rr][Cc]|[Dd][Ss][Tt])){0,5}")

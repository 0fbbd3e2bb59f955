"""The `<interface>` root of libvirt's virInterface API: a host network interface as
netcf describes it (schema interface.rng; libvirt has no format page for it).

Not to be confused with `mapping.libvirt.devices.interface.Interface`, a guest's NIC,
which shares the tag. A host interface always has a `type` of ethernet, bridge, bond or
vlan and (but for a vlan, where it is optional) a device `name`; a guest NIC never has
a `name` attribute. The members of a bridge or bond are "bare" interfaces: only their
type, name, MAC and link, plus the bond or vlan that makes them up.
"""
from __future__ import annotations

from ..core import (OnOff, OpenEnum, YesNo, attr, child, children, element, flag,
                   path, unions)
from .basictypes import MAC_ADDR, UNSIGNED_INT, pattern, ranged

# basictypes.rng: names of host devices (eth0, br0, eth0.42) and address prefixes.
DEVICE_NAME = pattern("deviceName", r"[a-zA-Z0-9_\.\-\\:/]+")
IPV4_PREFIX = ranged("ipv4Prefix", 0, 32)
IPV6_PREFIX = ranged("ipv6Prefix", 0, 128)
# interface.rng "vlan-id": an 802.1Q tag.
VLAN_ID = ranged("vlan-id", 0, 4095)


class InterfaceType(OpenEnum):
    """What the host interface is (interface.rng `start`): a NIC, a bridge, a bond of
    NICs or a VLAN on another device."""

    ETHERNET = "ethernet"
    BRIDGE = "bridge"
    BOND = "bond"
    VLAN = "vlan"


class StartMode(OpenEnum):
    """When the interface is brought up (interface.rng "startmode")."""

    ONBOOT = "onboot"
    NONE = "none"
    HOTPLUG = "hotplug"


class LinkState(OpenEnum):
    """The operational state the host reports for a link (basictypes.rng
    "link-speed-state"; RFC 2863's ifOperStatus)."""

    UNKNOWN = "unknown"
    NOTPRESENT = "notpresent"
    DOWN = "down"
    LOWERLAYERDOWN = "lowerlayerdown"
    TESTING = "testing"
    DORMANT = "dormant"
    UP = "up"


class BondMode(OpenEnum):
    """The bonding policy (interface.rng "bond-element"); for active-backup the first
    member is the primary one."""

    BALANCE_RR = "balance-rr"
    ACTIVE_BACKUP = "active-backup"
    BALANCE_XOR = "balance-xor"
    BROADCAST = "broadcast"
    IEEE_802_3AD = "802.3ad"
    BALANCE_TLB = "balance-tlb"
    BALANCE_ALB = "balance-alb"


class MiiCarrier(OpenEnum):
    """How MII monitoring checks the carrier: MII/ethtool ioctls or the driver's
    netif_carrier_ok() (interface.rng "bond-element", miimon)."""

    IOCTL = "ioctl"
    NETIF = "netif"


class ArpValidate(OpenEnum):
    """Which members have their ARP replies validated (interface.rng "bond-element",
    arpmon)."""

    NONE = "none"
    ACTIVE = "active"
    BACKUP = "backup"
    ALL = "all"


# -- interface.rng: common parts ----------------------------------------------------------

@element()
class Link:
    """`<link speed=.. state=..>`: the speed in Mbit/s and state of the link, as the
    host reports them (basictypes.rng "link-speed-state")."""

    speed: int | None = attr("speed", codec=UNSIGNED_INT)
    state: LinkState | None = attr("state")


@element()
class Dhcp:
    """`<dhcp>`: the address comes from DHCP; `peerdns`: take the DNS servers it offers
    (interface.rng "dhcp-element")."""

    peerdns: bool | None = attr("peerdns", codec=YesNo)


@element()
class Ipv4Address:
    """`<ip address=.. prefix=..>`: a static IPv4 address (interface.rng "protocol-ipv4")."""

    address: str | None = attr("address")
    prefix: int | None = attr("prefix", codec=IPV4_PREFIX)


@element()
class Ipv6Address:
    """`<ip address=.. prefix=..>`: a static IPv6 address (interface.rng "protocol-ipv6")."""

    address: str | None = attr("address")
    prefix: int | None = attr("prefix", codec=IPV6_PREFIX)


@element()
class Ipv4Protocol:
    """`<protocol family='ipv4'>`: DHCP and/or static addresses, and the default
    gateway (interface.rng "protocol-ipv4")."""

    dhcp: Dhcp | None = child("dhcp")
    ips: list[Ipv4Address] = children("ip")
    gateway: str | None = path("route/@gateway")


@element()
class Ipv6Protocol:
    """`<protocol family='ipv6'>`: stateless autoconfiguration, DHCPv6 and/or static
    addresses, and the default gateway (interface.rng "protocol-ipv6")."""

    autoconf: bool | None = flag("autoconf")
    dhcp: Dhcp | None = child("dhcp")
    ips: list[Ipv6Address] = children("ip")
    gateway: str | None = path("route/@gateway")


PROTOCOLS = {"ipv4": Ipv4Protocol, "ipv6": Ipv6Protocol}

Protocol = Ipv4Protocol | Ipv6Protocol


# -- interface.rng: bonds, vlans, bridges --------------------------------------------------

@element()
class MiiMonitor:
    """`<miimon>`: check the members' link every `freq` ms, and wait `updelay` /
    `downdelay` ms before acting on a change (interface.rng "bond-element")."""

    freq: int | None = attr("freq", codec=UNSIGNED_INT)
    downdelay: int | None = attr("downdelay", codec=UNSIGNED_INT)
    updelay: int | None = attr("updelay", codec=UNSIGNED_INT)
    carrier: MiiCarrier | None = attr("carrier")


@element()
class ArpMonitor:
    """`<arpmon>`: probe the IPv4 `target` by ARP every `interval` ms (interface.rng
    "bond-element")."""

    interval: int | None = attr("interval", codec=UNSIGNED_INT)
    target: str | None = attr("target")
    validate: ArpValidate | None = attr("validate")


@element()
class EthernetMember:
    """`<interface type='ethernet'>` inside a bridge or bond: a NIC by its name, its
    MAC (found from the name when absent) and link (interface.rng
    "bare-ethernet-interface")."""

    name: str | None = attr("name", codec=DEVICE_NAME)
    link: Link | None = child("link")
    mac: str | None = path("mac/@address", codec=MAC_ADDR)


# A bond's members are NICs only; the union keeps `type` their discriminator.
BOND_MEMBERS = {"ethernet": EthernetMember}


@element()
class Bond:
    """`<bond>`: the bonding mode, one link monitor (MII or ARP) and the NICs bonded
    (interface.rng "bond-element")."""

    mode: BondMode | None = attr("mode")
    miimon: MiiMonitor | None = child("miimon")
    arpmon: ArpMonitor | None = child("arpmon")
    interfaces: list[EthernetMember] = unions("interface", BOND_MEMBERS, on="type")


@element()
class VlanDevice:
    """`<vlan tag=..><interface name=../></vlan>`: the 802.1Q tag and the device the
    VLAN sits on (interface.rng "vlan-device")."""

    tag: int | None = attr("tag", codec=VLAN_ID)
    device: str | None = path("interface/@name", codec=DEVICE_NAME)


@element()
class VlanMember:
    """`<interface type='vlan'>` inside a bridge; its name is `DEVICE.TAG`
    (interface.rng "bare-vlan-interface")."""

    name: str | None = attr("name", codec=DEVICE_NAME)
    link: Link | None = child("link")
    vlan: VlanDevice | None = child("vlan")


@element()
class BondMember:
    """`<interface type='bond'>` inside a bridge (interface.rng "bare-bond-interface")."""

    name: str | None = attr("name", codec=DEVICE_NAME)
    link: Link | None = child("link")
    bond: Bond | None = child("bond")


BRIDGE_MEMBERS = {"ethernet": EthernetMember, "vlan": VlanMember, "bond": BondMember}

BridgeMember = EthernetMember | VlanMember | BondMember


@element()
class Bridge:
    """`<bridge>`: spanning tree on or off, the forward `delay` in seconds, and the
    interfaces enslaved to the bridge (interface.rng "bridge-interface")."""

    stp: bool | None = attr("stp", codec=OnOff)
    delay: float | None = attr("delay")   # (interface.rng "timeval": seconds)
    interfaces: list[BridgeMember] = unions("interface", BRIDGE_MEMBERS, on="type")


# -- interface.rng `start` -----------------------------------------------------------------

@element("interface")
class HostInterface:
    """A host network interface (interface.rng `start`): what it is (`type`), its
    device `name`, when it starts, its MTU, IPv4/IPv6 addressing, link and MAC (the
    latter for ethernet), and the bridge, bond or vlan that makes it up."""

    type: InterfaceType | None = attr("type")
    name: str | None = attr("name", codec=DEVICE_NAME)
    start_mode: StartMode | None = path("start/@mode")
    mtu: int | None = path("mtu/@size", codec=UNSIGNED_INT)
    protocols: list[Protocol] = unions("protocol", PROTOCOLS, on="family")
    link: Link | None = child("link")
    mac: str | None = path("mac/@address", codec=MAC_ADDR)
    bridge: Bridge | None = child("bridge")
    bond: Bond | None = child("bond")
    vlan: VlanDevice | None = child("vlan")

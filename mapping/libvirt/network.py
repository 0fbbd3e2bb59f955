"""The `<network>` root: a libvirt virtual network (formatnetwork).

Fields are declared in the order libvirt writes them (checked against what its test
driver dumps), so libvirt's own output parses without a recorded layout. The pieces a
domain's `<interface>` shares with a network (virtualport, vlan, bandwidth rules, the
PCI address, routes, metadata) are the domain model's classes.
"""
from __future__ import annotations

from ..core import OnOff, OpenEnum, YesNo, attr, child, children, element, path
from ..core import register_prefix
from .basictypes import MAC_ADDR, UNSIGNED_INT, UNSIGNED_LONG, UNSIGNED_SHORT, UUID, ranged
from .devices.address import PciAddress
from .devices.hostdev import Route
from .devices.interface import Bandwidth, MacTableManager, VirtualPort, Vlan
from .metadata import Metadata

# formatnetwork "Network namespaces": options handed to dnsmasq as they stand.
DNSMASQ = "http://libvirt.org/schemas/network/dnsmasq/1.0"
register_prefix(DNSMASQ, "dnsmasq")

# networkcommon.rng "port": a TCP/UDP port number, 0 excluded.
PORT = ranged("port", 1, 65535)


class ForwardMode(OpenEnum):
    """How the network reaches the LAN (formatnetwork "Connectivity", `forward mode`)."""

    NAT = "nat"
    ROUTE = "route"
    OPEN = "open"
    BRIDGE = "bridge"
    PASSTHROUGH = "passthrough"
    PRIVATE = "private"
    VEPA = "vepa"
    HOSTDEV = "hostdev"


class AddressFamily(OpenEnum):
    """`family` of an ip or route (formatnetwork "Addressing"); absent means ipv4."""

    IPV4 = "ipv4"
    IPV6 = "ipv6"


class DnsProtocol(OpenEnum):
    """`protocol` of an SRV record (formatnetwork "Addressing", dns)."""

    TCP = "tcp"
    UDP = "udp"


class LeaseUnit(OpenEnum):
    """Unit of a DHCP lease's expiry, minutes when absent (formatnetwork "Addressing")."""

    SECONDS = "seconds"
    MINUTES = "minutes"
    HOURS = "hours"


class HostdevDriverName(OpenEnum):
    """The backend that assigns a PCI device to a guest (formatnetwork "Connectivity",
    hostdev mode; formatnetworkport "Host PCI")."""

    KVM = "kvm"
    VFIO = "vfio"
    XEN = "xen"


# -- formatnetwork "Connectivity" ------------------------------------------------------

@element()
class NetworkBridge:
    """`<bridge>`: the host bridge behind the network, its STP, delay and firewalld zone
    (formatnetwork "Connectivity")."""

    name: str | None = attr("name")
    zone: str | None = attr("zone")
    stp: bool | None = attr("stp", codec=OnOff)
    delay: int | None = attr("delay", codec=UNSIGNED_LONG)
    mac_table_manager: MacTableManager | None = attr("macTableManager")


@element()
class NetworkDomain:
    """`<domain>`: the DNS domain of the network's DHCP/DNS server (formatnetwork
    "Connectivity")."""

    name: str | None = attr("name")
    local_only: bool | None = attr("localOnly", codec=YesNo)
    register: bool | None = attr("register", codec=YesNo)


@element()
class HostdevDriver:
    """`<driver name=.. model=.. iommufd=..>`: how a PCI device is assigned (formatnetwork
    "Connectivity", hostdev mode; also formatnetworkport "Host PCI"); `iommufd`
    (libvirt 12.1): through the IOMMUFD backend."""

    name: HostdevDriverName | None = attr("name")
    model: str | None = attr("model")
    iommufd: bool | None = attr("iommufd", codec=YesNo)


@element()
class NatAddressRange:
    """`<nat><address start=.. end=..>`: the public IPv4 addresses NAT may use
    (formatnetwork "Connectivity", nat)."""

    start: str | None = attr("start")
    end: str | None = attr("end")


@element()
class NatPortRange:
    """`<nat><port start=.. end=..>`: the source ports NAT may use (formatnetwork
    "Connectivity", nat)."""

    start: int | None = attr("start", codec=PORT)
    end: int | None = attr("end", codec=PORT)


@element()
class Nat:
    """`<forward><nat>`: NAT address and port ranges, and IPv6 NAT (formatnetwork
    "Connectivity", nat)."""

    ipv6: bool | None = attr("ipv6", codec=YesNo)
    address: NatAddressRange | None = child("address")
    port: NatPortRange | None = child("port")


@element()
class ForwardInterface:
    """`<forward><interface dev=..>`: one physical device of the pool; `connections`
    is what a live network reports as in use (formatnetwork "Connectivity")."""

    dev: str | None = attr("dev")
    connections: int | None = attr("connections", codec=UNSIGNED_INT)


@element("interface")
class ForwardInterfaceUpdate(ForwardInterface):
    """`<interface dev=..>` on its own: a device added to or removed from a network's
    forward pool with virNetworkUpdate (section `forward-interface`)."""


@element()
class _PciTyped:
    # Declared ahead of the PCI attributes (see ForwardAddress), as libvirt writes it.
    type: str | None = attr("type")


@element()
class ForwardAddress(PciAddress, _PciTyped):
    """`<forward><address type='pci' ...>`: one SR-IOV VF of a `hostdev` pool
    (formatnetwork "Connectivity", hostdev mode)."""

    connections: int | None = attr("connections", codec=UNSIGNED_INT)


@element()
class Forward:
    """`<forward>`: the forwarding mode, and the pool of devices the macvtap and hostdev
    modes pick from (interfaces, PCI addresses, or a physical function); formatnetwork
    "Connectivity"."""

    dev: str | None = attr("dev")
    mode: ForwardMode | None = attr("mode")
    managed: bool | None = attr("managed", codec=YesNo)
    driver: HostdevDriver | None = child("driver")
    nat: Nat | None = child("nat")
    pf: str | None = path("pf/@dev")
    interfaces: list[ForwardInterface] = children("interface")
    addresses: list[ForwardAddress] = children("address")


# -- formatnetwork "Quality of service", "Portgroups", "Static Routes" ---------------

# `<bandwidth>` of a network, portgroup or port: the same element as a nic's, the
# `classID` of the traffic class libvirt set up included (formatnetwork "Quality of
# service", formatnetworkport "Common elements").
NetworkBandwidth = Bandwidth


@element()
class Portgroup:
    """`<portgroup>`: a class of connections with its own vlan, virtualport and QoS
    (formatnetwork "Portgroups")."""

    name: str | None = attr("name")
    default: bool | None = attr("default", codec=YesNo)
    trust_guest_rx_filters: bool | None = attr("trustGuestRxFilters", codec=YesNo)
    vlan: Vlan | None = child("vlan")
    virtualport: VirtualPort | None = child("virtualport")
    bandwidth: NetworkBandwidth | None = child("bandwidth")


@element()
class NetworkRoute(Route):
    """`<route>`: a static route to a network behind a guest; IPv4 may give a netmask
    (formatnetwork "Static Routes")."""

    netmask: str | None = attr("netmask")


# -- formatnetwork "Addressing": dns ----------------------------------------------------

@element()
class DnsForwarder:
    """`<forwarder addr=.. domain=..>`: where (some) queries are sent on (formatnetwork
    "Addressing", dns)."""

    addr: str | None = attr("addr")
    domain: str | None = attr("domain")


@element()
class DnsTxt:
    """`<txt name=.. value=..>`: a TXT record (formatnetwork "Addressing", dns)."""

    name: str | None = attr("name")
    value: str | None = attr("value")


@element()
class DnsSrv:
    """`<srv>`: an SRV record, RFC 2782 (formatnetwork "Addressing", dns)."""

    service: str | None = attr("service")
    protocol: DnsProtocol | None = attr("protocol")
    domain: str | None = attr("domain")
    target: str | None = attr("target")
    port: int | None = attr("port", codec=UNSIGNED_SHORT)
    priority: int | None = attr("priority", codec=UNSIGNED_SHORT)
    weight: int | None = attr("weight", codec=UNSIGNED_SHORT)


@element()
class DnsHost:
    """`<host ip=..>` with its `<hostname>`s (formatnetwork "Addressing", dns)."""

    ip: str | None = attr("ip")
    hostnames: list[str] = children("hostname")


@element()
class Dns:
    """`<dns>`: the network's DNS server: forwarders, TXT, SRV and host records
    (formatnetwork "Addressing")."""

    enable: bool | None = attr("enable", codec=YesNo)
    forward_plain_names: bool | None = attr("forwardPlainNames", codec=YesNo)
    forwarders: list[DnsForwarder] = children("forwarder")
    txts: list[DnsTxt] = children("txt")
    srvs: list[DnsSrv] = children("srv")
    hosts: list[DnsHost] = children("host")


# -- formatnetwork "Addressing": ip and dhcp -------------------------------------------

@element()
class DhcpLease:
    """`<lease expiry=.. unit=..>` of a range or host; expiry 0 is an infinite lease
    (formatnetwork "Addressing", dhcp)."""

    expiry: int | None = attr("expiry", codec=UNSIGNED_LONG)
    unit: LeaseUnit | None = attr("unit")


@element()
class DhcpRange:
    """`<range start=.. end=..>`: a pool of DHCP addresses (formatnetwork "Addressing")."""

    start: str | None = attr("start")
    end: str | None = attr("end")
    lease: DhcpLease | None = child("lease")


@element()
class DhcpHost:
    """`<host>`: a fixed address, for a MAC (IPv4), a DUID or a name (IPv6); formatnetwork
    "Addressing", dhcp."""

    mac: str | None = attr("mac", codec=MAC_ADDR)
    id: str | None = attr("id")
    name: str | None = attr("name")
    ip: str | None = attr("ip")
    lease: DhcpLease | None = child("lease")


@element()
class Bootp:
    """`<bootp file=.. server=..>`: the boot image and the TFTP server that has it
    (formatnetwork "Addressing", dhcp)."""

    file: str | None = attr("file")
    server: str | None = attr("server")


@element()
class Dhcp:
    """`<dhcp>`: the DHCP service of one ip (formatnetwork "Addressing")."""

    ranges: list[DhcpRange] = children("range")
    hosts: list[DhcpHost] = children("host")
    bootp: Bootp | None = child("bootp")


@element()
class NetworkIp:
    """`<ip>`: an address of the bridge, with the TFTP root and DHCP it serves
    (formatnetwork "Addressing")."""

    address: str | None = attr("address")
    netmask: str | None = attr("netmask")
    prefix: int | None = attr("prefix")
    family: AddressFamily | None = attr("family")
    local_ptr: bool | None = attr("localPtr", codec=YesNo)
    tftp_root: str | None = path("tftp/@root")
    dhcp: Dhcp | None = child("dhcp")


# -- formatnetwork "Network namespaces" -------------------------------------------------

@element()
class DnsmasqOption:
    """`<dnsmasq:option value=..>`: one line (formatnetwork "Network namespaces")."""

    value: str | None = attr("value")


@element()
class DnsmasqOptions:
    """`<dnsmasq:options>`: raw dnsmasq configuration lines, unsupported by libvirt
    (formatnetwork "Network namespaces")."""

    options: list[DnsmasqOption] = children("option", ns=DNSMASQ)


@element("network")
class Network:
    """A libvirt virtual network (formatnetwork "Element and attribute overview")."""

    connections: int | None = attr("connections", codec=UNSIGNED_INT)
    ipv6: bool | None = attr("ipv6", codec=YesNo)
    trust_guest_rx_filters: bool | None = attr("trustGuestRxFilters", codec=YesNo)
    name: str | None = child("name")
    uuid: str | None = child("uuid", codec=UUID)
    title: str | None = child("title")
    description: str | None = child("description")
    metadata: Metadata | None = child("metadata")
    forward: Forward | None = child("forward")
    bridge: NetworkBridge | None = child("bridge")
    mtu: int | None = path("mtu/@size", codec=UNSIGNED_SHORT)
    mac: str | None = path("mac/@address", codec=MAC_ADDR)
    domain: NetworkDomain | None = child("domain")
    dns: Dns | None = child("dns")
    vlan: Vlan | None = child("vlan")
    bandwidth: NetworkBandwidth | None = child("bandwidth")
    port_isolated: bool | None = path("port/@isolated", codec=YesNo)
    ips: list[NetworkIp] = children("ip")
    routes: list[NetworkRoute] = children("route")
    virtualport: VirtualPort | None = child("virtualport")
    portgroups: list[Portgroup] = children("portgroup")
    dnsmasq_options: DnsmasqOptions | None = child("options", ns=DNSMASQ)

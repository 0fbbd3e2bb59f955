"""Network interfaces: `<interface>` (formatdomain "Network interfaces").

The interface `type` picks the source dataclass (network, bridge, direct, hostdev,
vhostuser, socket types...).
"""
from __future__ import annotations

from ...core import OnOff, OpenEnum, YesNo, attr, child, children, element
from ...core import path as leaf
from ...core import union
from ..basictypes import MAC_ADDR, POSITIVE_INTEGER
from .address import ADDRESS_VARIANTS, Address
from .common import Device, VirtioOptions
from .disk_source import Reconnect
from .hostdev import IpAddress, Route, Teaming


class InterfaceType(OpenEnum):
    NETWORK = "network"
    BRIDGE = "bridge"
    DIRECT = "direct"
    HOSTDEV = "hostdev"
    USER = "user"
    ETHERNET = "ethernet"
    VHOSTUSER = "vhostuser"
    SERVER = "server"
    CLIENT = "client"
    MCAST = "mcast"
    UDP = "udp"
    VDPA = "vdpa"
    VDS = "vds"
    NULL = "null"


@element()
class Mac:
    address: str | None = attr("address", codec=MAC_ADDR)
    type: str | None = attr("type")
    check: bool | None = attr("check", codec=YesNo)


@element()
class NetworkNicSource:
    """`type='network'`: a libvirt network (a running domain adds portid and bridge)."""

    network: str | None = attr("network")
    portgroup: str | None = attr("portgroup")
    portid: str | None = attr("portid")
    bridge: str | None = attr("bridge")


@element()
class BridgeNicSource:
    bridge: str | None = attr("bridge")


@element()
class DirectNicSource:
    """`type='direct'`: macvtap on a host device, in a mode (vepa, bridge, private...)."""

    dev: str | None = attr("dev")
    mode: str | None = attr("mode")


@element()
class HostdevNicSource:
    """`type='hostdev'`: an SR-IOV VF by its host address."""

    address: Address | None = union("address", ADDRESS_VARIANTS, on="type")


@element()
class VhostUserNicSource:
    type: str | None = attr("type")
    path: str | None = attr("path")
    mode: str | None = attr("mode")
    reconnect: Reconnect | None = child("reconnect")


@element()
class LocalEndpoint:
    address: str | None = attr("address")
    port: int | None = attr("port")


@element()
class SocketNicSource:
    """`type='server|client|mcast|udp'`: a QEMU socket backend."""

    address: str | None = attr("address")
    port: int | None = attr("port")
    local: LocalEndpoint | None = child("local")


@element()
class VdpaNicSource:
    dev: str | None = attr("dev")


@element()
class VdsNicSource:
    switchid: str | None = attr("switchid")
    portid: int | None = attr("portid")
    portgroupid: str | None = attr("portgroupid")
    connectionid: int | None = attr("connectionid")


@element()
class GenericNicSource:
    """`type='ethernet|user|null'`: a device name and/or host-side addresses."""

    dev: str | None = attr("dev")
    ips: list[IpAddress] = children("ip")
    routes: list[Route] = children("route")


NIC_SOURCES = {
    "network": NetworkNicSource, "bridge": BridgeNicSource, "direct": DirectNicSource,
    "hostdev": HostdevNicSource, "vhostuser": VhostUserNicSource,
    "server": SocketNicSource, "client": SocketNicSource, "mcast": SocketNicSource,
    "udp": SocketNicSource, "vdpa": VdpaNicSource, "vds": VdsNicSource,
    "ethernet": GenericNicSource, "user": GenericNicSource, "null": GenericNicSource,
}

NicSource = (NetworkNicSource | BridgeNicSource | DirectNicSource | HostdevNicSource
             | VhostUserNicSource | SocketNicSource | VdpaNicSource | VdsNicSource
             | GenericNicSource)


@element()
class VirtualPortParameters:
    managerid: int | None = attr("managerid")
    typeid: int | None = attr("typeid")
    typeidversion: int | None = attr("typeidversion")
    instanceid: str | None = attr("instanceid")
    profileid: str | None = attr("profileid")
    interfaceid: str | None = attr("interfaceid")


@element()
class VirtualPort:
    """`<virtualport type=..>`: 802.1Qbg/Qbh, Open vSwitch or MidoNet port settings."""

    type: str | None = attr("type")
    parameters: VirtualPortParameters | None = child("parameters")


@element()
class NicTarget:
    dev: str | None = attr("dev")
    managed: bool | None = attr("managed", codec=YesNo)


@element()
class Offloads:
    """`<host>`/`<guest>` offload switches of a virtio-net driver."""

    csum: bool | None = attr("csum", codec=OnOff)
    gso: bool | None = attr("gso", codec=OnOff)
    tso4: bool | None = attr("tso4", codec=OnOff)
    tso6: bool | None = attr("tso6", codec=OnOff)
    ecn: bool | None = attr("ecn", codec=OnOff)
    ufo: bool | None = attr("ufo", codec=OnOff)
    mrg_rxbuf: bool | None = attr("mrg_rxbuf", codec=OnOff)


@element()
class NicDriver(VirtioOptions):
    name: str | None = attr("name")
    txmode: str | None = attr("txmode")
    ioeventfd: bool | None = attr("ioeventfd", codec=OnOff)
    event_idx: bool | None = attr("event_idx", codec=OnOff)
    queues: int | None = attr("queues", codec=POSITIVE_INTEGER)
    rx_queue_size: int | None = attr("rx_queue_size")
    tx_queue_size: int | None = attr("tx_queue_size")
    rss: bool | None = attr("rss", codec=OnOff)
    rss_hash_report: bool | None = attr("rss_hash_report", codec=OnOff)
    host: Offloads | None = child("host")
    guest: Offloads | None = child("guest")


@element()
class NicBackend:
    type: str | None = attr("type")
    tap: str | None = attr("tap")
    vhost: str | None = attr("vhost")
    log_file: str | None = attr("logFile")


@element()
class FilterParameter:
    name: str | None = attr("name")
    value: str | None = attr("value")


@element()
class FilterRef:
    filter: str | None = attr("filter")
    parameters: list[FilterParameter] = children("parameter")


@element()
class BandwidthRule:
    average: int | None = attr("average")
    peak: int | None = attr("peak")
    burst: int | None = attr("burst")
    floor: int | None = attr("floor")


@element()
class Bandwidth:
    inbound: BandwidthRule | None = child("inbound")
    outbound: BandwidthRule | None = child("outbound")


@element()
class VlanTag:
    id: int | None = attr("id")
    native_mode: str | None = attr("nativeMode")


@element()
class Vlan:
    trunk: bool | None = attr("trunk", codec=YesNo)
    tags: list[VlanTag] = children("tag")


@element()
class PortRange:
    start: int | None = attr("start")
    end: int | None = attr("end")
    to: int | None = attr("to")
    exclude: bool | None = attr("exclude", codec=YesNo)


@element()
class PortForward:
    """`<portForward proto=.. address=.. dev=..>` of a passt backend."""

    proto: str | None = attr("proto")
    address: str | None = attr("address")
    dev: str | None = attr("dev")
    ranges: list[PortRange] = children("range")


@element("interface")
class Interface(Device):
    """A guest network interface; `source` is typed by the interface `type`."""

    IDENTITY = ("mac.address",)

    type: InterfaceType | None = attr("type")
    managed: bool | None = attr("managed", codec=YesNo)
    trust_guest_rx_filters: bool | None = attr("trustGuestRxFilters", codec=YesNo)
    mac: Mac | None = child("mac")
    source: NicSource | None = union("source", NIC_SOURCES, by="type")
    virtualport: VirtualPort | None = child("virtualport")
    ips: list[IpAddress] = children("ip")
    routes: list[Route] = children("route")
    script: str | None = leaf("script/@path")
    downscript: str | None = leaf("downscript/@path")
    backenddomain: str | None = leaf("backenddomain/@name")
    target: NicTarget | None = child("target")
    guest_dev: str | None = leaf("guest/@dev")
    guest_actual: str | None = leaf("guest/@actual")
    model: str | None = leaf("model/@type")
    driver: NicDriver | None = child("driver")
    backend: NicBackend | None = child("backend")
    filterref: FilterRef | None = child("filterref")
    tune_sndbuf: int | None = leaf("tune/sndbuf")
    bandwidth: Bandwidth | None = child("bandwidth")
    vlan: Vlan | None = child("vlan")
    port_isolated: bool | None = leaf("port/@isolated", codec=YesNo)
    link_state: str | None = leaf("link/@state")
    mtu: int | None = leaf("mtu/@size")
    coalesce_rx_frames_max: int | None = leaf("coalesce/rx/frames/@max")
    teaming: Teaming | None = child("teaming")
    port_forwards: list[PortForward] = children("portForward")

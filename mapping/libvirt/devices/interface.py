"""Network interfaces: `<interface>` (formatdomain "Network interfaces").

The interface `type` picks the source dataclass (network, bridge, direct, hostdev,
vhostuser, socket types...).
"""
from __future__ import annotations

from ...core import HexIntCodec, OnOff, OpenEnum, YesNo, attr, child, children, element
from ...core import path as leaf
from ...core import union
from ..basictypes import MAC_ADDR, POSITIVE_INTEGER, USB_ADDR
from .address import PciAddress
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
    INTERNAL = "internal"


class MacType(OpenEnum):
    """Whether the MAC address was generated, or is to be kept as given even inside
    VMware's reserved range."""

    GENERATED = "generated"
    STATIC = "static"


@element()
class Mac:
    """`<mac address=..>`; a running domain reports in `current_address` (libvirt
    11.2) the address the guest has set, when it changed it."""

    address: str | None = attr("address", codec=MAC_ADDR)
    type: MacType | None = attr("type")
    check: bool | None = attr("check", codec=YesNo)
    current_address: str | None = attr("currentAddress", codec=MAC_ADDR)


class MacTableManager(OpenEnum):
    """Who manages a bridge's forwarding table: the kernel, or libvirt."""

    KERNEL = "kernel"
    LIBVIRT = "libvirt"


@element()
class NetworkNicSource:
    """`type='network'`: a libvirt network (a running domain adds portid and bridge)."""

    network: str | None = attr("network")
    portgroup: str | None = attr("portgroup")
    portid: str | None = attr("portid")
    bridge: str | None = attr("bridge")
    mac_table_manager: MacTableManager | None = attr("macTableManager")


@element()
class BridgeNicSource:
    """`type='bridge'`: a host bridge; the network's name, portgroup and port id when
    libvirt reports the bridge a libvirt network connected the nic to."""

    bridge: str | None = attr("bridge")
    mac_table_manager: MacTableManager | None = attr("macTableManager")
    network: str | None = attr("network")
    portgroup: str | None = attr("portgroup")
    portid: str | None = attr("portid")


class DirectMode(OpenEnum):
    """How a macvtap device forwards the guest's traffic."""

    VEPA = "vepa"
    BRIDGE = "bridge"
    PRIVATE = "private"
    PASSTHROUGH = "passthrough"


@element()
class DirectNicSource:
    """`type='direct'`: macvtap on a host device, in a mode (vepa, bridge, private...);
    with the network's name, portgroup and port id when a libvirt network chose it."""

    dev: str | None = attr("dev")
    mode: DirectMode | None = attr("mode")
    network: str | None = attr("network")
    portgroup: str | None = attr("portgroup")
    portid: str | None = attr("portid")


@element()
class UsbNicAddress:
    """`<address type="usb" bus=.. device=..>`: a host USB network device."""

    bus: int | None = attr("bus", codec=USB_ADDR)
    device: int | None = attr("device", codec=USB_ADDR)


# The host address of a type='hostdev' nic: a PCI function (an SR-IOV VF) or a USB
# device. (With vendor and product, libvirt writes the USB address without a `type`:
# a union picked by `type` cannot read that one, which is kept as unknown XML.)
HOSTDEV_NIC_ADDRESSES = {"pci": PciAddress, "usb": UsbNicAddress}


@element()
class HostdevNicSource:
    """`type='hostdev'`: an SR-IOV VF by its host address, or a USB device by vendor and
    product and/or address; `missing` marks a USB device the host does not have."""

    missing: bool | None = attr("missing", codec=YesNo)
    vendor_id: int | None = leaf("vendor/@id", codec=HexIntCodec(4))
    product_id: int | None = leaf("product/@id", codec=HexIntCodec(4))
    address: PciAddress | UsbNicAddress | None = union("address", HOSTDEV_NIC_ADDRESSES,
                                                       on="type")


class VhostUserMode(OpenEnum):
    """Which end of the vhost-user socket QEMU is."""

    SERVER = "server"
    CLIENT = "client"


@element()
class VhostUserNicSource:
    """`type='vhostuser'`: the UNIX socket of a vhost-user backend; with a passt backend
    (libvirt 11.1) only `dev`, the host interface passt uses."""

    type: str | None = attr("type")
    path: str | None = attr("path")
    mode: VhostUserMode | None = attr("mode")
    dev: str | None = attr("dev")
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
class InternalNicSource:
    """`type='internal'`: a host-internal network by name (VirtualBox)."""

    name: str | None = attr("name")


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
    "internal": InternalNicSource,
}

NicSource = (NetworkNicSource | BridgeNicSource | DirectNicSource | HostdevNicSource
             | VhostUserNicSource | SocketNicSource | VdpaNicSource | VdsNicSource
             | GenericNicSource | InternalNicSource)


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
    """`<driver>` of a nic: the backend (`name`), queues and offloads of a virtio nic;
    for `type='hostdev'`, the host driver to bind the VF to (`model`, as a hostdev's,
    libvirt 10.0) and whether to assign it through IOMMUFD (`iommufd`, libvirt 12.1)."""

    name: str | None = attr("name")
    model: str | None = attr("model")
    iommufd: bool | None = attr("iommufd", codec=YesNo)
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


class NicBackendType(OpenEnum):
    DEFAULT = "default"
    PASST = "passt"


@element()
class NicBackend:
    """`<backend type=..>`: a passt backend's log file and (libvirt 11.8) the hostname
    and FQDN it gives the guest; the tap and vhost devices of the default one."""

    type: NicBackendType | None = attr("type")
    tap: str | None = attr("tap")
    vhost: str | None = attr("vhost")
    log_file: str | None = attr("logFile")
    hostname: str | None = attr("hostname")
    fqdn: str | None = attr("fqdn")


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
    """`<bandwidth>`: QoS of the nic; a running domain on a network with a `floor`
    reports the tc class it got (`class_id`)."""

    class_id: int | None = attr("classID", codec=POSITIVE_INTEGER)
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


class LinkState(OpenEnum):
    UP = "up"
    DOWN = "down"


@element("interface")
class Interface(Device):
    """A guest network interface; `source` is typed by the interface `type`."""

    IDENTITY = ("mac.address",)

    type: InterfaceType | None = attr("type")
    managed: bool | None = attr("managed", codec=YesNo)
    trust_guest_rx_filters: bool | None = attr("trustGuestRxFilters", codec=YesNo)
    mac: Mac | None = child("mac")
    source: NicSource | None = union("source", NIC_SOURCES, by="type")
    # (libvirt writes these right after the source, before the addresses and routes)
    vlan: Vlan | None = child("vlan")
    virtualport: VirtualPort | None = child("virtualport")
    bandwidth: Bandwidth | None = child("bandwidth")
    port_isolated: bool | None = leaf("port/@isolated", codec=YesNo)
    ips: list[IpAddress] = children("ip")
    routes: list[Route] = children("route")
    port_forwards: list[PortForward] = children("portForward")
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
    link_state: LinkState | None = leaf("link/@state")
    mtu: int | None = leaf("mtu/@size")
    coalesce_rx_frames_max: int | None = leaf("coalesce/rx/frames/@max")
    teaming: Teaming | None = child("teaming")

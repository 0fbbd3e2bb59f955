"""The `<networkport>` root: one guest interface's port on a virtual network
(formatnetworkport).

The common elements (virtualport, bandwidth, vlan) are the classes a `<network>` and a
domain `<interface>` use; the `<plug>` is a union picked by its `type`.
"""
from __future__ import annotations

from ..core import OpenEnum, YesNo, attr, child, element, path, union
from .basictypes import MAC_ADDR, UUID
from .devices.address import PciAddress
from .devices.interface import MacTableManager, VirtualPort, Vlan
from .network import HostdevDriver, NetworkBandwidth


class DirectMode(OpenEnum):
    """The macvtap mode of a `direct` plug (formatdomain "Direct attachment...")."""

    BRIDGE = "bridge"
    PASSTHROUGH = "passthrough"
    PRIVATE = "private"
    VEPA = "vepa"


@element()
class PortOwner:
    """`<owner>`: the domain the port belongs to (formatnetworkport "General metadata")."""

    name: str | None = child("name")
    uuid: str | None = child("uuid", codec=UUID)


@element()
class NetworkPlug:
    """`type='network'`: the bridge of a virtual network libvirt manages
    (formatnetworkport "Plugs", Network)."""

    bridge: str | None = attr("bridge")
    mac_table_manager: MacTableManager | None = attr("macTableManager")


@element()
class BridgePlug(NetworkPlug):
    """`type='bridge'`: a host bridge managed outside libvirt (formatnetworkport "Plugs",
    Bridge). The same fields as a network plug, in a class of its own so that the plug's
    `type` comes back as it was written."""


@element()
class DirectPlug:
    """`type='direct'`: macvtap on a physical interface, in a mode (formatnetworkport
    "Plugs", Direct)."""

    dev: str | None = attr("dev")
    mode: DirectMode | None = attr("mode")


@element()
class HostdevPciPlug:
    """`type='hostdev-pci'`: a PCI device passed through, `managed` by libvirt or not
    (formatnetworkport "Plugs", Host PCI)."""

    managed: bool | None = attr("managed", codec=YesNo)
    driver: HostdevDriver | None = child("driver")
    address: PciAddress | None = child("address")


PLUGS = {"network": NetworkPlug, "bridge": BridgePlug, "direct": DirectPlug,
         "hostdev-pci": HostdevPciPlug}

Plug = NetworkPlug | BridgePlug | DirectPlug | HostdevPciPlug


@element("networkport")
class NetworkPort:
    """A network port (formatnetworkport "Element and attribute overview", "Common
    elements", "Plugs")."""

    uuid: str | None = child("uuid", codec=UUID)
    owner: PortOwner | None = child("owner")
    group: str | None = child("group")
    mac: str | None = path("mac/@address", codec=MAC_ADDR)
    virtualport: VirtualPort | None = child("virtualport")
    bandwidth: NetworkBandwidth | None = child("bandwidth")
    vlan: Vlan | None = child("vlan")
    port_isolated: bool | None = path("port/@isolated", codec=YesNo)
    trust_guest_rx_filters: bool | None = path("rxfilters/@trustGuest", codec=YesNo)
    plug: Plug | None = union("plug", PLUGS, on="type")

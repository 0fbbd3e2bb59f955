"""The `<device>` root: a host device as libvirt's node device API reports it
(formatnode "Node Device XML").

A device has a name, its sysfs path, its `/dev` nodes, a parent, a driver and its
`<capability type=..>`s: `capabilities`, a list in document order, each entry of the
class its `type` picks over every type of nodedev.rng (`CAPABILITIES`); a type this
model does not know is kept in place as unknown XML. libvirt's schema lets a device
list several; every device libvirt reports has one, which the read-only `capability`
gives. The larger types are in `mapping.libvirt.nodedev_caps`; the drm, mdev, s390
(ccw, css, ccwgroup, AP) and vdpa ones are here.
"""
from __future__ import annotations

from ..core import OpenEnum, attr, child, children, element, text, union, unions
from ..core import path as leaf   # (the field named `path` would shadow it)
from .basictypes import CCW_CSSID, CCW_DEVNO, CCW_SSID, UNSIGNED_INT, UUID, ranged
from .nodedev_caps import (DEVICE_PATH, WWN, MdevTypes, NetDeviceCapability,
                           PciDeviceCapability, ScsiCapability, ScsiGenericCapability,
                           ScsiHostDeviceCapability, ScsiTargetCapability,
                           StorageDeviceCapability, SystemCapability, UsbDeviceCapability,
                           UsbInterfaceCapability)

# basictypes.rng `uint8` and nodedev.rng `apDomainRange`: hex (as libvirt writes them) or
# a small decimal.
AP_ADAPTER = ranged("uint8", 0, 255, hex="0x[0-9a-fA-F]{1,2}", width=2)
AP_DOMAIN = ranged("apDomainRange", 0, 255, hex="0x[0-9a-fA-F]{1,4}", width=4)


class DevnodeType(OpenEnum):
    """A `/dev` file's kind: the device's main node or a symlink to it (formatnode
    "Node Device XML", `devnode`)."""

    DEV = "dev"
    LINK = "link"


class DrmType(OpenEnum):
    """The kind of a DRM device node (formatnode "drm")."""

    PRIMARY = "primary"
    CONTROL = "control"
    RENDER = "render"


class CcwState(OpenEnum):
    """Whether an s390 CCW device is online (nodedev.rng `capccwdev`)."""

    ONLINE = "online"
    OFFLINE = "offline"


# -- formatnode "drm", "mdev", "vdpa" --------------------------------------------------

@element()
class DrmCapability:
    """`type='drm'`: a Direct Rendering Manager device node (formatnode "drm")."""

    drm_type: DrmType | None = child("type")


@element()
class MdevAttribute:
    """`<attr name=.. value=..>`: a vendor attribute set on a mediated device, in the
    order it is written to the device (formatnode "mdev")."""

    name: str | None = attr("name")
    value: str | None = attr("value")


@element()
class MdevCapability:
    """`type='mdev'`: a mediated device (formatnode "mdev"): its type, UUID, the parent's
    address, its IOMMU group and vendor attributes."""

    mdev_type: str | None = leaf("type/@id")
    uuid: str | None = child("uuid", codec=UUID)
    parent_addr: str | None = child("parent_addr")
    iommu_group: int | None = leaf("iommuGroup/@number", codec=UNSIGNED_INT)
    attributes: list[MdevAttribute] = children("attr")


@element()
class VdpaCapability:
    """`type='vdpa'`: a vDPA network device, by its character device (formatnode
    "vdpa")."""

    chardev: str | None = child("chardev", codec=DEVICE_PATH)


# -- formatnode "ccw", "css"; nodedev.rng ccwgroup -------------------------------------

@element()
class CcwDeviceAddress:
    """A CCW device or subchannel address: channel subsystem, subchannel set and device
    number, written in hex (formatnode "ccw", "css"); also `<channel_dev_addr>`, the
    address of the device on a css subchannel."""

    cssid: int | None = child("cssid", codec=CCW_CSSID)
    ssid: int | None = child("ssid", codec=CCW_SSID)
    devno: int | None = child("devno", codec=CCW_DEVNO)


@element()
class _Stated:
    # Declared ahead of the address (see CcwCapability), as libvirt's schema orders it.
    state: CcwState | None = child("state")


@element()
class CcwGroupMember:
    """`<capability type='ccwgroup_member'>` of a ccw device: the ccwgroup device it
    belongs to (nodedev.rng `capccwgroupmember`)."""

    group_device: str | None = child("group_device")


@element()
class CcwCapability(CcwDeviceAddress, _Stated):
    """`type='ccw'`: an s390 Command Channel Word device (formatnode "ccw"), its state
    and the group it is a member of."""

    group_member: CcwGroupMember | None = union(
        "capability", {"ccwgroup_member": CcwGroupMember}, on="type")


@element()
class CcwGroupDevice:
    """`<ccw_device ref=..>name</ccw_device>`: one member of a ccwgroup, by node device
    name (nodedev.rng `capccwgroupdev`)."""

    ref: str | None = attr("ref")
    name: str | None = text()


@element()
class CcwGroupMembers:
    """`<members>`: the ccw devices of a ccwgroup (nodedev.rng `capccwgroupdev`)."""

    devices: list[CcwGroupDevice] = children("ccw_device")


@element()
class _Qeth:
    card_type: str | None = child("card_type")
    chpid: str | None = child("chpid")


@element()
class QethGeneric(_Qeth):
    """`<capability type='qeth_generic'>`: a QETH network group device, its card type
    and channel path id (nodedev.rng `capccwgrouptypeqeth`)."""


@element()
class QethLayer2(_Qeth):
    """`<capability type='qeth_layer2'>`: a QETH group device in layer 2 mode."""


@element()
class QethLayer3(_Qeth):
    """`<capability type='qeth_layer3'>`: a QETH group device in layer 3 mode."""


QETH_TYPES = {"qeth_generic": QethGeneric, "qeth_layer2": QethLayer2,
              "qeth_layer3": QethLayer3}

Qeth = QethGeneric | QethLayer2 | QethLayer3


@element()
class CcwGroupCapability(CcwDeviceAddress, _Stated):
    """`type='ccwgroup'`: an s390 group of ccw devices working as one, such as a QETH
    network card (nodedev.rng `capccwgroupdev`; formatnode has no section yet)."""

    members: CcwGroupMembers | None = child("members")
    group_type: Qeth | None = union("capability", QETH_TYPES, on="type")


@element()
class CssCapability(CcwDeviceAddress):
    """`type='css'`: an s390 channel subsystem subchannel (formatnode "css"), the device
    on it and the mediated device types it can create."""

    channel_dev_addr: CcwDeviceAddress | None = child("channel_dev_addr")
    mdev_types: MdevTypes | None = union("capability", {"mdev_types": MdevTypes}, on="type")


# -- formatnode "ap_card", "ap_queue", "ap_matrix" -------------------------------------

@element()
class ApCardCapability:
    """`type='ap_card'`: an s390 Adjunct Processor card (formatnode "ap_card")."""

    ap_adapter: int | None = child("ap-adapter", codec=AP_ADAPTER)


@element()
class ApQueueCapability:
    """`type='ap_queue'`: an AP domain on an AP card (formatnode "ap_queue")."""

    ap_adapter: int | None = child("ap-adapter", codec=AP_ADAPTER)
    ap_domain: int | None = child("ap-domain", codec=AP_DOMAIN)


@element()
class ApMatrixCapability:
    """`type='ap_matrix'`: the AP matrix device that hands AP resources to guests
    (formatnode "ap_matrix")."""

    mdev_types: MdevTypes | None = union("capability", {"mdev_types": MdevTypes}, on="type")


# -- formatnode "Node Device XML" ------------------------------------------------------

CAPABILITIES = {
    "system": SystemCapability, "pci": PciDeviceCapability, "usb_device": UsbDeviceCapability,
    "usb": UsbInterfaceCapability, "net": NetDeviceCapability,
    "scsi_host": ScsiHostDeviceCapability, "scsi_target": ScsiTargetCapability,
    "scsi": ScsiCapability, "scsi_generic": ScsiGenericCapability,
    "storage": StorageDeviceCapability, "drm": DrmCapability, "mdev": MdevCapability,
    "ccw": CcwCapability, "ccwgroup": CcwGroupCapability, "css": CssCapability,
    "vdpa": VdpaCapability, "ap_card": ApCardCapability, "ap_queue": ApQueueCapability,
    "ap_matrix": ApMatrixCapability,
}

Capability = (SystemCapability | PciDeviceCapability | UsbDeviceCapability
              | UsbInterfaceCapability | NetDeviceCapability | ScsiHostDeviceCapability
              | ScsiTargetCapability | ScsiCapability | ScsiGenericCapability
              | StorageDeviceCapability | DrmCapability | MdevCapability | CcwCapability
              | CcwGroupCapability | CssCapability | VdpaCapability | ApCardCapability
              | ApQueueCapability | ApMatrixCapability)


@element()
class Devnode:
    """`<devnode type=..>`: a `/dev` file of the device (formatnode "Node Device XML")."""

    type: DevnodeType | None = attr("type")
    path: str | None = text()


@element()
class Parent:
    """`<parent>`: the parent device's name (`computer` at the top); when creating an
    NPIV vHBA, the parent HBA may instead be picked by its WWNN and WWPN or by its
    fabric WWN (formatnode "Node Device XML")."""

    wwnn: str | None = attr("wwnn", codec=WWN)
    wwpn: str | None = attr("wwpn", codec=WWN)
    fabric_wwn: str | None = attr("fabric_wwn", codec=WWN)
    name: str | None = text()


@element("device")
class NodeDevice:
    """A host device (formatnode "Node Device XML"): its name, sysfs path, `/dev` nodes,
    parent, driver and capabilities."""

    name: str | None = child("name")
    path: str | None = child("path")
    devnodes: list[Devnode] = children("devnode")
    parent: Parent | None = child("parent")
    driver: str | None = leaf("driver/name")
    capabilities: list[Capability] = unions("capability", CAPABILITIES, on="type")

    @property
    def capability(self) -> Capability | None:
        """The first of `capabilities` (the one every device libvirt reports has), or
        None when there is none. Read-only: set `capabilities` to change it."""
        return self.capabilities[0] if self.capabilities else None


__all__ = [
    "AP_ADAPTER", "AP_DOMAIN", "ApCardCapability", "ApMatrixCapability", "ApQueueCapability",
    "CAPABILITIES", "Capability", "CcwCapability", "CcwDeviceAddress", "CcwGroupCapability",
    "CcwGroupDevice", "CcwGroupMember", "CcwGroupMembers", "CcwState", "CssCapability",
    "Devnode", "DevnodeType", "DrmCapability", "DrmType", "MdevAttribute", "MdevCapability",
    "NodeDevice", "Parent", "Qeth", "QethGeneric", "QethLayer2", "QethLayer3",
    "VdpaCapability",
]

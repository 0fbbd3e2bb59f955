"""What every device carries at run time: alias and address (formatdomain "Devices")."""
from __future__ import annotations

from ...core import OnOff, OpenEnum, YesNo, attr, child, element, path, union
from ..basictypes import ABS_FILE_PATH, CPUSET, LOADPARM, POSITIVE_INTEGER
from .address import ADDRESS_VARIANTS, Address


@element()
class DeviceBoot:
    """`<boot order=.. loadparm=..>`: per-device boot order (formatdomain "Hard drives...")."""

    order: int | None = attr("order", codec=POSITIVE_INTEGER)
    loadparm: str | None = attr("loadparm", codec=LOADPARM)


@element()
class Rom:
    """`<rom bar=.. file=.. enabled=..>`: a PCI device's option ROM."""

    bar: bool | None = attr("bar", codec=OnOff)
    file: str | None = attr("file", codec=ABS_FILE_PATH)
    enabled: bool | None = attr("enabled", codec=YesNo)


@element(written_last=True)
class Device:
    """Base of every device: boot order, alias, ROM, ACPI index and nodes, and address.

    libvirt writes these after the device's own children, in this order, so they are
    declared last (written_last) and every device class inherits them.
    """

    boot: DeviceBoot | None = child("boot")
    alias: str | None = path("alias/@name")
    usb_master_port: str | None = path("master/@startport")
    rom: Rom | None = child("rom")
    acpi_index: int | None = path("acpi/@index")
    # libvirt 11.8: the guest NUMA nodes a PCI device is close to (acpi-generic-initiator)
    acpi_nodeset: str | None = path("acpi/@nodeset", codec=CPUSET)
    address: Address | None = union("address", ADDRESS_VARIANTS, on="type")


class Sgio(OpenEnum):
    """Whether the host filters the SCSI commands the guest sends to a LUN (`filtered`)
    or passes them all through (`unfiltered`)."""

    FILTERED = "filtered"
    UNFILTERED = "unfiltered"


class StartupPolicy(OpenEnum):
    """What libvirt does when a disk's or host device's source is missing as the domain
    starts: fail (`mandatory`); fail on boot but drop it on migration, restore or
    revert (`requisite`); drop it (`optional`)."""

    MANDATORY = "mandatory"
    REQUISITE = "requisite"
    OPTIONAL = "optional"


class VirtioModel(OpenEnum):
    """The `model` of a device that is virtio and nothing else (rng, vsock, crypto), and
    the virtio flavour of a disk or a filesystem (formatdomain "Virtio device models")."""

    VIRTIO = "virtio"
    VIRTIO_TRANSITIONAL = "virtio-transitional"
    VIRTIO_NON_TRANSITIONAL = "virtio-non-transitional"


@element()
class VirtioOptions:
    """Attributes every virtio device's `<driver>` may carry (formatdomain "Virtio-related
    options"). A device's own driver class subclasses this one."""

    iommu: bool | None = attr("iommu", codec=OnOff)
    ats: bool | None = attr("ats", codec=OnOff)
    packed: bool | None = attr("packed", codec=OnOff)
    page_per_vq: bool | None = attr("page_per_vq", codec=OnOff)

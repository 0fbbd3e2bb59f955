"""What `<domainCapabilities>` says a domain may use: the `supported` + `<enum>` pattern,
and the `<devices>` and `<features>` built on it (formatdomaincaps "Devices",
"Features").

Almost every element of the format reports `supported='yes|no'` and lists, in
`<enum name=..><value>..</value></enum>` blocks, the values the matching domain XML
attribute accepts. The blocks are one generic class (`CapsEnum`, shared with the
storage pool capabilities); each holder finds them by name with `enum(name)`, and the
holders of known names have a typed attribute per enum (`caps.devices.disk.bus`).
"""
from __future__ import annotations

from typing import Any, overload

from ..core import YesNo, attr, child, children, element
from ..core import path as leaf
from .basictypes import UNSIGNED_INT, UNSIGNED_LONG
from .storage_caps import CapsEnum
from .units import SIZE_UNIT, Size, unit_factor


class EnumValues:
    """A read-only attribute of a holder of `<enum>`s: the values of the enum named
    `name`, or None when the holder has no enum of that name (as `enum(name)`)."""

    def __init__(self, name: str):
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> EnumValues: ...

    @overload
    def __get__(self, obj: Any, owner: type | None = None) -> list[str] | None: ...

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        return self if obj is None else obj.enum(self.name)

    def __repr__(self) -> str:
        return f"EnumValues({self.name!r})"


class EnumLookup:
    """Finding `<enum>`s by name, for a mapped class with an `enums` field (a plain
    mixin: it declares no field of its own)."""

    enums: list[CapsEnum]

    def enum(self, name: str) -> list[str] | None:
        """The values of the first `<enum name=..>` of that name, None when there is none
        (an enum listed without values gives [])."""
        for block in self.enums:
            if block.name == name:
                return block.values
        return None

    @property
    def enum_names(self) -> list[str]:
        """The names of the enums listed, in document order."""
        return [block.name for block in self.enums if block.name is not None]


@element()
class Supported:
    """An element of the format that reports `supported='yes|no'` (formatdomaincaps
    "Element and attribute overview": absent means the driver does not say)."""

    supported: bool | None = attr("supported", codec=YesNo)


@element()
class Capability(Supported, EnumLookup):
    """`supported` and the `<enum>`s of one domain XML element (formatdomaincaps
    "Devices": each enum lists the values an attribute of that element accepts)."""

    enums: list[CapsEnum] = children("enum")


# -- formatdomaincaps "Devices" ---------------------------------------------------------

@element()
class DiskCaps(Capability):
    """`<disk>` (formatdomaincaps "Hard drives, floppy disks, CDROMs"): `<disk device=..>`,
    `<target bus=..>` and `<disk model=..>`."""

    disk_device = EnumValues("diskDevice")
    bus = EnumValues("bus")
    model = EnumValues("model")


@element()
class GraphicsCaps(Capability):
    """`<graphics>` (formatdomaincaps "Graphical framebuffers"): `<graphics type=..>`."""

    type = EnumValues("type")


@element()
class VideoCaps(Capability):
    """`<video>` (formatdomaincaps "Video device"): `<video><model type=..>`."""

    model_type = EnumValues("modelType")


@element()
class HostdevCaps(Capability):
    """`<hostdev>` (formatdomaincaps "Host device assignment"): the hostdev's `mode`,
    `startupPolicy`, `type` for each mode, and the PCI `<driver name=..>`."""

    mode = EnumValues("mode")
    startup_policy = EnumValues("startupPolicy")
    subsys_type = EnumValues("subsysType")
    caps_type = EnumValues("capsType")
    pci_backend = EnumValues("pciBackend")


@element()
class RngCaps(Capability):
    """`<rng>` (formatdomaincaps "RNG device"): `<rng model=..>`, `<backend model=..>`."""

    model = EnumValues("model")
    backend_model = EnumValues("backendModel")


@element()
class FilesystemCaps(Capability):
    """`<filesystem>` (formatdomaincaps "Filesystem device"): `<driver type=..>`."""

    driver_type = EnumValues("driverType")


@element()
class TpmCaps(Capability):
    """`<tpm>` (formatdomaincaps "TPM device"): `<tpm model=..>`, `<backend type=..
    version=..>`."""

    model = EnumValues("model")
    backend_model = EnumValues("backendModel")
    backend_version = EnumValues("backendVersion")


@element()
class RedirdevCaps(Capability):
    """`<redirdev>` (formatdomaincaps "USB redirect device"): `<redirdev bus=..>`."""

    bus = EnumValues("bus")


@element()
class ChannelCaps(Capability):
    """`<channel>` (formatdomaincaps "Channel device"): `<channel type=..>`."""

    type = EnumValues("type")


@element()
class CryptoCaps(Capability):
    """`<crypto>` (formatdomaincaps "Crypto device"): `<crypto model=.. type=..>` and
    `<backend model=..>`."""

    model = EnumValues("model")
    type = EnumValues("type")
    backend_model = EnumValues("backendModel")


@element()
class InterfaceCaps(Capability):
    """`<interface>` (formatdomaincaps "Interface device"): `<backend type=..>`."""

    backend_type = EnumValues("backendType")


@element()
class PanicCaps(Capability):
    """`<panic>` (formatdomaincaps "Panic device"): `<panic model=..>`."""

    model = EnumValues("model")


@element()
class DeviceCaps:
    """`<devices>`: one element per device kind the driver reports on (formatdomaincaps
    "Devices"), in the order the schema fixes."""

    disk: DiskCaps | None = child("disk")
    graphics: GraphicsCaps | None = child("graphics")
    video: VideoCaps | None = child("video")
    hostdev: HostdevCaps | None = child("hostdev")
    rng: RngCaps | None = child("rng")
    filesystem: FilesystemCaps | None = child("filesystem")
    tpm: TpmCaps | None = child("tpm")
    redirdev: RedirdevCaps | None = child("redirdev")
    channel: ChannelCaps | None = child("channel")
    crypto: CryptoCaps | None = child("crypto")
    interface: InterfaceCaps | None = child("interface")
    panic: PanicCaps | None = child("panic")


# -- formatdomaincaps "Features" --------------------------------------------------------

@element()
class GicCaps(Capability):
    """`<gic>` (formatdomaincaps "GIC capabilities"): `<gic version=..>` (ARM)."""

    version = EnumValues("version")


@element()
class HypervCaps(Capability):
    """`<hyperv>` (formatdomaincaps "Hyper-V Enlightenments"): the children of the
    domain's `<features><hyperv>` the hypervisor offers."""

    features = EnumValues("features")


@element()
class LaunchSecurityCaps(Capability):
    """`<launchSecurity>` (formatdomaincaps "Launch security"): `<launchSecurity type=..>`
    (s390-pv, sev, sev-snp, ...)."""

    sectype = EnumValues("sectype")


@element()
class SevCaps(Supported):
    """`<sev>` (formatdomaincaps "SEV capabilities"): the C-bit position, the physical
    address bits lost to encryption, how many SEV and SEV-ES guests the host can run,
    and the ID of CPU 0 (base64) the platform reports."""

    cbitpos: int | None = child("cbitpos", codec=UNSIGNED_INT)
    reduced_phys_bits: int | None = child("reducedPhysBits", codec=UNSIGNED_INT)
    max_guests: int | None = child("maxGuests", codec=UNSIGNED_INT)
    max_es_guests: int | None = child("maxESGuests", codec=UNSIGNED_INT)
    cpu0_id: str | None = child("cpu0Id")


@element()
class SgxSection:
    """`<section node=.. size=.. unit='KiB'>`: the EPC memory of one host NUMA node
    (formatdomaincaps "SGX capabilities")."""

    node: int | None = attr("node", codec=UNSIGNED_INT)
    size: int | None = attr("size", codec=UNSIGNED_LONG)
    unit: str | None = attr("unit", codec=SIZE_UNIT)

    @property
    def bytes(self) -> int | None:
        return None if self.size is None else self.size * unit_factor(self.unit)


@element()
class SgxSections:
    """`<sections>`: the EPC per NUMA node (formatdomaincaps "SGX capabilities")."""

    sections: list[SgxSection] = children("section")


@element()
class SgxCaps(Supported):
    """`<sgx>` (formatdomaincaps "SGX capabilities"): flexible launch control, SGX1 and
    SGX2, and the size of the enclave page cache (EPC), whole and per NUMA node."""

    flc: bool | None = child("flc", codec=YesNo)
    sgx1: bool | None = child("sgx1", codec=YesNo)
    sgx2: bool | None = child("sgx2", codec=YesNo)
    section_size: Size | None = child("section_size")
    sections: SgxSections | None = child("sections")


@element()
class FeatureCaps:
    """`<features>` (formatdomaincaps "Features"): what of the domain's `<features>` and
    related settings the hypervisor offers. The features that report nothing but
    `supported` are flattened to it (`features.backup is True`)."""

    gic: GicCaps | None = child("gic")
    vmcoreinfo: bool | None = leaf("vmcoreinfo/@supported", codec=YesNo)
    genid: bool | None = leaf("genid/@supported", codec=YesNo)
    backing_store_input: bool | None = leaf("backingStoreInput/@supported", codec=YesNo)
    backup: bool | None = leaf("backup/@supported", codec=YesNo)
    async_teardown: bool | None = leaf("async-teardown/@supported", codec=YesNo)
    s390_pv: bool | None = leaf("s390-pv/@supported", codec=YesNo)
    ps2: bool | None = leaf("ps2/@supported", codec=YesNo)
    sev: SevCaps | None = child("sev")
    sgx: SgxCaps | None = child("sgx")
    hyperv: HypervCaps | None = child("hyperv")
    launch_security: LaunchSecurityCaps | None = child("launchSecurity")

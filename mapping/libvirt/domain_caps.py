"""The `<domainCapabilities>` root: what one emulator, machine type, architecture and
virtualization type let a domain use (formatdomaincaps).

`virConnectGetDomainCapabilities` reports it. Nearly every element says `supported`
and lists the values that the matching domain XML attribute accepts, in `<enum>`s:
the generic pieces, and the `<devices>` and `<features>`, are in
`mapping.libvirt.domain_caps_devices`. The CPU's `<mode>`s share one tag and tell
themselves apart by `name`: they are one class, reached by name from `CpuCaps`
(`caps.cpu.custom.models`). The CPU model, feature and `maxphysaddr` elements are the
domain CPU's classes, widened where the format adds attributes.
"""
from __future__ import annotations

from ..core import OpenEnum, YesNo, attr, child, children, choice, element
from ..core import path as leaf   # (the `path` field would shadow it)
from .basictypes import ABS_FILE_PATH, UNSIGNED_INT
from .cpu import CpuFeature, CpuMode, CpuModel, MaxPhysAddr
from .domain import DomainType
from .domain_caps_devices import (Capability, DeviceCaps, EnumLookup, EnumValues, FeatureCaps,
                                  Supported)
from .storage_caps import CapsEnum


class ModelUsability(OpenEnum):
    """`usable` of a CPU model (formatdomaincaps "CPU configuration", custom): usable on
    this host as it stands, not without disabling features, or libvirt cannot tell."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


# The enum of `<cpu migratable=..>` values each mode names after itself.
_MIGRATABLE = {CpuMode.HOST_PASSTHROUGH: "hostPassthroughMigratable",
               CpuMode.MAXIMUM: "maximumMigratable"}


# -- formatdomaincaps "BIOS bootloader" -------------------------------------------------

@element()
class LoaderCaps(Supported, EnumLookup):
    """`<loader>` (formatdomaincaps "BIOS bootloader"): the firmware binaries found on the
    host, then the values of the domain's `<loader type=.. readonly=.. secure=..>`."""

    values: list[str] = children("value")
    enums: list[CapsEnum] = children("enum")

    type = EnumValues("type")
    readonly = EnumValues("readonly")
    secure = EnumValues("secure")


@element()
class OsCaps(Capability):
    """`<os>` (formatdomaincaps "BIOS bootloader"): the `firmware` values firmware
    auto-selection can pick (those with a descriptor file on the host), and the
    loader."""

    loader: LoaderCaps | None = child("loader")

    firmware = EnumValues("firmware")


# -- formatdomaincaps "CPU configuration" -----------------------------------------------

@element()
class CpuModelCaps(CpuModel):
    """`<model>` of a CPU mode (formatdomaincaps "CPU configuration"). In `host-model`:
    the guest CPU that mode gives, with `fallback` (`allow`: hypervisor specifics not all
    accounted for). In `custom`: one model the hypervisor knows, whether it is `usable`
    here, `deprecated`, its `vendor` (`unknown` when it has none) and the `canonical`
    name of the model an alias stands for."""

    usable: ModelUsability | None = attr("usable")
    deprecated: bool | None = attr("deprecated", codec=YesNo)
    vendor: str | None = attr("vendor")
    canonical: str | None = attr("canonical")


@element()
class BlockingFeature:
    """`<feature name=..>` of `<blockers>`: a feature the host CPU lacks."""

    name: str | None = attr("name")


@element()
class CpuBlockers:
    """`<blockers model=..>`, after a model with `usable='no'`: the features keeping it
    from being usable (formatdomaincaps "CPU configuration", since 10.9.0)."""

    model: str | None = attr("model")
    features: list[BlockingFeature] = children("feature")

    @property
    def names(self) -> list[str]:
        return [feature.name for feature in self.features if feature.name is not None]


@element()
class CpuModeCaps(EnumLookup):
    """`<mode name=.. supported=..>` (formatdomaincaps "CPU configuration"). What it holds
    depends on the `name`: host-passthrough and maximum, the `migratable` values
    (`hostPassthroughMigratable`, `maximumMigratable`); host-model, the guest CPU
    (`model`, `vendor`, `maxphysaddr`, `features`); custom, the CPU models, each
    unusable one followed by its blockers (`listing`, in document order; `models` and
    `blockers` sort them)."""

    name: CpuMode | None = attr("name")
    supported: bool | None = attr("supported", codec=YesNo)
    enums: list[CapsEnum] = children("enum")
    listing: list[CpuModelCaps | CpuBlockers] = choice(model=CpuModelCaps,
                                                        blockers=CpuBlockers)
    vendor: str | None = child("vendor")
    maxphysaddr: MaxPhysAddr | None = child("maxphysaddr")
    features: list[CpuFeature] = children("feature")

    @property
    def migratable(self) -> list[str] | None:
        """The `<cpu migratable=..>` values of host-passthrough or maximum (None for
        the other modes)."""
        name = _MIGRATABLE.get(self.name) if self.name is not None else None
        return None if name is None else self.enum(name)

    @property
    def models(self) -> list[CpuModelCaps]:
        """The `<model>`s, without the blockers."""
        return [item for item in self.listing if isinstance(item, CpuModelCaps)]

    @property
    def model(self) -> CpuModelCaps | None:
        """The first `<model>`: host-model's guest CPU."""
        return next(iter(self.models), None)

    @property
    def blockers(self) -> dict[str, list[str]]:
        """Model name -> the features blocking it."""
        return {item.model: item.names for item in self.listing
                if isinstance(item, CpuBlockers) and item.model is not None}


@element()
class CpuCaps:
    """`<cpu>` (formatdomaincaps "CPU configuration"): one `<mode>` per CPU mode, which
    the schema wants all four of, in the order host-passthrough, maximum, host-model,
    custom; each reached by name here."""

    modes: list[CpuModeCaps] = children("mode")

    def mode(self, name: str) -> CpuModeCaps | None:
        """The first `<mode>` of that name (a `CpuMode` or its string), or None."""
        return next((mode for mode in self.modes if mode.name == name), None)

    @property
    def host_passthrough(self) -> CpuModeCaps | None:
        return self.mode(CpuMode.HOST_PASSTHROUGH)

    @property
    def maximum(self) -> CpuModeCaps | None:
        return self.mode(CpuMode.MAXIMUM)

    @property
    def host_model(self) -> CpuModeCaps | None:
        return self.mode(CpuMode.HOST_MODEL)

    @property
    def custom(self) -> CpuModeCaps | None:
        return self.mode(CpuMode.CUSTOM)


# -- formatdomaincaps "Memory Backing" --------------------------------------------------

@element()
class MemoryBackingCaps(Capability):
    """`<memoryBacking>` (formatdomaincaps "Memory Backing"): `<source type=..>`."""

    source_type = EnumValues("sourceType")


@element("domainCapabilities")
class DomainCapabilities:
    """Domain capabilities (formatdomaincaps "Element and attribute overview"): the
    emulator binary, virtualization type, machine type and architecture they are for,
    the most vCPUs ("CPU Allocation"), I/O threads ("I/O Threads"), then the OS, CPU,
    memory backing, devices and features a domain of that kind may use."""

    path: str | None = child("path", codec=ABS_FILE_PATH)
    domain: DomainType | None = child("domain")
    machine: str | None = child("machine")
    arch: str | None = child("arch")
    vcpu_max: int | None = leaf("vcpu/@max", codec=UNSIGNED_INT)
    iothreads: bool | None = leaf("iothreads/@supported", codec=YesNo)
    os: OsCaps | None = child("os")
    cpu: CpuCaps | None = child("cpu")
    memory_backing: MemoryBackingCaps | None = child("memoryBacking")
    devices: DeviceCaps | None = child("devices")
    features: FeatureCaps | None = child("features")

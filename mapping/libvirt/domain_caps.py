"""The `<domainCapabilities>` root: what one emulator, machine type, architecture and
virtualization type let a domain use (formatdomaincaps).

`virConnectGetDomainCapabilities` reports it. Nearly every element says `supported`
and lists the values that the matching domain XML attribute accepts, in `<enum>`s:
the generic pieces, and the `<devices>` and `<features>`, are in
`mapping.libvirt.domain_caps_devices`. The CPU's `<mode>`s share one tag and tell
themselves apart by `name`: each mode is its own class holding only what that mode
reports (`CPU_MODES`), read by `unions()` and reached by name from `CpuCaps`
(`caps.cpu.custom.models`). host-model's guest CPU is the domain CPU's own `CpuModel`,
`CpuFeature` and `MaxPhysAddr`.
"""
from __future__ import annotations

from typing import Literal, TypeVar, overload

from ..core import OpenEnum, YesNo, attr, child, children, choice, element, text, unions
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
class HostPassthroughCaps(Capability):
    """`<mode name='host-passthrough'>` (formatdomaincaps "CPU configuration"): whether
    the mode is supported, and in the `hostPassthroughMigratable` enum the values the
    domain's `<cpu mode='host-passthrough' migratable=..>` accepts."""

    name = CpuMode.HOST_PASSTHROUGH   # (the discriminator: a constant, not a field)
    migratable = EnumValues("hostPassthroughMigratable")


@element()
class MaximumCaps(Capability):
    """`<mode name='maximum'>` (formatdomaincaps "CPU configuration"): whether the mode is
    supported, and in the `maximumMigratable` enum the values the domain's
    `<cpu mode='maximum' migratable=..>` accepts."""

    name = CpuMode.MAXIMUM
    migratable = EnumValues("maximumMigratable")


@element()
class HostModelCaps(Supported):
    """`<mode name='host-model'>` (formatdomaincaps "CPU configuration"): the guest CPU a
    domain with `<cpu mode='host-model'>` would get here: its `model` (`fallback='allow'`
    when hypervisor specifics were not all accounted for), `vendor`, the host's
    physical address size (`maxphysaddr`) and the `features` added or removed."""

    name = CpuMode.HOST_MODEL
    model: CpuModel | None = child("model")
    vendor: str | None = child("vendor")
    maxphysaddr: MaxPhysAddr | None = child("maxphysaddr")
    features: list[CpuFeature] = children("feature")


@element()
class CustomModelCaps:
    """`<model>` of the custom mode (formatdomaincaps "CPU configuration", custom): one
    CPU model the hypervisor knows, whether it is `usable` on this host, `deprecated`
    by the hypervisor (7.1.0), its `vendor` (8.9.0; `unknown` when it has none) and the
    `canonical` name of the model an alias stands for (10.10.0)."""

    usable: ModelUsability | None = attr("usable")
    deprecated: bool | None = attr("deprecated", codec=YesNo)
    vendor: str | None = attr("vendor")
    canonical: str | None = attr("canonical")
    name: str | None = text()


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
class CustomCaps(Supported):
    """`<mode name='custom'>` (formatdomaincaps "CPU configuration"): the CPU models a
    domain with `<cpu mode='custom'>` may name, each unusable one followed by the
    features blocking it (`listing`, in document order; `models` and `blockers` sort
    them)."""

    name = CpuMode.CUSTOM
    listing: list[CustomModelCaps | CpuBlockers] = choice(model=CustomModelCaps,
                                                           blockers=CpuBlockers)

    @property
    def models(self) -> list[CustomModelCaps]:
        """The `<model>`s, without the blockers."""
        return [item for item in self.listing if isinstance(item, CustomModelCaps)]

    @property
    def blockers(self) -> dict[str, list[str]]:
        """Model name -> the features blocking it."""
        return {item.model: item.names for item in self.listing
                if isinstance(item, CpuBlockers) and item.model is not None}


# `<mode name=..>` -> the class of that mode.
CPU_MODES: dict[str, type] = {
    CpuMode.HOST_PASSTHROUGH.value: HostPassthroughCaps, CpuMode.MAXIMUM.value: MaximumCaps,
    CpuMode.HOST_MODEL.value: HostModelCaps, CpuMode.CUSTOM.value: CustomCaps}

CpuModeCaps = HostPassthroughCaps | MaximumCaps | HostModelCaps | CustomCaps

_Mode = TypeVar("_Mode", HostPassthroughCaps, MaximumCaps, HostModelCaps, CustomCaps)


@element()
class CpuCaps:
    """`<cpu>` (formatdomaincaps "CPU configuration"): one `<mode>` per CPU mode, which
    the schema wants all four of, in the order host-passthrough, maximum, host-model,
    custom; each its own class (`CPU_MODES`), reached by name here. A mode libvirt adds
    later is kept as unknown XML."""

    modes: list[CpuModeCaps] = unions("mode", CPU_MODES, on="name")

    def _first(self, kind: type[_Mode]) -> _Mode | None:
        return next((mode for mode in self.modes if isinstance(mode, kind)), None)

    @overload
    def mode(self, name: Literal[CpuMode.HOST_PASSTHROUGH, "host-passthrough"]
             ) -> HostPassthroughCaps | None: ...

    @overload
    def mode(self, name: Literal[CpuMode.MAXIMUM, "maximum"]) -> MaximumCaps | None: ...

    @overload
    def mode(self, name: Literal[CpuMode.HOST_MODEL, "host-model"]) -> HostModelCaps | None: ...

    @overload
    def mode(self, name: Literal[CpuMode.CUSTOM, "custom"]) -> CustomCaps | None: ...

    @overload
    def mode(self, name: str) -> CpuModeCaps | None: ...

    def mode(self, name: str) -> CpuModeCaps | None:
        """The first `<mode>` of that name (a `CpuMode` or its string), or None."""
        kind = CPU_MODES.get(name)
        return None if kind is None else self._first(kind)

    @property
    def host_passthrough(self) -> HostPassthroughCaps | None:
        return self._first(HostPassthroughCaps)

    @property
    def maximum(self) -> MaximumCaps | None:
        return self._first(MaximumCaps)

    @property
    def host_model(self) -> HostModelCaps | None:
        return self._first(HostModelCaps)

    @property
    def custom(self) -> CustomCaps | None:
        return self._first(CustomCaps)


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

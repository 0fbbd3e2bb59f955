"""`<domainCapabilities>` (formatdomaincaps): libvirt's own documents come back losslessly
and typed throughout; entities built in code write the expected XML, which libvirt
11.3's schema accepts; mutated documents keep the contract (issue #21)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from mapping import MappingError, ParseError, SerializeError, from_dict, from_xml, to_dict
from tests.xmlassert import to_xml
from mapping.compare import first_difference
from mapping.libvirt.cpu import (CpuFeature, CpuMode, CpuModel, FeaturePolicy, MaxPhysAddr,
                                 MaxPhysAddrMode, ModelFallback)
from mapping.libvirt.domain import DomainType
from mapping.libvirt.domain_caps import (CPU_MODES, BlockingFeature, CpuBlockers, CpuCaps,
                                         CustomCaps, CustomModelCaps, DomainCapabilities,
                                         HostModelCaps, HostPassthroughCaps, LoaderCaps,
                                         MaximumCaps, MemoryBackingCaps, ModelUsability,
                                         OsCaps)
from mapping.libvirt.domain_caps_devices import (
    Capability, ChannelCaps, CryptoCaps, DeviceCaps, DiskCaps, EnumValues, FeatureCaps,
    FilesystemCaps, GicCaps, GraphicsCaps, HostdevCaps, HypervCaps, InterfaceCaps,
    LaunchSecurityCaps, PanicCaps, RedirdevCaps, RngCaps, SevCaps, SgxCaps, SgxSection,
    SgxSections, TpmCaps, VideoCaps)
from mapping.libvirt.storage_caps import CapsEnum
from mapping.libvirt.units import Size
from tests.conftest import formats_path, formats_rows, require_formats
from tests.libvirt.formats import contract
from tests.libvirt.formats.test_network_fuzz import SETTINGS, _mutate, refused_or_kept
from tests.xmlassert import assert_xml_equal

ROOT = "domainCapabilities"
ROWS = formats_rows((ROOT,))
VALID = [row for row in ROWS if row["libvirt_rng"] == "valid"]


_params = contract.params


# -- the corpus ------------------------------------------------------------------------------

@pytest.mark.corpus
def test_corpus_has_the_domain_capabilities_documents():
    require_formats()
    assert len(ROWS) >= 61, len(ROWS)


@pytest.mark.corpus
@_params(ROWS)
def test_document_comes_back_losslessly(row):
    require_formats()
    contract.assert_lossless(row, DomainCapabilities)


@pytest.mark.corpus
@_params(VALID)
def test_schema_valid_document_is_typed_throughout(row):
    require_formats()
    contract.assert_typed_throughout(formats_path(row).read_bytes(), DomainCapabilities)


@pytest.mark.corpus
def test_typed_share():
    require_formats()
    contract.assert_typed_share(VALID)


@pytest.mark.corpus
def test_corpus_values_are_typed():
    require_formats()
    row = next(row for row in ROWS if row["file"] == "qemu_8.0.0.x86_64.xml")
    caps = from_xml(formats_path(row).read_bytes(), DomainCapabilities)
    assert caps.domain is DomainType.KVM and caps.vcpu_max == 255 and caps.iothreads is True
    assert caps.os.firmware == ["bios", "efi"] and caps.os.loader.type == ["rom", "pflash"]
    assert caps.cpu.host_passthrough.migratable == ["on", "off"]
    assert caps.cpu.host_model.model.name == "EPYC-Rome"
    assert caps.cpu.host_model.features[0].policy is FeaturePolicy.REQUIRE
    assert all(model.usable in (ModelUsability.YES, ModelUsability.NO)
               for model in caps.cpu.custom.models)
    assert caps.devices.hostdev.subsys_type == ["usb", "pci", "scsi"]
    assert caps.features.backup is True and caps.features.gic.supported is False
    assert "relaxed" in caps.features.hyperv.features


# -- built in code -----------------------------------------------------------------------------

def _enum(name: str, *values: str) -> CapsEnum:
    return CapsEnum(name=name, values=list(values))


def _enum_xml(name: str, *values: str) -> str:
    return f"<enum name='{name}'>" + "".join(f"<value>{v}</value>" for v in values) + "</enum>"


CPU0_ID = "2sXGcsKXqOQ1qq5OFvQTD/3kcLDM4d1ko8xJDnAjWCMA1xvxYGDXNqvzrfHTVzGc5QnrOu9lk1JH0I+O"

FULL = DomainCapabilities(
    path="/usr/bin/qemu-system-x86_64", domain=DomainType.KVM, machine="pc-q35-9.2",
    arch="x86_64", vcpu_max=4096, iothreads=True,
    os=OsCaps(supported=True, enums=[_enum("firmware", "bios", "efi")], loader=LoaderCaps(
        supported=True, values=["/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF.fd"],
        enums=[_enum("type", "rom", "pflash"), _enum("readonly", "yes", "no"),
               _enum("secure", "yes", "no")])),
    cpu=CpuCaps(modes=[
        HostPassthroughCaps(supported=True,
                            enums=[_enum("hostPassthroughMigratable", "on", "off")]),
        MaximumCaps(supported=True, enums=[_enum("maximumMigratable", "on", "off")]),
        HostModelCaps(supported=True,
                      model=CpuModel(fallback=ModelFallback.ALLOW, vendor_id="GenuineIntel",
                                     name="Broadwell"),
                      vendor="Intel",
                      maxphysaddr=MaxPhysAddr(mode=MaxPhysAddrMode.PASSTHROUGH, limit=39),
                      features=[CpuFeature(policy=FeaturePolicy.DISABLE, name="aes"),
                                CpuFeature(policy=FeaturePolicy.REQUIRE, name="vmx")]),
        CustomCaps(supported=True, listing=[
            CustomModelCaps(usable=ModelUsability.NO, deprecated=False, vendor="Intel",
                            canonical="Broadwell-v1", name="Broadwell"),
            CpuBlockers(model="Broadwell", features=[BlockingFeature(name="hle"),
                                                     BlockingFeature(name="rtm")]),
            CustomModelCaps(usable=ModelUsability.YES, deprecated=False, vendor="Intel",
                            canonical="Broadwell-v2", name="Broadwell-noTSX"),
            CustomModelCaps(usable=ModelUsability.NO, deprecated=True, vendor="Intel",
                            name="Haswell"),
            CpuBlockers(model="Haswell", features=[BlockingFeature(name="hle")]),
            CustomModelCaps(usable=ModelUsability.UNKNOWN, vendor="unknown",
                            name="qemu64")])]),
    memory_backing=MemoryBackingCaps(supported=True,
                                     enums=[_enum("sourceType", "anonymous", "file", "memfd")]),
    devices=DeviceCaps(
        disk=DiskCaps(supported=True, enums=[_enum("diskDevice", "disk", "cdrom"),
                                             _enum("bus", "sata", "virtio"), _enum("model")]),
        graphics=GraphicsCaps(supported=True, enums=[_enum("type", "vnc", "spice")]),
        video=VideoCaps(supported=True, enums=[_enum("modelType", "vga", "virtio")]),
        hostdev=HostdevCaps(supported=True, enums=[
            _enum("mode", "subsystem"), _enum("startupPolicy", "default", "optional"),
            _enum("subsysType", "usb", "pci"), _enum("capsType"),
            _enum("pciBackend", "default", "vfio")]),
        rng=RngCaps(supported=True, enums=[_enum("model", "virtio"),
                                           _enum("backendModel", "random", "builtin")]),
        filesystem=FilesystemCaps(supported=True, enums=[_enum("driverType", "path", "virtiofs")]),
        tpm=TpmCaps(supported=True, enums=[_enum("model", "tpm-tis", "tpm-crb"),
                                           _enum("backendModel", "emulator"),
                                           _enum("backendVersion", "2.0")]),
        redirdev=RedirdevCaps(supported=True, enums=[_enum("bus", "usb")]),
        channel=ChannelCaps(supported=True, enums=[_enum("type", "pty", "unix")]),
        crypto=CryptoCaps(supported=True, enums=[_enum("model", "virtio"), _enum("type", "qemu"),
                                                 _enum("backendModel", "builtin", "lkcf")]),
        interface=InterfaceCaps(supported=True, enums=[_enum("backendType", "default", "passt")]),
        panic=PanicCaps(supported=True, enums=[_enum("model", "isa", "hyperv")])),
    features=FeatureCaps(
        gic=GicCaps(supported=False), vmcoreinfo=True, genid=True, backing_store_input=True,
        backup=True, async_teardown=True, s390_pv=False, ps2=True,
        sev=SevCaps(supported=True, cbitpos=47, reduced_phys_bits=1, max_guests=15,
                    max_es_guests=494, cpu0_id=CPU0_ID),
        sgx=SgxCaps(supported=True, flc=False, sgx1=True, sgx2=False,
                    section_size=Size(value=524288, unit="KiB"),
                    sections=SgxSections(sections=[SgxSection(node=0, size=262144, unit="KiB"),
                                                   SgxSection(node=1, size=262144, unit="KiB")])),
        hyperv=HypervCaps(supported=True, enums=[_enum("features", "relaxed", "vapic")]),
        launch_security=LaunchSecurityCaps(supported=True,
                                           enums=[_enum("sectype", "sev", "sev-snp")])))

FULL_XML = (
    "<domainCapabilities><path>/usr/bin/qemu-system-x86_64</path><domain>kvm</domain>"
    "<machine>pc-q35-9.2</machine><arch>x86_64</arch><vcpu max='4096'/>"
    "<iothreads supported='yes'/>"
    "<os supported='yes'>" + _enum_xml("firmware", "bios", "efi") +
    "<loader supported='yes'><value>/usr/share/OVMF/OVMF_CODE.fd</value>"
    "<value>/usr/share/OVMF/OVMF.fd</value>" + _enum_xml("type", "rom", "pflash") +
    _enum_xml("readonly", "yes", "no") + _enum_xml("secure", "yes", "no") + "</loader></os>"
    "<cpu><mode name='host-passthrough' supported='yes'>"
    + _enum_xml("hostPassthroughMigratable", "on", "off") + "</mode>"
    "<mode name='maximum' supported='yes'>" + _enum_xml("maximumMigratable", "on", "off") +
    "</mode><mode name='host-model' supported='yes'>"
    "<model fallback='allow' vendor_id='GenuineIntel'>Broadwell</model><vendor>Intel</vendor>"
    "<maxphysaddr mode='passthrough' limit='39'/>"
    "<feature policy='disable' name='aes'/><feature policy='require' name='vmx'/></mode>"
    "<mode name='custom' supported='yes'>"
    "<model usable='no' deprecated='no' vendor='Intel' canonical='Broadwell-v1'>Broadwell"
    "</model><blockers model='Broadwell'><feature name='hle'/><feature name='rtm'/></blockers>"
    "<model usable='yes' deprecated='no' vendor='Intel' canonical='Broadwell-v2'>"
    "Broadwell-noTSX</model>"
    "<model usable='no' deprecated='yes' vendor='Intel'>Haswell</model>"
    "<blockers model='Haswell'><feature name='hle'/></blockers>"
    "<model usable='unknown' vendor='unknown'>qemu64</model></mode></cpu>"
    "<memoryBacking supported='yes'>" + _enum_xml("sourceType", "anonymous", "file", "memfd") +
    "</memoryBacking><devices>"
    "<disk supported='yes'>" + _enum_xml("diskDevice", "disk", "cdrom") +
    _enum_xml("bus", "sata", "virtio") + "<enum name='model'/></disk>"
    "<graphics supported='yes'>" + _enum_xml("type", "vnc", "spice") + "</graphics>"
    "<video supported='yes'>" + _enum_xml("modelType", "vga", "virtio") + "</video>"
    "<hostdev supported='yes'>" + _enum_xml("mode", "subsystem") +
    _enum_xml("startupPolicy", "default", "optional") + _enum_xml("subsysType", "usb", "pci") +
    "<enum name='capsType'/>" + _enum_xml("pciBackend", "default", "vfio") + "</hostdev>"
    "<rng supported='yes'>" + _enum_xml("model", "virtio") +
    _enum_xml("backendModel", "random", "builtin") + "</rng>"
    "<filesystem supported='yes'>" + _enum_xml("driverType", "path", "virtiofs") +
    "</filesystem><tpm supported='yes'>" + _enum_xml("model", "tpm-tis", "tpm-crb") +
    _enum_xml("backendModel", "emulator") + _enum_xml("backendVersion", "2.0") + "</tpm>"
    "<redirdev supported='yes'>" + _enum_xml("bus", "usb") + "</redirdev>"
    "<channel supported='yes'>" + _enum_xml("type", "pty", "unix") + "</channel>"
    "<crypto supported='yes'>" + _enum_xml("model", "virtio") + _enum_xml("type", "qemu") +
    _enum_xml("backendModel", "builtin", "lkcf") + "</crypto>"
    "<interface supported='yes'>" + _enum_xml("backendType", "default", "passt") +
    "</interface><panic supported='yes'>" + _enum_xml("model", "isa", "hyperv") + "</panic>"
    "</devices><features><gic supported='no'/><vmcoreinfo supported='yes'/>"
    "<genid supported='yes'/><backingStoreInput supported='yes'/><backup supported='yes'/>"
    "<async-teardown supported='yes'/><s390-pv supported='no'/><ps2 supported='yes'/>"
    "<sev supported='yes'><cbitpos>47</cbitpos><reducedPhysBits>1</reducedPhysBits>"
    f"<maxGuests>15</maxGuests><maxESGuests>494</maxESGuests><cpu0Id>{CPU0_ID}</cpu0Id></sev>"
    "<sgx supported='yes'><flc>no</flc><sgx1>yes</sgx1><sgx2>no</sgx2>"
    "<section_size unit='KiB'>524288</section_size><sections>"
    "<section node='0' size='262144' unit='KiB'/><section node='1' size='262144' unit='KiB'/>"
    "</sections></sgx>"
    "<hyperv supported='yes'>" + _enum_xml("features", "relaxed", "vapic") + "</hyperv>"
    "<launchSecurity supported='yes'>" + _enum_xml("sectype", "sev", "sev-snp") +
    "</launchSecurity></features></domainCapabilities>")


def _unsupported_modes() -> CpuCaps:
    return CpuCaps(modes=[kind(supported=False) for kind in (
        HostPassthroughCaps, MaximumCaps, HostModelCaps, CustomCaps)])


# host-model as libvirt reports it for a guest whose address width is emulated, and the
# other modes with nothing to list.
EMULATED_CPU = CpuCaps(modes=[
    HostPassthroughCaps(supported=True, enums=[_enum("hostPassthroughMigratable", "off")]),
    MaximumCaps(supported=True, enums=[_enum("maximumMigratable")]),
    HostModelCaps(supported=True, model=CpuModel(fallback=ModelFallback.FORBID, name="EPYC"),
                  maxphysaddr=MaxPhysAddr(mode=MaxPhysAddrMode.EMULATE, bits=48),
                  features=[CpuFeature(policy=policy, name=f"f{index}")
                            for index, policy in enumerate(FeaturePolicy)]),
    CustomCaps(supported=True)])

EMULATED_CPU_XML = (
    "<cpu><mode name='host-passthrough' supported='yes'>"
    + _enum_xml("hostPassthroughMigratable", "off") + "</mode>"
    "<mode name='maximum' supported='yes'><enum name='maximumMigratable'/></mode>"
    "<mode name='host-model' supported='yes'><model fallback='forbid'>EPYC</model>"
    "<maxphysaddr mode='emulate' bits='48'/>"
    + "".join(f"<feature policy='{policy}' name='f{index}'/>"
              for index, policy in enumerate(FeaturePolicy)) +
    "</mode><mode name='custom' supported='yes'/></cpu>")


UNSUPPORTED_MODES_XML = (
    "<cpu><mode name='host-passthrough' supported='no'/><mode name='maximum' supported='no'/>"
    "<mode name='host-model' supported='no'/><mode name='custom' supported='no'/></cpu>")

BUILT = [
    (FULL, FULL_XML),
    # An ARM guest: no emulator path, the GIC versions, SEV/SGX reported off, and an
    # SGX that lists no sections; the devices block empty.
    (DomainCapabilities(domain=DomainType.QEMU, machine="virt-9.2", arch="aarch64",
                        os=OsCaps(supported=True, loader=LoaderCaps(supported=False)),
                        cpu=_unsupported_modes(), devices=DeviceCaps(),
                        features=FeatureCaps(gic=GicCaps(supported=True,
                                                         enums=[_enum("version", "2", "3")]),
                                             sev=SevCaps(supported=False),
                                             sgx=SgxCaps(supported=True, flc=True, sgx1=True,
                                                         sgx2=True,
                                                         section_size=Size(value=0,
                                                                           unit="KiB"),
                                                         sections=SgxSections()))),
     "<domainCapabilities><domain>qemu</domain><machine>virt-9.2</machine><arch>aarch64</arch>"
     "<os supported='yes'><loader supported='no'/></os>" + UNSUPPORTED_MODES_XML +
     "<devices/><features><gic supported='yes'>" + _enum_xml("version", "2", "3") + "</gic>"
     "<sev supported='no'/><sgx supported='yes'><flc>yes</flc><sgx1>yes</sgx1>"
     "<sgx2>yes</sgx2><section_size unit='KiB'>0</section_size><sections/></sgx></features>"
     "</domainCapabilities>"),
    (DomainCapabilities(domain=DomainType.KVM, arch="x86_64", cpu=EMULATED_CPU),
     "<domainCapabilities><domain>kvm</domain><arch>x86_64</arch>" + EMULATED_CPU_XML +
     "</domainCapabilities>"),
    # What the schema requires and no more, from two more drivers.
    (DomainCapabilities(domain=DomainType.XEN, arch="x86_64"),
     "<domainCapabilities><domain>xen</domain><arch>x86_64</arch></domainCapabilities>"),
    (DomainCapabilities(path="/usr/sbin/bhyve", domain=DomainType.BHYVE, arch="x86_64",
                        iothreads=False,
                        devices=DeviceCaps(disk=DiskCaps(supported=False),
                                           hostdev=HostdevCaps(supported=False))),
     "<domainCapabilities><path>/usr/sbin/bhyve</path><domain>bhyve</domain>"
     "<arch>x86_64</arch><iothreads supported='no'/><devices><disk supported='no'/>"
     "<hostdev supported='no'/></devices></domainCapabilities>"),
]


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_built_entity_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_xml_parses_to_entity_strictly(entity, xml):
    assert from_xml(xml, DomainCapabilities, unknown="error") == entity


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_json_round_trip_keeps_the_listing(entity, xml):
    assert from_dict(to_dict(entity), DomainCapabilities) == entity


def _schema() -> etree.RelaxNG:
    return contract.reference_schema("domaincaps.rng")


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_written_xml_is_valid_against_libvirt_schema(entity, xml):
    schema = _schema()
    document = etree.fromstring(to_xml(entity).encode())
    assert schema.validate(document), schema.error_log


def test_every_enum_value_is_built():
    """The table writes each CPU mode (each its own class), model usability, fallback,
    address width mode and feature policy."""
    modes = [mode for entity, _ in BUILT if entity.cpu for mode in entity.cpu.modes]
    assert {mode.name for mode in modes} == set(CpuMode)
    assert {type(mode) for mode in modes} == set(CPU_MODES.values())
    assert all(CPU_MODES[mode.name] is type(mode) for mode in modes)
    custom = [mode for mode in modes if isinstance(mode, CustomCaps)]
    assert {model.usable for mode in custom for model in mode.models} >= set(ModelUsability)
    assert {CustomModelCaps, CpuBlockers} <= {type(item) for mode in custom
                                              for item in mode.listing}
    host_model = [mode for mode in modes if isinstance(mode, HostModelCaps) and mode.model]
    assert {mode.model.fallback for mode in host_model} == set(ModelFallback)
    assert {mode.maxphysaddr.mode for mode in host_model} == set(MaxPhysAddrMode)
    assert {feature.policy for mode in host_model
            for feature in mode.features} == set(FeaturePolicy)


# -- access by name ------------------------------------------------------------------------

def test_enums_are_reached_by_name():
    caps = from_xml(FULL_XML, DomainCapabilities)
    disk = caps.devices.disk
    assert disk.enum("bus") == disk.bus == ["sata", "virtio"]
    assert disk.disk_device == ["disk", "cdrom"]
    assert disk.model == []              # listed, without values
    assert disk.enum("future") is None   # not listed
    assert disk.enum_names == ["diskDevice", "bus", "model"]
    assert caps.devices.hostdev.caps_type == [] and caps.devices.hostdev.pci_backend == [
        "default", "vfio"]
    assert caps.devices.tpm.backend_version == ["2.0"]
    assert caps.devices.crypto.type == ["qemu"] and caps.devices.channel.type == ["pty", "unix"]
    assert caps.devices.interface.backend_type == ["default", "passt"]
    assert caps.memory_backing.source_type == ["anonymous", "file", "memfd"]
    assert caps.os.loader.secure == ["yes", "no"] and caps.os.loader.readonly == ["yes", "no"]
    assert caps.features.launch_security.sectype == ["sev", "sev-snp"]
    assert caps.features.gic.version is None
    assert isinstance(DiskCaps.bus, EnumValues)   # (on the class: the descriptor)


def test_cpu_modes_are_reached_by_name():
    cpu = from_xml(FULL_XML, DomainCapabilities).cpu
    assert cpu.mode("custom") is cpu.custom and cpu.mode(CpuMode.MAXIMUM) is cpu.maximum
    assert cpu.mode("host-passthrough") is cpu.host_passthrough
    assert cpu.mode(CpuMode.HOST_MODEL) is cpu.host_model
    assert cpu.mode("future") is None and cpu.mode(CpuMode("future")) is None
    assert [type(mode) for mode in cpu.modes] == [HostPassthroughCaps, MaximumCaps,
                                                  HostModelCaps, CustomCaps]
    assert [mode.name for mode in cpu.modes] == [CpuMode.HOST_PASSTHROUGH, CpuMode.MAXIMUM,
                                                 CpuMode.HOST_MODEL, CpuMode.CUSTOM]
    assert cpu.maximum.migratable == ["on", "off"]
    assert cpu.host_passthrough.migratable == ["on", "off"]
    # Each mode holds only its own fields.
    assert not hasattr(cpu.host_model, "migratable") and not hasattr(cpu.custom, "vendor")
    assert not hasattr(cpu.maximum, "listing") and not hasattr(cpu.host_passthrough, "model")
    assert type(cpu.host_model.model) is CpuModel
    assert cpu.host_model.model.fallback is ModelFallback.ALLOW
    assert cpu.host_model.vendor == "Intel"
    assert cpu.host_model.maxphysaddr.limit == 39
    assert [model.name for model in cpu.custom.models] == [
        "Broadwell", "Broadwell-noTSX", "Haswell", "qemu64"]
    assert cpu.custom.blockers == {"Broadwell": ["hle", "rtm"], "Haswell": ["hle"]}
    assert cpu.custom.models[2].deprecated is True
    assert cpu.custom.models[0].canonical == "Broadwell-v1"
    unsupported = _unsupported_modes()
    assert unsupported.custom.models == [] and unsupported.custom.blockers == {}
    assert unsupported.host_model.model is None and unsupported.maximum.migratable is None
    assert CpuCaps().custom is None and CpuCaps().mode("custom") is None


def test_json_names_each_mode():
    data = to_dict(_unsupported_modes())
    assert [mode["name"] for mode in data["modes"]] == [
        "host-passthrough", "maximum", "host-model", "custom"]
    assert data["modes"][3] == {"name": "custom", "supported": False}
    assert from_dict(data, CpuCaps) == _unsupported_modes()


def test_a_mode_written_twice_is_read_in_place():
    """The schema wants each mode once; a second one is still read, and `mode()` gives
    the first."""
    xml = ("<domainCapabilities><domain>kvm</domain><arch>x86_64</arch><cpu>"
           "<mode name='custom' supported='no'/><mode name='custom' supported='yes'>"
           "<model usable='yes' vendor='AMD'>EPYC</model></mode></cpu></domainCapabilities>")
    caps = from_xml(xml, DomainCapabilities, unknown="error")
    assert caps.cpu.modes == [CustomCaps(supported=False), CustomCaps(supported=True, listing=[
        CustomModelCaps(usable=ModelUsability.YES, vendor="AMD", name="EPYC")])]
    assert caps.cpu.custom is caps.cpu.modes[0]
    built = DomainCapabilities(domain=DomainType.KVM, arch="x86_64", cpu=caps.cpu)
    assert first_difference(xml, to_xml(built)) is None


def test_sgx_sizes():
    sgx = FULL.features.sgx
    assert sgx.section_size.bytes == 524288 * 1024
    assert [section.bytes for section in sgx.sections.sections] == [262144 * 1024] * 2
    assert SgxSection(node=0).bytes is None


def test_capability_holders_share_one_enum_lookup():
    holders = [DiskCaps, GraphicsCaps, VideoCaps, HostdevCaps, RngCaps, FilesystemCaps, TpmCaps,
               RedirdevCaps, ChannelCaps, CryptoCaps, InterfaceCaps, PanicCaps, GicCaps,
               HypervCaps, LaunchSecurityCaps, MemoryBackingCaps, OsCaps]
    assert all(issubclass(cls, Capability) for cls in holders)
    assert LoaderCaps(enums=[_enum("type", "rom")]).type == ["rom"]
    assert HostPassthroughCaps(enums=[_enum("x", "1")]).enum("x") == ["1"]
    assert issubclass(MaximumCaps, Capability) and not issubclass(CustomCaps, Capability)


# -- what does not fit ------------------------------------------------------------------------

@pytest.mark.parametrize("xml", [
    "<domainCapabilities><domain>future-hv</domain><arch>riscv128</arch></domainCapabilities>",
    "<domainCapabilities><domain>kvm</domain><arch>x86_64</arch><cpu>"
    "<mode name='custom' supported='yes'>"
    "<model usable='perhaps' vendor='X'>m</model></mode></cpu></domainCapabilities>",
    "<domainCapabilities><domain>kvm</domain><arch>x86_64</arch><cpu>"
    "<mode name='host-model' supported='yes'><feature policy='later' name='f'/></mode></cpu>"
    "</domainCapabilities>",
])
def test_values_from_a_newer_libvirt_are_kept(xml):
    entity = from_xml(xml, DomainCapabilities, unknown="error")
    assert first_difference(xml, to_xml(entity)) is None


@pytest.mark.parametrize("xml", [
    # Later libvirt reports more devices and features than 11.3's schema has.
    "<domainCapabilities><domain>kvm</domain><arch>x86_64</arch><devices>"
    "<console supported='yes'><enum name='type'><value>pty</value></enum></console>"
    "</devices></domainCapabilities>",
    "<domainCapabilities><domain>kvm</domain><arch>x86_64</arch><features>"
    "<tdx supported='yes'/></features></domainCapabilities>",
    "<domainCapabilities><domain>kvm</domain><arch>x86_64</arch><features>"
    "<sev supported='yes'><cbitpos>51</cbitpos><later>1</later></sev></features>"
    "</domainCapabilities>",
    "<domainCapabilities><domain>kvm</domain><arch>x86_64</arch><os supported='yes'>"
    "<enum name='firmware' kind='x'/></os></domainCapabilities>",
    # A CPU mode of a later libvirt (or one without a name): no class of CPU_MODES.
    "<domainCapabilities><domain>kvm</domain><arch>x86_64</arch><cpu>"
    "<mode name='host-passthrough' supported='no'/><mode name='future' supported='yes'>"
    "<enum name='x'/></mode><mode name='custom' supported='no'/></cpu></domainCapabilities>",
    "<domainCapabilities><domain>kvm</domain><arch>x86_64</arch><cpu>"
    "<mode supported='yes'/></cpu></domainCapabilities>",
    # What one mode has, in another.
    "<domainCapabilities><domain>kvm</domain><arch>x86_64</arch><cpu>"
    "<mode name='custom' supported='yes'><enum name='maximumMigratable'/></mode></cpu>"
    "</domainCapabilities>",
    "<domainCapabilities><domain>kvm</domain><arch>x86_64</arch><cpu>"
    "<mode name='maximum' supported='yes'><model>EPYC</model></mode></cpu>"
    "</domainCapabilities>",
])
def test_unmodelled_xml_is_kept_whole_or_refused(xml):
    assert first_difference(xml, to_xml(from_xml(xml, DomainCapabilities))) is None
    with pytest.raises(MappingError):
        from_xml(xml, DomainCapabilities, unknown="error")


HEAD = "<domainCapabilities><domain>kvm</domain><arch>x86_64</arch>"


@pytest.mark.parametrize(("xml", "where"), [
    (HEAD + "<vcpu max='many'/></domainCapabilities>", "DomainCapabilities.vcpu_max"),
    (HEAD + "<iothreads supported='on'/></domainCapabilities>", "DomainCapabilities.iothreads"),
    (HEAD + "<devices><disk supported='true'/></devices></domainCapabilities>",
     "DiskCaps.supported"),
    (HEAD + "<features><backup supported='1'/></features></domainCapabilities>",
     "FeatureCaps.backup"),
    (HEAD + "<features><sev supported='yes'><cbitpos>x47</cbitpos></sev></features>"
     "</domainCapabilities>", "SevCaps.cbitpos"),
    (HEAD + "<features><sgx supported='yes'><flc>maybe</flc></sgx></features>"
     "</domainCapabilities>", "SgxCaps.flc"),
    (HEAD + "<features><sgx supported='yes'><sections><section node='0' size='1' unit='Gigs'/>"
     "</sections></sgx></features></domainCapabilities>", "SgxSection.unit"),
    (HEAD + "<cpu><mode name='custom' supported='yes'><model usable='no' deprecated='sure'"
     " vendor='X'>m</model></mode></cpu></domainCapabilities>", "CustomModelCaps.deprecated"),
    (HEAD + "<cpu><mode name='maximum' supported='sure'/></cpu></domainCapabilities>",
     "MaximumCaps.supported"),
    (HEAD + "<cpu><mode name='host-model' supported='yes'><maxphysaddr mode='emulate'"
     " bits='wide'/></mode></cpu></domainCapabilities>", "MaxPhysAddr.bits"),
])
def test_bad_values_are_parse_errors_naming_the_field(xml, where):
    with pytest.raises(ParseError, match=where):
        from_xml(xml, DomainCapabilities)


@pytest.mark.parametrize(("entity", "where"), [
    (DomainCapabilities(vcpu_max="255"), "DomainCapabilities.vcpu_max"),
    (DomainCapabilities(features=FeatureCaps(backup="yes")), "DomainCapabilities.features"),
    (DomainCapabilities(devices=DeviceCaps(disk=DiskCaps(enums=[CapsEnum(values=[1])]))),
     "DomainCapabilities.devices"),
    (DomainCapabilities(cpu=CpuCaps(modes=[CustomCaps(listing=[CapsEnum(name="x")])])),
     "DomainCapabilities.cpu"),
    (DomainCapabilities(cpu=CpuCaps(modes=[CapsEnum(name="x")])), "DomainCapabilities.cpu"),
    (DomainCapabilities(cpu=CpuCaps(modes=[HostModelCaps(model=CustomModelCaps())])),
     "DomainCapabilities.cpu"),
])
def test_wrong_types_are_serialize_errors_naming_the_field(entity, where):
    with pytest.raises(SerializeError, match=where):
        to_xml(entity)


def test_interleaved_children_keep_their_order():
    """The root's children may come in any order (the schema interleaves them)."""
    xml = ("<domainCapabilities><features><ps2 supported='yes'/></features><arch>s390x</arch>"
           "<cpu>" + UNSUPPORTED_MODES_XML[5:] + "<os supported='no'/><domain>kvm</domain>"
           "<vcpu max='248'/></domainCapabilities>")
    entity = from_xml(xml, DomainCapabilities, unknown="error")
    assert first_difference(xml, to_xml(entity)) is None


# -- the mutation contract --------------------------------------------------------------------

SEEDS = [formats_path(row).read_bytes() for row in ROWS[::4]] or [FULL_XML.encode()]
SEEDS.append(FULL_XML.encode())


@pytest.mark.corpus
@SETTINGS
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_document_is_refused_or_kept_losslessly(seed, choice):
    refused_or_kept(_mutate(seed, choice))

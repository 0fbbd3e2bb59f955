"""`<capabilities>` (formatcaps): libvirt's own documents come back losslessly and typed
throughout, entities built in code write the expected XML (valid against libvirt 11.3's
capability.rng) and read back, and mutated documents are refused or kept (issue #21)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from mapping import ParseError, SerializeError, from_dict, from_xml, to_dict
from tests.xmlassert import to_xml
from mapping.compare import first_difference
from mapping.libvirt.capabilities import (Capabilities, FeatureToggle, Guest, GuestArch,
                                          GuestDomain, GuestFeatures, Machine, OsType)
from mapping.libvirt.capabilities_host import (Arch, BandwidthControl, BandwidthNode,
                                               BaseLabel, CacheBank, CacheControl, CacheType,
                                               CellCpu, CellCpus, CellPages, Cells,
                                               CpuCounter, CpuSignature, Host, HostCache,
                                               HostCell, HostCpu, HostCpuFeature,
                                               HostCpuFlags, HostIommu, HostTopology,
                                               MemoryBandwidth, MigrationFeatures,
                                               MonitorFeature, PageSize, PowerManagement,
                                               ResctrlMonitor, SecModel, UriTransport,
                                               UriTransports)
from mapping.libvirt.cpu import (CellCache, CpuTopology, Distances, Interconnect,
                                 Interconnects, MaxPhysAddr, Sibling, ValueWithUnit)
from mapping.libvirt.domain import DomainType
from mapping.libvirt.units import Size
from tests.conftest import formats_path, formats_rows, require_formats
from tests.libvirt.formats import contract
from tests.libvirt.formats.test_network_fuzz import SETTINGS, _mutate, refused_or_kept
from tests.xmlassert import assert_xml_equal

CLASSES = {"capabilities": Capabilities}
ROWS = formats_rows(tuple(CLASSES))
VALID = [row for row in ROWS if row["libvirt_rng"] == "valid"]
_params = contract.params


# -- the corpus ------------------------------------------------------------------------------

@pytest.mark.corpus
def test_corpus_has_the_capabilities_documents():
    require_formats()
    assert len(ROWS) >= 15, len(ROWS)


@pytest.mark.corpus
@_params(ROWS)
def test_document_comes_back_losslessly(row):
    require_formats()
    contract.assert_lossless(row, Capabilities)


@pytest.mark.corpus
@_params(VALID)
def test_schema_valid_document_is_typed_throughout(row):
    require_formats()
    contract.assert_typed_throughout(formats_path(row).read_bytes(), Capabilities)


@pytest.mark.corpus
def test_typed_share():
    require_formats()
    contract.assert_typed_share(VALID)


# -- built in code -----------------------------------------------------------------------------

UUID = "7b55704c-29f4-11b2-a85c-9dc6ff50623f"

FULL_HOST = Host(
    uuid=UUID,
    cpu=HostCpu(
        arch=Arch.X86_64, model="Skylake-Client-noTSX-IBRS", vendor="Intel", microcode=236,
        signature=CpuSignature(family=6, model=142, stepping=12),
        counter=CpuCounter(name="tsc", frequency=2303997000, scaling=False),
        topology=CpuTopology(sockets=1, dies=1, clusters=1, cores=2, threads=2),
        maxphysaddr=MaxPhysAddr(mode="emulate", bits=39),
        features=[HostCpuFeature(name="vmx"), HostCpuFeature(name="tsx-ctrl")],
        pages=[PageSize(unit="KiB", size=4), PageSize(unit="KiB", size=2048)]),
    power_management=PowerManagement(suspend_mem=True, suspend_disk=True,
                                     suspend_hybrid=True),
    iommu=HostIommu(support=True),
    migration_features=MigrationFeatures(live=True, uri_transports=UriTransports(
        transports=[UriTransport.TCP, UriTransport.RDMA, UriTransport.VPXMIGR,
                    UriTransport.VZMIGR])),
    topology=HostTopology(
        cells=Cells(num=2, cells=[
            HostCell(id=0, memory=Size(value=32498112, unit="KiB"),
                     pages=[CellPages(unit="KiB", size=4, count=6813808),
                            CellPages(unit="KiB", size=2048, count=0)],
                     distances=Distances(siblings=[Sibling(id=0, value=10),
                                                   Sibling(id=1, value=21)]),
                     caches=[CellCache(level=1, associativity="direct", policy="writeback",
                                       size=ValueWithUnit(value=10, unit="KiB"),
                                       line=ValueWithUnit(value=8, unit="B"))],
                     cpus=CellCpus(num=2, cpus=[
                         CellCpu(id=0, socket_id=0, die_id=0, cluster_id=0, core_id=0,
                                 siblings="0-1"),
                         CellCpu(id=1, socket_id=0, die_id=0, cluster_id=0, core_id=0,
                                 siblings="0-1")])),
            HostCell(id=1, cpus=CellCpus(num=1, cpus=[CellCpu(id=2)]))]),
        interconnects=Interconnects(
            latencies=[Interconnect(initiator=0, target=1, cache=1, type="read", value=11)],
            bandwidths=[Interconnect(initiator=0, target=0, type="write", value=206848,
                                     unit="KiB")])),
    cache=HostCache(
        banks=[CacheBank(id=0, level=3, type=CacheType.BOTH, size=15, unit="MiB",
                         cpus="0-1", controls=[
                             CacheControl(granularity=768, unit="KiB", type=CacheType.CODE,
                                          max_allocs=8),
                             CacheControl(granularity=768, min=1536, unit="KiB",
                                          type=CacheType.DATA, max_allocs=8)])],
        monitor=ResctrlMonitor(level=3, reuse_threshold=270336, max_monitors=176,
                               features=[MonitorFeature(name="llc_occupancy")])),
    memory_bandwidth=MemoryBandwidth(
        nodes=[BandwidthNode(id=0, cpus="0-1", controls=[
            BandwidthControl(granularity=10, min=10, max_allocs=4)])],
        monitor=ResctrlMonitor(max_monitors=176, features=[
            MonitorFeature(name="mbm_total_bytes"), MonitorFeature(name="mbm_local_bytes")])),
    secmodels=[SecModel(model="none", doi="0"),
               SecModel(model="dac", doi="0", baselabels=[
                   BaseLabel(type="kvm", label="+77:+77"),
                   BaseLabel(type="qemu", label="+77:+77")])])

FULL_HOST_XML = (
    f"<host><uuid>{UUID}</uuid>"
    "<cpu><arch>x86_64</arch><model>Skylake-Client-noTSX-IBRS</model><vendor>Intel</vendor>"
    "<microcode version='236'/><signature family='6' model='142' stepping='12'/>"
    "<counter name='tsc' frequency='2303997000' scaling='no'/>"
    "<topology sockets='1' dies='1' clusters='1' cores='2' threads='2'/>"
    "<maxphysaddr mode='emulate' bits='39'/>"
    "<feature name='vmx'/><feature name='tsx-ctrl'/>"
    "<pages unit='KiB' size='4'/><pages unit='KiB' size='2048'/></cpu>"
    "<power_management><suspend_mem/><suspend_disk/><suspend_hybrid/></power_management>"
    "<iommu support='yes'/>"
    "<migration_features><live/><uri_transports><uri_transport>tcp</uri_transport>"
    "<uri_transport>rdma</uri_transport><uri_transport>vpxmigr</uri_transport>"
    "<uri_transport>vzmigr</uri_transport></uri_transports></migration_features>"
    "<topology><cells num='2'>"
    "<cell id='0'><memory unit='KiB'>32498112</memory>"
    "<pages unit='KiB' size='4'>6813808</pages><pages unit='KiB' size='2048'>0</pages>"
    "<distances><sibling id='0' value='10'/><sibling id='1' value='21'/></distances>"
    "<cache level='1' associativity='direct' policy='writeback'>"
    "<size value='10' unit='KiB'/><line value='8' unit='B'/></cache>"
    "<cpus num='2'>"
    "<cpu id='0' socket_id='0' die_id='0' cluster_id='0' core_id='0' siblings='0-1'/>"
    "<cpu id='1' socket_id='0' die_id='0' cluster_id='0' core_id='0' siblings='0-1'/>"
    "</cpus></cell>"
    "<cell id='1'><cpus num='1'><cpu id='2'/></cpus></cell></cells>"
    "<interconnects><latency initiator='0' target='1' cache='1' type='read' value='11'/>"
    "<bandwidth initiator='0' target='0' type='write' value='206848' unit='KiB'/>"
    "</interconnects></topology>"
    "<cache><bank id='0' level='3' type='both' size='15' unit='MiB' cpus='0-1'>"
    "<control granularity='768' unit='KiB' type='code' maxAllocs='8'/>"
    "<control granularity='768' min='1536' unit='KiB' type='data' maxAllocs='8'/></bank>"
    "<monitor level='3' reuseThreshold='270336' maxMonitors='176'>"
    "<feature name='llc_occupancy'/></monitor></cache>"
    "<memory_bandwidth><node id='0' cpus='0-1'>"
    "<control granularity='10' min='10' maxAllocs='4'/></node>"
    "<monitor maxMonitors='176'><feature name='mbm_total_bytes'/>"
    "<feature name='mbm_local_bytes'/></monitor></memory_bandwidth>"
    "<secmodel><model>none</model><doi>0</doi></secmodel>"
    "<secmodel><model>dac</model><doi>0</doi><baselabel type='kvm'>+77:+77</baselabel>"
    "<baselabel type='qemu'>+77:+77</baselabel></secmodel></host>")

ALL_FEATURES = GuestFeatures(
    pae=True, nonpae=True, ia64_be=True,
    acpi=FeatureToggle(default=True, toggle=True), apic=FeatureToggle(default=True, toggle=False),
    cpuselection=True, deviceboot=True, disksnapshot=FeatureToggle(default=False, toggle=False),
    hap=FeatureToggle(default=True, toggle=True), external_snapshot=True)

HVM_GUEST = Guest(
    os_type=OsType.HVM,
    arch=GuestArch(
        name=Arch.X86_64, wordsize=64, emulator="/usr/bin/qemu-system-x86_64",
        loader="/usr/share/OVMF/OVMF_CODE.fd",
        machines=[Machine(max_cpus=255, name="pc-i440fx-7.1"),
                  Machine(canonical="pc-i440fx-7.1", max_cpus=255, name="pc"),
                  Machine(max_cpus=255, deprecated=True, name="pc-i440fx-1.5")],
        domains=[GuestDomain(type=DomainType.QEMU),
                 GuestDomain(type=DomainType.KVM, emulator="/usr/libexec/qemu-kvm",
                             machines=[Machine(canonical="pc-q35-7.1", name="q35")])]),
    features=ALL_FEATURES)

HVM_GUEST_XML = (
    "<guest><os_type>hvm</os_type><arch name='x86_64'><wordsize>64</wordsize>"
    "<emulator>/usr/bin/qemu-system-x86_64</emulator>"
    "<loader>/usr/share/OVMF/OVMF_CODE.fd</loader>"
    "<machine maxCpus='255'>pc-i440fx-7.1</machine>"
    "<machine canonical='pc-i440fx-7.1' maxCpus='255'>pc</machine>"
    "<machine maxCpus='255' deprecated='yes'>pc-i440fx-1.5</machine>"
    "<domain type='qemu'/><domain type='kvm'><emulator>/usr/libexec/qemu-kvm</emulator>"
    "<machine canonical='pc-q35-7.1'>q35</machine></domain></arch>"
    "<features><pae/><nonpae/><ia64_be/><acpi default='on' toggle='yes'/>"
    "<apic default='on' toggle='no'/><cpuselection/><deviceboot/>"
    "<disksnapshot default='off' toggle='no'/><hap default='on' toggle='yes'/>"
    "<externalSnapshot/></features></guest>")


def _guest(os_type: OsType, arch: Arch, wordsize: int, *types: DomainType) -> Guest:
    return Guest(os_type=os_type, arch=GuestArch(
        name=arch, wordsize=wordsize, domains=[GuestDomain(type=kind) for kind in types]))


def _guest_xml(os_type: str, arch: str, wordsize: int, *types: str) -> str:
    domains = "".join(f"<domain type='{kind}'/>" for kind in types)
    return (f"<guest><os_type>{os_type}</os_type><arch name='{arch}'>"
            f"<wordsize>{wordsize}</wordsize>{domains}</arch></guest>")


SMALL_HOST = Host(cpu=HostCpu(arch=Arch.I686, flags=HostCpuFlags(pae=True, nonpae=True,
                                                                 vmx=True, svm=True)),
                  power_management=PowerManagement(), iommu=HostIommu(),
                  migration_features=MigrationFeatures())
SMALL_HOST_XML = ("<host><cpu><arch>i686</arch><features><pae/><nonpae/><vmx/><svm/>"
                  "</features></cpu><power_management/><iommu/><migration_features/></host>")

BUILT = [
    (Capabilities(host=FULL_HOST, guests=[HVM_GUEST]),
     f"<capabilities>{FULL_HOST_XML}{HVM_GUEST_XML}</capabilities>"),
    (Capabilities(host=SMALL_HOST, guests=[
        _guest(OsType.XEN, Arch.I686, 32, DomainType.XEN),
        _guest(OsType.LINUX, Arch.X86_64, 64, DomainType.XEN, DomainType.KQEMU),
        _guest(OsType.EXE, Arch.S390X, 64, DomainType.LXC, DomainType.OPENVZ),
        _guest(OsType.UML, Arch.S390, 31, DomainType.UML, DomainType.TEST),
        _guest(OsType.HVM, Arch.AARCH64, 64, DomainType("hvf"))]),
     f"<capabilities>{SMALL_HOST_XML}"
     + _guest_xml("xen", "i686", 32, "xen") + _guest_xml("linux", "x86_64", 64, "xen", "kqemu")
     + _guest_xml("exe", "s390x", 64, "lxc", "openvz")
     + _guest_xml("uml", "s390", 31, "uml", "test") + _guest_xml("hvm", "aarch64", 64, "hvf")
     + "</capabilities>"),
    (Capabilities(host=Host(cpu=HostCpu(arch=Arch.PPC64LE))),
     "<capabilities><host><cpu><arch>ppc64le</arch></cpu></host></capabilities>"),
]


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_built_entity_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_xml_parses_to_entity_strictly(entity, xml):
    assert from_xml(xml, Capabilities, unknown="error") == entity


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_json_round_trip(entity, xml):
    assert from_dict(to_dict(entity), Capabilities) == entity


def assert_valid_for_libvirt(xml: str) -> None:
    schema = contract.reference_schema("capability.rng")
    document = etree.fromstring(xml.encode())
    assert schema.validate(document), schema.error_log


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_built_entity_is_valid_for_libvirt(entity, xml):
    assert_valid_for_libvirt(to_xml(entity))


# xenpvh: formatcaps names it, capability.rng (11.3) does not list it.
@pytest.mark.parametrize("os_type", [kind for kind in OsType if kind is not OsType.XENPVH])
@pytest.mark.parametrize("arch", list(Arch))
def test_every_arch_and_os_type_is_valid_for_libvirt(arch, os_type):
    entity = Capabilities(host=Host(cpu=HostCpu(arch=arch)),
                          guests=[_guest(os_type, arch, 64, DomainType.QEMU)])
    written = to_xml(entity)
    assert_valid_for_libvirt(written)
    assert from_xml(written, Capabilities, unknown="error") == entity


@pytest.mark.parametrize("kind", list(UriTransport))
def test_every_uri_transport_is_valid_for_libvirt(kind):
    host = Host(cpu=HostCpu(arch=Arch.X86_64), migration_features=MigrationFeatures(
        uri_transports=UriTransports(transports=[kind])))
    assert_valid_for_libvirt(to_xml(Capabilities(host=host)))


def test_parsed_values_are_typed():
    caps = from_xml(BUILT[0][1], Capabilities)
    cpu = caps.host.cpu
    assert cpu.arch is Arch.X86_64 and cpu.microcode == 236
    assert cpu.counter.frequency == 2303997000 and cpu.counter.scaling is False
    assert caps.host.power_management.suspend_hybrid is True
    assert caps.host.migration_features.uri_transports.transports[1] is UriTransport.RDMA
    cell = caps.host.topology.cells.cells[0]
    assert cell.memory.kib == 32498112 and cell.pages[0].count == 6813808
    assert cell.cpus.cpus[1].core_id == 0 and cell.cpus.cpus[1].siblings == "0-1"
    assert caps.host.cache.banks[0].controls[1].type is CacheType.DATA
    guest = caps.guests[0]
    assert guest.os_type is OsType.HVM and guest.arch.wordsize == 64
    assert guest.arch.domains[1].type is DomainType.KVM
    assert guest.arch.machines[2].deprecated is True
    assert guest.features.acpi.default is True and guest.features.apic.toggle is False
    small = from_xml(BUILT[1][1], Capabilities)
    assert small.host.power_management == PowerManagement()
    assert small.host.migration_features == MigrationFeatures()


@pytest.mark.parametrize("xml", [
    "<capabilities><host><cpu><arch>x86_128</arch></cpu></host>"
    "<guest><os_type>hvm-2</os_type><arch name='x86_128'><wordsize>64</wordsize>"
    "<domain type='future'/></arch></guest></capabilities>",
    "<capabilities><host><cpu><arch>x86_64</arch></cpu><migration_features><uri_transports>"
    "<uri_transport>quic</uri_transport></uri_transports></migration_features>"
    "<cache><bank id='0' level='2' type='unified' size='1' unit='MiB' cpus='0'/></cache>"
    "</host></capabilities>",
])
def test_values_from_a_newer_libvirt_are_kept(xml):
    entity = from_xml(xml, Capabilities, unknown="error")
    assert first_difference(xml, to_xml(entity)) is None


@pytest.mark.parametrize("xml", [
    "<capabilities><host><cpu><arch>x86_64</arch><future/></cpu><later a='1'/></host>"
    "<guest><os_type>hvm</os_type><features><newfeature/></features></guest></capabilities>",
    "<capabilities><host><iommu support='yes' kind='x'/></host></capabilities>",
])
def test_unmodelled_xml_is_kept_or_refused(xml):
    assert first_difference(xml, to_xml(from_xml(xml, Capabilities))) is None
    with pytest.raises(ParseError):
        from_xml(xml, Capabilities, unknown="error")


@pytest.mark.parametrize(("xml", "where"), [
    ("<capabilities><host><iommu support='on'/></host></capabilities>", "HostIommu.support"),
    ("<capabilities><host><cpu><microcode version='x'/></cpu></host></capabilities>",
     "HostCpu.microcode"),
    ("<capabilities><host><cpu><counter scaling='off'/></cpu></host></capabilities>",
     "CpuCounter.scaling"),
    ("<capabilities><host><topology><cells num='many'/></topology></host></capabilities>",
     "Cells.num"),
    ("<capabilities><host><cache><bank size='1' unit='parsecs'/></cache></host>"
     "</capabilities>", "CacheBank.unit"),
    ("<capabilities><guest><arch><machine maxCpus='-'>pc</machine></arch></guest>"
     "</capabilities>", "Machine.max_cpus"),
    ("<capabilities><guest><features><acpi default='yes'/></features></guest>"
     "</capabilities>", "FeatureToggle.default"),
])
def test_bad_values_are_parse_errors_naming_the_field(xml, where):
    with pytest.raises(ParseError, match=where):
        from_xml(xml, Capabilities)


@pytest.mark.parametrize(("entity", "where"), [
    (Capabilities(host=Host(iommu=HostIommu(support="yes"))), "support"),
    (Capabilities(guests=[Guest(arch=GuestArch(wordsize="64"))]), "wordsize"),
    (Capabilities(host=Host(cpu=HostCpu(pages=[PageSize(size=4.5)]))), "size"),
])
def test_wrong_types_are_serialize_errors_naming_the_field(entity, where):
    with pytest.raises(SerializeError, match=where):
        to_xml(entity)


# -- the mutation contract ---------------------------------------------------------------------

SEEDS = [formats_path(row).read_bytes() for row in ROWS] or [BUILT[0][1].encode()]


@pytest.mark.corpus
@SETTINGS
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_document_is_refused_or_kept_losslessly(seed, choice):
    refused_or_kept(_mutate(seed, choice))

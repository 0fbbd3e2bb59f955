"""The domain-level elements of libvirt 11.x and 12.x, and the 11.3 schema's ones the
model lacked (issue #22): built in code -> XML, XML -> entity, and for what libvirt
11.3 defines, accepted by its RelaxNG schema.

Each row is written from formatdomain (the libvirt version that brought the element is
in its declaration's comment or docstring); the XML is compared as XML, never as text.
"""
from __future__ import annotations

import enum

import pytest
from lxml import etree

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt import Domain
from mapping.libvirt.clock import (Clock, ClockBasis, ClockOffset, TickPolicy, Timer, TimerName,
                                   TimerTrack, TscMode)
from mapping.libvirt.cpu import (AccessType, CacheAssociativity, CacheWritePolicy, Cpu, CpuCache,
                                 CpuCacheMode, CpuCheck, CpuMatch, CpuMode, CpuModel, CellCache,
                                 Interconnect, Interconnects, MaxPhysAddr, MaxPhysAddrMode,
                                 ModelFallback, Numa, NumaCell)
from mapping.libvirt.devices.disk import DiskType
from mapping.libvirt.devices.disk_source import (BlockSource, FileSource, NetworkSource,
                                                 VolumeSource)
from mapping.libvirt.domain import Iommufd
from mapping.libvirt.features import (Aia, AiaMode, Capabilities, Capability, CapabilityPolicy,
                                      Features, Hpt, HptResizing, HyperV, HyperVMode, Ioapic,
                                      IoapicDriver, Msrs, MsrsUnknown, SpeculationFix, State,
                                      Value, Xen, XenPassthrough)
from mapping.libvirt.hypervisor import DeprecationBehavior, QemuDeprecation
from mapping.libvirt.memory import (MemoryAccess, MemoryAccessMode, MemoryAllocation,
                                    MemoryAllocationMode, MemoryBacking, MemorySource,
                                    MemorySourceType)
from mapping.libvirt.os import (Acpi, AcpiTable, AcpiTableType, Firmware, FirmwareFeature,
                                FirmwareFeatureName, FirmwareType, Loader, LoaderType, Nvram, Os,
                                OsType, PflashFormat, SmbiosMode, Varstore)
from mapping.libvirt.perf import Perf, PerfEvent, PerfEventName
from mapping.libvirt.security import (Cipher, Keywrap, KeywrapCipher, QuoteGenerationService, S390PvLaunchSecurity, SecLabel,
                                      SecLabelType, SevLaunchSecurity, SevSnpLaunchSecurity,
                                      TdxLaunchSecurity)
from mapping.libvirt.storage import NetworkHost
from mapping.libvirt.sysinfo import Sysinfo, SysinfoEntry, SysinfoType
from mapping.libvirt.tuning import (CacheAllocation, CacheTune, CacheType, CpuTune, EnergyMonitor,
                                    EnergyTune, ThrottleGroup, ThrottleGroups)
from tests.conftest import IN_CI
from tests.rng_walk import SCHEMAS
from tests.xmlassert import assert_xml_equal

UUID = "c7a5fdbd-edaf-9455-926a-d65c16db1809"
HWUUID = "5d1d6d8e-3ca2-4a7a-9a4f-0f3c0b1e2a7d"
HVM = OsType(arch="x86_64", machine="q35", value="hvm")
OS = "<os><type arch='x86_64' machine='q35'>hvm</type></os>"


def domain(**fields) -> Domain:
    """A domain 11.3's schema accepts, with `fields` set on it."""
    fields.setdefault("os", Os(type=HVM))
    return Domain(type="kvm", name="vm", **fields)


def doc(body: str, before_os: bool = False) -> str:
    """`<domain>` with `body` after `<os>` (or before it, where libvirt writes it so)."""
    parts = (body, OS) if before_os else (OS, body)
    return f"<domain type='kvm'><name>vm</name>{''.join(parts)}</domain>"


def os_doc(body: str, firmware: str | None = None) -> str:
    """`<domain>` whose `<os>` holds the type and `body`."""
    attrs = f" firmware='{firmware}'" if firmware else ""
    return (f"<domain type='kvm'><name>vm</name><os{attrs}>"
            f"<type arch='x86_64' machine='q35'>hvm</type>{body}</os></domain>")


# (id, entity, XML, accepted by libvirt 11.3's schema)
ROWS = [
    ("cpu-deprecated-features",   # libvirt 11.0
     domain(cpu=Cpu(mode=CpuMode.HOST_MODEL, deprecated_features=False)),
     doc("<cpu mode='host-model' deprecated_features='off'/>"), True),
    ("cpu-custom-model",
     domain(cpu=Cpu(mode=CpuMode.CUSTOM, match=CpuMatch.EXACT, check=CpuCheck.PARTIAL,
                    model=CpuModel(fallback=ModelFallback.FORBID, name="Skylake-Client"),
                    cache=CpuCache(level=3, mode=CpuCacheMode.EMULATE),
                    maxphysaddr=MaxPhysAddr(mode=MaxPhysAddrMode.EMULATE, bits=42))),
     doc("<cpu mode='custom' match='exact' check='partial'>"
         "<model fallback='forbid'>Skylake-Client</model><cache level='3' mode='emulate'/>"
         "<maxphysaddr mode='emulate' bits='42'/></cpu>"), True),
    ("cpu-numa-hmat",
     domain(cpu=Cpu(numa=Numa(
         cells=[NumaCell(id=0, cpus="0-1", memory=1048576, unit="KiB", caches=[CellCache(
             level=1, associativity=CacheAssociativity.DIRECT,
             policy=CacheWritePolicy.WRITEBACK)])],
         interconnects=Interconnects(latencies=[Interconnect(
             initiator=0, target=0, type=AccessType.ACCESS, value=5)])))),
     doc("<cpu><numa><cell id='0' cpus='0-1' memory='1048576' unit='KiB'>"
         "<cache level='1' associativity='direct' policy='writeback'/></cell>"
         "<interconnects><latency initiator='0' target='0' type='access' value='5'/>"
         "</interconnects></numa></cpu>"), False),   # (size and line are required)
    ("features-aia",   # libvirt 11.1
     domain(features=Features(aia=Aia(value=AiaMode.APLIC_IMSIC))),
     doc("<features><aia value='aplic-imsic'/></features>"), True),
    ("features-capabilities",
     domain(features=Features(capabilities=Capabilities(
         policy=CapabilityPolicy.DENY, audit_control=Capability(state=True),
         mknod=Capability(state=True), net_raw=Capability(state=False),
         wake_alarm=Capability(state=True)))),
     doc("<features><capabilities policy='deny'><audit_control state='on'/>"
         "<mknod state='on'/><net_raw state='off'/><wake_alarm state='on'/></capabilities>"
         "</features>"), True),
    ("features-switches",
     domain(features=Features(
         hyperv=HyperV(mode=HyperVMode.CUSTOM, relaxed=State(state=True)),
         ioapic=Ioapic(driver=IoapicDriver.QEMU), hpt=Hpt(resizing=HptResizing.REQUIRED),
         msrs=Msrs(unknown=MsrsUnknown.FAULT), cfpc=Value(value=SpeculationFix.WORKAROUND),
         ibs=Value(value=SpeculationFix.FIXED_CCD))),
     doc("<features><hyperv mode='custom'><relaxed state='on'/></hyperv>"
         "<ioapic driver='qemu'/><hpt resizing='required'/><msrs unknown='fault'/>"
         "<cfpc value='workaround'/><ibs value='fixed-ccd'/></features>"), True),
    ("features-xen-passthrough",
     domain(features=Features(xen=Xen(passthrough=XenPassthrough(state=True,
                                                                 mode="share_pt")))),
     doc("<features><xen><passthrough state='on' mode='share_pt'/></xen></features>"), True),
    ("launch-security-sev",
     domain(launch_security=SevLaunchSecurity(
         kernel_hashes=True, cbitpos=47, reduced_phys_bits=1, policy=0x0003, handle=1,
         dh_cert="AAAA", session="BBBB")),
     doc("<launchSecurity type='sev' kernelHashes='yes'><cbitpos>47</cbitpos>"
         "<reducedPhysBits>1</reducedPhysBits><policy>0x0003</policy><handle>1</handle>"
         "<dhCert>AAAA</dhCert><session>BBBB</session></launchSecurity>"), True),
    ("launch-security-sev-snp",
     domain(launch_security=SevSnpLaunchSecurity(
         kernel_hashes=True, author_key=True, vcek=False, cbitpos=51, reduced_phys_bits=1,
         policy=0x30000, guest_visible_workarounds="AAAA", id_block="BBBB", id_auth="CCCC",
         host_data="DDDD")),
     doc("<launchSecurity type='sev-snp' kernelHashes='yes' authorKey='yes' vcek='no'>"
         "<cbitpos>51</cbitpos><reducedPhysBits>1</reducedPhysBits><policy>0x30000</policy>"
         "<guestVisibleWorkarounds>AAAA</guestVisibleWorkarounds><idBlock>BBBB</idBlock>"
         "<idAuth>CCCC</idAuth><hostData>DDDD</hostData></launchSecurity>"), True),
    ("launch-security-s390-pv",
     domain(launch_security=S390PvLaunchSecurity()),
     doc("<launchSecurity type='s390-pv'/>"), True),
    ("launch-security-tdx",   # libvirt 11.6
     domain(launch_security=TdxLaunchSecurity(
         policy=0x10000001, mr_config_id="Y29uZmlnaWQ=", mr_owner="b3duZXI=",
         mr_owner_config="b3duZXJjb25maWc=",
         quote_generation_service=QuoteGenerationService(path="/var/run/tdx-qgs/qgs.socket"))),
     doc("<launchSecurity type='tdx'><policy>0x10000001</policy>"
         "<mrConfigId>Y29uZmlnaWQ=</mrConfigId><mrOwner>b3duZXI=</mrOwner>"
         "<mrOwnerConfig>b3duZXJjb25maWc=</mrOwnerConfig>"
         "<quoteGenerationService path='/var/run/tdx-qgs/qgs.socket'/></launchSecurity>"),
     False),
    ("os-nvram-template-format",   # libvirt 11.2
     domain(os=Os(type=HVM, loader=Loader(readonly=True, type=LoaderType.PFLASH,
                                          format=PflashFormat.QCOW2,
                                          path="/usr/share/edk2/ovmf/OVMF_CODE.qcow2"),
                  nvram=Nvram(template="/usr/share/edk2/ovmf/OVMF_VARS.qcow2",
                              template_format=PflashFormat.QCOW2, format=PflashFormat.QCOW2,
                              path="/var/lib/libvirt/qemu/nvram/vm_VARS.qcow2"))),
     os_doc("<loader readonly='yes' type='pflash' format='qcow2'>"
         "/usr/share/edk2/ovmf/OVMF_CODE.qcow2</loader>"
         "<nvram template='/usr/share/edk2/ovmf/OVMF_VARS.qcow2' templateFormat='qcow2'"
         " format='qcow2'>/var/lib/libvirt/qemu/nvram/vm_VARS.qcow2</nvram>"), True),
    ("os-nvram-file",
     domain(os=Os(type=HVM, nvram=Nvram(type=DiskType.FILE, source=FileSource(
         file="/var/lib/libvirt/qemu/nvram/vm_VARS.fd")))),
     os_doc("<nvram type='file'>"
         "<source file='/var/lib/libvirt/qemu/nvram/vm_VARS.fd'/></nvram>"), True),
    ("os-nvram-block",
     domain(os=Os(type=HVM, nvram=Nvram(type=DiskType.BLOCK,
                                        source=BlockSource(dev="/dev/mapper/vm_vars"))),),
     os_doc("<nvram type='block'>"
         "<source dev='/dev/mapper/vm_vars'/></nvram>"), True),
    ("os-nvram-network",
     domain(os=Os(type=HVM, nvram=Nvram(type=DiskType.NETWORK, source=NetworkSource(
         protocol="iscsi", name="iqn.2013-07.com.example:iscsi-nopool/0",
         hosts=[NetworkHost(name="example.com", port=6000)])))),
     os_doc("<nvram type='network'>"
         "<source protocol='iscsi' name='iqn.2013-07.com.example:iscsi-nopool/0'>"
         "<host name='example.com' port='6000'/></source></nvram>"), True),
    ("os-nvram-volume",   # (the schema takes every disk source; libvirt runs three)
     domain(os=Os(type=HVM, nvram=Nvram(type=DiskType.VOLUME,
                                        source=VolumeSource(pool="vars", volume="vm")))),
     os_doc("<nvram type='volume'>"
         "<source pool='vars' volume='vm'/></nvram>"), True),
    ("os-varstore",   # libvirt 12.1
     domain(os=Os(type=HVM, firmware=FirmwareType.EFI, varstore=Varstore(
         template="/usr/share/edk2/aarch64/vars-template.json",
         path="/var/lib/libvirt/qemu/varstore/vm.json"))),
     os_doc("<varstore template='/usr/share/edk2/aarch64/vars-template.json'"
         " path='/var/lib/libvirt/qemu/varstore/vm.json'/>", "efi"), False),
    ("os-efi-features",
     domain(os=Os(type=HVM, firmware=FirmwareType.EFI, firmware_features=Firmware(features=[
         FirmwareFeature(enabled=True, name=FirmwareFeatureName.SECURE_BOOT),
         FirmwareFeature(enabled=False, name=FirmwareFeatureName.ENROLLED_KEYS)]),
         smbios_mode=SmbiosMode.SYSINFO)),
     os_doc("<firmware>"
         "<feature enabled='yes' name='secure-boot'/>"
         "<feature enabled='no' name='enrolled-keys'/></firmware>"
         "<smbios mode='sysinfo'/>", "efi"), True),
    ("os-direct-kernel-root",
     domain(os=Os(type=HVM, kernel="/boot/vmlinuz", initrd="/boot/initrd.img",
                  cmdline="console=ttyS0", root="/dev/vda1",
                  acpi=Acpi(tables=[AcpiTable(type=AcpiTableType.SLIC,
                                              path="/var/lib/slic.dat")]))),
     os_doc("<kernel>/boot/vmlinuz</kernel>"
         "<initrd>/boot/initrd.img</initrd><cmdline>console=ttyS0</cmdline>"
         "<root>/dev/vda1</root><acpi><table type='slic'>/var/lib/slic.dat</table></acpi>"),
     True),
    ("throttlegroups",   # libvirt 11.2
     domain(throttlegroups=ThrottleGroups(groups=[
         ThrottleGroup(group_name="limit0", total_bytes_sec=10000000, read_iops_sec=400000,
                       write_iops_sec=100000),
         ThrottleGroup(group_name="limit1", total_iops_sec=2000)])),
     doc("<throttlegroups><throttlegroup><group_name>limit0</group_name>"
         "<total_bytes_sec>10000000</total_bytes_sec><read_iops_sec>400000</read_iops_sec>"
         "<write_iops_sec>100000</write_iops_sec></throttlegroup><throttlegroup>"
         "<group_name>limit1</group_name><total_iops_sec>2000</total_iops_sec>"
         "</throttlegroup></throttlegroups>"), True),
    ("hwuuid",   # libvirt 11.7
     domain(uuid=UUID, hwuuid=HWUUID),
     f"<domain type='kvm'><name>vm</name><uuid>{UUID}</uuid><hwuuid>{HWUUID}</hwuuid>{OS}"
     "</domain>", False),
    ("iommufd",   # libvirt 12.2
     domain(iommufd=Iommufd(enabled=True, fdgroup="iommu")),
     doc("<iommufd enabled='yes' fdgroup='iommu'/>"), False),
    ("cputune-energytune",   # libvirt 12.4
     domain(cputune=CpuTune(energytunes=[EnergyTune(vcpus="0-3", id="e0", monitors=[
         EnergyMonitor(vcpus="0-3")])])),
     doc(before_os=True, body="<cputune><energytune vcpus='0-3' id='e0'><monitor vcpus='0-3'/>"
         "</energytune></cputune>"),
     False),
    ("cputune-cachetune",
     domain(cputune=CpuTune(cachetunes=[CacheTune(vcpus="0-1", caches=[CacheAllocation(
         id=0, level=3, type=CacheType.CODE, size=3, unit="MiB")])])),
     doc(before_os=True, body="<cputune><cachetune vcpus='0-1'><cache id='0' level='3' type='code' size='3'"
         " unit='MiB'/></cachetune></cputune>"), True),
    ("features-virtualization",   # libvirt 12.x
     domain(features=Features(virtualization=True)),
     doc("<features><virtualization/></features>"), False),
    ("features-hyperv-host-model",   # libvirt 11.9
     domain(features=Features(hyperv=HyperV(mode=HyperVMode.HOST_MODEL))),
     doc("<features><hyperv mode='host-model'/></features>"), False),
    ("clock-timers",
     domain(clock=Clock(offset=ClockOffset.VARIABLE, basis=ClockBasis.LOCALTIME, timers=[
         Timer(name=TimerName.RTC, track=TimerTrack.GUEST, tickpolicy=TickPolicy.CATCHUP),
         Timer(name=TimerName.TSC, frequency=1000000000, mode=TscMode.NATIVE)])),
     doc("<clock offset='variable' basis='localtime'>"
         "<timer name='rtc' track='guest' tickpolicy='catchup'/>"
         "<timer name='tsc' frequency='1000000000' mode='native'/></clock>"), True),
    ("memory-backing",
     domain(memory_backing=MemoryBacking(
         source=MemorySource(type=MemorySourceType.MEMFD),
         access=MemoryAccess(mode=MemoryAccessMode.SHARED),
         allocation=MemoryAllocation(mode=MemoryAllocationMode.IMMEDIATE, threads=8))),
     doc(before_os=True, body="<memoryBacking><source type='memfd'/><access mode='shared'/>"
         "<allocation mode='immediate' threads='8'/></memoryBacking>"), True),
    ("perf-seclabel-keywrap",
     domain(perf=Perf(events=[PerfEvent(name=PerfEventName.CPU_CYCLES, enabled=True)]),
            seclabels=[SecLabel(type=SecLabelType.STATIC, model="selinux", relabel=False,
                                label="system_u:system_r:svirt_t:s0:c1,c2")],
            keywrap=Keywrap(ciphers=[Cipher(name=KeywrapCipher.AES, state=False)])),
     doc("<perf><event name='cpu_cycles' enabled='yes'/></perf>"
         "<seclabel type='static' model='selinux' relabel='no'>"
         "<label>system_u:system_r:svirt_t:s0:c1,c2</label></seclabel>"
         "<keywrap><cipher name='aes' state='off'/></keywrap>"), True),
    ("sysinfo-fwcfg",
     domain(sysinfo=[Sysinfo(type=SysinfoType.FWCFG, entries=[
         SysinfoEntry(name="opt/com.example/name", value="example value")])]),
     doc(before_os=True, body="<sysinfo type='fwcfg'><entry name='opt/com.example/name'>example value</entry>"
         "</sysinfo>"), True),
    ("qemu-deprecation",
     domain(qemu_deprecation=QemuDeprecation(behavior=DeprecationBehavior.REJECT)),
     doc("<qemu:deprecation xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'"
         " behavior='reject'/>"), True),
]

ROWS = [pytest.param(entity, text, valid, id=name) for name, entity, text, valid in ROWS]


@pytest.mark.parametrize("entity, text, valid", ROWS)
def test_built_in_code_the_entity_writes_this_xml(entity, text, valid):
    assert_xml_equal(text, to_xml(entity))


@pytest.mark.parametrize("entity, text, valid", ROWS)
def test_the_xml_parses_to_the_entity_typed_throughout(entity, text, valid):
    parsed = from_xml(text, Domain, unknown="error")
    assert parsed == entity
    assert from_xml(to_xml(parsed), Domain) == parsed


@pytest.fixture(scope="module")
def relaxng():
    main = SCHEMAS / "domain.rng"
    if not main.exists():
        if IN_CI:
            pytest.fail(f"CI=true but libvirt 11.3's schemas are missing at {SCHEMAS}")
        pytest.skip(f"libvirt 11.3's schemas not found at {SCHEMAS}")
    return etree.RelaxNG(etree.parse(str(main)))


@pytest.mark.parametrize("entity, text, valid", [row for row in ROWS if row.values[2]])
def test_what_libvirt_11_3_defines_is_written_as_its_schema_wants(relaxng, entity, text,
                                                                   valid):
    written = etree.fromstring(to_xml(entity).encode())
    assert relaxng.validate(written), relaxng.error_log.last_error


# -- every value of every closed set at domain level --------------------------------

DOMAIN_MODULES = ("domain", "cpu", "os", "features", "tuning", "memory", "clock", "power",
                  "perf", "security", "sysinfo", "idmap", "hypervisor", "metadata")


def _enum_fields():
    import importlib

    from mapping.core import describe
    from mapping.core.codecs import EnumCodec
    for module_name in DOMAIN_MODULES:
        module = importlib.import_module(f"mapping.libvirt.{module_name}")
        for cls in vars(module).values():
            if not (isinstance(cls, type) and cls.__module__ == module.__name__
                    and hasattr(cls, "__xml__")):
                continue
            for field in describe(cls).fields:
                if isinstance(field.codec, EnumCodec):
                    for member in field.codec.enum_type:
                        yield pytest.param(cls, field.name, member,
                                           id=f"{cls.__name__}.{field.name}={member.value}")


@pytest.mark.parametrize("cls, field, member", list(_enum_fields()))
def test_every_enum_value_is_written_and_read_back(cls, field, member):
    entity = cls(**{field: member})
    text = to_xml(entity) if cls.__xml__.tag else to_xml(entity, tag="probe")
    assert f"{member.value}" in text
    parsed = from_xml(text, cls, unknown="error")
    value = getattr(parsed, field)
    assert value is member and isinstance(value, enum.Enum) and value.known


CAPABILITIES = [name for name in Capabilities.__dataclass_fields__
                if name not in ("policy", "extras")]


def test_every_container_capability_of_the_schema_is_declared():
    assert len(CAPABILITIES) == 37 and CAPABILITIES[:2] == ["audit_control", "audit_write"]


@pytest.mark.parametrize("name", CAPABILITIES)
def test_each_container_capability_is_written_read_and_accepted(relaxng, name):
    entity = domain(features=Features(capabilities=Capabilities(
        policy=CapabilityPolicy.ALLOW, **{name: Capability(state=False)})))
    text = doc(f"<features><capabilities policy='allow'><{name} state='off'/>"
               "</capabilities></features>")
    assert_xml_equal(text, to_xml(entity))
    assert from_xml(text, Domain, unknown="error") == entity
    assert relaxng.validate(etree.fromstring(to_xml(entity).encode())), name

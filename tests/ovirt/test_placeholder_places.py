"""Placeholders only where the engine writes them; malformed host facts; deep entities."""
from __future__ import annotations

import dataclasses
import threading
import time

import pytest

from mapping import MappingError, ParseError, attr, child, element
from tests.xmlassert import to_xml
from mapping.libvirt import Domain
from mapping.libvirt.devices import Devices, Disk
from mapping.libvirt.devices.disk import BackingStore
from mapping.libvirt.devices.disk_source import FileSource
from mapping.ovirt.placeholders import (ChannelSocket, HostFacts, InvalidHostFacts, LeaseOffset,
                                        LeasePath, OsName, Payload, Placeholder,
                                        UnresolvedPlaceholders, VolumePath, _sysinfo,
                                        from_engine_xml, resolve, unresolved)
from tests.xmlassert import assert_xml_equal

VM = "5f0d3c2a-8b1e-4e6f-9a7d-2c4b6e8f0a13"
SD = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e01"
POOL = "7d5b1d40-5a6f-11ea-8d1a-00163e4f3d01"
IMG = "9a8e6c2b-1f3d-4b5a-8e7f-6d5c4b3a2a01"
VOL = "2b6f7a1e-4c4f-4e3a-9c1d-7c8b8e0e0a01"
VOLUME = f"/rhev/data-center/{POOL}/{SD}/images/{IMG}/{VOL}"
CHANNEL = f"/var/lib/libvirt/qemu/channels/{VM}.ovirt-guest-agent.0"
FACTS = HostFacts(os_name="RHEL", os_version="9.4", serial="4c4c-0042", payload_path="/run/p.img",
                  channels_dir="/run/ch", leases={(SD, VOL): ("/dev/sd/leases", 1048576)},
                  volumes={(SD, IMG, VOL): "/dev/vg/lv"})

# Each wire form where the engine writes it (a placeholder), with its kind.
ENGINE_PLACES = [
    ('<sysinfo type="smbios"><system><entry name="product">OS-NAME:</entry></system></sysinfo>',
     "RHEL"),
    ('<sysinfo type="smbios"><system><entry name="version">OS-VERSION:</entry></system>'
     '</sysinfo>', "9.4"),
    ('<sysinfo type="smbios"><system><entry name="serial">HOST-SERIAL:</entry></system>'
     '</sysinfo>', "4c4c-0042"),
    ('<devices><disk type="file" device="cdrom"><source file="PAYLOAD:"/></disk></devices>',
     "/run/p.img"),
    (f'<devices><disk type="file" device="disk"><source file="{VOLUME}"/></disk></devices>',
     "/dev/vg/lv"),
    (f'<devices><disk type="block" device="disk"><source dev="{VOLUME}"/></disk></devices>',
     "/dev/vg/lv"),
    (f'<devices><channel type="unix"><source mode="bind" path="{CHANNEL}"/></channel></devices>',
     f"/run/ch/{VM}.ovirt-guest-agent.0"),
    (f'<devices><lease><lockspace>{SD}</lockspace><key>{VOL}</key><target '
     f'path="LEASE-PATH:{VOL}:{SD}" offset="LEASE-OFFSET:{VOL}:{SD}"/></lease></devices>',
     "/dev/sd/leases"),
]


def _domain(body: str) -> str:
    return f'<domain type="kvm"><name>vm</name>{body}</domain>'


@pytest.mark.parametrize(("body", "host_value"), ENGINE_PLACES)
def test_each_kind_is_a_placeholder_where_the_engine_writes_it(body, host_value):
    domain = from_engine_xml(_domain(body))
    assert len(unresolved(domain)) >= 1
    ready = resolve(domain, FACTS)
    assert unresolved(ready) == []
    assert host_value in to_xml(ready)
    assert_xml_equal(to_xml(domain), _domain(body))


# The same wire forms anywhere else are the user's text: never resolved, written as read.
USER_TEXT = [
    "<name>OS-NAME:web01</name>",
    "<title>HOST-SERIAL:</title><description>PAYLOAD:</description>",
    '<sysinfo type="smbios"><system><entry name="family">OS-NAME:</entry></system></sysinfo>',
    '<sysinfo type="smbios"><system><entry name="product">OS-VERSION:</entry></system>'
    '</sysinfo>',
    '<sysinfo type="smbios"><bios><entry name="vendor">OS-NAME:</entry></bios></sysinfo>',
    '<sysinfo type="smbios"><baseBoard><entry name="serial">HOST-SERIAL:</entry></baseBoard>'
    '</sysinfo>',
    '<devices><disk type="file" device="disk"><source file="PAYLOAD:"/></disk></devices>',
    f'<devices><disk type="file" device="disk"><source file="/x"><seclabel model="dac">'
    f'<label>{VOLUME}</label></seclabel></source></disk></devices>',
    f'<devices><disk type="file" device="disk"><source file="/x"/><backingStore type="file">'
    f'<format type="qcow2"/><source file="{VOLUME}"/></backingStore></disk></devices>',
    f'<devices><serial type="unix"><source mode="bind" path="{CHANNEL}"/></serial></devices>',
    f'<devices><filesystem type="mount"><source dir="LEASE-PATH:{VOL}:{SD}"/>'
    f'<target dir="/m"/></filesystem></devices>',
    f'<devices><interface type="user"><alias name="LEASE-PATH:{VOL}:{SD}"/></interface>'
    '</devices>',
    f'<metadata><app xmlns="urn:x" path="OS-NAME:" offset="LEASE-OFFSET:{VOL}:{SD}">'
    'PAYLOAD:</app></metadata>',
]


@pytest.mark.parametrize("body", USER_TEXT)
def test_placeholder_like_text_elsewhere_is_user_data(body):
    domain = from_engine_xml(_domain(body))
    assert unresolved(domain) == []
    assert_xml_equal(to_xml(resolve(domain, FACTS)), _domain(body))


def test_the_same_text_is_a_placeholder_in_place_and_text_elsewhere_in_one_document():
    body = ('<name>OS-NAME:</name><description>OS-NAME:</description><sysinfo type="smbios">'
            '<system><entry name="product">OS-NAME:</entry></system></sysinfo>')
    domain = from_engine_xml(_domain(body).replace("<name>vm</name>", ""))
    assert [(where.field, str(where)) for where, _ in unresolved(domain)] == [
        ("domain.sysinfo[0].system.entries[0].value",
         "domain: sysinfo/system/entry[@name='product']")]
    ready = resolve(domain, FACTS)
    assert (ready.name, ready.description) == ("OS-NAME:", "OS-NAME:")
    assert ready.sysinfo[0].system.entries[0].value == "RHEL"


def test_each_placeholder_is_named_by_its_device_and_its_xml_path():
    body = ('<sysinfo type="smbios"><system><entry name="manufacturer">oVirt</entry>'
            '<entry name="product">OS-NAME:</entry></system></sysinfo><devices>'
            '<disk type="file" device="cdrom"><source file="PAYLOAD:"/>'
            '<target dev="hdc" bus="ide"/></disk>'
            f'<disk type="file" device="disk"><source file="{VOLUME}"/>'
            '<target dev="sda" bus="scsi"/></disk>'
            f'<channel type="unix"><source mode="bind" path="{CHANNEL}"/>'
            '<target type="virtio" name="ovirt-guest-agent.0"/></channel></devices>')
    found = unresolved(from_engine_xml(_domain(body)))
    assert [str(where) for where, _ in found] == [
        "domain: sysinfo/system/entry[@name='product']",
        "disk hdc: source/@file",
        "disk sda: source/@file",
        "channel ovirt-guest-agent.0: source/@path"]
    assert [where.field for where, _ in found] == [
        "domain.sysinfo[0].system.entries[1].value",
        "domain.devices.items[0].source.file",
        "domain.devices.items[1].source.file",
        "domain.devices.items[2].sources[0].path"]
    with pytest.raises(UnresolvedPlaceholders) as caught:
        resolve(from_engine_xml(_domain(body)), HostFacts(os_name="RHEL"))
    assert str(caught.value).splitlines()[1:] == [
        "  disk hdc: source/@file: PAYLOAD: (domain.devices.items[0].source.file)",
        f"  disk sda: source/@file: {VOLUME} (domain.devices.items[1].source.file)",
        f"  channel ovirt-guest-agent.0: source/@path: {CHANNEL} "
        "(domain.devices.items[2].sources[0].path)"]


def test_an_unnamed_device_is_named_by_its_alias_and_its_kind():
    body = (f'<devices><disk type="file" device="disk"><source file="{VOLUME}"/>'
            '<alias name="ua-1"/></disk>'
            f'<disk type="file" device="disk"><source file="{VOLUME}"/></disk></devices>')
    assert [str(where) for where, _ in unresolved(from_engine_xml(_domain(body)))] == [
        "disk ua-1: source/@file", "disk: source/@file"]


def test_misplaced_text_in_a_typed_field_is_a_parse_error_with_its_place():
    with pytest.raises(ParseError) as caught:
        from_engine_xml(_domain(f"<vcpu>LEASE-OFFSET:{VOL}:{SD}</vcpu>"))
    problem = caught.value.problems[0]
    assert problem.line == 1 and problem.path == "/domain/vcpu"
    assert "LEASE-OFFSET" in problem.message


@element()
class PathOnlyTarget:
    path: str | None = attr("path")


@element("lease")
class PathOnlyLease:
    target: PathOnlyTarget | None = child("target")


def test_a_place_no_field_takes_keeps_its_own_text():
    # The model here has no `offset`: the engine's offset is kept as unknown XML, as written.
    xml = f'<lease><target path="LEASE-PATH:{VOL}:{SD}" offset="LEASE-OFFSET:{VOL}:{SD}"/></lease>'
    lease = from_engine_xml(xml, PathOnlyLease)
    assert lease.target.path == LeasePath(lease_id=VOL, domain_id=SD)
    assert_xml_equal(to_xml(lease), xml)
    assert "\ue000" not in to_xml(lease)


@pytest.mark.parametrize("policy", ["ignore", "preserve"])
def test_unknown_policies_still_place_placeholders(policy):
    xml = _domain('<sysinfo type="smbios"><system><entry name="product">OS-NAME:</entry>'
                  '</system></sysinfo><future attr="OS-NAME:"/>')
    domain = from_engine_xml(xml, unknown=policy)
    assert [(where.field, token) for where, token in unresolved(domain)] == [
        ("domain.sysinfo[0].system.entries[0].value", OsName())]
    assert "\ue000" not in to_xml(domain)


# -- malformed host facts ------------------------------------------------------------------
LEASE_XML = _domain(f'<devices><lease><lockspace>{SD}</lockspace><key>{VOL}</key><target '
                    f'path="LEASE-PATH:{VOL}:{SD}" offset="LEASE-OFFSET:{VOL}:{SD}"/></lease>'
                    '</devices>')


@pytest.mark.parametrize(("facts", "named"), [
    (HostFacts(leases={(SD, VOL): ("/dev/sd/leases",)}), "HostFacts.leases[("),
    (HostFacts(leases={(SD, VOL): "/dev/sd/leases"}), "HostFacts.leases[("),
    (HostFacts(leases={(SD, VOL): {"path": "/x", "offset": 1}}), "HostFacts.leases[("),
    (HostFacts(leases={(SD, VOL): ("/x", "1024")}), "offset: int"),
    (HostFacts(leases={(SD, VOL): ("/x", -1)}), "offset: int >= 0"),
    (HostFacts(leases={(SD, VOL): ("/x", True)}), "HostFacts.leases"),
    (HostFacts(leases=[((SD, VOL), ("/x", 1))]), "HostFacts.leases: expected a dict, got list"),
    (HostFacts(leases={SD: ("/x", 1)}), "key must be a tuple of 2"),
    (HostFacts(volumes={(SD, IMG): "/x"}), "key must be a tuple of 3"),
    (HostFacts(volumes={(SD, IMG, VOL): 7}), "HostFacts.volumes[("),
    (HostFacts(os_name=42), "HostFacts.os_name: expected a str or None, got int"),
    (HostFacts(channels_dir=["/run"]), "HostFacts.channels_dir"),
    ({"os_name": "RHEL"}, "expected HostFacts, got dict"),
])
def test_malformed_host_facts_are_named(facts, named):
    with pytest.raises(InvalidHostFacts) as caught:
        resolve(from_engine_xml(LEASE_XML), facts)
    assert isinstance(caught.value, MappingError)
    assert named in str(caught.value)


def test_every_malformed_entry_is_reported_at_once():
    facts = HostFacts(os_name=1, serial=2, volumes={(SD, IMG, VOL): None})
    with pytest.raises(InvalidHostFacts) as caught:
        resolve(Domain(name="vm"), facts)
    assert len(caught.value.problems) == 3


NoSuchFact = _sysinfo("NoSuchFact", "NO-SUCH:", "no_such_fact", "A fact HostFacts lacks.")


@dataclasses.dataclass(frozen=True)
class Unfinished(Placeholder):
    @property
    def text(self) -> str:
        return "UNFINISHED:"


@dataclasses.dataclass(frozen=True)
class Broken(Placeholder):
    @property
    def text(self) -> str:
        return "BROKEN:"

    def resolve(self, facts):
        return facts.leases["nope"]


@pytest.mark.parametrize("placeholder", [NoSuchFact(), Unfinished(), Broken()],
                         ids=["unknown fact", "no resolve", "resolve raises KeyError"])
def test_a_placeholder_that_cannot_use_the_facts_is_named(placeholder):
    with pytest.raises(MappingError) as caught:
        resolve(Domain(name="vm", title=placeholder), FACTS)
    assert "domain.title" in str(caught.value)
    assert type(placeholder).__name__ in str(caught.value)


def test_missing_facts_are_still_listed_as_unresolved():
    with pytest.raises(UnresolvedPlaceholders) as caught:
        resolve(from_engine_xml(LEASE_XML), HostFacts())
    assert len(caught.value.found) == 2


# -- deep entities ---------------------------------------------------------------------------
DEPTH = 250


def _chain(depth: int) -> Domain:
    store = None
    for level in range(depth):
        store = BackingStore(type="file", index=level, source=FileSource(file=f"/img/{level}"),
                             backing_store=store)
    deepest = store
    while deepest.backing_store is not None:
        deepest = deepest.backing_store
    deepest.source = FileSource(file=VolumePath(POOL, SD, IMG, VOL))
    disk = Disk(type="file", device="disk", source=FileSource(file=Payload()),
                backing_store=store)
    return Domain(name="vm", devices=Devices(items=[disk]))


def _deepest(domain: Domain) -> BackingStore:
    store = domain.devices.items[0].backing_store
    while store.backing_store is not None:
        store = store.backing_store
    return store


def test_resolve_walks_a_250_deep_backing_chain_quickly_in_a_thread():
    domain = _chain(DEPTH)
    results: dict = {}

    def run():
        try:
            start = time.perf_counter()
            results["left"] = unresolved(domain)
            results["ready"] = resolve(domain, FACTS)
            results["seconds"] = time.perf_counter() - start
        except BaseException as err:   # the assertion below shows it
            results["error"] = err

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert "error" not in results, results.get("error")
    assert len(results["left"]) == 2
    assert results["seconds"] < 1.0
    ready = results["ready"]
    assert _deepest(ready).source.file == "/dev/vg/lv"
    assert ready.devices.items[0].source.file == "/run/p.img"
    assert isinstance(_deepest(domain).source.file, VolumePath)   # the original is untouched
    assert _deepest(ready) is not _deepest(domain)


def test_resolve_copies_deeply_and_keeps_shared_parts_shared():
    source = FileSource(file=ChannelSocket(vm_id=VM, name="x"))
    domain = Domain(name="vm", devices=Devices(items=[Disk(type="file", source=source),
                                                      Disk(type="file", source=source)]))
    ready = resolve(domain, FACTS)
    first, second = (disk.source for disk in ready.devices.items)
    assert first is second and first is not source
    assert first.file == f"/run/ch/{VM}.x" and isinstance(source.file, ChannelSocket)


def test_an_entity_that_contains_itself_is_a_mapping_error():
    domain = _chain(3)
    _deepest(domain).backing_store = domain.devices.items[0].backing_store
    with pytest.raises(MappingError, match="cycle"):
        unresolved(domain)
    with pytest.raises(MappingError, match="cycle"):
        resolve(domain, FACTS)


def test_lease_offset_placeholder_resolves_to_an_int():
    ready = resolve(from_engine_xml(LEASE_XML), FACTS)
    target = ready.devices.leases[0].target
    assert target.offset == 1048576 and not isinstance(target.offset, LeaseOffset)

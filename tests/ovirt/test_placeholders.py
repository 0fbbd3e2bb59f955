"""Placeholders: written in oVirt's wire form, parsed back, resolved by the host."""
from __future__ import annotations

import pytest

from mapping import SerializeError, attr, children, element
from tests.xmlassert import to_xml
from mapping.ovirt.placeholders import (ChannelSocket, HostFacts, HostSerial, LeaseOffset,
                                        LeasePath, OsName, OsVersion, Payload,
                                        UnresolvedPlaceholders, VolumePath, from_engine_xml,
                                        recognize, resolve, to_libvirt_xml, unresolved)
from tests.xmlassert import assert_xml_equal

VM = "5f0d3c2a-8b1e-4e6f-9a7d-2c4b6e8f0a13"
SD = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e01"
POOL = "7d5b1d40-5a6f-11ea-8d1a-00163e4f3d01"
IMG = "9a8e6c2b-1f3d-4b5a-8e7f-6d5c4b3a2a01"
VOL = "2b6f7a1e-4c4f-4e3a-9c1d-7c8b8e0e0a01"

WIRE = [
    ("OS-NAME:", OsName()),
    ("OS-VERSION:", OsVersion()),
    ("HOST-SERIAL:", HostSerial()),
    ("HOST-SERIAL:extra", HostSerial(suffix="extra")),
    (f"LEASE-PATH:{VOL}:{SD}", LeasePath(lease_id=VOL, domain_id=SD)),
    (f"LEASE-OFFSET:{VOL}:{SD}", LeaseOffset(lease_id=VOL, domain_id=SD)),
    ("PAYLOAD:", Payload()),
    (f"/rhev/data-center/{POOL}/{SD}/images/{IMG}/{VOL}", VolumePath(POOL, SD, IMG, VOL)),
    (f"/var/lib/libvirt/qemu/channels/{VM}.ovirt-guest-agent.0",
     ChannelSocket(vm_id=VM, name="ovirt-guest-agent.0")),
]


@pytest.mark.parametrize(("wire", "placeholder"), WIRE, ids=[w for w, _ in WIRE])
def test_wire_form_and_placeholder_correspond(wire, placeholder):
    assert recognize(wire) == placeholder
    assert placeholder.text == wire


@pytest.mark.parametrize("ordinary", [
    "", "oVirt", "OS-NAME", "LEASE-PATH:only-one", "/rhev/data-center/mnt/blockSD/x/images/y/z",
    "/var/lib/libvirt/qemu/channels/not-a-uuid.name", "PAYLOAD:x",
])
def test_ordinary_values_are_not_placeholders(ordinary):
    assert recognize(ordinary) is None


@element()
class Target:
    path: str | None = attr("path")
    offset: int | None = attr("offset")


@element("lease")
class Lease:
    key: str | None = attr("key")
    targets: list[Target] = children("target")


ENGINE_XML = (f'<lease key="{VOL}"><target path="LEASE-PATH:{VOL}:{SD}" '
              f'offset="LEASE-OFFSET:{VOL}:{SD}"/><target path="/fixed" offset="4"/></lease>')


def test_engine_xml_parses_into_placeholders_even_in_integer_fields():
    lease = from_engine_xml(ENGINE_XML, Lease)
    assert lease.targets[0].path == LeasePath(lease_id=VOL, domain_id=SD)
    assert lease.targets[0].offset == LeaseOffset(lease_id=VOL, domain_id=SD)
    assert lease.targets[1].offset == 4
    assert_xml_equal(to_xml(lease), ENGINE_XML)


def test_unresolved_lists_each_placeholder_with_its_place():
    lease = from_engine_xml(ENGINE_XML, Lease)
    found = [where for where, _ in unresolved(lease)]
    assert [where.field for where in found] == [
        "lease.targets[0].path", "lease.targets[0].offset"]
    # For a reviewer: the element by its identity, then the XML path as written.
    assert [str(where) for where in found] == ["lease: target[1]/@path",
                                               "lease: target[1]/@offset"]


def test_placeholders_in_a_domain_are_named_by_device_and_xml_path():
    found = {str(where): token for where, token in unresolved(from_engine_xml(
        DOMAIN_WITH_LEASE))}
    assert list(found) == [f"lease {SD} {VOL}: target/@path",
                           f"lease {SD} {VOL}: target/@offset"]
    assert found[f"lease {SD} {VOL}: target/@offset"] == LeaseOffset(lease_id=VOL,
                                                                     domain_id=SD)


def test_resolve_fills_in_host_values_and_leaves_the_original_alone():
    lease = from_engine_xml(ENGINE_XML, Lease)
    facts = HostFacts(leases={(SD, VOL): ("/dev/sd/leases", 3145728)})
    ready = resolve(lease, facts)
    assert ready.targets[0].path == "/dev/sd/leases" and ready.targets[0].offset == 3145728
    assert unresolved(ready) == [] and len(unresolved(lease)) == 2
    assert_xml_equal(to_libvirt_xml(ready),
                     f'<lease key="{VOL}"><target path="/dev/sd/leases" offset="3145728"/>'
                     '<target path="/fixed" offset="4"/></lease>')


def test_resolve_names_every_placeholder_the_facts_lack():
    lease = from_engine_xml(ENGINE_XML, Lease)
    with pytest.raises(UnresolvedPlaceholders) as caught:
        resolve(lease, HostFacts())
    assert f"lease: target[1]/@path: LEASE-PATH:{VOL}:{SD} (lease.targets[0].path)" in str(
        caught.value)
    assert "lease: target[1]/@offset: LEASE-OFFSET:" in str(caught.value)
    assert len(caught.value.found) == 2


def test_serialising_for_libvirt_with_placeholders_left_is_refused():
    lease = from_engine_xml(ENGINE_XML, Lease)
    with pytest.raises(SerializeError, match="placeholders left for libvirt"):
        to_libvirt_xml(lease)


@pytest.mark.parametrize(("placeholder", "facts", "value"), [
    (OsName(), HostFacts(os_name="RHEL"), "RHEL"),
    (OsVersion(), HostFacts(os_version="9.4-1.el9"), "9.4-1.el9"),
    (HostSerial(), HostFacts(serial="4c4c4544-0042"), "4c4c4544-0042"),
    (Payload(), HostFacts(payload_path="/var/run/vdsm/payload/x.img"),
     "/var/run/vdsm/payload/x.img"),
    (VolumePath(POOL, SD, IMG, VOL), HostFacts(volumes={(SD, IMG, VOL): "/dev/vg/lv"}),
     "/dev/vg/lv"),
    (ChannelSocket(vm_id=VM, name="org.qemu.guest_agent.0"),
     HostFacts(channels_dir="/run/vdsm/channels/"),
     f"/run/vdsm/channels/{VM}.org.qemu.guest_agent.0"),
])
def test_each_placeholder_resolves_from_its_fact(placeholder, facts, value):
    assert placeholder.resolve(facts) == value
    assert placeholder.resolve(HostFacts()) is None


DOMAIN_WITH_LEASE = f"""<domain type="kvm"><name>vm</name><devices>
  <lease><lockspace>{SD}</lockspace><key>{VOL}</key>
    <target path="LEASE-PATH:{VOL}:{SD}" offset="LEASE-OFFSET:{VOL}:{SD}"/></lease>
</devices></domain>"""


def test_lease_placeholders_in_a_real_domain_resolve_to_typed_values():
    domain = from_engine_xml(DOMAIN_WITH_LEASE)
    lease = domain.devices.leases[0]
    assert lease.target.offset == LeaseOffset(lease_id=VOL, domain_id=SD)
    ready = resolve(domain, HostFacts(leases={(SD, VOL): ("/dev/sd/leases", 1048576)}))
    target = ready.devices.leases[0].target
    assert (target.path, target.offset) == ("/dev/sd/leases", 1048576)
    # (written in the engine document's own style: its quotes, its lines)
    written = to_libvirt_xml(ready)
    assert 'offset="1048576"' in written and written.count("\n") == \
        DOMAIN_WITH_LEASE.count("\n")

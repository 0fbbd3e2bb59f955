"""schema/ holds the XSD generated from the models; it must match them."""
from __future__ import annotations

import pytest

from mapping import validate
from mapping.xsd import generate_all
from tests.conftest import PROJECT

SCHEMA = PROJECT / "schema"


def test_committed_schemas_are_up_to_date_with_the_models():
    generated = generate_all()
    committed = {path.name: path.read_text() for path in SCHEMA.glob("*.xsd")}
    assert set(committed) == set(generated), "run `domxml schema --out schema`"
    stale = [name for name, text in generated.items() if committed[name] != text + "\n"]
    assert not stale, f"out of date with the models: {stale}; run `domxml schema --out schema`"


def test_there_is_a_schema_per_namespace_including_ovirt_metadata():
    assert {"domain.xsd", "qemu.xsd", "ovirt-vm.xsd", "ovirt-tune.xsd"} <= {
        path.name for path in SCHEMA.glob("*.xsd")}


OVIRT_DOMAIN = """<domain type="kvm"><name>vm</name><metadata>
  <ovirt-vm:vm xmlns:ovirt-vm="http://ovirt.org/vm/1.0">
    <ovirt-vm:minGuaranteedMemoryMb type="int">{value}</ovirt-vm:minGuaranteedMemoryMb>
  </ovirt-vm:vm></metadata></domain>"""


def test_ovirt_metadata_inside_a_domain_is_validated_by_its_own_schema():
    assert validate(OVIRT_DOMAIN.format(value="1024")) == []
    problems = validate(OVIRT_DOMAIN.format(value="lots"))
    assert problems and "minGuaranteedMemoryMb" in str(problems[0])


@pytest.mark.corpus
@pytest.mark.parametrize("schema, roots, libvirt_rng", [
    *((root, (root,), "valid") for root in (
        "network", "networkport", "secret", "pool", "volume", "storagepoolCapabilities",
        "domainbackup", "filterbinding", "filter", "capabilities", "domainCapabilities",
        "device", "domainsnapshot", "domaincheckpoint", "interface")),
    # (device documents have no schema of libvirt's own: the MANIFEST says n/a)
    ("domaindevice", ("disk", "graphics", "watchdog", "shmem", "channel", "hostdev",
                      "console"), "n/a"),
])
def test_each_formats_schema_loads_and_accepts_its_corpus_documents(schema, roots,
                                                                    libvirt_rng):
    """schema/<schema>.xsd (issue #21): XSD 1.1 that xmlschema loads, and that accepts the
    first five documents of its roots in the formats corpus that libvirt's schema
    accepts. Snapshots, checkpoints and device documents include domain.xsd."""
    import xmlschema
    from tests.conftest import formats_path, formats_rows, require_formats
    require_formats()
    schema_object = xmlschema.XMLSchema11(str(SCHEMA / f"{schema}.xsd"))
    rows = [row for row in formats_rows(roots) if row["libvirt_rng"] == libvirt_rng][:5]
    assert rows
    for row in rows:
        errors = list(schema_object.iter_errors(str(formats_path(row))))
        assert errors == [], (row["file"], str(errors[0])[:300])


def test_schemas_built_on_the_domains_include_it_and_copy_none_of_it():
    """A snapshot embeds a `<domain>`: its schema includes domain.xsd and declares only
    what is its own (no second copy of the domain's types)."""
    import re
    domain_types = set(re.findall(r'<xs:complexType[^>]* name="([^"]+)"',
                                  (SCHEMA / "domain.xsd").read_text()))
    for name in ("domainsnapshot", "domaincheckpoint", "domaindevice", "hotplug"):
        text = (SCHEMA / f"{name}.xsd").read_text()
        assert '<xs:include schemaLocation="domain.xsd"/>' in text
        own = set(re.findall(r'<xs:complexType[^>]* name="([^"]+)"', text))
        assert not own & domain_types, (name, sorted(own & domain_types)[:3])
        assert len(text) < len((SCHEMA / "domain.xsd").read_text()) / 20


def test_a_host_interfaces_members_are_no_global_interface():
    """interface.xsd: a bridge's or bond's member `<interface>` has its own types (picked
    by `type`); the wildcard beside it leaves the name out, as XSD 1.1's Element
    Declarations Consistent requires with a global `<interface>` of another type."""
    import xmlschema
    schema_object = xmlschema.XMLSchema11(str(SCHEMA / "interface.xsd"))
    member = ("<interface type='bridge' name='br0'><bridge>"
              "<interface type='ethernet' name='{}'/></bridge></interface>")
    assert schema_object.is_valid(member.format("eth0"))
    assert not schema_object.is_valid(member.format("eth 0"))
    assert 'notQName="interface"' in (SCHEMA / "interface.xsd").read_text()

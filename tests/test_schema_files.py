"""schema/ holds the XSD generated from the models; it must match them."""
from __future__ import annotations

from mapping import validate
from mapping.xsd import default_roots, generate
from tests.conftest import PROJECT

SCHEMA = PROJECT / "schema"


def test_committed_schemas_are_up_to_date_with_the_models():
    generated = generate(*default_roots())
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

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
@pytest.mark.parametrize("root", ["network", "networkport", "secret", "pool", "volume",
                                  "storagepoolCapabilities", "domainbackup", "filterbinding",
                                  "filter", "capabilities", "domainCapabilities", "device"])
def test_each_formats_schema_loads_and_accepts_its_corpus_documents(root):
    """schema/<root>.xsd (issue #21): XSD 1.1 that xmlschema loads, and that accepts the
    schema-valid documents of its root (the first five of the formats corpus)."""
    import xmlschema
    from tests.conftest import formats_path, formats_rows, require_formats
    require_formats()
    schema = xmlschema.XMLSchema11(str(SCHEMA / f"{root}.xsd"))
    rows = [row for row in formats_rows((root,)) if row["libvirt_rng"] == "valid"][:5]
    assert rows
    for row in rows:
        errors = list(schema.iter_errors(str(formats_path(row))))
        assert errors == [], (row["file"], str(errors[0])[:300])

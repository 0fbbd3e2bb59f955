"""Validation against the model's generated XSD and against libvirt's RelaxNG schemas."""
from __future__ import annotations

import pytest

from mapping import ParseError, from_xml, validate
from mapping.libvirt import Domain
from tests.conftest import CORPUS, manifest_rows, require_corpus



@pytest.fixture(scope="module")
def example():
    from tests.conftest import PROJECT
    return (PROJECT / "examples" / "server-vm.xml").read_text()


def test_example_is_valid_against_the_model(example):
    assert validate(example) == []


def test_entities_validate_too(example):
    assert validate(from_xml(example)) == []


@pytest.mark.parametrize("document, where, words", [
    ('<domain><memory unit="KiB">lots</memory></domain>', "/domain/memory", "pattern"),
    ('<domain id="seven"/>', "/domain", "id='seven'"),
    ('<domain><memory dumpCore="maybe">1</memory></domain>', "/domain/memory", "'maybe'"),
    ('<domain><devices><disk><address type="pci" slot="zz"/></disk></devices></domain>',
     "/domain/devices/disk/address", "slot='zz'"),
    ('<domain><vcpu placement="static">two</vcpu></domain>', "/domain/vcpu", "pattern"),
    ('<domain><os><loader readonly="maybe">/x.fd</loader></os></domain>',
     "/domain/os/loader", "'maybe'"),
])
def test_wrong_value_types_do_not_validate(document, where, words):
    problems = validate(document)
    assert problems, document
    assert problems[0].path == where and problems[0].line == 1
    assert words in problems[0].message


def test_unknown_xml_validates(example):
    document = example.replace("<devices>", "<devices><newdevice kind='x'><a/></newdevice>")
    document = document.replace("<name>", "<!-- c --><name future='1'>")
    assert validate(document) == []


def test_malformed_input_is_a_problem_not_an_exception():
    problems = validate("<domain>")
    assert len(problems) == 1 and "malformed" in problems[0].message


def test_from_xml_validate_raises_every_problem():
    with pytest.raises(ParseError) as caught:
        from_xml('<domain id="x"><memory dumpCore="maybe">1</memory></domain>', validate=True)
    assert len(caught.value.problems) == 2


def test_from_xml_validate_accepts_a_valid_document(example):
    assert isinstance(from_xml(example, validate=True), Domain)


def test_mapping_validate_stays_the_function_once_called():
    """Its submodule `mapping.validate`, loaded at the first call, used to take the name:
    the second `mapping.validate(...)` of a process then called a module."""
    import mapping
    for _ in range(2):
        assert mapping.validate("<domain/>") == []
        mapping.from_xml("<domain/>", validate=True)
    from mapping import validate as imported
    assert imported is mapping.validate and callable(imported)


def test_against_is_checked():
    with pytest.raises(ValueError):
        validate("<domain/>", against="dtd")


@pytest.mark.libvirt
def test_libvirt_schema_accepts_the_example(example):
    from mapping.validate import LIBVIRT_SCHEMAS
    if not (LIBVIRT_SCHEMAS / "domain.rng").exists():
        from tests.conftest import IN_CI
        if IN_CI:
            pytest.fail("CI=true but libvirt's schemas are not installed")
        pytest.skip("libvirt's RelaxNG schemas are not installed (apt-get install libvirt-clients)")
    assert validate(example, against="libvirt") == []
    problems = validate("<domain type='nope'><name>x</name></domain>", against="libvirt")
    assert problems and problems[0].line == 1


def test_missing_libvirt_schemas_give_a_clear_error(tmp_path):
    from mapping import MappingError
    from mapping.validate import libvirt_schema
    with pytest.raises(MappingError, match="apt-get install libvirt-clients"):
        libvirt_schema(tmp_path)


@pytest.mark.corpus
def test_every_corpus_document_validates_against_the_model():
    require_corpus()
    failures = {}
    # (the documents libvirt's schema refuses: tests/test_validate_ranges.py)
    for row in (row for row in manifest_rows() if row["libvirt_9_0_rng"] == "valid"):
        path = CORPUS / row["dir"] / row["file"]
        problems = validate(path.read_bytes())
        if problems:
            failures[str(path.relative_to(CORPUS))] = str(problems[0])
    assert failures == {}


@pytest.mark.corpus
@pytest.mark.libvirt
def test_libvirt_schema_verdicts_match_the_manifest():
    require_corpus()
    from mapping.validate import LIBVIRT_SCHEMAS
    if not (LIBVIRT_SCHEMAS / "domain.rng").exists():
        from tests.conftest import IN_CI
        if IN_CI:
            pytest.fail("CI=true but libvirt's schemas are not installed")
        pytest.skip("libvirt's RelaxNG schemas are not installed")
    disagreements = []
    for row in manifest_rows():
        valid = not validate((CORPUS / row["dir"] / row["file"]).read_bytes(), against="libvirt")
        if valid != (row["libvirt_9_0_rng"] == "valid"):
            disagreements.append(row["file"])
    assert disagreements == []


def test_the_model_schema_is_kept_between_processes(tmp_path):
    """A fresh process reads the plan of the schema built from the package's sources from
    the cache (building it takes a second), and so imports neither xmlschema nor the
    model's classes; a damaged cache file is rebuilt."""
    import os
    import subprocess
    import sys
    from tests.conftest import PROJECT
    env = {key: value for key, value in os.environ.items()
           if key != "PYTHONDONTWRITEBYTECODE"}
    env["DOMXML_CODE_CACHE"] = str(tmp_path)
    example = str(PROJECT / "examples" / "server-vm.xml")
    command = [sys.executable, "-m", "mapping", "validate", example]
    for _ in range(2):
        result = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT, env=env,
                                timeout=600)
        assert result.returncode == 0 and "valid (model schema)" in result.stdout, result.stderr
        (kept,) = tmp_path.glob("schema-plan-*.marshal")
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys; from mapping import validate; "
         f"assert validate(open({example!r}, 'rb').read()) == []; "
         "print(sorted(m for m in ('xmlschema', 'mapping.libvirt') if m in sys.modules))"],
        capture_output=True, text=True, cwd=PROJECT, env=env, timeout=600)
    assert loaded.stdout.split() == ["[]"], loaded.stdout + loaded.stderr
    kept.write_bytes(b"not a plan")
    result = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT, env=env,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    assert kept.stat().st_size > 10_000


@pytest.mark.corpus
@pytest.mark.libvirt
def test_libvirt_schema_of_each_format_agrees_with_the_manifest():
    """`validate(doc, against="libvirt")` picks libvirt's schema by the root (network.rng,
    nodedev.rng, ...): its verdicts on the formats corpus are the MANIFEST's (libvirt 9.0)."""
    from mapping.validate import LIBVIRT_SCHEMA_FILES, LIBVIRT_SCHEMAS
    from tests.conftest import IN_CI, formats_path, formats_rows, require_formats
    require_formats()
    if not (LIBVIRT_SCHEMAS / "network.rng").exists():
        if IN_CI:
            pytest.fail("CI=true but libvirt's schemas are not installed")
        pytest.skip("libvirt's RelaxNG schemas are not installed")
    checked, disagreements = 0, []
    for row in formats_rows():
        data = formats_path(row).read_bytes()
        if row["root"] not in LIBVIRT_SCHEMA_FILES and not (
                row["root"] == "interface" and row["dir"] == "interfaceschemadata"):
            continue
        checked += 1
        valid = not validate(data, against="libvirt")
        if valid != (row["libvirt_rng"] == "valid"):
            disagreements.append(f"{row['dir']}/{row['file']}")
    assert checked > 600 and disagreements == []

"""`validate --libvirt`: a RelaxNG failure is located to the innermost element that fails."""
from __future__ import annotations

import pytest
from lxml import etree

from mapping import validate
from tests.conftest import CORPUS, PROJECT, require_corpus

pytestmark = pytest.mark.libvirt
EXAMPLE = (PROJECT / "examples" / "server-vm.xml").read_text()
SOURCE = "<source file='/var/lib/libvirt/images/server-vm.qcow2'/>"


@pytest.fixture(autouse=True)
def _schemas():
    from mapping.validate import LIBVIRT_SCHEMAS
    if not (LIBVIRT_SCHEMAS / "domain.rng").exists():
        from tests.conftest import IN_CI
        if IN_CI:
            pytest.fail("CI=true but libvirt's schemas are not installed")
        pytest.skip("libvirt's RelaxNG schemas are not installed (apt-get install libvirt-clients)")


def _with_seclabel(seclabel: str) -> str:
    assert SOURCE in EXAMPLE
    return EXAMPLE.replace(SOURCE, SOURCE[:-2] + f">{seclabel}</source>")


def test_a_bad_seclabel_inside_one_disk_is_reported_at_the_seclabel():
    document = _with_seclabel("<seclabel model='selinux' relabel='yes'><label>x</label>"
                              "<bogus/></seclabel>")
    problems = validate(document, against="libvirt")
    line = 1 + document[:document.index("<seclabel")].count("\n")
    assert (problems[0].line, problems[0].path) == (
        line, "/domain/devices/disk/source/seclabel")
    assert problems[0].message == "Element seclabel has extra content: bogus"
    # libvirt's own words stay, after it.
    assert [p.message for p in problems[1:]] == [
        "Extra element devices in interleave", "Element domain failed to validate content"]


def test_an_element_where_its_parent_takes_none_is_reported_at_the_parent():
    document = EXAMPLE.replace("</disk>", "<seclabel model='selinux'/></disk>", 1)
    first = validate(document, against="libvirt")[0]
    assert (first.path, first.message) == ("/domain/devices/disk",
                                           "Element disk has extra content: seclabel")


def test_elements_declared_in_place_are_judged_too():
    network = ("<network><name>n</name><forward mode='nat'><nat><port start='1024' end='x'/>"
               "</nat></forward></network>")
    first = validate(network, against="libvirt")[0]
    assert first.path == "/network/forward/nat/port"
    assert "doesn't allow value 'x'" in first.message


def test_a_fault_of_the_root_itself_is_libvirts_problem_alone():
    from mapping.validate import LIBVIRT_SCHEMAS, libvirt_schema
    document = "<domain type='nope'><name>x</name></domain>"
    schema = libvirt_schema(LIBVIRT_SCHEMAS, "domain.rng")
    assert not schema.validate(etree.ElementTree(etree.fromstring(document)))
    own = [(entry.message, entry.line, entry.path) for entry in schema.error_log]
    assert [(p.message, p.line, p.path) for p in validate(document, against="libvirt")] == own


def test_the_command_prints_the_located_problem_first(tmp_path):
    from tests.test_cli import domxml
    bad = tmp_path / "bad.xml"
    bad.write_text(_with_seclabel("<seclabel model='selinux'><bogus/></seclabel>"))
    result = domxml("validate", "--libvirt", bad)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{bad}: line 25, /domain/devices/disk/source/seclabel: ")
    assert "Extra element devices in interleave" in result.stdout


@pytest.mark.corpus
def test_no_document_libvirt_accepts_is_refused_below_its_root():
    """Soundness: each element is judged against every pattern its parent's may hold,
    so a valid document never has a refused element (on both corpora)."""
    require_corpus()
    from mapping._libvirt_locate import locate
    from mapping.validate import LIBVIRT_SCHEMA_FILES, LIBVIRT_SCHEMAS, libvirt_schema
    refused, located, invalid = [], 0, 0
    for folder in (CORPUS, CORPUS.parent / "libvirt-formats"):
        for path in sorted(folder.rglob("*.xml")):
            try:
                root = etree.parse(str(path)).getroot()
            except etree.XMLSyntaxError:
                continue
            name = LIBVIRT_SCHEMA_FILES.get(root.tag)
            if name is None:
                continue
            valid = libvirt_schema(LIBVIRT_SCHEMAS, name).validate(etree.ElementTree(root))
            found = locate(root, LIBVIRT_SCHEMAS / name)
            if valid and found is not None:
                refused.append(f"{path.name}: {found}")
            if not valid:
                invalid += 1
                located += found is not None
    assert refused == []
    assert invalid >= 50 and located >= 0.85 * invalid

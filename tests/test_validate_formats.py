"""`validate` against the model's schema of each document's root (issue #21): every
format `from_xml` reads, on the formats corpus, with the plan's verdicts held to
xmlschema's (the oracle), as tests/test_validate_plan.py holds them for domains."""
from __future__ import annotations

import collections
import random
import zlib

import pytest

from mapping import from_xml, validate
from mapping._schema_check import _path, check
from mapping._schema_xmlschema import problems as oracle
from mapping.core.xmlio import parse_document
from mapping.validate import _plan, model_schema_name
from mapping.xsd import schema_sets
from tests.conftest import formats_path, formats_rows, require_formats, run_fresh
from tests.test_validate_plan import _mutations, _triples

# Documents libvirt's RelaxNG refuses for a value out of its range or pattern (its
# `-invalid` tests: a devno of 0x10000, a port of 65536, a mask of 129, ...), which the
# model's schema refuses too, by root. libvirt refuses 18 others the model's schema
# takes: they carry libvirt's internal <privateData>, lack what libvirt requires (the
# model requires nothing: test_the_model_schema_requires_nothing), or are no document of
# a schema of libvirt's own (a network update's <interface dev=..>).
REFUSED_FOR_A_VALUE = {"device": 3, "filter": 21}
# Every MUTATED_EVERY-th document of each schema (in the MANIFEST's order) is mutated.
MUTATED_EVERY = 4


@pytest.fixture(scope="module")
def documents():
    require_formats()
    return [(row, parse_document(formats_path(row).read_bytes())) for row in formats_rows()]


@pytest.fixture(scope="module")
def schema_names(documents):
    return [model_schema_name(root) for _, root in documents]


@pytest.mark.corpus
def test_each_document_gets_the_schema_of_the_class_from_xml_picks(documents, schema_names):
    """The root picks the schema as it picks the class: a host's `<interface name=..>`,
    a guest's nic and a network update's `<interface dev=..>` each get their own."""
    owner = {cls: entry.name for entry in schema_sets().values() for cls in entry.roots}
    wrong = []
    for (row, _), name in zip(documents, schema_names):
        picked = owner.get(type(from_xml(formats_path(row).read_bytes())))
        if name is None or name != picked:
            wrong.append((row["file"], name, picked))
    assert wrong == []
    assert {"interface", "domaindevice", "networkupdate"} <= set(schema_names)


@pytest.mark.corpus
def test_schema_valid_documents_are_valid_and_the_refused_are_libvirts_refused(documents):
    refused, valid = collections.Counter(), collections.Counter()
    for row, root in documents:
        if validate(root):
            assert row["libvirt_rng"] == "invalid", (row["file"], validate(root)[:2])
            refused[row["root"]] += 1
        elif row["libvirt_rng"] == "valid":
            valid[row["root"]] += 1
    assert refused == REFUSED_FOR_A_VALUE
    libvirt_valid = collections.Counter(row["root"] for row, _ in documents
                                        if row["libvirt_rng"] == "valid")
    assert valid == libvirt_valid and len(valid) == 15


@pytest.mark.corpus
def test_every_formats_document_gets_the_oracles_problems(documents, schema_names):
    disagreements = []
    for (row, root), name in zip(documents, schema_names):
        ours, theirs = _triples(check(root, _plan(name))), _triples(oracle(root, name))
        if ours != theirs:
            disagreements.append((row["file"], ours[:2], theirs[:2]))
    assert disagreements == []


@pytest.mark.corpus
def test_mutated_documents_are_refused_where_changed_as_the_oracle_refuses(
        documents, schema_names):
    """A wrong value (out of range, not in a closed set such as an enum, against a
    pattern, an element in simple content) is a problem at its line and path; an unknown
    attribute or element is not (the model keeps unknown XML, and its schema takes it)."""
    by_schema = collections.defaultdict(list)
    for entry, name in zip(documents, schema_names):
        by_schema[name].append(entry)
    counts, disagreements = collections.Counter(), []
    for name, entries in by_schema.items():
        plan = _plan(name)
        for row, root in entries[::MUTATED_EVERY]:
            before = _triples(check(root, plan))
            rng = random.Random(zlib.crc32(row["file"].encode()))
            for kind, mutated, target in _mutations(root, plan, rng):
                counts[kind] += 1
                after = _triples(check(mutated, plan))
                if kind.startswith("unknown"):
                    assert after == before, (row["file"], kind)
                else:
                    place = (target.sourceline, _path(mutated, target))
                    assert place in [(line, path) for line, path, _ in after], (
                        row["file"], kind)
                theirs = _triples(oracle(mutated, name))
                if after != theirs:
                    disagreements.append((row["file"], kind, after[:2], theirs[:2]))
    assert disagreements == []
    assert len(counts) == 6 and min(counts.values()) >= 10, counts


NETWORK = "<network><name>n</name><forward mode='nat'><nat ipv6='{ipv6}'/></forward>" \
          "<mtu size='{mtu}'/></network>"


@pytest.mark.parametrize("document, path, words", [
    (NETWORK.format(ipv6="yes", mtu="x"), "/network/mtu", "size='x'"),
    (NETWORK.format(ipv6="maybe", mtu="1500"), "/network/forward/nat", "['yes', 'no']"),
    ("<interface type='ethernet' name='eth0'><mtu size='-1'/></interface>",
     "/interface/mtu", "size='-1'"),
    ("<interface type='bridge' name='br0'><bridge stp='maybe'/></interface>",
     "/interface/bridge", "stp='maybe'"),
    ("<interface type='bridge' name='br0'><bridge><interface type='ethernet' name='eth 0'/>"
     "</bridge></interface>", "/interface/bridge/interface", "name='eth 0'"),
    ("<disk type='file'><address type='pci' slot='zz'/></disk>", "/disk/address", "slot='zz'"),
    ("<domainsnapshot><creationTime>x</creationTime></domainsnapshot>",
     "/domainsnapshot/creationTime", "'x'"),
    ("<domainsnapshot><domain><vcpu>two</vcpu></domain></domainsnapshot>",
     "/domainsnapshot/domain/vcpu", "'two'"),
    ("<domaincheckpoint><disks><disk name='vda' size='big'/></disks></domaincheckpoint>",
     "/domaincheckpoint/disks/disk", "size='big'"),
])
def test_a_wrong_value_in_any_format_is_a_problem_at_its_place(document, path, words):
    (problem,) = validate(document)
    assert (problem.line, problem.path) == (1, path) and words in problem.message


def test_a_guests_nic_and_a_hosts_interface_are_checked_by_their_own_schemas():
    """`<interface>` under three schemas: a guest's nic (`mtu size` a plain integer), a
    host's interface (libvirt's unsignedInt), a network update's `<interface dev=..>`
    (nothing but attributes: with a child it is a nic, as from_xml reads it)."""
    (nic,) = validate("<interface type='bridge'><mtu size='x'/></interface>")
    (host,) = validate("<interface type='bridge' name='br0'><mtu size='x'/></interface>")
    assert "doesn't match any pattern" in nic.message
    assert "is not a valid unsignedInt" in host.message
    (with_child,) = validate("<interface dev='eth1'><mtu size='x'/></interface>")
    assert "doesn't match any pattern" in with_child.message
    (update,) = validate("<interface dev='eth1' connections='x'/>")
    assert "connections='x' is not a valid unsignedInt" in update.message


def test_a_root_the_model_has_no_schema_for_is_one_problem_naming_it():
    (problem,) = validate("<toaster slots='2'/>")
    assert problem.path == "/toaster" and problem.line == 1
    assert "no schema for a <toaster> document" in problem.message


def test_w3c_vocabularies_in_another_format_go_to_the_processor():
    document = ("<network xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' "
                "xsi:type='x'><mtu size='y'/></network>")
    assert validate(document) and all(p.path.startswith("/network") for p in validate(document))


def test_domxml_validate_takes_every_format_and_imports_no_model_for_them(tmp_path):
    """`domxml validate` of a network, a device document and an unknown root: in a
    fresh process after one that built them, the plan of each schema and the index of
    roots come from the cache, as a domain's, without the model's classes."""
    files = {"net.xml": NETWORK.format(ipv6="yes", mtu="1500"),
             "bad.xml": NETWORK.format(ipv6="yes", mtu="x"),
             "disk.xml": "<disk type='file'><target dev='vda'/></disk>",
             "toaster.xml": "<toaster/>"}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    code = f"""
import contextlib, io, json, sys
from mapping import cli
out = {{}}
for name in {sorted(files)!r}:
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        status = cli.main(["validate", {str(tmp_path)!r} + "/" + name])
    out[name] = [status, stdout.getvalue()]
out["model"] = sorted(m for m in sys.modules if m.startswith(("mapping.libvirt", "xmlschema")))
print(json.dumps(out))
"""
    cache = {"DOMXML_CODE_CACHE": str(tmp_path / "cache"), "PYTHONDONTWRITEBYTECODE": None}
    built, _ = run_fresh(code, **cache)
    found, _ = run_fresh(code, **cache)
    assert {name: result for name, result in built.items() if name != "model"} == {
        name: result for name, result in found.items() if name != "model"}
    assert found["net.xml"][0] == 0 and "valid (model schema)" in found["net.xml"][1]
    assert found["disk.xml"][0] == 0
    assert found["bad.xml"][0] == 1 and "line 1, /network/mtu" in found["bad.xml"][1]
    assert found["toaster.xml"][0] == 1 and found["toaster.xml"][1].count("\n") == 1
    assert found["model"] == []

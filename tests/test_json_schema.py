"""schema/<name>.schema.json: the JSON Schema generated from the model (`domxml schema
--json`) is up to date, has a schema for every kind of document `from_xml` reads (those
that embed a domain or are part of one refer into domain.schema.json), accepts the JSON of
every corpus document, and refuses what `from_dict` refuses."""
from __future__ import annotations

import copy
import enum
import json

import pytest

from mapping import attr, children, element, entries, flag, from_xml, to_dict
from mapping.json_schema import BASE_URI, document_schemas, generate_all, roots, schema_sets
from tests.conftest import (CORPUS, FORMATS, PROJECT, corpus_files, formats_path, formats_rows,
                            require_corpus, require_formats, run_fresh)

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

SCHEMA = PROJECT / "schema"
ROOTS = roots()
SCHEMAS = document_schemas()   # root class -> its schema, relative to BASE_URI


def _registry():
    """Every committed schema file, under its `$id`, for the `$ref`s between files."""
    resources = []
    for path in sorted(SCHEMA.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"] == BASE_URI + path.name, path.name
        resources.append((schema["$id"], referencing.Resource.from_contents(schema)))
    return referencing.Registry().with_resources(resources)


REGISTRY = _registry()
VALIDATORS: dict[str, object] = {}


def validator(where: str):
    """The validator of the schema at `where` (`domain.schema.json`, `domaindevice.schema.
    json#/$defs/disk`), relative to BASE_URI."""
    if where not in VALIDATORS:
        VALIDATORS[where] = jsonschema.Draft202012Validator(
            {"$ref": BASE_URI + where}, registry=REGISTRY)
    return VALIDATORS[where]


def errors(data, where="domain.schema.json"):
    return [f"{'.'.join(map(str, error.absolute_path))}: {error.message[:200]}"
            for error in validator(where).iter_errors(data)]


def test_committed_json_schemas_are_up_to_date_with_the_models():
    generated = generate_all()
    committed = {path.name: path.read_text(encoding="utf-8")
                 for path in SCHEMA.glob("*.schema.json")}
    assert set(committed) == set(generated), "run `domxml schema --json --out schema`"
    stale = [name for name, text in generated.items() if committed[name] != text + "\n"]
    assert not stale, f"out of date with the models: {stale}; run `domxml schema --json`"


def test_there_is_a_json_schema_beside_each_xsd_root():
    from mapping.xsd import generate_all as xsd_files
    assert {"domain", "ovirt-vm", "ovirt-tune", "network", "pool", "device", "filter"} <= set(
        ROOTS)
    # (a schema that embeds or is part of a domain has the name of its XSD)
    embedding = {"domainsnapshot", "domaincheckpoint", "domaindevice", "hotplug",
                 "networkupdate"}
    assert embedding <= set(schema_sets())
    assert {f"{name}.xsd" for name in embedding} <= set(xsd_files())
    for name in schema_sets():
        assert (SCHEMA / f"{name}.schema.json").exists()


def test_every_root_from_xml_reads_has_a_schema():
    from mapping.libvirt import DomainCheckpoint, DomainSnapshot
    from mapping.libvirt.devices import DEVICE_CLASSES, Disk
    from mapping.libvirt.network import ForwardInterfaceUpdate
    from mapping.ovirt import Hotplug, Hotunplug
    from mapping.xsd import schema_sets as xsd_sets
    assert set(SCHEMAS) == {cls for entry in xsd_sets().values() for cls in entry.roots}
    assert set(DEVICE_CLASSES[1:]) <= set(SCHEMAS)
    assert SCHEMAS[Disk] == "domaindevice.schema.json#/$defs/disk"
    assert SCHEMAS[Hotunplug] == "hotplug.schema.json#/$defs/hotunplug"
    assert SCHEMAS[Hotplug] == "hotplug.schema.json#/$defs/hotplug"
    assert SCHEMAS[DomainSnapshot] == "domainsnapshot.schema.json"
    assert SCHEMAS[DomainCheckpoint] == "domaincheckpoint.schema.json"
    assert SCHEMAS[ForwardInterfaceUpdate] == "networkupdate.schema.json"


def test_a_schema_built_on_the_domain_refers_to_it_rather_than_copies_it():
    snapshot = json.loads((SCHEMA / "domainsnapshot.schema.json").read_text(encoding="utf-8"))
    devices = json.loads((SCHEMA / "domaindevice.schema.json").read_text(encoding="utf-8"))
    assert "Domain" not in snapshot["$defs"] and "Disk" not in devices["$defs"]
    assert snapshot["$defs"]["DomainSnapshot"]["properties"]["domain"] == {
        "$ref": "domain.schema.json#/$defs/Domain"}
    assert devices["$defs"]["disk"] == {"$ref": "domain.schema.json#/$defs/Disk"}
    assert len(devices["anyOf"]) == len(devices["$defs"]) == 31


def test_the_generator_does_not_need_jsonschema():
    code = ("import sys, json; sys.modules['jsonschema'] = None\n"
            "from mapping.json_schema import generate_all\n"
            "print(json.dumps(sorted(generate_all())))")
    names, _ = run_fresh(code)
    assert names == sorted(generate_all())


def _documents(kind: str):
    if kind == "corpus":
        require_corpus()
        return corpus_files()
    if kind == "formats":
        require_formats()
        return [formats_path(row) for row in formats_rows()]
    return sorted((PROJECT / "roundtrip_corpus").rglob("*.xml"))


@pytest.mark.corpus
@pytest.mark.parametrize("kind", ["corpus", "formats", "own"])
def test_every_document_validates_against_the_schema_of_its_kind(kind):
    checked, failed = 0, []
    for path in _documents(kind):
        try:
            entity = from_xml(path.read_bytes())
        except Exception:   # (documents the model refuses: their own tests say why)
            continue
        where = SCHEMAS.get(type(entity))
        if where is None:
            failed.append(f"{path.name}: no schema for a {type(entity).__qualname__}")
            continue
        found = errors(to_dict(entity), where)
        checked += 1
        if found:
            failed.append(f"{path.name} ({where}): {found[0]}")
    assert checked > {"corpus": 1500, "formats": 400, "own": 20}[kind]
    assert not failed, "\n".join(failed[:10])
    if kind == "corpus":
        assert CORPUS.exists()
    if kind == "formats":
        assert FORMATS.exists()


DOMAIN = {"type": "kvm", "name": "vm", "devices": {"items": [
    {"disk": {"type": "file", "device": "disk", "source": {"file": "/a.qcow2"},
              "target": {"dev": "vda", "bus": "virtio"},
              "address": {"type": "pci", "domain": 0, "bus": 0, "slot": 5, "function": 0}}},
    {"interface": {"type": "bridge", "source": {"bridge": "br0"}}}]}}


def _with(change):
    data = copy.deepcopy(DOMAIN)
    change(data)
    return data


def _disk(data):
    return data["devices"]["items"][0]["disk"]


def test_a_document_as_to_dict_writes_it_validates():
    assert errors(DOMAIN) == []
    assert errors(to_dict(from_xml((PROJECT / "examples" / "server-vm.xml").read_bytes()))) == []


@pytest.mark.parametrize("change, where", [
    (lambda d: d.update(nmae="x"), ""),                                     # unknown key
    (lambda d: d.update(name=5), "name"),                                   # wrong type
    (lambda d: d.update(name=None), "name"),                                # no nulls
    (lambda d: d.update(vcpu={"count": 2.5}), "vcpu.count"),                # int
    (lambda d: d["devices"].update(items={}), "devices.items"),             # list
    (lambda d: _disk(d).update(type="block"), "devices.items.0.disk.source"),  # by= variant
    (lambda d: _disk(d).update(type="nosuch"), "devices.items.0.disk.type"),
    (lambda d: _disk(d)["address"].update(type="drive"), "devices.items.0.disk.address"),
    (lambda d: _disk(d)["address"].pop("type"), "devices.items.0.disk.address"),  # on= key
    (lambda d: _disk(d)["address"].update(slot="5"), "devices.items.0.disk.address"),
    (lambda d: d["devices"]["items"].append({"disk": {}, "interface": {}}), "devices.items.2"),
    (lambda d: d["devices"]["items"].append({"disc": {}}), "devices.items.2"),
    (lambda d: d.update(extras={"nodes": [{"comment": "c", "element": "<a/>"}]}),
     "extras.nodes.0"),
    (lambda d: d.update(extras={"nodez": []}), "extras"),
])
def test_what_from_dict_refuses_the_schema_refuses(change, where):
    found = errors(_with(change))
    assert found, "accepted"
    assert any(line.startswith(f"{where}:") for line in found), found


def test_an_open_enum_takes_other_strings_and_a_default_variant_needs_no_discriminator():
    def change(data):
        _disk(data)["driver"] = {"cache": "some-future-mode"}
        _disk(data).pop("type")                       # a disk's source defaults to a file
    assert errors(_with(change)) == []
    assert errors(_with(lambda d: _disk(d).update(type="block", source={"dev": "/dev/b"}))) == []


class Mode(enum.Enum):   # a closed enum: only its members
    FAST = "fast"
    SLOW = "slow"


@element("thing")
class Thing:
    mode: Mode | None = attr("mode")
    ratio: float | None = attr("ratio")
    on: bool | None = flag("on")
    custom: dict[str, str] | None = entries("custom", ns="urn:test")
    codes: list[int] = children("code")


def test_each_json_type_of_a_small_model():
    from mapping.json_schema import schema_for
    check = jsonschema.Draft202012Validator(schema_for(Thing))
    assert check.is_valid({"mode": "fast", "ratio": 2, "on": False, "custom": {"a": "b"},
                           "codes": [1, 2]})
    for bad in ({"mode": "quick"}, {"ratio": "1"}, {"on": 1}, {"custom": {"a": 1}},
                {"codes": ["1"]}, {"codes": 1}):
        assert not check.is_valid(bad), bad


SNAPSHOT = {"name": "s1", "state": "shutoff", "domain": {
    "type": "kvm", "name": "vm", "memory": {"unit": "KiB", "value": 1024}}}
CHECKPOINT = {"name": "c1", "domain": {"type": "kvm", "name": "vm"}}
DISK = copy.deepcopy(DOMAIN["devices"]["items"][0]["disk"])
HOTPLUG = {"devices": {"items": [{"interface": {"type": "bridge", "source": {
    "bridge": "ovirtmgmt"}}}]}, "metadata": {"vm": {"devices": [
        {"mac_address": "56:6f:1b:e3:00:01", "network": "ovirtmgmt"}]}}}
UNPLUG = {"devices": {"items": [{"interface": {"alias": "ua-1"}}]}}


def test_documents_that_embed_or_are_part_of_a_domain_validate():
    import mapping.ovirt  # noqa: F401  (registers <hotplug> and <hotunplug>)
    from mapping.libvirt import Interface
    from mapping.ovirt import Hotunplug
    assert errors(SNAPSHOT, "domainsnapshot.schema.json") == []
    assert errors(CHECKPOINT, "domaincheckpoint.schema.json") == []
    assert errors(DISK, "domaindevice.schema.json#/$defs/disk") == []
    assert errors({"dev": "eth0", "connections": 2}, "networkupdate.schema.json") == []
    assert errors(HOTPLUG, "hotplug.schema.json#/$defs/hotplug") == []
    plug = from_xml(b"<hotplug><devices><interface type='bridge'><source bridge='br0'/>"
                    b"</interface></devices></hotplug>")
    assert errors(to_dict(plug), SCHEMAS[type(plug)]) == []
    assert errors(to_dict(Hotunplug.of(Interface, "ua-1")), SCHEMAS[Hotunplug]) == []
    # (the root of a schema of several kinds takes any kind's JSON, and only that)
    for data in (DISK, {"type": "pty"}, {"model": "virtio"}):
        assert errors(data, "domaindevice.schema.json") == [], data
    assert errors(UNPLUG, "hotplug.schema.json") == []


def _change(data, change):
    data = copy.deepcopy(data)
    change(data)
    return data


@pytest.mark.parametrize("where, data, path", [
    ("domainsnapshot.schema.json",                                  # a domain's value
     _change(SNAPSHOT, lambda d: d["domain"]["memory"].update(unit=5)), "domain.memory.unit"),
    ("domainsnapshot.schema.json",
     _change(SNAPSHOT, lambda d: d.update(inactive_domain={"nmae": "x"})), "inactive_domain"),
    ("domainsnapshot.schema.json",                                  # the snapshot's own
     _change(SNAPSHOT, lambda d: d.update(creation_time="now")), "creation_time"),
    ("domaincheckpoint.schema.json",
     _change(CHECKPOINT, lambda d: d["domain"].update(vcpu={"count": "2"})), "domain.vcpu.count"),
    ("domaindevice.schema.json#/$defs/disk",                       # a device document
     _change(DISK, lambda d: d["address"].update(slot="5")), "address"),
    ("domaindevice.schema.json#/$defs/disk",
     _change(DISK, lambda d: d.update(type="block")), "source"),
    ("domaindevice.schema.json#/$defs/interface", DISK, ""),       # another kind's
    ("domaindevice.schema.json", {"nosuch": 1}, ""),
    ("hotplug.schema.json#/$defs/hotplug",                          # into ovirt-vm's $defs
     _change(HOTPLUG, lambda d: d["metadata"]["vm"]["devices"][0].update(network=1)),
     "metadata.vm.devices.0.network"),
    ("hotplug.schema.json#/$defs/hotunplug", HOTPLUG, ""),
    ("networkupdate.schema.json", {"dev": "eth0", "connections": "2"}, "connections"),
])
def test_a_wrong_value_in_an_embedded_or_partial_document_is_refused(where, data, path):
    found = errors(data, where)
    assert found, "accepted"
    assert any(line.startswith(f"{path}:") for line in found), found

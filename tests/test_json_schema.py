"""schema/<root>.schema.json: the JSON Schema generated from the model (`domxml schema
--json`) is up to date, accepts the JSON of every corpus document whose root has one,
and refuses what `from_dict` refuses."""
from __future__ import annotations

import copy
import enum
import json

import pytest

from mapping import attr, children, element, entries, flag, from_xml, to_dict
from mapping.json_schema import generate_all, roots
from tests.conftest import (CORPUS, FORMATS, PROJECT, corpus_files, formats_path, formats_rows,
                            require_corpus, require_formats, run_fresh)

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = PROJECT / "schema"
ROOTS = roots()
BY_CLASS = {cls: name for name, cls in ROOTS.items()}


def _validator(name: str):
    schema = json.loads((SCHEMA / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


VALIDATORS: dict[str, object] = {}


def validator(name: str):
    if name not in VALIDATORS:
        VALIDATORS[name] = _validator(name)
    return VALIDATORS[name]


def errors(data, name="domain"):
    return [f"{'.'.join(map(str, error.absolute_path))}: {error.message[:200]}"
            for error in validator(name).iter_errors(data)]


def test_committed_json_schemas_are_up_to_date_with_the_models():
    generated = generate_all()
    committed = {path.name: path.read_text(encoding="utf-8")
                 for path in SCHEMA.glob("*.schema.json")}
    assert set(committed) == set(generated), "run `domxml schema --json --out schema`"
    stale = [name for name, text in generated.items() if committed[name] != text + "\n"]
    assert not stale, f"out of date with the models: {stale}; run `domxml schema --json`"


def test_there_is_a_json_schema_beside_each_xsd_root():
    assert {"domain", "ovirt-vm", "ovirt-tune", "network", "pool", "device", "filter"} <= set(
        ROOTS)
    for name in ROOTS:
        assert (SCHEMA / f"{name}.schema.json").exists()


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
def test_every_document_with_a_schema_validates(kind):
    checked, failed = 0, []
    for path in _documents(kind):
        try:
            entity = from_xml(path.read_bytes())
        except Exception:   # (documents the model refuses: their own tests say why)
            continue
        name = BY_CLASS.get(type(entity))
        if name is None:
            continue   # a device, a snapshot: no schema root of its own
        found = errors(to_dict(entity), name)
        checked += 1
        if found:
            failed.append(f"{path.name}: {found[0]}")
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

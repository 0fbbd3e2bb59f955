"""JSON Schema (draft 2020-12) of the JSON form `to_dict` writes and `from_dict` reads
(`mapping.core.jsonio` says what it is), generated from the model's declarations through
their public view (`describe`), as the XSD generator is.

In a schema each class is one entry of `$defs`. A field is its JSON type: integers, numbers, booleans, strings, an enum as the
list of its values (an open enum takes other strings too: `anyOf`), an entity as an
object of its fields and no other (`additionalProperties: false`). A `union(by=)` is
picked by the owner's discriminator (`if`/`then` on its `const`), a `union(on=)` by the
key inside the variant's object (`oneOf`, each variant with its key's `enum`), a
`choice()` item by its one key, its tag. Nothing is `null` (absent values are left
out); an empty list is accepted, as `from_dict` accepts it.

One schema file per kind of document `from_xml` reads, as `mapping.xsd.schema_sets`
lists them and named as their XSDs are. A document that embeds a domain or is part of one
(`domainsnapshot`, `domaincheckpoint`, `domaindevice`, `hotplug`) and virNetworkUpdate's
`networkupdate` define only the classes their bases do not: the rest is a `$ref` into the
`$defs` of `domain.schema.json` (with `ovirt-vm` and `ovirt-tune`, the other roots of
domain.xsd) or `network.schema.json`. Each file has an `$id` under `BASE_URI`, which is
not served anywhere: register the files under it (a `referencing.Registry`), or serve them
from one directory, as the cross-file `$ref`s are relative (`domain.schema.json#/$defs/Disk`).

The JSON of a document does not name its root, as XML does with its tag: `from_dict(data,
Disk)` is told the class. So a schema of several roots (the 31 device kinds, `hotplug`
and `hotunplug`) holds each kind under `$defs` by its tag (`domaindevice.schema.json#/$defs/
disk` is a `<disk>` document's JSON), and its root is the `anyOf` of them: JSON that is
some kind's (`{}` is any device's). Whoever knows the kind validates against its entry;
`document_schemas()` gives each root class its schema's URI reference.

What JSON Schema does not say, `from_dict` still checks: that a number for an integer
field has no fraction written (`5.0`), and that kept XML (`extras`) is well-formed and
names children the element has.
"""
from __future__ import annotations

import dataclasses
import enum
import json
import re
import types
import typing
from collections.abc import Sequence
from typing import Any, NamedTuple

from .core import ModelError, OpenEnum, describe, is_mapped

DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE_URI = "https://domxml-mapping.invalid/schema/"   # (the $id of each file is under it)
_SCALARS: tuple[tuple[type, dict[str, Any]], ...] = (
    (bool, {"type": "boolean"}), (int, {"type": "integer"}), (float, {"type": "number"}),
    (str, {"type": "string"}))
_ANYTHING: dict[str, Any] = {}
_STRINGS = {"type": "array", "items": {"type": "string"}}


def _members(annotation: Any) -> list[Any]:
    """The types of an annotation, None left out (`int | Variable | None`)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    return [annotation]


def _item(annotation: Any) -> Any:
    """The item type of `list[X]` (or of `list[X] | None`)."""
    for member in _members(annotation):
        if typing.get_origin(member) is list:
            return typing.get_args(member)[0]
    return Any


class JsonSchemaBuilder:
    """The `$defs` of one schema document, filled as classes are met."""

    def __init__(self, file: str = "", bases: Sequence[JsonSchemaBuilder] = ()) -> None:
        """`file`: the name the schema is written to, by which the schemas built on this
        one refer to its `$defs`; `bases`: the schemas whose `$defs` this one refers to
        rather than repeats."""
        self.file = file
        self.defs: dict[str, Any] = {}
        self._names: dict[Any, str] = {}   # class, or (class, key name, keys) -> def name
        self._bases = tuple(bases)

    def reference(self, key: Any) -> str | None:
        """Where this schema or one it builds on defines `key` (`domain.schema.json#/$defs/
        Disk`), or None."""
        name = self._names.get(key)
        if name is not None:
            return f"{self.file}#/$defs/{name}"
        return next((found for base in self._bases
                     if (found := base.reference(key)) is not None), None)

    def _define(self, key: Any, base: str, make: Any) -> dict[str, str]:
        name = self._names.get(key)
        if name is None:
            outside = next((found for schema in self._bases
                            if (found := schema.reference(key)) is not None), None)
            if outside is not None:
                return {"$ref": outside}
            # (a name that needs no escaping in a URI fragment, for any validator)
            name = base = re.sub(r"[^A-Za-z0-9_.-]", "_", base)
            number = 2
            while name in self.defs:
                name = f"{base}_{number}"
                number += 1
            self._names[key] = name
            self.defs[name] = {}   # (taken before it is made: a class may hold itself)
            self.defs[name] = make()
        return {"$ref": f"#/$defs/{name}"}

    def entity(self, cls: type, name: str | None = None) -> dict[str, str]:
        """A reference to the class's schema, defined (as `name`, by default its
        qualified name) if no schema met it yet."""
        return self._define(cls, name or cls.__qualname__, lambda: self._object(cls))

    def keyed(self, cls: type, on: str, keys: tuple[str, ...]) -> dict[str, str]:
        """A variant of a union(on=): its fields and its key, under `on`."""
        key_schema = {"const": keys[0]} if len(keys) == 1 else {"enum": list(keys)}
        return self._define((cls, on, keys), f"{cls.__qualname__}.{on}",
                            lambda: self._object(cls, (on, key_schema)))

    def _object(self, cls: type, key: tuple[str, Any] | None = None) -> dict[str, Any]:
        view = describe(cls)
        properties: dict[str, Any] = {}
        if key is not None:
            properties[key[0]] = key[1]
        conditions: list[Any] = []
        for field in view.fields:
            if field.kind == "union" and field.by is not None:
                properties[field.name] = {"type": "object"}
                conditions += self._by_union(field)
            else:
                properties[field.name] = self.field(field)
        properties["extras"] = self._define("extras", "extras", _extras)
        schema: dict[str, Any] = {"type": "object", "description": _summary(cls),
                                  "properties": properties, "additionalProperties": False}
        if key is not None:
            schema["required"] = [key[0]]
        if conditions:
            schema["allOf"] = conditions
        return schema

    def field(self, field: Any) -> Any:
        kind = field.kind
        if kind in ("attr", "text", "path"):
            return self.scalar(field.annotation)
        if kind == "child":
            return self.entity(next(iter(field.classes.values())))
        if kind == "children":
            if field.classes:
                return {"type": "array", "items": self.entity(next(iter(field.classes.values())))}
            return {"type": "array", "items": self.scalar(_item(field.annotation))}
        if kind == "flag":
            return {"type": "boolean"}
        if kind in ("union", "unions"):
            variants = self._on_variants(field.classes, field.on)
            return variants if kind == "union" else {"type": "array", "items": variants}
        if kind == "choice":
            return {"type": "array", "items": {
                "type": "object", "minProperties": 1, "maxProperties": 1,
                "properties": {tag: self.entity(cls) for tag, cls in field.classes.items()},
                "additionalProperties": False}}
        if kind == "entries":
            return {"type": "object", "additionalProperties": {"type": "string"}}
        if kind == "raw":
            return _STRINGS
        raise TypeError(f"{field.name}: no JSON Schema for a {kind!r} field")

    def _on_variants(self, classes: typing.Mapping[str, type], on: str) -> dict[str, Any]:
        keys: dict[type, list[str]] = {}
        for key, cls in classes.items():
            keys.setdefault(cls, []).append(key)
        return {"oneOf": [self.keyed(cls, on, tuple(names)) for cls, names in keys.items()]}

    def _by_union(self, field: Any) -> list[Any]:
        """The conditions that give a union(by=) its variant's schema."""
        name, by = field.name, field.by
        keys: dict[type, list[str]] = {}
        for key, cls in field.classes.items():
            keys.setdefault(cls, []).append(key)
        conditions: list[Any] = [
            {"if": {"required": [name, by]},
             "then": {"properties": {by: {"enum": list(field.classes)}}}}]
        for cls, names in keys.items():
            named = {"const": names[0]} if len(names) == 1 else {"enum": names}
            conditions.append({"if": {"required": [by], "properties": {by: named}},
                               "then": {"properties": {name: self.entity(cls)}}})
        absent: dict[str, Any] = {"required": [by]}
        if field.default is not None:
            conditions.append({"if": {"not": absent}, "then": {"properties": {
                name: self.entity(field.classes[field.default])}}})
        else:
            conditions.append({"if": {"required": [name]}, "then": absent})
        return conditions

    def scalar(self, annotation: Any) -> Any:
        members = [self._one(member) for member in _members(annotation)]
        if not members or _ANYTHING in members:
            return _ANYTHING
        return members[0] if len(members) == 1 else {"anyOf": members}

    def _one(self, kind: Any) -> Any:
        if not isinstance(kind, type):
            return _ANYTHING
        if issubclass(kind, enum.Enum):
            values = {"enum": [member.value for member in kind]}
            if issubclass(kind, OpenEnum):
                return {"anyOf": [values, {"type": "string"}]}
            return values
        for base, schema in _SCALARS:
            if issubclass(kind, base):
                return dict(schema)
        if dataclasses.is_dataclass(kind) and not is_mapped(kind):
            return self._define(kind, kind.__qualname__, lambda: self._plain(kind))
        return _ANYTHING   # a codec's own type: its JSON is dataclasses-json's

    def _plain(self, kind: type) -> dict[str, Any]:
        """A codec's own dataclass value (`Variable` of a network filter): its fields."""
        hints = typing.get_type_hints(kind)
        return {"type": "object", "additionalProperties": False, "properties": {
            field.name: self.scalar(hints[field.name]) for field in dataclasses.fields(kind)}}


def _summary(cls: type) -> str:
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(doc.split()) or cls.__qualname__


def _extras() -> dict[str, Any]:
    """Kept XML, as `jsonio` documents it (what it may name is checked by from_dict)."""
    node: dict[str, Any] = {"type": "object", "minProperties": 1, "additionalProperties": False,
            "properties": {"element": {"type": "string"}, "comment": {"type": "string"},
                           "text": {"type": "string"},
                           "pi": {"type": "array", "prefixItems": [{"type": "string"}] * 2,
                                  "minItems": 2, "maxItems": 2},
                           "after": {"type": "string"}, "last": {"const": True}},
            "oneOf": [{"required": [kind]} for kind in ("element", "comment", "text", "pi")]}
    outside = {"type": "array", "items": {
        "type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": False,
        "properties": {"comment": node["properties"]["comment"], "pi": node["properties"]["pi"]}}}
    element = {"attrs": {"type": "object", "additionalProperties": {"type": "string"}},
               "omitted_attrs": _STRINGS, "nodes": {"type": "array", "items": node},
               "order": _STRINGS}
    sub = {"type": "object", "properties": element, "additionalProperties": False}
    return {"type": "object", "description": "XML the model does not declare, kept where it "
            "stood (see mapping.core.jsonio)", "additionalProperties": False,
            "properties": {**element, "sub": {"type": "object", "additionalProperties": sub},
                           "before_root": outside, "after_root": outside}}


def schema_for(cls: type) -> dict[str, Any]:
    """The JSON Schema of `to_dict(entity)` for entities of the mapped class `cls`."""
    builder = JsonSchemaBuilder()
    root = builder.entity(cls)
    return {"$schema": DRAFT, "title": f"{cls.__qualname__} as mapping.to_dict writes it",
            "description": _summary(cls), **root, "$defs": builder.defs}


class JsonSchemaSet(NamedTuple):
    """One schema file, `<name>.schema.json`: the JSON of documents whose root is one of
    `roots`, referring to the `$defs` of the schemas named in `bases`."""

    name: str
    roots: tuple[type, ...]
    bases: tuple[str, ...] = ()

    @property
    def file(self) -> str:
        return f"{self.name}.schema.json"


def _root_name(cls: type) -> str:
    """A standalone root's schema name: its tag (`domain`), a namespaced root (an oVirt
    block) its prefix (`ovirt-vm`), as its XSD is named."""
    view = describe(cls)
    uri, _, local = view.tag[1:].partition("}") if view.tag.startswith("{") else (
        "", "", view.tag)
    prefix = next((prefix for prefix, bound in view.nsmap.items()
                   if bound == uri and prefix), None) if uri else None
    return prefix or local


def schema_sets() -> dict[str, JsonSchemaSet]:
    """Every JSON Schema by name, one per kind of document `from_xml` reads
    (`mapping.xsd.schema_sets`): a root that stands alone its own (domain.xsd's three
    roots one each), and a schema built on another XSD's on all of that XSD's files."""
    from .xsd import schema_sets as xsd_sets
    found: dict[str, JsonSchemaSet] = {}
    files: dict[str, tuple[str, ...]] = {}   # XSD schema -> the JSON schemas of its roots
    xsd = xsd_sets()
    for entry in xsd.values():
        if entry.extends is None:
            files[entry.name] = tuple(_root_name(cls) for cls in entry.roots)
            for name, cls in zip(files[entry.name], entry.roots):
                _add(found, JsonSchemaSet(name, (cls,)))
    for entry in xsd.values():
        if entry.extends is not None:
            if entry.extends not in files:
                raise ModelError(f"schema {entry.name}: builds on {entry.extends}, which "
                                 "builds on another (only one level is supported)")
            _add(found, JsonSchemaSet(entry.name, entry.roots, files[entry.extends]))
    return found


def _add(found: dict[str, JsonSchemaSet], entry: JsonSchemaSet) -> None:
    if entry.name in found:
        raise ModelError(f"{entry.file}: the name of two schemas "
                         f"({found[entry.name].roots[0].__qualname__}, "
                         f"{entry.roots[0].__qualname__})")
    found[entry.name] = entry


def roots() -> dict[str, type]:
    """Each root that stands alone, by the name of its schema file (`domain`, `ovirt-vm`)."""
    return {name: entry.roots[0] for name, entry in schema_sets().items() if not entry.bases}


def _tag(cls: type) -> str:
    tag = describe(cls).tag
    return tag.rpartition("}")[2]


def _document(entry: JsonSchemaSet, builder: JsonSchemaBuilder) -> dict[str, Any]:
    head = {"$schema": DRAFT, "$id": BASE_URI + entry.file}
    if len(entry.roots) == 1:
        cls = entry.roots[0]
        root = builder.entity(cls)
        return {**head, "title": f"{cls.__qualname__} as mapping.to_dict writes it",
                "description": _summary(cls), **root, "$defs": builder.defs}
    kinds: dict[str, Any] = {}
    for cls in entry.roots:
        tag = _tag(cls)
        outside = builder.reference(cls)
        if outside is not None:
            builder.defs[tag] = {"$ref": outside}
        elif builder.entity(cls, tag) != {"$ref": f"#/$defs/{tag}"}:
            raise ModelError(f"{entry.file}: {cls.__qualname__}'s entry cannot be named by "
                             f"its tag {tag!r}, which names another")
        if tag in kinds:
            raise ModelError(f"{entry.file}: two roots have the tag {tag!r}")
        kinds[tag] = cls
    tags = ", ".join(f"<{tag}>" for tag in kinds)
    return {**head, "title": f"A {entry.name} document as mapping.to_dict writes it",
            "description": f"The JSON of a document whose root is one of {tags}. The JSON "
            "does not say which, so this takes any kind's; each kind's own schema is "
            "`#/$defs/<its tag>`.",
            "anyOf": [{"$ref": f"#/$defs/{tag}"} for tag in kinds], "$defs": builder.defs}


def _built() -> dict[str, tuple[JsonSchemaSet, dict[str, Any]]]:
    """Each schema set and its document, built with the builders of its bases."""
    builders: dict[str, JsonSchemaBuilder] = {}
    out: dict[str, tuple[JsonSchemaSet, dict[str, Any]]] = {}
    for name, entry in schema_sets().items():
        builder = builders[name] = JsonSchemaBuilder(
            entry.file, [builders[base] for base in entry.bases])
        out[name] = entry, _document(entry, builder)
    return out


def document_schemas() -> dict[type, str]:
    """The schema of each root class's JSON, as a URI reference relative to `BASE_URI`:
    its file (`domainsnapshot.schema.json`), or its kind's entry in a schema of several
    roots (`domaindevice.schema.json#/$defs/disk`)."""
    found: dict[type, str] = {}
    for entry in schema_sets().values():
        for cls in entry.roots:
            found[cls] = entry.file if len(entry.roots) == 1 else (
                f"{entry.file}#/$defs/{_tag(cls)}")
    return found


def generate_all() -> dict[str, str]:
    """Every JSON Schema `domxml schema --json` writes: file name -> text."""
    return {entry.file: json.dumps(document, indent=1, ensure_ascii=False)
            for entry, document in _built().values()}


__all__ = ["BASE_URI", "JsonSchemaBuilder", "JsonSchemaSet", "document_schemas",
           "generate_all", "roots", "schema_for", "schema_sets"]

"""JSON Schema (draft 2020-12) of the JSON form `to_dict` writes and `from_dict` reads
(`mapping.core.jsonio` says what it is), generated from the model's declarations through
their public view (`describe`), as the XSD generator is.

One schema per root the XSDs cover (`schema/<root>.schema.json`), each class one entry of
`$defs`. A field is its JSON type: integers, numbers, booleans, strings, an enum as the
list of its values (an open enum takes other strings too: `anyOf`), an entity as an
object of its fields and no other (`additionalProperties: false`). A `union(by=)` is
picked by the owner's discriminator (`if`/`then` on its `const`), a `union(on=)` by the
key inside the variant's object (`oneOf`, each variant with its key's `enum`), a
`choice()` item by its one key, its tag. Nothing is `null` (absent values are left
out); an empty list is accepted, as `from_dict` accepts it.

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
from typing import Any

from .core import OpenEnum, describe, is_mapped

DRAFT = "https://json-schema.org/draft/2020-12/schema"
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

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}
        self._names: dict[Any, str] = {}   # class, or (class, key name, keys) -> def name

    def _define(self, key: Any, base: str, make: Any) -> dict[str, str]:
        name = self._names.get(key)
        if name is None:
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

    def entity(self, cls: type) -> dict[str, str]:
        return self._define(cls, cls.__qualname__, lambda: self._object(cls))

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


def roots() -> dict[str, type]:
    """Each root the XSDs cover, by the name of its schema file (`domain`, `ovirt-vm`)."""
    from .xsd import default_roots, format_roots
    found: dict[str, type] = {}
    for cls in default_roots() + format_roots():
        view = describe(cls)
        uri, _, local = view.tag[1:].partition("}") if view.tag.startswith("{") else (
            "", "", view.tag)
        # (a namespaced root, an oVirt block, is named by its prefix, as its XSD is)
        prefix = next((prefix for prefix, bound in view.nsmap.items()
                       if bound == uri and prefix), None) if uri else None
        found[prefix or local] = cls
    return found


def generate_all() -> dict[str, str]:
    """Every JSON Schema `domxml schema --json` writes: file name -> text."""
    return {f"{name}.schema.json": json.dumps(schema_for(cls), indent=1, ensure_ascii=False)
            for name, cls in roots().items()}


__all__ = ["JsonSchemaBuilder", "generate_all", "roots", "schema_for"]

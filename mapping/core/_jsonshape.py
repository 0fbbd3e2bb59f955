"""The shape of a mapped class in JSON (`Shape`: its keys and their `Field`s, in the
order the element reads), compiled once per class and published whole, and the two
walks every field kind's `dump` and `load` build on. Nested objects and lists are here,
as they recurse into shapes."""
from __future__ import annotations

import dataclasses
import typing
from typing import TYPE_CHECKING, Any

from ._jsoncheck import (Entries, ExtrasField, Field, Scalar, _held, describe, join,
                         shortened)
from ._published import Published
from ._types import is_mapped, list_item, strip_optional
from .declare import (SPEC_KEY, ChildrenSpec, ChildSpec, ChoiceSpec, EntriesSpec, FlagSpec,
                      RawSpec, UnionSpec, UnionsSpec)
from .errors import ModelError, Problem

if TYPE_CHECKING:
    from .jsonio import Walk


class Nested(Field):
    def __init__(self, where: str, cls: type):
        super().__init__(where)
        self.cls = cls
        self.shape = shape_for(cls)
        self.expected = f"an object ({self.shape.name})"

    def check(self, value: Any, path: str, depth: int, walk: Walk) -> None:
        walk.visit(self.shape, value, path, self.where, depth + 1)

    def held(self, value: Any, path: str, depth: int, walk: Walk) -> None:
        if isinstance(value, self.cls):
            walk.enter(self.shape, value, path, self.where, depth + 1)
        else:
            walk.wrong(path, self.where, self.cls.__name__, _held(value))

    def dump(self, value: Any, encode: bool) -> Any:
        if value.__class__ is self.cls:
            return dump(self.shape, value, encode)
        if not isinstance(value, self.cls):
            raise TypeError(f"{self.where}: {_held(value)}")
        # (an instance of a subclass is written with its own fields, as dataclasses-json
        # wrote it)
        return dump(_shape_of(value), value, encode)

    def load(self, value: Any) -> Any:
        return load(self.shape, self.cls, value)


class ListOf(Field):
    """A list of scalars (`item` a Scalar) or of objects (`item` a Nested or Tagged)."""

    nullable = False

    def __init__(self, where: str, item: Field):
        super().__init__(where)
        self.item = item

    def check(self, value: Any, path: str, depth: int, walk: Walk) -> None:
        if not isinstance(value, list):
            walk.wrong(path, self.where, "a list", describe(value))
            return
        item = self.item
        for index, entry in enumerate(value):
            if entry is None:
                walk.wrong(f"{path}[{index}]", self.where, item.expected, "null")
            else:
                item.check(entry, f"{path}[{index}]", depth, walk)

    def held(self, value: Any, path: str, depth: int, walk: Walk) -> None:
        if not isinstance(value, (list, tuple)):
            walk.wrong(path, self.where, "a list", _held(value))
            return
        for index, entry in enumerate(value):
            if entry is None:
                walk.wrong(f"{path}[{index}]", self.where, self.item.expected, "None")
            else:
                self.item.held(entry, f"{path}[{index}]", depth, walk)

    def dump(self, value: Any, encode: bool) -> Any:
        if value.__class__ is not list and not isinstance(value, (list, tuple)):
            raise TypeError(f"{self.where}: {_held(value)}")
        item = self.item.dump
        return [item(entry, encode) for entry in value]

    def load(self, value: Any) -> Any:
        item = self.item.load
        return [item(entry) for entry in value]


class Shape:
    """What a mapped class accepts: its keys, and the unions its attributes pick."""

    __slots__ = ("name", "fields", "by_unions", "owned", "extras")

    def __init__(self, name: str):
        self.name = name
        self.fields: dict[str, Field] = {}
        # union(by=) fields: each needs its owner's JSON to know its variant
        self.by_unions: list[ByVariant] = []
        self.owned: frozenset[str] = frozenset()
        self.extras: ExtrasField | None = None

    def unknown(self, key: Any, path: str, walk: Walk) -> None:
        if not isinstance(key, str):
            walk.problems.append(Problem(f"keys must be strings, got {describe(key)}",
                                         None, path or None))
            return
        import difflib
        near = difflib.get_close_matches(key, list(self.fields), n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        walk.problems.append(Problem(f"unknown key {shortened(key)} for {self.name}{hint}",
                                     None, join(path, key)))


def shape_for(cls: type) -> Shape:
    """The compiled shape of a mapped class, cached. Shapes are published only once the
    whole model is filled, so another thread never sees a half-made one."""
    return _shapes.get(cls)


def _shape_of(value: Any) -> Shape:
    kind = type(value)
    if not is_mapped(kind):
        raise TypeError(f"{kind.__name__} is not an @element entity")
    return shape_for(kind)


def dump(shape: Shape, obj: Any, encode: bool = True,
         data: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON of an entity (into `data`, when given: an on= union's key goes first):
    its set fields, by name, in declaration order; None and empty lists left out. With
    `encode` false, scalars are left as Python values (enums as members, whatever a
    field holds as it is), as dataclasses-json's to_dict() gives them. A value that does
    not fit its field raises TypeError (or KeyError, for a union's value of no variant's
    class): the caller then names it (`entity_problems`)."""
    if data is None:
        data = {}
    for name, field in shape.fields.items():
        value = getattr(obj, name)
        if not value and (value is None or value.__class__ is list):
            continue
        data[name] = field.dump(value, encode)
    if shape.by_unions:
        _name_variants(shape, obj, data, encode)
    return data


def _name_variants(shape: Shape, obj: Any, data: dict[str, Any], encode: bool) -> None:
    """The variant a union(by=) holds decides its discriminator, as to_xml writes it."""
    added = False
    for union in shape.by_unions:
        value = getattr(obj, union.name)
        if value is not None:
            added = union.name_variant(value, data, encode) or added
    if added:   # (a discriminator that was absent: put in its place)
        data_items = dict(data)
        data.clear()
        data.update((key, data_items[key]) for key in shape.fields if key in data_items)


def load(shape: Shape, cls: type, data: dict[str, Any]) -> Any:
    """An entity of `cls` from JSON that `json_problems` found nothing wrong with."""
    fields = shape.fields
    values: dict[str, Any] = {}
    if shape.owned:
        owned = shape.owned
        for key, value in data.items():
            if value is None:
                values[key] = None
            elif key in owned:
                values[key] = fields[key].load_in(data, value)  # type: ignore[attr-defined]
            else:
                values[key] = fields[key].load(value)
        return cls(**values)
    for key, value in data.items():
        values[key] = None if value is None else fields[key].load(value)
    return cls(**values)


def _fill(shape: Shape, cls: type) -> None:
    try:
        hints = typing.get_type_hints(cls)
    except Exception as err:   # an annotation naming something undefined
        raise ModelError(f"{shape.name}: cannot resolve annotations: {err}") from None
    for field in dataclasses.fields(cls):
        where = f"{shape.name}.{field.name}"
        spec = field.metadata.get(SPEC_KEY)
        if spec is None and field.name == "extras":
            shape.extras = ExtrasField(where, cls)
            shape.fields[field.name] = shape.extras
            continue
        shape.fields[field.name] = _field_for(spec, hints[field.name], where, field.name)
    for name, spec, by in _by_unions(cls):
        union = ByVariant(f"{shape.name}.{name}", name, spec.variants, by, spec.default,
                          shape.fields[by])
        shape.fields[name] = union
        shape.by_unions.append(union)
    shape.owned = frozenset(union.name for union in shape.by_unions)
    order = _reading_order(cls)
    shape.fields = {name: shape.fields[name] for name in sorted(
        shape.fields, key=lambda name: order.get(name, len(order)))}


def _reading_order(cls: type) -> dict[str, int]:
    """Field name -> its place in JSON: as the element reads in XML (its attributes, its
    text, its children in the order libvirt writes them: fields inherited from a base
    class stand where the mapping puts them, not first), unknown XML last."""
    from .view import describe
    content = describe(cls).content
    names = [value.field for value in content.attributes]
    if content.text is not None:
        names.append(content.text.field)
    for child in content.children:
        names += child.fields if child.field is None else [child.field]
    order = {name: rank for rank, name in enumerate(dict.fromkeys(names))}
    order["extras"] = len(order) + len(dataclasses.fields(cls))
    return order


def _by_unions(cls: type) -> list[tuple[str, UnionSpec, str]]:
    """(field name, spec, discriminator field) of each union(by=) of a class."""
    found = []
    for field in dataclasses.fields(cls):
        spec = field.metadata.get(SPEC_KEY)
        if isinstance(spec, UnionSpec) and not isinstance(spec, UnionsSpec) and spec.by:
            found.append((field.name, spec, spec.by))
    return found


def _field_for(spec: Any, annotation: Any, where: str, name: str) -> Field:
    if spec is None:
        return Scalar(where, Any)
    if isinstance(spec, UnionsSpec):
        return ListOf(where, OnVariant(where, spec.variants, spec.on or ""))
    if isinstance(spec, UnionSpec):
        if spec.on is not None:
            return OnVariant(where, spec.variants, spec.on)
        return Scalar(where, Any)   # (union(by=): replaced once the owner's fields are known)
    if isinstance(spec, ChoiceSpec):
        return ListOf(where, Tagged(where, spec.classes))
    if isinstance(spec, EntriesSpec):
        return Entries(where)
    if isinstance(spec, FlagSpec):
        return Scalar(where, bool)
    if isinstance(spec, RawSpec):
        return ListOf(where, Scalar(where, str))
    if isinstance(spec, ChildrenSpec):
        item = list_item(annotation)
        return ListOf(where, Nested(where, item) if is_mapped(item) else Scalar(where, item))
    inner = strip_optional(annotation)
    if isinstance(spec, ChildSpec) and is_mapped(inner):
        return Nested(where, inner)
    return Scalar(where, annotation)   # attr(), text(), path(), a child()'s text


_shapes: Published[Shape] = Published(lambda cls: Shape(cls.__qualname__), _fill)

from ._jsonunions import ByVariant, OnVariant, Tagged  # noqa: E402  (they build on Shape)

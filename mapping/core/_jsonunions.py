"""JSON fields of values of one of several classes, each told apart by what the document
already says (`jsonio` documents the form):

- `ByVariant`, `union(by=)`: the parent's discriminator field (`"type": "file"` of a
  disk) names the variant; its value is the variant's object as it stands;
- `OnVariant`, `union(on=)` and the items of `unions(on=)`: the variant's own key
  attribute is written inside its object, under the attribute's name (`"address":
  {"type": "pci", "slot": 3}`);
- `Tagged`, the items of `choice()`: the element's tag is the only discriminator, and it
  is no field of the entity, so each item is `{tag: {fields}}`. A key inside the object
  could collide with a field of the same name (most devices have a `type`, a `model`);
  a one-key wrapper cannot, and it reads as the XML does (`<disk>` -> `{"disk": ...}`).
"""
from __future__ import annotations

import enum
import typing
from typing import TYPE_CHECKING, Any

from ._jsoncheck import Field, _held, _listed, describe, join, shortened
from ._jsonshape import Shape, dump, load, shape_for
from .errors import ModelError, Problem

if TYPE_CHECKING:
    from .jsonio import Walk


class _Variants(Field):
    """What the three kinds share: the classes by key, and the first key of each class
    (the one written for it, as the XML writer does)."""

    def __init__(self, where: str, classes: typing.Mapping[str, type]):
        super().__init__(where)
        self.classes = dict(classes)
        self.shapes = {key: shape_for(cls) for key, cls in classes.items()}
        self.by_class: dict[type, Shape] = {}
        self.keys: dict[type, str] = {}
        for key, cls in classes.items():
            self.by_class.setdefault(cls, self.shapes[key])
            self.keys.setdefault(cls, key)
        self.names = ", ".join(cls.__name__ for cls in self.by_class)
        self.listed = _listed([repr(key) for key in classes])

    def held(self, value: Any, path: str, depth: int, walk: Walk) -> None:
        shape = self.by_class.get(type(value))   # exact: JSON names the class by its key
        if shape is None:
            walk.wrong(path, self.where, f"one of {self.names}", _held(value))
        else:
            walk.enter(shape, value, path, self.where, depth + 1)

    def unknown_kind(self, kind: Any, what: str, path: str, walk: Walk) -> None:
        import difflib   # (only a wrong key needs it)
        near = difflib.get_close_matches(str(kind), list(self.shapes), n=1)
        hint = f"did you mean {near[0]!r}? " if near else ""
        walk.problems.append(Problem(f"unknown kind {shortened(kind)}{what}; {hint}"
                                     f"expected one of {self.listed}", None, path, self.where))


class ByVariant(_Variants):
    """`union(by=)`: the value's object holds the variant's fields; the owner's `by`
    field names the variant (absent: the union's `default`)."""

    def __init__(self, where: str, name: str, classes: typing.Mapping[str, type], by: str,
                 default: str | None, by_field: Field):
        super().__init__(where, classes)
        self.name, self.by, self.default, self.by_field = name, by, default, by_field
        self.expected = f"an object (the kind its {by!r} names: {self.listed})"

    def variant(self, owner: dict[str, Any]) -> tuple[Any, str | None]:
        """The variant key the owner's JSON names (or the default)."""
        kind = owner.get(self.by)
        if isinstance(kind, enum.Enum):
            kind = kind.value
        return (kind, None) if kind is not None else (self.default, "absent")

    def check_in(self, owner: dict[str, Any], value: Any, path: str, depth: int,
                 walk: Walk) -> None:
        kind, absent = self.variant(owner)
        if kind is None:
            walk.problems.append(Problem(
                f"no {self.by!r} to tell which kind of {self.name} this is "
                f"({self.listed})", None, path, self.where))
            return
        shape = self.shapes.get(kind) if isinstance(kind, str) else None
        if shape is None:
            if isinstance(kind, str):   # (any other type: the discriminator's own problem)
                self.unknown_kind(kind, f" (its {self.by!r})", path, walk)
            return
        walk.visit(shape, value, path, self.where, depth + 1)

    def dump(self, value: Any, encode: bool) -> Any:
        return dump(self.by_class[value.__class__], value, encode)

    def load_in(self, owner: dict[str, Any], value: Any) -> Any:
        kind, _ = self.variant(owner)
        return load(self.shapes[kind], self.classes[kind], value)

    def name_variant(self, value: Any, data: dict[str, Any], encode: bool) -> bool:
        """Make the owner's JSON name the variant `value` is when its discriminator is
        absent, as `to_xml` writes it (whether it was added); a discriminator that names
        another kind is refused, as `to_xml` refuses it."""
        kind, absent = self.variant(data)
        cls = value.__class__
        if self.classes.get(kind) is cls:
            return False
        if absent is None:   # (as to_xml, an entity that says two things is not written)
            raise ValueError(f"{self.by} {kind!r} is not the kind {self.name} is "
                             f"({cls.__name__})")
        key = self.keys[cls]
        added = self.by not in data
        data[self.by] = key if encode else self.by_field.load(key)
        return added

    def check(self, value: Any, path: str, depth: int, walk: Walk) -> None:
        raise AssertionError("a by= union is checked with its owner (check_in)")

    def load(self, value: Any) -> Any:
        raise AssertionError("a by= union is loaded with its owner (load_in)")


class OnVariant(_Variants):
    """`union(on=)`, or an item of `unions(on=)`: the variant's key is written in its
    object, under the key attribute's name."""

    def __init__(self, where: str, classes: typing.Mapping[str, type], on: str):
        super().__init__(where, classes)
        self.on = on
        self.expected = f"an object with {on!r} naming its kind ({self.listed})"
        for key, cls in classes.items():
            import dataclasses
            if any(field.name == on for field in dataclasses.fields(cls)):
                raise ModelError(f"{where}: variant {cls.__qualname__} has a field named "
                                 f"{on!r}, the name its key is written under in JSON")

    def check(self, value: Any, path: str, depth: int, walk: Walk) -> None:
        if not isinstance(value, dict):
            walk.wrong(path, self.where, self.expected, describe(value))
            return
        kind = value.get(self.on)
        shape = self.shapes.get(kind) if isinstance(kind, str) else None
        if shape is None:
            if kind is None:
                walk.problems.append(Problem(f"expected {self.on!r} naming its kind "
                                             f"({self.listed})", None, path, self.where))
            else:
                self.unknown_kind(kind, "", join(path, self.on), walk)
            return
        inner = dict(value)
        del inner[self.on]
        walk.visit(shape, inner, path, self.where, depth + 1)

    def dump(self, value: Any, encode: bool) -> Any:
        cls = value.__class__
        return dump(self.by_class[cls], value, encode, {self.on: self.keys[cls]})

    def load(self, value: Any) -> Any:
        inner = dict(value)
        kind = inner.pop(self.on)
        return load(self.shapes[kind], self.classes[kind], inner)


class Tagged(_Variants):
    """A `choice()` item, as `{tag: {fields}}`."""

    def __init__(self, where: str, classes: typing.Mapping[str, type]):
        super().__init__(where, classes)
        self.expected = f"an object with one key naming the kind ({self.listed})"

    def check(self, value: Any, path: str, depth: int, walk: Walk) -> None:
        if not isinstance(value, dict) or len(value) != 1:
            got = f"an object with {len(value)} keys" if isinstance(value, dict) else None
            walk.wrong(path, self.where, self.expected, got or describe(value))
            return
        ((key, inner),) = value.items()
        shape = self.shapes.get(key) if isinstance(key, str) else None
        if shape is None:
            self.unknown_kind(key, "", path, walk)
        else:
            walk.visit(shape, inner, join(path, key), self.where, depth + 1)

    def dump(self, value: Any, encode: bool) -> Any:
        kind = value.__class__
        return {self.keys[kind]: dump(self.by_class[kind], value, encode)}

    def load(self, value: Any) -> Any:
        ((key, inner),) = value.items()
        return load(self.shapes[key], self.classes[key], inner)

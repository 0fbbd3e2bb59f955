"""What a mapped class accepts as JSON, and holds as an entity: one `Field` class per
field kind, compiled once per class into a `Shape`, driven by the walks (`Walk`) in
`jsonio`. The fields of unions and choices are in `_jsonunions`, kept XML's in
`_jsonextras`; `jsonio`'s docstring says what the form is.

dataclasses-json converts what it is given (5 for a str field becomes '5', 'ab' for a
list becomes ['a', 'b'], 1 for a bool becomes True) and skips keys it does not know, so
`from_dict` would lose or invent data without a word. The check refuses all of that and
reports every problem at once, each with its JSON path (`devices.items[3].disk.driver`).

JSON values are typed, so nothing is converted: an int field takes a JSON integer (not
"5", not 5.0, not true), a float field an integer or a number, a bool field true or
false, a str field a string. (The XML codecs read text because XML has nothing else.)
`null` is an absent value, except for lists, which are left out or written as `[]`.

The walks are iterative, so a deep document cannot exhaust the stack there; objects
nested deeper than `MAX_DEPTH`, or inside themselves, are refused.
"""
from __future__ import annotations

import dataclasses
import enum
import typing
from typing import TYPE_CHECKING, Any

from ._published import Published
from ._types import is_mapped, list_item, strip_optional
from .declare import (SPEC_KEY, ChildrenSpec, ChildSpec, ChoiceSpec, EntriesSpec, FlagSpec,
                      RawSpec, UnionSpec, UnionsSpec)
from .enums import OpenEnum
from .errors import ModelError, Problem
from .extras import Extras

if TYPE_CHECKING:
    from .jsonio import Walk

# Objects within objects. lxml refuses XML nested deeper than 256 elements, so anything
# parsed from XML fits; deeper JSON is refused before it can exhaust the stack.
MAX_DEPTH = 256

_REPR_MAX = 40
_KINDS_SHOWN = 8


def describe(value: Any) -> str:
    """What a JSON value is, for messages: `the string '5'`, `a list`, `null`."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, tuple):
        return "a tuple (JSON has lists)"
    shown = shortened(value)
    if isinstance(value, str):
        return f"the string {shown}"
    if isinstance(value, (int, float)):
        return f"the number {shown}"
    return f"a {type(value).__name__} ({shown})"


def join(prefix: str, key: Any) -> str:
    """A JSON path one step on: `devices` + `items` -> `devices.items`."""
    return f"{prefix}.{key}" if prefix else str(key)


def shortened(value: Any) -> str:
    """repr(value), cut short: a message must not repeat a huge input."""
    if isinstance(value, str) and len(value) > _REPR_MAX:
        value = value[:_REPR_MAX]   # (repr of all of it first would cost its length)
        return repr(value) + "..."
    shown = repr(value)
    return shown if len(shown) <= _REPR_MAX else shown[:_REPR_MAX] + "..."


def _held(value: Any) -> str:
    """What a value set in code is, for messages: `str '5'`."""
    return f"{type(value).__name__} {shortened(value)}"


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


# (type, test, what it expects), in this order: bool is an int subclass, never a number.
_SCALARS = (
    (bool, lambda value: value is True or value is False, "true or false"),
    (int, lambda value: isinstance(value, int) and not isinstance(value, bool), "an integer"),
    (float, lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
     "a number"),
    (str, _is_str, "a string"),
)


def _is_any(value: Any) -> bool:
    return True


# The values of each field type that are JSON as they stand (an open enum's member is a
# str, and passes as one).
_PLAIN = {str: (str,), int: (int,), bool: (bool,), float: (float, int)}


def _enum_test(enum_type: type[enum.Enum]) -> tuple[Any, str]:
    if issubclass(enum_type, OpenEnum):
        return _is_str, "a string"   # an open enum keeps values it does not know
    values = {(type(member.value), member.value) for member in enum_type}

    def test(value: Any) -> bool:
        if isinstance(value, enum_type):
            return True
        return (isinstance(value, (str, int, float)) and not isinstance(value, bool)
                and (type(value), value) in values)
    return test, f"one of {_listed([repr(member.value) for member in enum_type])}"


def _listed(names: list[str]) -> str:
    # A choice of 31 device kinds is not listed whole in every message.
    if len(names) > _KINDS_SHOWN:
        names = names[:_KINDS_SHOWN] + [f"... {len(names) - _KINDS_SHOWN} more"]
    return ", ".join(names)


def _scalar_test(annotation: Any) -> tuple[Any, str]:
    """(test, what it expects) for a scalar field's declared type."""
    kind = strip_optional(annotation)
    if not isinstance(kind, type):
        return _is_any, "a value"
    if issubclass(kind, enum.Enum):
        return _enum_test(kind)
    for base, test, expected in _SCALARS:
        if issubclass(kind, base):
            return test, expected
    return _is_any, "a value"   # a user codec's own type: to_dict's encoding is its own


class Field:
    """One key of an object, by kind: `check` takes its (non-null) JSON value, `held`
    its value in an entity (both queue nested objects on the walk); `dump` makes the
    JSON of a (non-None) value an entity holds, `load` the value of checked JSON."""

    nullable = True
    expected = "a value"

    def __init__(self, where: str):
        self.where = where

    def check(self, value: Any, path: str, depth: int, walk: Walk) -> None:
        raise NotImplementedError

    def held(self, value: Any, path: str, depth: int, walk: Walk) -> None:
        raise NotImplementedError

    def dump(self, value: Any, encode: bool) -> Any:
        raise NotImplementedError

    def load(self, value: Any) -> Any:
        raise NotImplementedError


class Scalar(Field):
    def __init__(self, where: str, annotation: Any):
        super().__init__(where)
        kind = strip_optional(annotation)
        self.enum = kind if isinstance(kind, type) and issubclass(kind, enum.Enum) else None
        self.test, self.expected = _scalar_test(annotation)
        # A type of a codec's own (a dataclass, a union with one): its JSON is
        # dataclasses-json's, as it always was.
        self.own_type = None if self.enum is not None or kind in (str, int, bool, float) \
            else annotation
        # The enum among a union's types (`int | EtherType | Variable`): a string is its
        # member, as the field's codec reads it from XML.
        self.float = kind is float   # (JSON's 2 for a float field is 2.0)
        # The Python types `dump` passes on without asking `test`.
        self.plain = frozenset(
            (str,) if self.enum is not None and issubclass(self.enum, OpenEnum)
            else _PLAIN.get(kind, ()) if self.enum is None else ())
        if self.test is _is_any:
            self.plain = frozenset((str, int, bool, float))
        self.union_enum = next((arg for arg in typing.get_args(kind) if isinstance(arg, type)
                                and issubclass(arg, enum.Enum)), None)

    def check(self, value: Any, path: str, depth: int, walk: Walk) -> None:
        if not self.test(value):
            walk.wrong(path, self.where, self.expected, describe(value))

    def held(self, value: Any, path: str, depth: int, walk: Walk) -> None:
        if not (self.test(value) or (self.enum is not None and isinstance(value, self.enum))):
            walk.wrong(path, self.where, self.expected, _held(value))

    def dump(self, value: Any, encode: bool) -> Any:
        kind = value.__class__
        if kind in self.plain:
            return value
        if self.enum is not None and isinstance(value, self.enum):
            return value.value if encode else value
        if not encode:
            # (Python values, not JSON: what a field holds is given as it is, a host's
            # placeholder in a path too, as dataclasses-json's to_dict() gave it)
            return value if not dataclasses.is_dataclass(value) else _encoded(value, False)
        if not self.test(value):
            raise TypeError(f"{self.where}: {_held(value)}")
        if kind is str or kind is int or kind is bool or kind is float:
            return value
        if isinstance(value, enum.Enum):
            return value.value if encode else value
        return _encoded(value, encode)

    def load(self, value: Any) -> Any:
        kind = self.enum
        if kind is not None:
            return value if isinstance(value, kind) else kind(value)
        if self.float:
            return float(value)
        if self.own_type is not None:
            if self.union_enum is not None and isinstance(value, str):
                try:
                    return self.union_enum(value)
                except ValueError:   # (a closed enum that does not have it)
                    return value
            return _decoded(self.own_type, value)
        return value


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


class Entries(Field):
    def check(self, value: Any, path: str, depth: int, walk: Walk) -> None:
        if not isinstance(value, dict):
            walk.wrong(path, self.where, "an object of strings", describe(value))
            return
        for key, text in value.items():
            if not isinstance(key, str) or not isinstance(text, str):
                walk.wrong(join(path, key), self.where, "a string", describe(text))

    def held(self, value: Any, path: str, depth: int, walk: Walk) -> None:
        if not (isinstance(value, dict)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())):
            walk.wrong(path, self.where, "a dict of strings to strings", _held(value))

    def dump(self, value: Any, encode: bool) -> Any:
        if not (isinstance(value, dict)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())):
            raise TypeError(f"{self.where}: {_held(value)}")
        return dict(value)

    def load(self, value: Any) -> Any:
        return dict(value)


class ExtrasField(Field):
    """Kept XML, in the form `_jsonextras` writes: its child names are those of `cls`."""

    def __init__(self, where: str, cls: type):
        super().__init__(where)
        self.cls = cls
        self._tokens: ChildTokens | None = None

    @property
    def tokens(self) -> ChildTokens:
        # (made on first use: most entities keep nothing; made twice under a race, alike)
        if self._tokens is None:
            self._tokens = tokens_of(self.cls)
        return self._tokens

    def check(self, value: Any, path: str, depth: int, walk: Walk) -> None:
        found: list[tuple[str, str]] = []
        try:
            extras_from_json(value, self.tokens, found)
        except RecursionError:
            found.append(("", "unknown XML nested too deeply"))
        for place, what in found:
            walk.problems.append(Problem(what, None, join(path, place) if place else path,
                                         self.where))

    def held(self, value: Any, path: str, depth: int, walk: Walk) -> None:
        if not isinstance(value, Extras):
            walk.wrong(path, self.where, "Extras", _held(value))

    def dump(self, value: Any, encode: bool) -> Any:
        if not isinstance(value, Extras):
            raise TypeError(f"{self.where}: {_held(value)}")
        return extras_json(value, self.tokens)

    def load(self, value: Any) -> Any:
        return extras_from_json(value, self.tokens, [])


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


def _encoded(value: Any, encode: bool) -> Any:
    """A value of a codec's own type, as dataclasses-json writes it (a dataclass as a
    dict of its fields, those set: as for entities, absent is left out, and read back as
    None; datetime, UUID, Decimal, ...)."""
    from dataclasses_json.core import _asdict, _encode_json_type
    # (dataclasses-json's internals carry no annotations)
    data = _asdict(value, encode_json=encode)  # type: ignore[no-untyped-call]
    if dataclasses.is_dataclass(value) and isinstance(data, dict):
        data = {key: item for key, item in data.items() if item is not None}
    return _encode_json_type(data) if encode else data  # type: ignore[no-untyped-call]


def _decoded(annotation: Any, value: Any) -> Any:
    """A value of a codec's own type from its JSON, as dataclasses-json reads it."""
    from dataclasses_json.core import _decode_generic
    return _decode_generic(annotation, value, True)  # type: ignore[no-untyped-call]


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

from ._jsonextras import ChildTokens, extras_from_json, extras_json, tokens_of  # noqa: E402
from ._jsonunions import ByVariant, OnVariant, Tagged  # noqa: E402  (they build on Field)

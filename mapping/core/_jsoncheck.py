"""What a mapped class accepts as JSON, and holds as an entity: one `Field` class per
field kind, compiled once per class into a `Shape`, driven by the walks (`Walk`) in
`jsonio`. Here: the scalar, free-form and kept-XML fields; nested objects, lists and
the shapes are in `_jsonshape`, unions and choices in `_jsonunions`, kept XML's form in
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

from ._types import strip_optional
from .enums import OpenEnum
from .errors import Problem
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


from ._jsonextras import ChildTokens, extras_from_json, extras_json, tokens_of  # noqa: E402

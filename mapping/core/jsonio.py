"""Entities as JSON-ready dicts, by the shapes of their classes (`_jsonshape`: one
`Field` class per field kind, each of which writes and reads its own JSON).

The form, stable across releases (`roundtrip_corpus/json/` holds reviewed examples):

- An object per entity, its keys the Python field names in declaration order. Absent
  values are left out (never `null`), and so are empty lists: a list key that is absent
  reads as `[]`. Values are JSON's own types: an enum as its XML value (`"none"`), an int
  as a number (0x05 is `5`), a flag as true or false.
- `union(by=...)`: the value is the variant's object as it stands; the owner's
  discriminator field names the variant (`{"type": "file", "source": {"file": "/x"}}`),
  and when it is absent, the union's `default=` does. An entity's discriminator follows
  the variant set on it; one set to contradict it is refused, as `to_xml` refuses it.
- `union(on=...)` and each item of `unions(on=...)`: the variant's key is written inside
  its object, first, under the key attribute's name (`"address": {"type": "pci",
  "slot": 3}`).
- `choice()` items: `{tag: {fields}}` (`[{"disk": {...}}, {"interface": {...}}]`). The
  tag is the only discriminator and no field of the entity: a key inside the object could
  collide with a field of that name, the one-key wrapper cannot.
- Unknown XML, only where there is some, under `extras`:
  `attrs` (unknown attributes, `{name: text}`; `{uri}name` for a namespaced one),
  `omitted_attrs` (attributes a codec writes beside a value, e.g. a unit, that the
  document left out), `nodes` (kept elements, comments, text and processing
  instructions, in document order: `{"element": "<x/>", "after": "name"}`,
  `{"comment": " c "}`, `{"text": "t"}`, `{"pi": [target, text]}`; `after` names the
  known child the node follows, as a field path does: `name`, `items[3]`, or `/boot` for
  a path-reached element several fields share; without `after` a node stands before
  every known child, and `"last": true` marks nodes appended after them all), `order`
  (the known children in document order, only when that is not the declaration order),
  `sub` (what path-reached elements, flags and list items keep, by `/boot`, the flag's
  field, `tags[2]`) and, on a document's root, `before_root` and `after_root` (the
  comments and processing instructions around the root element). A document the model
  fully knows, in libvirt's order, has no `extras` anywhere.

Both directions are checked (see `_jsoncheck`): `from_dict` refuses unknown keys and
values of the wrong JSON type with a `ParseError` listing every problem with its JSON
path, and converts nothing ("5" is no int, 1 is no bool); `to_dict` refuses an entity
whose values do not fit their fields with a `SerializeError` naming the field path, so
what it returns is always what `from_dict` takes back. The XML an entity writes after
a trip through JSON is the XML it wrote before (the source document's own text is not
in JSON: `to_xml` writes libvirt's style then).
"""
from __future__ import annotations

from typing import Any, TypeVar

from ._jsoncheck import MAX_DEPTH, describe, join
from ._jsonshape import Shape, dump, load, shape_for
from ._stack import room
from ._types import is_mapped
from .errors import MappingError, ParseError, Problem, SerializeError

# Stack frames a dump or a load spends per nesting level (an object, its field, a list).
_FRAMES_PER_LEVEL = 3


def to_dict(entity: Any, encode: bool = True) -> dict[str, Any]:
    """The entity as a dict of JSON types (`encode=False`: enums as members)."""
    if not is_mapped(type(entity)):
        raise MappingError(f"{type(entity).__name__} is not an @element entity")
    shape = shape_for(type(entity))
    try:
        try:
            data = dump(shape, entity, encode)
        except RecursionError:
            data = _deep_to_dict(shape, entity, encode)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError) as err:
        # A value that does not fit its field (an int field's "5", a str where a union's
        # variant belongs).
        raise _serialize_error(entity, [Problem(f"{type(err).__name__}: {err}")]) from None
    return data


T = TypeVar("T")


def from_dict(data: dict[str, Any], cls: type[T]) -> T:
    """An entity of `cls` from a dict made by `to_dict` (or written by hand)."""
    if not is_mapped(cls):
        raise MappingError(f"{getattr(cls, '__name__', cls)!r} is not an @element class")
    problems, depth = json_problems(data, cls)
    if problems:
        raise ParseError(problems)
    try:
        with _room(depth):
            entity: T = load(shape_for(cls), cls, data)
            return entity
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError) as err:
        # The check above leaves nothing to trip on but a class's own __init__.
        raise ParseError(f"cannot build {cls.__name__} from dict: {err!r}") from None


def _deep_to_dict(shape: Shape, entity: Any, encode: bool) -> dict[str, Any]:
    """to_dict of an entity nested deeper than the stack allows: refused past MAX_DEPTH
    (a cycle is infinitely deep), else written again with enough room."""
    problems, depth = entity_problems(entity)
    if problems:
        raise _serialize_error(entity, problems)
    with _room(depth):
        return dump(shape, entity, encode)


def _room(levels: int) -> Any:
    """Enough recursion limit to go `levels` objects deep (only documents deeper than
    ~300 levels need more than the default)."""
    return room(levels * _FRAMES_PER_LEVEL)


def _serialize_error(entity: Any, problems: list[Problem]) -> SerializeError:
    """The entity's own problems (field paths) when a walk over it finds any, else the
    problems met in its JSON, under the class name."""
    found, _ = entity_problems(entity)
    if not found:   # (a discriminator against its variant: what the XML writer says)
        from ._plan import plan_for
        from ._shape import first_problem
        located, _ = first_problem(entity, plan_for(type(entity)))
        if located is not None:
            return SerializeError(located)
    name = type(entity).__name__
    lines = [f"{name}.{p.path}: {p.message}" if p.path else f"{name}: {p.message}"
             for p in (found or problems)]
    if len(lines) == 1:
        return SerializeError(lines[0])
    return SerializeError("\n".join([f"{len(lines)} problems:"] + [f"  - {x}" for x in lines]))


class Walk:
    """Problems found so far, and the objects still to visit (shape, data, path, depth).

    One walk checks either JSON data (`Field.check`) or an entity (`Field.held`)."""

    __slots__ = ("problems", "pending")

    def __init__(self, shape: Shape, data: Any) -> None:
        self.problems: list[Problem] = []
        # (shape, data, path, depth); a shape of None marks the way back up past data
        self.pending: list[tuple[Shape | None, Any, str, int]] = [(shape, data, "", 1)]

    def wrong(self, path: str, field: str | None, expected: str, got: str) -> None:
        self.problems.append(Problem(f"expected {expected}, got {got}", None, path or None,
                                     field))

    def visit(self, shape: Shape, data: Any, path: str, field: str | None,
              depth: int) -> None:
        """Queue JSON `data` as an object of `shape` (checking that it is one)."""
        if not isinstance(data, dict):
            self.wrong(path, field, f"an object ({shape.name})", describe(data))
        else:
            self.enter(shape, data, path, field, depth)

    def enter(self, shape: Shape, data: Any, path: str, field: str | None,
              depth: int) -> None:
        if depth > MAX_DEPTH:
            self.problems.append(Problem(f"nested more than {MAX_DEPTH} objects deep",
                                         None, path, field))
        else:
            self.pending.append((shape, data, path, depth))

    def run(self, step: Any) -> int:
        """Visit every queued object with `step` (children in document order); the
        deepest level reached."""
        pending, deepest = self.pending, 0
        # Objects on the way down to the current one: meeting one again is a cycle (an
        # entity, or a dict built in code, can hold itself), refused before it multiplies.
        above: set[int] = set()
        while pending:
            shape, data, path, depth = pending.pop()
            if shape is None:   # back up past `data`
                above.discard(id(data))
                continue
            if id(data) in above:
                self.problems.append(Problem("contains itself", None, path or None))
                continue
            above.add(id(data))
            pending.append((None, data, path, depth))
            deepest = max(deepest, depth)
            mark = len(pending)
            step(shape, data, path, depth, self)
            pending[mark:] = pending[mark:][::-1]
        return deepest


def json_problems(data: Any, cls: type) -> tuple[list[Problem], int]:
    """Every problem of JSON `data` as a `cls`, and how deep its objects nest."""
    walk = Walk(shape_for(cls), data)
    if not isinstance(data, dict):
        walk.pending.clear()
        walk.wrong("", None, f"an object ({cls.__name__})", describe(data))
        return walk.problems, 0
    return walk.problems, walk.run(_check_object)


def _check_object(shape: Shape, obj: dict[Any, Any], path: str, depth: int,
                  walk: Walk) -> None:
    fields, owned = shape.fields, shape.owned
    for key, value in obj.items():
        field = fields.get(key)
        if field is None:
            shape.unknown(key, path, walk)
        elif value is None:
            if not field.nullable:
                walk.wrong(join(path, key), field.where, "a list", "null")
        elif owned and key in owned:
            field.check_in(obj, value, join(path, key), depth, walk)  # type: ignore[attr-defined]
        else:
            field.check(value, join(path, key), depth, walk)


def entity_problems(entity: Any) -> tuple[list[Problem], int]:
    """What in an entity tree does not fit its declaration, with field paths
    (`devices.items[0].source`), and how deep it nests (refused past MAX_DEPTH, so that
    an object containing itself ends)."""
    walk = Walk(shape_for(type(entity)), entity)
    return walk.problems, walk.run(_held_object)


def _held_object(shape: Shape, obj: Any, path: str, depth: int, walk: Walk) -> None:
    for name, field in shape.fields.items():
        value = getattr(obj, name, None)
        if value is not None:
            field.held(value, join(path, name), depth, walk)

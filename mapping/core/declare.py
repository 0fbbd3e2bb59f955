"""Declaring a mapping: field helpers and the `element` class decorator.

Each helper returns a `dataclasses.field` whose metadata holds one frozen spec object,
so a field is declared once and drives both parsing and writing::

    @element("disk")
    class Disk:
        type: str | None = attr("type")
        target: DiskTarget | None = child("target")
        boot_order: int | None = path("boot/@order")
"""
from __future__ import annotations

import copy
import dataclasses
import inspect
import reprlib
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar, cast, dataclass_transform


from ._variant import VariantField
from .codecs import Codec
from .extras import Extras, extras_field

SPEC_KEY = "mapping"


def qualify(name: str, ns: str | None) -> str:
    """Clark notation (`{uri}local`) for a name in a namespace; a name already in it stays."""
    if ns is None or name.startswith("{"):
        return name
    return f"{{{ns}}}{name}"


class _Record:
    """A small frozen record: fields named by the annotations of the class and its bases
    (bases' first), compared and hashed by value. What a frozen dataclass is, for the
    dozen classes below: making a frozen dataclass costs ~0.7 ms, at every import."""

    _names: tuple[str, ...] = ()
    _defaults: dict[str, Any] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = tuple(cls.__dict__.get("__annotations__", {}))
        cls._names = cls._names + own
        cls._defaults = {**cls._defaults,
                         **{name: cls.__dict__[name] for name in own if name in cls.__dict__}}

    def __init__(self, *args: Any, **kwargs: Any):
        names = self._names
        if len(args) == len(names) and not kwargs:   # (how the field helpers make them)
            self.__dict__.update(zip(names, args))
            return
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__} takes {len(names)} values, not {len(args)}")
        values = dict(self._defaults)
        values.update(zip(names, args))
        for name, value in kwargs.items():
            if name not in names:
                raise TypeError(f"{type(self).__name__} has no field {name!r}")
            values[name] = value
        for name in names:
            if name not in values:
                raise TypeError(f"{type(self).__name__}: missing {name!r}")
            object.__setattr__(self, name, values[name])

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._names)

    def __eq__(self, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.__class__, self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._names)
        return f"{type(self).__name__}({shown})"


class FieldSpec(_Record):
    """What every mapped field has: an optional codec and the compat level it needs."""

    codec: Codec | None
    since: str | None


class AttrSpec(FieldSpec):
    name: str


class TextSpec(FieldSpec):
    pass


class ChildSpec(FieldSpec):
    tag: str


class ChildrenSpec(FieldSpec):
    tag: str


class PathSpec(FieldSpec):
    steps: tuple[str, ...]   # element names, outermost first
    leaf: str | None         # attribute name at the end, or None for the text


class FlagSpec(FieldSpec):
    tag: str


class UnionSpec(FieldSpec):
    tag: str
    variants: Mapping[str, type]
    on: str | None           # attribute of the element itself that picks the variant
    by: str | None           # or: name of the parent's field that picks it
    default: str | None      # with by=: the variant when the parent's attribute is absent


class UnionsSpec(UnionSpec):
    """A repeated child, each one's dataclass picked by its own attribute (`on`)."""


class EntriesSpec(FieldSpec):
    tag: str                 # the wrapper element
    ns: str | None           # namespace of the entry elements


class RawSpec(FieldSpec):
    pass


class ChoiceSpec(FieldSpec):
    classes: Mapping[str, type]   # tag -> class, in declaration order


def _is_none(value: Any) -> bool:
    return value is None


def _field(spec: FieldSpec, default: Any = None, json: dict[str, Any] | None = None) -> Any:
    # JSON leaves out absent values; from_dict reads them back as None.
    metadata = {SPEC_KEY: spec, "dataclasses_json": {"exclude": _is_none, **(json or {})}}
    if default is list:
        return dataclasses.field(default_factory=list, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def _tagged_codec(classes: Mapping[str, type]) -> tuple[Any, Any]:
    """JSON for a value whose class is one of several: `{key: {fields...}}`."""
    keys_by_class: dict[type, str] = {}
    for key, cls in classes.items():
        keys_by_class.setdefault(cls, key)

    def encode(value: Any) -> Any:
        if value is None:
            return None
        # (not encoded for JSON here: the owner encodes its whole dict once, which with
        # encode_json=True here too would re-encode each level at every level above)
        return {keys_by_class[type(value)]: value.to_dict(encode_json=False)}

    def decode(data: Any) -> Any:
        if data is None or not isinstance(data, dict):
            return data
        ((key, fields),) = data.items()
        variant: type[Any] = classes[key]   # (an entity class: from_dict is given it)
        return variant.from_dict(fields, infer_missing=True)

    return encode, decode


def attr(name: str, *, ns: str | None = None, codec: Codec | None = None,
         since: str | None = None, default: Any = None) -> Any:
    """An attribute of the element: `attr("dev")`."""
    return _field(AttrSpec(codec, since, qualify(name, ns)), default)


def text(*, codec: Codec | None = None, since: str | None = None, default: Any = None) -> Any:
    """The element's own text: `<memory>1024</memory>`."""
    return _field(TextSpec(codec, since), default)


def child(tag: str, *, ns: str | None = None, codec: Codec | None = None,
          since: str | None = None, default: Any = None) -> Any:
    """One child element: a nested dataclass, or for a scalar type the child's text."""
    return _field(ChildSpec(codec, since, qualify(tag, ns)), default)


def children(tag: str, *, ns: str | None = None, codec: Codec | None = None,
             since: str | None = None) -> Any:
    """A repeated child element, as a list of dataclasses or of scalars (the texts)."""
    return _field(ChildrenSpec(codec, since, qualify(tag, ns)), list)


def entries(tag: str, *, ns: str | None = None, since: str | None = None) -> Any:
    """A wrapper element of free-form leaves as a `dict[str, str]`, names to texts:
    `<custom><foo>bar</foo></custom>` -> `{"foo": "bar"}` (oVirt's custom properties).

    `ns` is the namespace of the wrapper and of every entry. A wrapper holding anything
    else (attributes, nested elements, comments) is kept whole as unknown XML.
    """
    return _field(EntriesSpec(None, since, qualify(tag, ns), ns))


def raw_elements(*, since: str | None = None) -> Any:
    """Every child element no other field maps, kept whole as XML text, in document
    order: `<metadata>`'s blocks, which belong to other applications."""
    return _field(RawSpec(None, since), list)


def _split_path(text_path: str) -> list[str]:
    """Split on '/' outside `{uri}` braces, so namespaced steps survive."""
    steps, current, depth = [], "", 0
    for char in text_path:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        if char == "/" and depth == 0:
            steps.append(current)
            current = ""
        else:
            current += char
    steps.append(current)
    return steps


def path(where: str, *, ns: str | None = None, codec: Codec | None = None,
         since: str | None = None, default: Any = None) -> Any:
    """A scalar leaf reached by a short path: `path("boot/@order")`, `path("os/type")`.

    Intermediate elements are written when any field that reaches through them is set.
    `ns` applies to every element step (attributes stay unqualified, as in XML).
    """
    steps = _split_path(where)
    leaf = None
    if steps[-1].startswith("@"):
        leaf = steps.pop()[1:]
    if not steps or any(not step or step.startswith("@") for step in steps):
        raise ValueError(f"path {where!r}: expected 'elem/.../@attr' or 'elem/.../elem'")
    qualified = tuple(qualify(step, ns) for step in steps)
    return _field(PathSpec(codec, since, qualified, leaf), default)


def flag(tag: str, *, ns: str | None = None, since: str | None = None) -> Any:
    """An empty element whose presence is the value: `<readonly/>` -> True, absent -> None.

    False is written like None (no element): the XML has no way to say it.
    """
    return _field(FlagSpec(None, since, qualify(tag, ns)))


def union(tag: str, variants: Mapping[str, type], *, on: str | None = None,
          by: str | None = None, default: str | None = None, ns: str | None = None,
          since: str | None = None) -> Any:
    """A child element whose dataclass is picked by a discriminator value.

    `on="type"`: the child's own attribute picks it (`<address type="pci" .../>`).
    `by="type"`: the parent's field picks it (`<disk type="file"><source file=.../>`);
    when the child is set, its variant decides what that attribute says on output.
    `default`: with `by=`, the variant libvirt assumes when the attribute is absent
    (then the attribute stays absent on output).
    """
    if (on is None) == (by is None):
        raise ValueError(f"union {tag!r}: give exactly one of on= or by=")
    if default is not None and (by is None or default not in variants):
        raise ValueError(f"union {tag!r}: default= needs by= and must name a variant")
    encode, decode = _tagged_codec(variants)
    return _field(UnionSpec(None, since, qualify(tag, ns), dict(variants), on, by, default),
                  json={"encoder": encode, "decoder": decode})


def unions(tag: str, variants: Mapping[str, type], *, on: str, ns: str | None = None,
           since: str | None = None) -> Any:
    """Repeated child elements, each one's dataclass picked by its own attribute, into
    one list in document order: a node device's `<capability type=...>`s."""
    if not on:
        raise ValueError(f"unions {tag!r}: on= names the attribute that picks each variant")
    encode, decode = _tagged_codec(variants)
    return _field(UnionsSpec(None, since, qualify(tag, ns), dict(variants), on, None, None),
                  list, json={"encoder": lambda items: [encode(item) for item in items],
                              "decoder": lambda items: [decode(item) for item in items]})


def choice(*classes: type, since: str | None = None, **by_tag: type) -> Any:
    """A list of children of several kinds in document order, each tag its dataclass.

    Classes given positionally are keyed by their own `@element` tag.
    """
    mapping: dict[str, type] = {}
    for cls in classes:
        options = getattr(cls, "__xml__", None)
        if options is None or options.tag is None:
            raise ValueError(f"choice(): {cls.__name__} has no @element tag")
        mapping[options.tag] = cls
    mapping.update(by_tag)
    encode, decode = _tagged_codec(mapping)
    return _field(ChoiceSpec(None, since, mapping), list, json={
        "encoder": lambda items: [encode(item) for item in items],
        "decoder": lambda items: [decode(item) for item in items]})


class ElementOptions(_Record):
    """Class-level options: the element's qualified tag and preferred prefixes."""

    tag: str | None
    nsmap: Mapping[str | None, str]
    written_last: bool = False
    # The class body defines __init__ (dataclass keeps it): objects are made through it.
    own_init: bool = False


_C = TypeVar("_C", bound=type)


# For type checkers: the class becomes a keyword-only dataclass. The field helpers are
# not named as field specifiers on purpose: a checker would then take a field without
# `default=` for a required one, while every helper gives its field a default.
@dataclass_transform(kw_only_default=True)
def element(tag: str | None = None, *, ns: str | None = None,
            nsmap: Mapping[str | None, str] | None = None,
            written_last: bool = False) -> Callable[[_C], _C]:
    """Make a class a mapped dataclass (keyword-only) with an `extras` holder.

    `tag` is needed for root classes and `choice()` members; nested classes get their
    tag from the field that holds them. Options are inherited unless given again.
    `written_last=True` on a base class writes its fields after those of subclasses
    (libvirt puts a device's alias and address last, whatever the device).
    """
    def wrap(made: _C) -> _C:
        # (the class is patched in place, past what a type checker follows)
        cls: Any = made
        inherited = getattr(cls, "__xml__", None)
        own_tag = qualify(tag, ns) if tag is not None else (inherited.tag if inherited else None)
        prefixes = dict(inherited.nsmap) if inherited else {}
        prefixes.update(nsmap or {})
        if "__dataclass_fields__" in cls.__dict__:
            raise TypeError(
                f"@element on {cls.__name__}: leave out @dataclass, @element makes it one")
        annotations = cls.__dict__.get("__annotations__", {})
        own_init = "__init__" in cls.__dict__
        if not hasattr(cls, "__dataclass_fields__"):
            cls.__annotations__ = {**annotations, "extras": Extras | None}
            cls.extras = extras_field()
        own = cls.__dict__
        # (dataclass writes and compiles an __init__, an __eq__ and a __repr__ for each
        # class: half of what importing the models cost. One __eq__ and one __repr__
        # serve them all alike; the __init__ is written here, and its compiled code is
        # kept between processes with the readers' and writers')
        documented = bool(own.get("__doc__"))
        if not documented:
            cls.__doc__ = "-"   # (dataclass would describe it by an __init__ not made yet)
        cls = dataclass(cls, kw_only=True, init=False, eq=False, repr=False)
        for name in cls.__dict__.get("__annotations__", {}):
            spec = cls.__dataclass_fields__[name].metadata.get(SPEC_KEY)
            if isinstance(spec, UnionSpec) and spec.by is not None:
                setattr(cls, name, VariantField(name, spec.by))
            elif name in own and not own_init:
                # (help() listed each field again as `name = None`: the defaults are the
                # fields' own, and every entity is made with all of its fields set)
                delattr(cls, name)
        if "__init__" not in own:
            cls.__init__ = _LazyInit(cls)
        if not documented:   # as dataclass describes a class: by its signature
            cls.__doc__ = _SignatureDoc(cls)
        if "__eq__" not in own:
            cls.__eq__ = _entity_eq
            if "__hash__" not in own:
                cls.__hash__ = None   # (mutable and compared by value: as dataclass leaves it)
        if "__repr__" not in own:
            cls.__repr__ = _entity_repr
        _with_json_methods(cls)
        cls.__xml__ = ElementOptions(own_tag, prefixes, written_last, own_init)
        if not hasattr(cls, "__deepcopy__"):   # (one of its own, or a base's, is kept)
            cls.__deepcopy__ = _deepcopy
        return cast(_C, cls)
    return wrap


# dataclasses-json's methods on every entity class, under its names and signatures:
# `to_dict`, `from_dict`, `to_json` and `from_json` go the library's own way (`jsonio`:
# checked, and 10-30 times faster than dataclasses-json's per-call type inspection);
# `schema` is dataclasses-json's marshmallow schema. Importing dataclasses-json costs a
# fresh process about 80 ms, so it is imported on first use of `schema`, and then given
# every class made so far at once (its schemas take a nested class for one of its own
# only once it is given it).
_JSON_METHODS = ("schema",)
_entities: list[type] = []
_json_lock = threading.Lock()
_json_ready = False


def _to_dict(self: Any, encode_json: bool = False) -> dict[str, Any]:
    """This entity as a dict (`mapping.to_dict`); `encode_json=False` leaves enums as
    their members."""
    from .jsonio import to_dict
    return to_dict(self, encode=encode_json)


def _from_dict(cls: type, /, kvs: Any, *, infer_missing: bool = True) -> Any:
    """An entity of this class from a dict (`mapping.from_dict`: checked; an absent key
    is an absent value, whatever `infer_missing` says)."""
    from .jsonio import from_dict
    return from_dict(kvs, cls)


def _to_json(self: Any, **options: Any) -> str:
    """This entity as JSON text; the options are `json.dumps`'s."""
    import json

    from .jsonio import to_dict
    return json.dumps(to_dict(self), **options)


def _from_json(cls: type, /, s: str | bytes, *, infer_missing: bool = True,
               **options: Any) -> Any:
    """An entity of this class from JSON text; the options are `json.loads`'s."""
    import json

    from .jsonio import from_dict
    return from_dict(json.loads(s, **options), cls)


_OWN_JSON_METHODS = {"to_dict": _to_dict, "from_dict": classmethod(_from_dict),
                     "to_json": _to_json, "from_json": classmethod(_from_json)}


class _JsonMethod:
    """Stands for one of dataclasses-json's methods until JSON is first used."""

    def __init__(self, name: str):
        self.name = name

    def __get__(self, obj: Any, owner: type) -> Any:
        _load_json()
        if isinstance(owner.__dict__.get(self.name), _JsonMethod):   # (not given it)
            _give_json(owner)
        return getattr(owner if obj is None else obj, self.name)


def _with_json_methods(cls: type) -> None:
    for name, method in _OWN_JSON_METHODS.items():
        if name not in cls.__dict__:
            setattr(cls, name, method)
    with _json_lock:
        if _json_ready:
            _give_json(cls)
            return
        _entities.append(cls)
        for name in _JSON_METHODS:
            setattr(cls, name, _JsonMethod(name))


def _load_json() -> None:
    global _json_ready
    if _json_ready:
        return
    with _json_lock:
        if not _json_ready:
            for cls in _entities:
                _give_json(cls)
            _entities.clear()
            _json_ready = True


def _give_json(cls: type[Any]) -> None:
    from dataclasses_json import dataclass_json

    own_init = "__init__" in cls.__dict__
    own = {name: cls.__dict__[name] for name in _OWN_JSON_METHODS}
    dataclass_json(cls)
    if not own_init:   # (it sets __init__ to the one the class inherits: left inherited)
        del cls.__init__
    for name, method in own.items():   # (it sets its own: ours stay)
        setattr(cls, name, method)


# Writing the `__init__` of every class, and describing each undocumented one by its
# signature, cost a fresh process ~30 ms at import; most classes are never built by a
# call (readers make objects without one) and few are ever described. Both are made on
# first use.
_init_lock = threading.Lock()


class _LazyInit:
    """Stands for a class's `__init__` until it is first looked up."""

    __slots__ = ("cls",)

    def __init__(self, cls: type):
        self.cls = cls

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        cls: Any = self.cls   # (its __init__ is replaced: past what a checker follows)
        init = cls.__dict__.get("__init__")
        if init is self:
            with _init_lock:
                init = cls.__dict__.get("__init__")
                if init is self:
                    init = _make_init(cls)
                    cls.__init__ = init
        return init if obj is None else init.__get__(obj, owner)


class _SignatureDoc:
    """The `__doc__` dataclass gives an undocumented class (its name and signature),
    made when it is first read."""

    __slots__ = ("cls", "text")

    def __init__(self, cls: type):
        self.cls = cls
        self.text: str | None = None

    def __get__(self, obj: Any, owner: type | None = None) -> str:
        if self.text is None:
            self.text = self.cls.__name__ + str(inspect.signature(self.cls)).replace(
                " -> None", "")
        return self.text


class _Factory:
    """The default of a parameter whose field has a default_factory."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _make_init(cls: type) -> Any:
    """The keyword-only `__init__` dataclass would write for `cls`: each field set from its
    argument, its default or its default factory, then `__post_init__` if there is one."""
    from ._codegen import Source

    src = Source({"_FACTORY": _FACTORY})
    params, body, follow = [], [], []
    for field in dataclasses.fields(cls):
        name = field.name
        variant = inspect.getattr_static(cls, name, None)
        if isinstance(variant, VariantField):   # set as given; it follows only when absent
            follow.append(f"{src.const(variant, f'v_{name}_')}.initialised(self)")
            store = f"self.__dict__[{name!r}]"
        else:
            store = f"self.{name}"
        if field.default is not dataclasses.MISSING:
            default = src.const(field.default, f"d_{name}_")
        elif field.default_factory is not dataclasses.MISSING:
            default = "_FACTORY"
            factory = src.const(field.default_factory, f"f_{name}_")
        else:
            default = None
        if not field.init:
            value = f"{factory}()" if default == "_FACTORY" else (default or "None")
            body.append(f"{store} = {value}")
            continue
        params.append(name if default is None else f"{name}={default}")
        if default == "_FACTORY":
            body.append(f"{store} = {factory}() if {name} is _FACTORY else {name}")
        else:
            body.append(f"{store} = {name}")
    body += follow
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    src.add(0, f"def __init__(self, *, {', '.join(params)}):" if params
            else "def __init__(self):")
    for line in body or ["pass"]:
        src.add(1, line)
    init = src.define("__init__", f"<mapping init {cls.__module__}.{cls.__qualname__}>",
                      f"{cls.__qualname__}.__init__")
    init.__annotations__ = {field.name: field.type for field in dataclasses.fields(cls)
                            if field.init}
    return init


def _entity_eq(self: Any, other: Any) -> Any:
    """Entities are equal when they are of one class and their fields are equal."""
    if other.__class__ is not self.__class__:
        return NotImplemented
    # (field by field, not by comparing the two __dict__: that takes one more level of
    # the interpreter's recursion per level of nesting, and the deepest chains need it)
    for name in self.__dataclass_fields__:
        a, b = getattr(self, name), getattr(other, name)
        if a is not b and not a == b:
            return False
    return True


@reprlib.recursive_repr()
def _entity_repr(self: Any) -> str:
    # What is set, as a call that makes it: a disk of a running domain has ~40 fields,
    # most of them None, and printing them all buried the few that are there.
    shown = []   # (a loop, not a generator: a frame less per level of nesting)
    for name, field in self.__dataclass_fields__.items():
        if field.repr:
            value = getattr(self, name)
            if value is not None and not (value.__class__ is list and not value):
                shown.append(f"{name}={value!r}")
    return f"{self.__class__.__qualname__}({', '.join(shown)})"


_ATOMIC = frozenset({str, int, float, bool, type(None)})


def _deepcopy(self: Any, memo: dict[int, Any]) -> Any:
    """What `copy.deepcopy` makes of an entity, one frame per level of nesting: the
    generic machinery (reduce, reconstruct, copy the state dict) takes five, so a legal
    250-deep backing chain would pass the recursion limit. Cycles and shared objects
    come out as deepcopy makes them, through `memo`."""
    found = memo.get(id(self))
    if found is not None:
        return found
    cls = self.__class__
    new = cls.__new__(cls)
    memo[id(self)] = new
    state = new.__dict__
    for name, value in self.__dict__.items():
        kind = value.__class__
        if kind in _ATOMIC:
            state[name] = value
        elif getattr(kind, "__deepcopy__", None) is _deepcopy:   # (mapped: straight there)
            state[name] = _deepcopy(value, memo)
        else:
            state[name] = copy.deepcopy(value, memo)
    return new

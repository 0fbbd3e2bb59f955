"""A read-only view of how a class maps, for tools built on the model: `describe(cls)`.

Schema generators, test-data generators and users' own tools read a class's mapping here
instead of the compiled plan (whose shape serves the generated code and may change). The
view has two sides, both in declaration order:

- `fields`: one `FieldView` per Python field (what kind of declaration, its codec, the
  classes it holds);
- `content`: what the element holds as XML (`ElementView`: attributes, text, children),
  where a path-reached element (`boot` of `boot/@order`) is a child with its own content.

Views are frozen and made once per class; a class that does not compile raises
`ModelError`, as `from_xml` would.
"""
from __future__ import annotations

from dataclasses import dataclass, field as _field
from types import MappingProxyType
from collections.abc import Mapping
from typing import Any, Literal

from ._handlers import (ChoiceHandler, EntriesHandler, FlagHandler, GroupHandler,
                        NestedListHandler, NestedHandler, RawHandler, ScalarListHandler,
                        UnionHandler, UnionListHandler)
from ._plan import _prefixes, plan_for
from ._types import field_hints, is_mapped
from .codecs import Codec
from .declare import (SPEC_KEY, AttrSpec, ChildrenSpec, ChildSpec, ChoiceSpec, EntriesSpec,
                      FlagSpec, PathSpec, RawSpec, TextSpec, UnionSpec, UnionsSpec)

FieldKind = Literal["attr", "text", "child", "children", "path", "flag", "union", "unions",
                    "choice", "entries", "raw"]
ChildKind = Literal["child", "children", "values", "element", "flag", "union", "unions",
                    "choice", "entries", "raw"]

_NO_CLASSES: MappingProxyType[str, type] = MappingProxyType({})


@dataclass(frozen=True)
class ValueView:
    """One scalar field as XML: an attribute (`name` is its qualified name) or an
    element's text (`name` None), read and written by `codec`."""

    field: str
    name: str | None
    codec: Codec


@dataclass(frozen=True)
class ChildView:
    """What one declaration takes among an element's children.

    `kind`: "child" (one element, a class), "children" (repeated elements, a class),
    "values" (repeated elements whose text is the item), "element" (an element reached
    by path; `content` says what its fields take there, `fields` names them), "flag",
    "union" (`classes` by variant key, picked by the element's attribute `on` or by the
    owner's attribute `by`, `default` when that is absent), "unions" (repeated, each
    picked by its attribute `on`), "choice" (`classes` by tag),
    "entries" (free-form leaves in `namespace`) or "raw" (any element no other field
    takes)."""

    kind: ChildKind
    field: str | None                  # None for a path-reached element
    tags: tuple[str, ...]              # the elements it takes (raw: none named)
    classes: Mapping[str, type] = _field(default_factory=lambda: _NO_CLASSES)
    content: ElementView | None = None
    fields: tuple[str, ...] = ()
    on: str | None = None
    by: str | None = None
    default: str | None = None
    namespace: str | None = None

    @property
    def many(self) -> bool:
        """Whether the field holds a list of such children."""
        return self.kind in ("children", "values", "unions", "choice", "raw")


@dataclass(frozen=True)
class ElementView:
    """An element's mapping: attributes, text, codec hints (attributes that travel with
    the text's value, by name: their value) and children, in declaration order."""

    attributes: tuple[ValueView, ...]
    text: ValueView | None
    hints: Mapping[str, str]
    children: tuple[ChildView, ...]


@dataclass(frozen=True)
class FieldView:
    """One Python field: its declaration's kind, annotation and where it sits.

    `xml` names the place: an attribute's name, a child's tag, a path (`boot/@order`),
    "" for the text; a choice's tags are its `classes`. `codec` is set for scalar
    values (attr, text, path, children of scalars, entries' texts are plain strings)."""

    name: str
    kind: FieldKind
    annotation: Any
    xml: str
    codec: Codec | None = None
    classes: Mapping[str, type] = _field(default_factory=lambda: _NO_CLASSES)
    on: str | None = None
    by: str | None = None
    default: str | None = None
    since: str | None = None


@dataclass(frozen=True)
class ClassView:
    """How a mapped class maps: its element's tag (Clark notation), the namespace
    prefixes it declares, its fields, and its element's content."""

    cls: type
    tag: str
    nsmap: Mapping[str | None, str]
    fields: tuple[FieldView, ...]
    content: ElementView
    _by_name: dict[str, FieldView] = _field(repr=False, compare=False, default_factory=dict)

    def field(self, name: str) -> FieldView:
        """The view of field `name` (KeyError naming the fields there are)."""
        found = self._by_name.get(name)
        if found is None:
            raise KeyError(f"{self.cls.__name__} has no mapped field {name!r} "
                           f"(it has {', '.join(f.name for f in self.fields)})")
        return found


_views: dict[type, ClassView] = {}


def describe(cls: type) -> ClassView:
    """The read-only view of a mapped class's mapping (made once, then cached)."""
    found = _views.get(cls)
    if found is None:
        found = _views[cls] = _class_view(cls)   # (made twice under a race: equal views)
    return found


def preferred_prefixes() -> dict[str, str]:
    """The namespace prefixes written by preference (`register_prefix`), by URI."""
    return dict(_prefixes)


def _class_view(cls: type[Any]) -> ClassView:
    plan = plan_for(cls)   # a model mistake is a ModelError, here as elsewhere
    codecs: dict[str, Codec] = {}
    content = _element_view(plan, codecs)
    hints = field_hints(cls)
    fields = []
    for item in cls.__dataclass_fields__.values():
        spec = item.metadata.get(SPEC_KEY)
        if spec is not None:
            fields.append(_field_view(item.name, spec, hints[item.name], codecs))
    view = ClassView(cls, plan.tag, MappingProxyType(dict(plan.nsmap or {})), tuple(fields),
                     content)
    view._by_name.update((f.name, f) for f in fields)
    return view


def _field_view(name: str, spec: Any, annotation: Any,
                codecs: dict[str, Codec]) -> FieldView:
    common = {"name": name, "annotation": annotation, "since": spec.since,
              "codec": codecs.get(name)}
    if isinstance(spec, AttrSpec):
        return FieldView(kind="attr", xml=spec.name, **common)
    if isinstance(spec, TextSpec):
        return FieldView(kind="text", xml="", **common)
    if isinstance(spec, PathSpec):
        leaf = () if spec.leaf is None else (f"@{spec.leaf}",)
        return FieldView(kind="path", xml="/".join(spec.steps + leaf), **common)
    if isinstance(spec, (ChildSpec, ChildrenSpec)):
        kind: FieldKind = "child" if isinstance(spec, ChildSpec) else "children"
        inner = _inner_class(annotation)
        if kind == "child" and inner is None:
            kind = "path"   # child() of a scalar: the element's text
        classes = MappingProxyType({spec.tag: inner}) if inner is not None else _NO_CLASSES
        return FieldView(kind=kind, xml=spec.tag, classes=classes, **common)
    if isinstance(spec, FlagSpec):
        return FieldView(kind="flag", xml=spec.tag, **common)
    if isinstance(spec, UnionSpec):
        kind = "unions" if isinstance(spec, UnionsSpec) else "union"
        return FieldView(kind=kind, xml=spec.tag, classes=MappingProxyType(dict(spec.variants)),
                         on=spec.on, by=spec.by, default=spec.default, **common)
    if isinstance(spec, ChoiceSpec):
        return FieldView(kind="choice", xml="", classes=MappingProxyType(dict(spec.classes)),
                         **common)
    if isinstance(spec, EntriesSpec):
        return FieldView(kind="entries", xml=spec.tag, **common)
    if isinstance(spec, RawSpec):
        return FieldView(kind="raw", xml="", **common)
    raise TypeError(f"{name}: no view for {type(spec).__name__}")


def _inner_class(annotation: Any) -> type | None:
    from ._types import list_item, strip_optional
    inner = list_item(annotation) or strip_optional(annotation)
    return inner if is_mapped(inner) else None


def _element_view(plan: Any, codecs: dict[str, Codec]) -> ElementView:
    """The content of an element plan; the codec of every field it reaches goes into
    `codecs` by field name."""
    attributes = []
    for qname, target in plan.attrs.items():
        attributes.append(ValueView(target.fname, qname, target.codec))
        codecs[target.fname] = target.codec
    text = None
    if plan.text is not None:
        text = ValueView(plan.text.fname, None, plan.text.codec)
        codecs[plan.text.fname] = plan.text.codec
    children = tuple(_child_view(handler, codecs) for handler in plan.writers)
    return ElementView(tuple(attributes), text, MappingProxyType(dict(plan.hints)), children)


def _child_view(handler: Any, codecs: dict[str, Codec]) -> ChildView:
    kind = type(handler)
    if kind is GroupHandler:
        return ChildView("element", None, (handler.tag,),
                         content=_element_view(handler.plan, codecs),
                         fields=tuple(dict.fromkeys(handler.field_names)))
    if kind is ScalarListHandler:
        codecs[handler.fname] = handler.target.codec
        text = ValueView(handler.fname, None, handler.target.codec)
        content = ElementView((), text, MappingProxyType({}), ())
        return ChildView("values", handler.fname, (handler.tag,), content=content)
    if kind in (NestedHandler, NestedListHandler):
        return ChildView("child" if kind is NestedHandler else "children", handler.fname,
                         (handler.tag,), MappingProxyType({handler.tag: handler.plan.cls}))
    if kind is FlagHandler:
        return ChildView("flag", handler.fname, (handler.tag,))
    if kind in (UnionHandler, UnionListHandler):
        classes = MappingProxyType({key: plan.cls for key, plan in handler.variants.items()})
        return ChildView("union" if kind is UnionHandler else "unions", handler.fname, (handler.tag,), classes, on=handler.on,
                         by=handler.by.qname if handler.by is not None else None,
                         default=handler.default)
    if kind is ChoiceHandler:
        classes = MappingProxyType({tag: plan.cls for tag, plan in handler.plans.items()})
        return ChildView("choice", handler.fname, tuple(classes), classes)
    if kind is EntriesHandler:
        return ChildView("entries", handler.fname, (handler.tag,), namespace=handler.ns)
    if kind is RawHandler:
        return ChildView("raw", handler.fname, ())
    raise TypeError(f"no view for {kind.__name__}")

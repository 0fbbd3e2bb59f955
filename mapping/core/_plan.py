"""Compiling a mapped class into a cached `ClassPlan`.

A class is compiled once, on first use; mistakes in its declaration raise `ModelError`
naming `Class.field`. Nested classes are compiled with it, so a model is checked whole.
"""
from __future__ import annotations

import dataclasses
import threading
import typing
from collections.abc import Mapping
from typing import Any

from lxml import etree

from ._engine import ElementPlan, ParseContext, Target
from ._emitgen import generate_clean_writer, generate_writer
from ._readgen import generate_reader
from ._writer import Scope, Site
from ._handlers import (ChoiceHandler, EntriesHandler, FlagHandler, GroupHandler, NestedHandler,
                        NestedListHandler, Nsmap, RawHandler, ScalarListHandler, UnionHandler,
                        UnionListHandler)
from . import _plancache
from ._published import Published
from ._types import field_hints, is_mapped, list_item, strip_optional
from .codecs import default_registry
from .declare import (SPEC_KEY, AttrSpec, ChildrenSpec, ChildSpec, ChoiceSpec, EntriesSpec,
                      FlagSpec, PathSpec, RawSpec, TextSpec, UnionSpec, UnionsSpec)
from .errors import ModelError

# One lock for compiling plans and generating their readers and writers: other threads
# wait for a whole plan instead of reading a half-built one (and caching code made from it).
_compiling = threading.RLock()
_published: Published[ClassPlan] = Published(lambda cls: ClassPlan(cls),
                                             lambda plan, cls: _compile(plan), _compiling,
                                             _plancache)
_plans = _published.done   # complete plans only


# Rank offset for fields of `written_last` bases: after any subclass field.
_WRITTEN_LAST = 1_000_000

# Preferred prefixes for namespaces, used when writing (prefixes are a detail of output).
_prefixes: dict[str, str] = {}


def register_prefix(uri: str, prefix: str) -> None:
    """Prefer `prefix` for `uri` when writing elements in that namespace."""
    _prefixes[uri] = prefix


def _nsmap_for(tag: str, class_nsmap: Mapping[str | None, str] | None = None) -> Nsmap | None:
    nsmap = dict(class_nsmap or {})
    if tag.startswith("{"):
        uri = tag[1:tag.index("}")]
        if uri not in nsmap.values():
            nsmap[_prefixes.get(uri)] = uri
    return nsmap or None


def plan_for(cls: type) -> ClassPlan:
    """The compiled plan of a mapped class (compiled on first use, then cached).

    Safe to call from several threads at once: a plan is published only when it is
    complete, together with the plans compiled for it. A class that fails to compile
    raises `ModelError` each time, and leaves the plans already published as they were.
    """
    plan = _plans.get(cls)
    if plan is not None:
        return plan
    if not is_mapped(cls):
        raise ModelError(f"{getattr(cls, '__name__', cls)!r} is not an @element class")
    return _published.get(cls)


class ClassPlan(ElementPlan):
    """An element mapped to a dataclass: `read` makes an object of an element, `fn`
    writes an object as text."""

    def __init__(self, cls: type):
        super().__init__()
        self.cls = cls
        self.name = cls.__qualname__
        options = getattr(cls, "__xml__")   # (@element sets it; `type` does not declare it)
        self.tag = options.tag
        self.nsmap = dict(options.nsmap) or None
        # A namespaced attribute's prefix depends on the scope: such classes are not
        # written inline by their parents.
        self.namespaced_attrs = False
        self.root_sites: dict[str, Site] = {}   # by tag, when written as a document

    def read(self, node: Any, ctx: ParseContext, skip_attr: str | None = None) -> Any:
        """Make an object from `node` (`skip_attr`: the discriminator a union reads).

        On first use the class's reader is generated, and replaces this method on the plan.
        """
        return self.generated("read")(node, ctx, skip_attr)

    def read_tokens(self, node: Any, ctx: ParseContext, skip_attr: str | None = None) -> Any:
        """`read` for a call with a token recognizer: every raw value is offered to it."""
        return self.generated("read_tokens")(node, ctx, skip_attr)

    def fn(self, obj: Any, site: Site, where: Any, out: list[str], nl: str, step: str,
           scope: Scope, discriminator: tuple[str, str, str] | None = None) -> None:
        """Write `obj` as text into `out` (`discriminator`: (attribute, value, its text) a
        union writes on its variant). On first use the class's writer is generated, and
        replaces this method on the plan."""
        self.generated("write")(obj, site, where, out, nl, step, scope, discriminator)

    def clean(self, obj: Any, site: Site, where: Any, out: list[str], nl: str, step: str,
              scope: Scope, discriminator: tuple[str, str, str] | None = None) -> None:
        """`fn` for an object of this class (or a subclass) that keeps no XML, under a
        plain tuple scope: what almost every call is, written without looking for kept
        XML. Generated on first use, as `fn` is."""
        self.generated("write_clean")(obj, site, where, out, nl, step, scope, discriminator)

    def generated(self, what: str) -> Any:
        """The generated function: "read", "read_tokens", "write" or "write_clean" (made if
        need be, and then set on the plan in place of the method that made it)."""
        name = _GENERATED.get(what)
        if name is None:
            raise ValueError(f"expected one of {', '.join(map(repr, _GENERATED))}, not {what!r}")
        made = self.__dict__.get(name)
        if made is None:
            with _compiling:
                made = self.__dict__.get(name)
                if made is None:
                    made = (generate_writer(self) if name == "fn"
                            else generate_clean_writer(self) if name == "clean"
                            else generate_reader(self, tokens=name == "read_tokens"))
                    setattr(self, name, made)
                    _plancache.generated()
        if made.__class__ is _plancache.Kept:
            made = made.made()
        return made


# What `generated` is asked for, and the plan attribute each generated function replaces
# (the plan cache keeps the same attributes: one table, read both ways).
_GENERATED = {what: attr for attr, what in _plancache.GENERATED.items()}


def generated_source(cls: type, what: str = "read") -> str:
    """The Python source generated for a mapped class: its reader ("read"), its reader with
    a token recognizer ("read_tokens"), its writer ("write") or the writer of its objects
    that keep no XML ("write_clean"). Tracebacks through that code show these lines."""
    source: str = plan_for(cls).generated(what).__mapping_source__
    return source


def _codec(spec: Any, annotation: Any, where: str) -> Any:
    if spec.codec is not None:
        return spec.codec
    scalar = strip_optional(annotation)
    if is_mapped(scalar):
        raise ModelError(f"{where}: {scalar.__name__} is a mapped class; declare it with child()")
    codec = default_registry.lookup(scalar) if isinstance(scalar, type) else None
    if codec is None:
        raise ModelError(f"{where}: no codec for type {annotation!r}; pass codec=")
    return codec


class _Compiler:
    """Collects one class's fields into its plan, checking for clashes as it goes."""

    def __init__(self, plan: ClassPlan):
        self.plan = plan
        self.groups: dict[tuple[str, ...], GroupHandler] = {}
        self.owners: dict[tuple[int, str], str] = {}   # (plan id, name) -> field

    def claim(self, owner: ElementPlan, kind: str, qname: str, where: str) -> None:
        key = (id(owner), f"{kind}:{qname}")
        if key in self.owners:
            raise ModelError(f"{where}: {kind} {qname!r} is already mapped by {self.owners[key]}")
        self.owners[key] = where

    def add_child(self, owner: ElementPlan, qname: str, handler: Any, where: str) -> None:
        try:
            etree.QName(qname)
        except ValueError:   # (`flag("a/b")` would write `<a/b/>`: a path is path()'s)
            raise ModelError(f"{where}: {qname!r} is not an element name") from None
        self.claim(owner, "element", qname, where)
        owner.children[qname] = handler

    def group(self, steps: tuple[str, ...], rank: int, where: str) -> GroupHandler:
        handler = self.groups.get(steps)
        if handler is None:
            owner = self.plan if len(steps) == 1 else self.group(steps[:-1], rank, where).plan
            key = "/".join(etree.QName(step).localname if step.startswith("{") else step
                           for step in steps)
            handler = GroupHandler(rank, steps[-1], key, _nsmap_for(steps[-1]))
            # (the leftovers of a path-reached element and of a flag are kept by key)
            self.claim(self.plan, "kept-XML key", key, where)
            self.add_child(owner, steps[-1], handler, where)
            owner.writers.append(handler)
            self.groups[steps] = handler
        return handler


def _compile(plan: ClassPlan) -> None:
    cls = plan.cls
    try:
        hints = field_hints(cls)
    except Exception as err:   # an annotation naming something undefined
        raise ModelError(f"{plan.name}: cannot resolve annotations: {err}") from None
    compiler = _Compiler(plan)
    by_targets: list[tuple[UnionSpec, str, int]] = []
    last = {name for base in cls.__mro__
            if "__xml__" in base.__dict__ and base.__dict__["__xml__"].written_last
            for name in base.__dict__.get("__annotations__", {})}
    ranked = sorted((index + (_WRITTEN_LAST if field.name in last else 0), field)
                    for index, field in enumerate(dataclasses.fields(cls)))
    # (in rank order: attributes are written in the order they are compiled)
    for rank, field in ranked:
        if field.name == "extras":
            continue
        where = f"{plan.name}.{field.name}"
        spec = field.metadata.get(SPEC_KEY)
        if spec is None:
            raise ModelError(f"{where}: no mapping; declare it with attr(), child(), ...")
        annotation = hints[field.name]
        if isinstance(spec, UnionSpec) and spec.by is not None:
            by_targets.append((spec, field.name, rank))
            continue
        _compile_field(compiler, spec, field.name, annotation, rank, where)
    for spec, fname, rank in by_targets:
        where = f"{plan.name}.{fname}"
        by = next((t for t in plan.attrs.values() if t.fname == spec.by), None)
        if by is None:
            raise ModelError(f"{where}: union by={spec.by!r} needs an attr() field of that name")
        _add_union(compiler, spec, fname, rank, where, by)
    plan.writers.sort(key=lambda handler: handler.rank)
    plan.namespaced_attrs = any(target.attr_prefix is None for target in plan.attrs.values())


def _compile_field(compiler: _Compiler, spec: Any, fname: str, annotation: Any,
                   rank: int, where: str) -> None:
    plan = compiler.plan
    handler: NestedHandler | ScalarListHandler | FlagHandler | EntriesHandler
    if isinstance(spec, AttrSpec):
        compiler.claim(plan, "attribute", spec.name, where)
        plan.attrs[spec.name] = Target(fname, _codec(spec, annotation, where), spec.name, where)
    elif isinstance(spec, TextSpec):
        compiler.claim(plan, "text", "", where)
        plan.text = Target(fname, _codec(spec, annotation, where), None, where)
        _add_hints(compiler, plan, plan.text.codec, where)
    elif isinstance(spec, ChildSpec):
        inner = strip_optional(annotation)
        if list_item(annotation) is not None:
            raise ModelError(f"{where}: a list field needs children(), not child()")
        if is_mapped(inner):
            handler = NestedHandler(rank, fname, spec.tag, plan_for(inner),
                                    _nsmap_for(spec.tag, inner.__xml__.nsmap), where)
            compiler.add_child(plan, spec.tag, handler, where)
            plan.writers.append(handler)
        else:
            _add_path(compiler, PathSpec(spec.codec, spec.since, (spec.tag,), None),
                      fname, annotation, rank, where)
    elif isinstance(spec, ChildrenSpec):
        item = list_item(annotation)
        if item is None:
            raise ModelError(f"{where}: children() needs a list[...] annotation")
        if is_mapped(item):
            handler = NestedListHandler(rank, fname, spec.tag, plan_for(item),
                                        _nsmap_for(spec.tag, item.__xml__.nsmap), where)
        else:
            target = Target(fname, _codec(spec, item, where), None, where)
            handler = ScalarListHandler(rank, target, spec.tag, _nsmap_for(spec.tag))
        compiler.add_child(plan, spec.tag, handler, where)
        plan.writers.append(handler)
    elif isinstance(spec, PathSpec):
        _add_path(compiler, spec, fname, annotation, rank, where)
    elif isinstance(spec, FlagSpec):
        if strip_optional(annotation) is not bool:
            raise ModelError(f"{where}: flag() needs a bool annotation")
        handler = FlagHandler(rank, fname, spec.tag, _nsmap_for(spec.tag))
        compiler.claim(plan, "kept-XML key", fname, where)
        compiler.add_child(plan, spec.tag, handler, where)
        plan.writers.append(handler)
    elif isinstance(spec, UnionSpec):
        many = isinstance(spec, UnionsSpec)
        if many != (list_item(annotation) is not None):
            raise ModelError(f"{where}: unions() needs a list[...] annotation" if many else
                             f"{where}: union() holds one value, not a list; use unions()")
        _add_union(compiler, spec, fname, rank, where, None)
    elif isinstance(spec, ChoiceSpec):
        _add_choice(compiler, spec, fname, annotation, rank, where)
    elif isinstance(spec, RawSpec):
        if list_item(annotation) is not str or plan.fallback is not None:
            raise ModelError(f"{where}: raw_elements() needs list[str], once per class")
        plan.fallback = RawHandler(rank, fname)
        plan.writers.append(plan.fallback)
    elif isinstance(spec, EntriesSpec):
        if typing.get_origin(strip_optional(annotation)) is not dict:
            raise ModelError(f"{where}: entries() needs a dict[str, str] annotation")
        handler = EntriesHandler(rank, fname, spec.tag, spec.ns, _nsmap_for(spec.tag))
        compiler.add_child(plan, spec.tag, handler, where)
        plan.writers.append(handler)
    else:
        raise ModelError(f"{where}: unsupported mapping {type(spec).__name__}")


def _add_path(compiler: _Compiler, spec: PathSpec, fname: str, annotation: Any, rank: int,
              where: str) -> None:
    if list_item(annotation) is not None:
        raise ModelError(f"{where}: path() reaches one value; use children() for lists")
    codec = _codec(spec, annotation, where)
    group = compiler.group(spec.steps, rank, where)
    for depth in range(1, len(spec.steps) + 1):
        compiler.group(spec.steps[:depth], rank, where).field_names.append(fname)
    if spec.leaf is None:
        compiler.claim(group.plan, "text", "", where)
        group.plan.text = Target(fname, codec, None, where)
        _add_hints(compiler, group.plan, codec, where)
    else:
        compiler.claim(group.plan, "attribute", spec.leaf, where)
        group.plan.attrs[spec.leaf] = Target(fname, codec, spec.leaf, where)


def _add_hints(compiler: _Compiler, owner: ElementPlan, codec: Any, where: str) -> None:
    for qname, value in getattr(codec, "hints", {}).items():
        compiler.claim(owner, "attribute", qname, where)
        owner.hints[qname] = value


def _add_union(compiler: _Compiler, spec: UnionSpec, fname: str, rank: int, where: str,
               by: Target | None) -> None:
    if not spec.variants:
        raise ModelError(f"{where}: union() needs at least one variant")
    variants = {}
    for key, variant in spec.variants.items():
        if not is_mapped(variant):
            raise ModelError(f"{where}: variant {key!r} ({variant!r}) is not an @element class")
        variants[key] = plan_for(variant)
        if spec.on is not None and spec.on in variants[key].attrs:
            raise ModelError(f"{where}: variant {variant.__name__} maps {spec.on!r} itself; "
                             f"the union writes it")
    kind = UnionListHandler if isinstance(spec, UnionsSpec) else UnionHandler
    handler = kind(rank, fname, spec.tag, variants, spec.on, by, _nsmap_for(spec.tag), where,
                   spec.default)
    if by is not None:
        compiler.plan.by_unions.append(handler)
    compiler.add_child(compiler.plan, spec.tag, handler, where)
    compiler.plan.writers.append(handler)


def _add_choice(compiler: _Compiler, spec: ChoiceSpec, fname: str, annotation: Any,
                rank: int, where: str) -> None:
    if list_item(annotation) is None:
        raise ModelError(f"{where}: choice() needs a list[...] annotation")
    plans, nsmaps = {}, {}
    for tag, member in spec.classes.items():
        if not is_mapped(member):
            raise ModelError(f"{where}: {member!r} is not an @element class")
        plans[tag] = plan_for(member)
        nsmaps[tag] = _nsmap_for(tag, member.__xml__.nsmap)
    handler = ChoiceHandler(rank, fname, plans, nsmaps, where)
    for tag in plans:
        compiler.add_child(compiler.plan, tag, handler, where)
    compiler.plan.writers.append(handler)

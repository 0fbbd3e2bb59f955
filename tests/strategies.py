"""Hypothesis strategies built from the mapping declarations themselves.

`entities(cls)` draws random entities of any mapped class, so property tests cover
every model without a hand-written strategy per class.
"""
from __future__ import annotations

import dataclasses
import enum
import typing

from hypothesis import strategies as st

from mapping.core.codecs import BoolCodec, EnumCodec, FloatCodec, HexIntCodec, IntCodec
from mapping.core.declare import (SPEC_KEY, AttrSpec, ChildrenSpec, ChildSpec, ChoiceSpec,
                                  EntriesSpec, FlagSpec, PathSpec, RawSpec, TextSpec,
                                  UnionSpec)
from mapping.core._plan import plan_for
from mapping.core._types import is_mapped, list_item, strip_optional

MAX_DEPTH = 4

# Characters XML 1.0 can carry (no controls, surrogates or non-characters).
xml_chars = st.characters(blacklist_categories=("Cc", "Cs", "Cn"))
attr_text = st.text(xml_chars, max_size=12)
# Element text in a mixed-content position must not be blank: blank text is layout.
element_text = st.text(xml_chars, min_size=1, max_size=12).filter(
    lambda value: value.strip() == value and value != "")


# Raw blocks come back as lxml writes them; these are written that way already.
RAW_BLOCKS = ['<app:settings xmlns:app="urn:example:app"><app:color>blue</app:color>'
              "</app:settings>", '<other xmlns="urn:example:other" id="1"/>']


def _codec_of(cls: type, name: str, spec, annotation):
    plan = plan_for(cls)
    for target in plan.attrs.values():
        if target.fname == name:
            return target.codec
    if plan.text is not None and plan.text.fname == name:
        return plan.text.codec
    if spec.codec is not None:
        return spec.codec
    from mapping.core.codecs import default_registry
    scalar = list_item(annotation) or strip_optional(annotation)
    return default_registry.lookup(scalar)


def scalars(codec, *, text: bool = False) -> st.SearchStrategy:
    if isinstance(codec, BoolCodec):
        return st.booleans()
    if isinstance(codec, HexIntCodec):
        return st.integers(min_value=0, max_value=2**32)
    if isinstance(codec, IntCodec):
        return st.integers(min_value=-2**63, max_value=2**64)
    if isinstance(codec, FloatCodec):
        return st.floats(allow_nan=False, allow_infinity=False)
    if isinstance(codec, EnumCodec):
        return st.sampled_from(list(codec.enum_type))
    if getattr(codec, "examples", None):   # a str codec that refuses most text (size units)
        return st.sampled_from(codec.examples)
    return element_text if text else attr_text


def _optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


@st.composite
def _entity(draw, cls: type, depth: int):
    hints = typing.get_type_hints(cls)
    values: dict = {}
    discriminated: list = []
    for field in dataclasses.fields(cls):
        if field.name == "extras":
            continue
        spec = field.metadata[SPEC_KEY]
        annotation = hints[field.name]
        deep = depth >= MAX_DEPTH
        if isinstance(spec, (AttrSpec, PathSpec)):
            values[field.name] = draw(_optional(scalars(_codec_of(cls, field.name, spec,
                                                                  annotation))))
        elif isinstance(spec, TextSpec):
            values[field.name] = draw(_optional(scalars(
                _codec_of(cls, field.name, spec, annotation), text=True)))
        elif isinstance(spec, FlagSpec):
            values[field.name] = draw(st.sampled_from([True, None]))
        elif isinstance(spec, ChildSpec):
            inner = strip_optional(annotation)
            if is_mapped(inner):
                values[field.name] = None if deep else draw(_optional(_entity(inner, depth + 1)))
            else:
                values[field.name] = draw(_optional(scalars(
                    _codec_of(cls, field.name, spec, annotation))))
        elif isinstance(spec, ChildrenSpec):
            item = list_item(annotation)
            if is_mapped(item):
                items = st.just([]) if deep else st.lists(_entity(item, depth + 1), max_size=2)
            else:
                items = st.lists(scalars(_codec_of(cls, field.name, spec, annotation)),
                                 max_size=3)
            values[field.name] = draw(items)
        elif isinstance(spec, RawSpec):
            values[field.name] = draw(st.lists(st.sampled_from(RAW_BLOCKS), max_size=2))
        elif isinstance(spec, EntriesSpec):
            names = st.from_regex(r"[a-z][a-zA-Z0-9_]{0,8}", fullmatch=True)
            values[field.name] = draw(_optional(st.dictionaries(
                names, scalars(_codec_of(cls, field.name, spec, str), text=True), max_size=3)))
        elif isinstance(spec, ChoiceSpec):
            kinds = st.one_of([_entity(member, depth + 1) for member in spec.classes.values()])
            values[field.name] = [] if deep else draw(st.lists(kinds, max_size=3))
        elif isinstance(spec, UnionSpec):
            if deep:
                values[field.name] = None
                continue
            key = draw(st.none() | st.sampled_from(list(spec.variants)))
            values[field.name] = None if key is None else draw(
                _entity(spec.variants[key], depth + 1))
            if spec.by is not None and key is not None:
                discriminated.append((spec.by, key))
    for by, key in discriminated:
        # The variant writes its key into the parent's attribute; a parsed entity
        # carries it there, so a generated one must too.
        codec = _codec_of(cls, by, None, None)
        values[by] = codec.parse(key)
    return cls(**values)


def entities(cls: type) -> st.SearchStrategy:
    """Random entities of a mapped class (nested classes to a bounded depth)."""
    plan_for(cls)   # a model mistake surfaces as ModelError, not as a strategy error
    return _entity(cls, 0)


__all__ = ["entities", "scalars", "enum"]

"""Hypothesis strategies built from the mapping declarations themselves.

`entities(cls)` draws random entities of any mapped class, so property tests cover
every model without a hand-written strategy per class.
"""
from __future__ import annotations

import enum

from hypothesis import strategies as st

from mapping.core import describe
from mapping.core.codecs import BoolCodec, EnumCodec, FloatCodec, HexIntCodec, IntCodec

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
    view = describe(cls)
    values: dict = {}
    followed: set = set()
    deep = depth >= MAX_DEPTH
    for field in view.fields:
        kind, name = field.kind, field.name
        if kind in ("attr", "path"):
            values[name] = draw(_optional(scalars(field.codec)))
        elif kind == "text":
            values[name] = draw(_optional(scalars(field.codec, text=True)))
        elif kind == "flag":
            values[name] = draw(st.sampled_from([True, None]))
        elif kind == "child":
            (inner,) = field.classes.values()
            values[name] = None if deep else draw(_optional(_entity(inner, depth + 1)))
        elif kind == "children":
            if field.classes:
                (item,) = field.classes.values()
                items = st.just([]) if deep else st.lists(_entity(item, depth + 1), max_size=2)
            else:
                items = st.lists(scalars(field.codec), max_size=3)
            values[name] = draw(items)
        elif kind == "raw":
            values[name] = draw(st.lists(st.sampled_from(RAW_BLOCKS), max_size=2))
        elif kind == "entries":
            names = st.from_regex(r"[a-z][a-zA-Z0-9_]{0,8}", fullmatch=True)
            values[name] = draw(_optional(st.dictionaries(
                names, scalars(None, text=True), max_size=3)))
        elif kind == "choice":
            kinds = st.one_of([_entity(member, depth + 1) for member in field.classes.values()])
            values[name] = [] if deep else draw(st.lists(kinds, max_size=3))
        elif kind == "unions":
            variants = st.one_of([_entity(cls, depth + 1) for cls in field.classes.values()])
            values[name] = [] if deep else draw(st.lists(variants, max_size=2))
        elif kind == "union":
            if deep:
                values[name] = None
                continue
            key = draw(st.none() | st.sampled_from(list(field.classes)))
            values[name] = None if key is None else draw(
                _entity(field.classes[key], depth + 1))
            if field.by is not None and key is not None:
                followed.add(field.by)
    for by in followed:
        # Left out: the discriminator follows the variant, as a user building the
        # entity would leave it (what it says is what a reader of the XML sees).
        values.pop(by, None)
    return cls(**values)


def entities(cls: type) -> st.SearchStrategy:
    """Random entities of a mapped class (nested classes to a bounded depth)."""
    describe(cls)   # a model mistake surfaces as ModelError, not as a strategy error
    return _entity(cls, 0)


__all__ = ["entities", "scalars", "enum"]

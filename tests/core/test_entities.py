"""Entities compare, print and hash as dataclasses do (one shared __eq__ and __repr__)."""
from __future__ import annotations

import dataclasses

import pytest

from mapping.core import Extras, attr, element
from tests.core.models import BlockSrc, Dims, FileSrc, Item


def test_equal_by_value_of_every_field_extras_included():
    assert Item(type="file", tags=["a"]) == Item(type="file", tags=["a"])
    assert Item(type="file") != Item(type="block")
    assert Dims(width=1) != Dims(width=1, extras=Extras(attrs={"x": "1"}))
    assert BlockSrc(dev="d", size=Dims(height=2)) == BlockSrc(dev="d", size=Dims(height=2))
    assert FileSrc(file="a") != BlockSrc(dev="a")   # another class is never equal
    assert (Dims() == 5) is False and Dims().__eq__(5) is NotImplemented


def test_entities_are_unhashable_as_mutable_dataclasses_are():
    with pytest.raises(TypeError):
        hash(Dims())


def test_repr_shows_what_is_set_as_a_call_that_makes_it_without_the_extras():
    assert repr(Dims(width=1)) == "Dims(width=1)"
    assert repr(Dims(width=0, height=None)) == "Dims(width=0)"   # (0 is set; None is not)
    assert repr(BlockSrc(dev="d", size=Dims())) == "BlockSrc(dev='d', size=Dims())"
    assert eval(repr(BlockSrc(dev="d", size=Dims(height=2)))) == BlockSrc(
        dev="d", size=Dims(height=2))


def test_a_class_keeps_its_own_eq_repr_and_hash():
    @element("own")
    class Own:
        name: str | None = attr("name")

        def __eq__(self, other):
            return isinstance(other, Own) and (self.name or "").lower() == (
                other.name or "").lower()

        __hash__ = object.__hash__

        def __repr__(self):
            return f"<own {self.name}>"

    assert Own(name="A") == Own(name="a") and repr(Own(name="x")) == "<own x>"
    assert isinstance(hash(Own()), int)
    assert dataclasses.is_dataclass(Own) and [f.name for f in dataclasses.fields(Own)] == [
        "name", "extras"]


def test_init_is_keyword_only_with_defaults_factories_and_post_init():
    import inspect

    made = []

    @element("initd")
    class Initd:
        name: str | None = attr("name")
        items: list[str] = dataclasses.field(default_factory=list,
                                             metadata=attr("x").metadata)

        def __post_init__(self):
            made.append(self.name)

    first, second = Initd(name="a"), Initd()
    assert made == ["a", None] and first.items == [] and first.items is not second.items
    assert Initd(items=["z"]).items == ["z"]
    with pytest.raises(TypeError):
        Initd("positional")
    with pytest.raises(TypeError):
        Initd(nothing=1)
    parameters = inspect.signature(Initd).parameters
    assert list(parameters) == ["name", "items", "extras"]
    assert all(p.kind is p.KEYWORD_ONLY for p in parameters.values())
    assert Item.__init__.__qualname__ == "Item.__init__"


def test_an_undocumented_class_is_described_by_its_signature_as_dataclass_does():
    assert Dims.__doc__ == ("Dims(*, width: 'int | None' = None, height: 'int | None' = None, "
                            "extras: mapping.core.extras.Extras | None = None)")
    assert Item.__doc__.startswith("Item(*, type: 'str | None' = None,")

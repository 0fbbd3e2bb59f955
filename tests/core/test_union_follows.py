"""A `union(by=)`'s discriminator follows the variant set on it: one truth per value."""
from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from mapping import SerializeError, from_xml
from mapping.core import OpenEnum, attr, element, union
from tests.xmlassert import to_xml


class Kind(OpenEnum):
    PLAIN = "plain"
    FANCY = "fancy"
    SHARED = "shared"


@element()
class Plain:
    path: str | None = attr("path")


@element()
class Fancy:
    dev: str | None = attr("dev")


@element("thing")
class Thing:
    kind: Kind | None = attr("kind")
    source: Plain | Fancy | None = union(
        "source", {"plain": Plain, "fancy": Fancy, "shared": Plain}, by="kind")


@element("defaulted")
class Defaulted:
    kind: str | None = attr("kind")
    source: Plain | Fancy | None = union(
        "source", {"plain": Plain, "fancy": Fancy}, by="kind", default="plain")


def test_setting_a_variant_sets_the_discriminator_a_reader_sees():
    thing = from_xml("<thing kind='plain'><source path='/a'/></thing>", Thing)
    thing.source = Fancy(dev="/dev/b")
    assert thing.kind is Kind.FANCY
    assert to_xml(thing) == "<thing kind='fancy'>\n  <source dev='/dev/b'/>\n</thing>\n"
    assert from_xml(to_xml(thing), Thing) == thing


def test_a_discriminator_that_agrees_is_kept():
    # A class that is the variant of two keys: the discriminator chooses between them.
    thing = Thing(kind=Kind.SHARED, source=Plain(path="/a"))
    thing.source = Plain(path="/b")
    assert thing.kind is Kind.SHARED
    assert from_xml(to_xml(thing), Thing) == thing
    # A plain str that agrees stays what it was given.
    given = Thing(kind="fancy", source=Fancy())
    given.source = Fancy(dev="/x")
    assert type(given.kind) is str and given.kind == "fancy"


def test_the_constructor_fills_an_absent_discriminator():
    thing = Thing(source=Fancy(dev="/d"))
    assert thing.kind is Kind.FANCY
    assert from_xml(to_xml(thing), Thing) == thing
    assert Thing(source=Plain()).kind is Kind.PLAIN   # the first key of a shared class


def test_the_default_variant_leaves_the_discriminator_absent():
    made = Defaulted(source=Plain(path="/a"))
    assert made.kind is None
    assert to_xml(made) == "<defaulted>\n  <source path='/a'/>\n</defaulted>\n"
    made.source = Fancy(dev="/d")
    assert made.kind == "fancy"
    made.source = Plain(path="/b")   # back to the default: named now, as it was changed
    assert made.kind == "plain"
    assert from_xml(to_xml(made), Defaulted) == made


def test_a_contradiction_is_refused_by_to_xml_naming_the_field():
    thing = Thing(kind=Kind.PLAIN, source=Fancy(dev="/d"))
    assert thing.kind is Kind.PLAIN   # as given: either of the two may be the mistake
    with pytest.raises(SerializeError) as raised:
        to_xml(thing)
    assert str(raised.value) == (
        "Thing.kind: 'plain', but source is a Fancy (kind 'fancy'); set one of them to "
        "agree, or set only source")
    thing.kind = Kind.FANCY
    assert from_xml(to_xml(thing), Thing) == thing
    thing.kind = "shared"   # set after the variant: a contradiction again
    with pytest.raises(SerializeError, match="'shared', but source is a Fancy"):
        to_xml(thing)


def test_an_object_of_no_variant_is_still_refused_by_name():
    thing = Thing()
    thing.source = Kind.PLAIN   # (not an entity at all)
    with pytest.raises(SerializeError, match=r"Thing.source: Kind is not a variant"):
        to_xml(thing)


def test_copies_pickles_and_replace_keep_the_pair():
    thing = Thing(source=Fancy(dev="/d"))
    for copied in (copy.deepcopy(thing), pickle.loads(pickle.dumps(thing))):
        assert copied == thing and copied.kind is Kind.FANCY
    # replace() passes every field, the old discriminator too: the new variant then
    # contradicts it, and to_xml says so rather than writing either.
    replaced = dataclasses.replace(thing, source=Plain(path="/p"))
    with pytest.raises(SerializeError, match="'fancy', but source is a Plain"):
        to_xml(replaced)
    assert dataclasses.replace(thing, kind=None, source=Plain()).kind is Kind.PLAIN


def test_a_copied_descriptor_follows_as_the_class_own_does():
    import inspect
    own = inspect.getattr_static(Thing, "source")
    Thing(kind=Kind.FANCY, source=Fancy()).source = Fancy()   # (it remembers a "keep")
    copied = pickle.loads(pickle.dumps(own))
    thing = Thing(kind=Kind.FANCY, source=Fancy())
    copied.__set__(thing, Fancy(dev="/e"))
    assert thing.kind is Kind.FANCY and thing.source == Fancy(dev="/e")
    copied.__set__(thing, Plain())
    assert thing.kind is Kind.PLAIN

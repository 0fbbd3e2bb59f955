"""One root tag, two formats (a host's `<interface name=..>` and a guest's nic): a class
registered with a test of the root element is picked where the test holds, the tag's
other class elsewhere."""
from __future__ import annotations

from mapping import from_xml
from mapping.core import (attr, class_for_root, element, register_lazy_root, register_root,
                          shared_roots)


@element("thing")
class PlainThing:
    kind: str | None = attr("kind")


@element("thing")
class NamedThing:
    name: str | None = attr("name")
    kind: str | None = attr("kind")


def _named(root) -> bool:
    return root.get("name") is not None


register_root(PlainThing)
register_lazy_root("thing", __name__, "NamedThing", when=_named)


def test_the_test_of_the_root_picks_the_class():
    assert type(from_xml("<thing kind='a'/>")) is PlainThing
    named = from_xml("<thing name='eth0' kind='a'/>")
    assert type(named) is NamedThing and named.name == "eth0"


def test_a_class_given_is_used_whatever_the_test_says():
    assert type(from_xml("<thing name='eth0'/>", PlainThing)) is PlainThing


def test_the_shared_roots_are_listed():
    assert shared_roots()["thing"] == [NamedThing]


def test_the_class_for_a_root_element_is_told_without_reading_it():
    from lxml import etree
    assert class_for_root(etree.fromstring("<thing name='eth0'/>")) is NamedThing
    assert class_for_root(etree.fromstring("<thing kind='a'/>")) is PlainThing
    assert class_for_root(etree.fromstring("<nothing/>")) is None

"""Compatibility levels: to_xml(compat=) leaves out what is newer; parsing takes all."""
from __future__ import annotations

import pytest

from mapping.core import (MappingError, attr, child, children, choice, element,
                          for_compat, from_xml, left_out, set_since, since_of)
from tests.xmlassert import to_xml
from tests.xmlassert import assert_xml_equal


@element()
class Stimer:
    state: str | None = attr("state")
    direct: str | None = attr("direct", since="4.7")


@element("gizmo")
class Gizmo:
    name: str | None = attr("name")


@element("widget")
class Widget:
    name: str | None = attr("name")


@element("features")
class Features:
    relaxed: str | None = attr("relaxed")
    reset: str | None = attr("reset", since="4.4")
    stimer: Stimer | None = child("stimer")
    tags: list[str] = children("tag", since="4.10")
    parts: list[Gizmo | Widget] = choice(Gizmo, Widget)


FULL = Features(relaxed="on", reset="on", stimer=Stimer(state="on", direct="on"),
                tags=["a"], parts=[Gizmo(name="g"), Widget(name="w")])


@pytest.mark.parametrize(("level", "expected"), [
    ("4.2", '<features relaxed="on"><stimer state="on"/><gizmo name="g"/><widget name="w"/>'
            "</features>"),
    ("4.4", '<features relaxed="on" reset="on"><stimer state="on"/><gizmo name="g"/>'
            '<widget name="w"/></features>'),
    ("4.7", '<features relaxed="on" reset="on"><stimer state="on" direct="on"/>'
            '<gizmo name="g"/><widget name="w"/></features>'),
    ("4.10", '<features relaxed="on" reset="on"><stimer state="on" direct="on"/><tag>a</tag>'
             '<gizmo name="g"/><widget name="w"/></features>'),
])
def test_fields_newer_than_the_level_are_left_out(level, expected):
    assert_xml_equal(to_xml(FULL, compat=level), expected)


@pytest.mark.parametrize(("level", "expected"), [
    ("4.2", ["reset", "stimer.direct", "tags"]),
    ("4.4", ["stimer.direct", "tags"]),
    ("4.7", ["tags"]),
    ("4.10", []),
])
def test_what_a_level_leaves_out_is_named_by_its_path(level, expected):
    assert left_out(FULL, level) == expected


def test_an_element_newer_than_the_level_in_a_list_is_named_by_its_index():
    saved = since_of(Widget, None)
    set_since(Widget, None, "4.5")
    try:
        assert left_out(FULL, "4.4") == ["stimer.direct", "tags", "parts[1]"]
        assert left_out(Features(), "4.2") == []
    finally:
        from mapping.core.compat import _since
        _since.pop((Widget, None), None)
        assert since_of(Widget, None) == saved


def test_without_a_level_everything_is_written_and_parsed():
    xml = to_xml(FULL)
    assert from_xml(xml, Features) == FULL


def test_the_entity_itself_is_not_changed():
    for_compat(FULL, "4.2")
    assert FULL.reset == "on" and FULL.stimer.direct == "on"


def test_a_layer_can_set_levels_on_a_model_it_does_not_own():
    from mapping.core.compat import _since
    saved = dict(_since)
    set_since(Widget, None, "4.5")
    set_since(Gizmo, "name", "4.6")
    try:
        assert since_of(Widget, None) == "4.5"
        assert_xml_equal(to_xml(FULL, compat="4.4"),
                         '<features relaxed="on" reset="on"><stimer state="on"/><gizmo/>'
                         "</features>")
    finally:
        _since.clear()
        _since.update(saved)   # other layers' levels (oVirt's) stay registered


def test_bad_levels_and_fields_are_errors():
    with pytest.raises(MappingError, match="not a dotted number"):
        to_xml(FULL, compat="four")
    with pytest.raises(MappingError, match="Gizmo has no field 'colour'"):
        set_since(Gizmo, "colour", "4.4")

"""Codec hints: attributes written beside a value that say how to read it."""
from __future__ import annotations

import pytest

from mapping.core import IntCodec, ModelError, attr, element, from_xml, path, text
from tests.xmlassert import to_xml
from mapping.core._plan import plan_for
from tests.xmlassert import assert_xml_equal


class HintedInt(IntCodec):
    hints = {"type": "int"}


HINTED = HintedInt()


@element("vm")
class Vm:
    memory: int | None = path("memory", codec=HINTED)
    name: str | None = path("name")


@element("size")
class Size:
    value: int | None = text(codec=HINTED)


def test_hint_is_written_beside_the_value():
    assert_xml_equal(to_xml(Vm(memory=3, name="a")),
                     '<vm><memory type="int">3</memory><name>a</name></vm>')
    assert_xml_equal(to_xml(Size(value=7)), '<size type="int">7</size>')


def test_no_value_no_element_no_hint():
    assert_xml_equal(to_xml(Vm(name="a")), "<vm><name>a</name></vm>")
    assert_xml_equal(to_xml(Size()), "<size/>")


def test_hint_with_its_value_is_consumed():
    vm = from_xml('<vm><memory type="int">3</memory></vm>', Vm)
    assert vm.memory == 3 and vm.extras is None


def test_hint_with_another_value_is_kept_as_unknown_and_written_back():
    xml = '<vm><memory type="long">3</memory></vm>'
    vm = from_xml(xml, Vm)
    assert vm.memory == 3 and vm.extras is not None
    assert_xml_equal(to_xml(vm), xml)


def test_value_without_its_hint_round_trips_without_one():
    xml = "<vm><memory>3</memory></vm>"
    vm = from_xml(xml, Vm)
    assert vm.memory == 3
    assert_xml_equal(to_xml(vm), xml)
    # A typed-only parse forgets that: the value is written in the codec's own format.
    assert_xml_equal(to_xml(from_xml(xml, Vm, unknown="ignore")),
                     '<vm><memory type="int">3</memory></vm>')


def test_missing_hint_is_not_an_unknown_place():
    assert from_xml("<vm><memory>3</memory></vm>", Vm, unknown="error").memory == 3


def test_a_hint_that_clashes_with_a_field_is_a_model_error():
    @element("clash")
    class Clash:
        type: str | None = attr("type")
        value: int | None = text(codec=HINTED)

    with pytest.raises(ModelError, match=r"Clash.value: attribute 'type' is already mapped"):
        plan_for(Clash)

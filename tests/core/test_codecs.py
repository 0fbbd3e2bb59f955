"""Codecs: parse and format each kind of value; the registry is extendable."""
from __future__ import annotations

import enum

import pytest

from mapping.core import (Float, HexInt, HexIntCodec, Int, OnOff, OpenEnum, Str,
                          TrueFalse, YesNo, attr, default_registry, element, from_xml)
from tests.xmlassert import to_xml
from mapping.core.codecs import CodecRegistry, EnumCodec


@pytest.mark.parametrize("codec, text, value", [
    (Str, "a b", "a b"),
    (Int, "42", 42), (Int, "-3", -3), (Int, "0x1F", 31), (Int, "0", 0), (Int, "+7", 7),
    (HexInt, "0x0a", 10), (HexInt, "10", 10),
    (Float, "1.25", 1.25), (Float, "3", 3.0),
    (YesNo, "yes", True), (YesNo, "no", False),
    (OnOff, "on", True), (OnOff, "off", False),
    (TrueFalse, "true", True), (TrueFalse, "false", False),
])
def test_parse(codec, text, value):
    assert codec.parse(text) == value


@pytest.mark.parametrize("codec, text", [
    (Int, "1.5"), (Int, "ten"), (Int, ""), (Int, "0x"), (Int, "1_000"),
    (Float, "fast"), (YesNo, "on"), (YesNo, "Yes"), (OnOff, "yes"), (TrueFalse, "1"),
    # more digits than a float holds: written back, it would be another number
    (Float, "99999999999999999999999"), (Float, str(2 ** 53 + 1)),
    (Float, "0.30000000000000001"),
])
def test_parse_refuses(codec, text):
    with pytest.raises(ValueError):
        codec.parse(text)


@pytest.mark.parametrize("codec, value, text", [
    (Int, 0, "0"), (Int, -5, "-5"), (HexIntCodec(2), 0, "0x00"), (HexIntCodec(4), 255, "0x00ff"),
    (HexInt, 26, "0x1a"), (Float, 2.0, "2"), (Float, 0.1, "0.1"),
    (YesNo, True, "yes"), (OnOff, False, "off"),
])
def test_format(codec, value, text):
    assert codec.format(value) == text


@pytest.mark.parametrize("codec, value", [
    (Int, "3"), (Int, True), (Str, 3), (YesNo, 1), (HexInt, -1), (Float, "x"),
])
def test_format_refuses(codec, value):
    with pytest.raises((TypeError, ValueError)):
        codec.format(value)


class Mode(OpenEnum):
    FAST = "fast"
    SLOW = "slow"


class Closed(enum.Enum):
    A = "a"


def test_open_enum_pseudo_members_are_stable():
    assert Mode("warp") is Mode("warp")
    assert Mode("warp") == "warp" and not Mode("warp").known
    assert Mode("fast") is Mode.FAST


def test_an_unknown_value_spelled_as_a_members_name_is_not_known():
    assert Mode("FAST") != Mode.FAST and not Mode("FAST").known and Mode.FAST.known


def test_an_open_enum_reads_in_a_repr_as_it_is_written_in_code():
    assert repr(Mode.FAST) == "Mode.FAST" and repr(Mode("warp")) == "Mode('warp')"
    assert eval(repr(Mode("warp"))) is Mode("warp") and eval(repr(Mode.FAST)) is Mode.FAST
    assert str(Mode.FAST) == "fast" and f"{Mode.FAST}" == "fast"


def test_closed_enum_refuses_unknown_values():
    codec = EnumCodec(Closed)
    assert codec.parse("a") is Closed.A
    with pytest.raises(ValueError, match="'b' is not one of 'a'"):
        codec.parse("b")


def test_enum_codec_accepts_a_plain_string_value_on_output():
    assert EnumCodec(Mode).format("slow") == "slow"


def test_registry_finds_codecs_by_type_and_enums_before_str():
    assert default_registry.lookup(bool) is YesNo
    assert default_registry.lookup(int) is Int
    assert isinstance(default_registry.lookup(Mode), EnumCodec)


class Percent(float):
    """A user type with its own codec."""


class PercentCodec:
    def parse(self, text):
        return Percent(float(text.rstrip("%")))

    def format(self, value):
        return f"{value:g}%"


def test_users_can_register_a_codec_for_their_own_type():
    registry = CodecRegistry()
    registry.register(Percent, PercentCodec())
    assert isinstance(registry.lookup(Percent), PercentCodec)
    default_registry.register(Percent, PercentCodec())

    @element("gauge")
    class Gauge:
        level: Percent | None = attr("level")

    gauge = from_xml('<gauge level="42%"/>', Gauge)
    assert gauge.level == 42.0
    assert to_xml(gauge, pretty=False) == "<gauge level='42%'/>"


def test_unknown_enum_values_do_not_grow_the_class_without_bound():
    from mapping.core.enums import MAX_UNKNOWN_CACHED

    class Flavour(OpenEnum):
        PLAIN = "plain"

    values = [Flavour(f"v{index}") for index in range(MAX_UNKNOWN_CACHED * 3)]
    assert len(Flavour._value2member_map_) <= 1 + MAX_UNKNOWN_CACHED
    assert values[-1] == "v767" and not values[-1].known
    assert Flavour("v0") is values[0]   # the first ones stay cached

"""The built-in codecs' parse and format are spelled out in the generated readers and
writers; a codec subclass that keeps them keeps that fast path, and one that changes
either has its own method called, on the path where it changed it."""
from __future__ import annotations

from typing import Any

import pytest

from mapping.core import (BoolCodec, EnumCodec, FloatCodec, HexIntCodec, IntCodec, StrCodec,
                          attr, element, from_xml, generated_source, text)
from mapping.core.codecs import inline_kind
from tests.xmlassert import to_xml


class Described(IntCodec):
    """An int codec that only adds what tools read (facets, a repr)."""

    facets = "a count"

    def __repr__(self) -> str:
        return "Described"


class Lowered(StrCodec):
    """Read in lower case, written in upper case: neither is StrCodec's."""

    def parse(self, text: str) -> str:
        return text.lower()

    def format(self, value: Any) -> str:
        return super().format(value).upper()


class Checked(StrCodec):
    """A parse of its own (a check); writes as StrCodec does."""

    def parse(self, text: str) -> str:
        if not text.isidentifier():
            raise ValueError(f"{text!r} is not a name")
        return text


class Padded(HexIntCodec):
    pass


class Unrelated:
    def parse(self, text: str) -> str:
        return text

    def format(self, value: Any) -> str:
        return str(value)


@pytest.mark.parametrize("codec, parse, format", [
    (StrCodec(), StrCodec, StrCodec),
    (IntCodec(), IntCodec, IntCodec),
    (HexIntCodec(2), HexIntCodec, HexIntCodec),
    (BoolCodec("yes", "no"), BoolCodec, BoolCodec),
    (Described(), IntCodec, IntCodec),
    (Padded(4), HexIntCodec, HexIntCodec),
    (Lowered(), None, None),
    (Checked(), None, StrCodec),
    (FloatCodec(), None, None),
    (Unrelated(), None, None),
])
def test_the_inline_form_a_codec_takes(codec, parse, format):
    assert inline_kind(codec, "parse") is parse
    assert inline_kind(codec, "format") is format


def test_a_method_set_on_the_codec_itself_is_called():
    codec = IntCodec()
    codec.format = lambda value: f"{value:+d}"
    assert inline_kind(codec, "parse") is IntCodec
    assert inline_kind(codec, "format") is None


def test_an_enum_codec_is_spelled_out():
    import enum

    class Mode(enum.Enum):
        A = "a"

    assert inline_kind(EnumCodec(Mode), "parse") is EnumCodec


@element("gauge")
class Gauge:
    count: int | None = attr("count", codec=Described())
    label: str | None = attr("label", codec=Lowered())
    name: str | None = attr("name", codec=Checked())
    note: str | None = text(codec=Lowered())


def test_a_subclass_that_keeps_the_methods_is_not_called(monkeypatch):
    def called(*_: Any) -> Any:
        raise AssertionError("the codec was called")
    monkeypatch.setattr(IntCodec, "parse", called)
    monkeypatch.setattr(IntCodec, "format", called)
    gauge = from_xml("<gauge count='0x10'/>", Gauge)
    assert gauge.count == 16
    assert to_xml(gauge, pretty=False) == "<gauge count='16'/>"
    assert "f_count = int_memo.get(raw)" in generated_source(Gauge, "read")


def test_each_method_a_subclass_changes_is_called_on_its_path():
    gauge = from_xml("<gauge count='0x10' label='MiXed' name='disk0'>Some Text</gauge>", Gauge)
    assert (gauge.count, gauge.label, gauge.name, gauge.note) == (16, "mixed", "disk0",
                                                                  "some text")
    assert to_xml(gauge, pretty=False) == ("<gauge count='16' label='MIXED' name='disk0'>"
                                           "SOME TEXT</gauge>")


def test_a_changed_parse_still_refuses_on_reading():
    with pytest.raises(Exception, match="is not a name"):
        from_xml("<gauge name='two words'/>", Gauge)

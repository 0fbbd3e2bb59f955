"""An element with both a text value and child elements (`<nvram>path</nvram>` or
`<nvram><source/></nvram>`): blank text before children is indentation."""
from __future__ import annotations

from mapping.core import attr, child, element, from_xml, text
from tests.xmlassert import to_xml


@element()
class Src:
    file: str | None = attr("file")


@element("nvram")
class Nvram:
    path: str | None = text()
    source: Src | None = child("source")


def test_blank_text_before_children_is_layout_not_a_value():
    assert from_xml("<nvram>\n  <source file='x'/>\n</nvram>", Nvram) == Nvram(
        source=Src(file="x"))
    assert from_xml(to_xml(Nvram(source=Src())), Nvram).path is None


def test_text_without_children_is_the_value_even_when_blank():
    assert from_xml("<nvram> </nvram>", Nvram).path == " "
    assert from_xml("<nvram>/var/x.fd</nvram>", Nvram).path == "/var/x.fd"

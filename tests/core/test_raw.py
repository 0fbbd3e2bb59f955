"""raw_elements(): child elements no field maps, kept whole and in order, as data."""
from __future__ import annotations

import pytest

from mapping.core import ModelError, SerializeError, attr, element, from_xml, raw_elements
from tests.xmlassert import to_xml
from mapping.core._plan import plan_for
from tests.xmlassert import assert_xml_equal


@element("metadata")
class Holder:
    version: str | None = attr("version")
    blocks: list[str] = raw_elements()


DOC = ('<metadata version="1"><a:x xmlns:a="urn:a" k="v"><a:y>1</a:y></a:x>'
       '<!-- a note --><b xmlns="urn:b"/></metadata>')


def test_blocks_are_kept_as_text_in_order_and_written_back():
    holder = from_xml(DOC, Holder)
    assert holder.blocks == ['<a:x xmlns:a="urn:a" k="v"><a:y>1</a:y></a:x>',
                             '<b xmlns="urn:b"/>']
    assert_xml_equal(to_xml(holder), DOC)


def test_blocks_are_data_not_unknown_xml():
    assert from_xml(DOC, Holder, unknown="ignore").blocks == from_xml(DOC, Holder).blocks
    with pytest.raises(Exception, match="comment"):
        from_xml(DOC, Holder, unknown="error")   # the comment is unknown, the blocks are not
    from_xml(DOC.replace("<!-- a note -->", ""), Holder, unknown="error")


def test_a_block_that_is_not_xml_is_a_serialize_error():
    with pytest.raises(SerializeError, match=r"blocks\[0\]: not an XML element"):
        to_xml(Holder(blocks=["<unclosed>"]))


def test_raw_elements_need_list_of_str_once():
    @element("bad")
    class Bad:
        blocks: list[int] = raw_elements()

    with pytest.raises(ModelError, match=r"Bad.blocks: raw_elements\(\) needs list\[str\]"):
        plan_for(Bad)

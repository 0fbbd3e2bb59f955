"""entries(): a wrapper of free-form leaves as a dict (oVirt's custom properties)."""
from __future__ import annotations

import pytest

from mapping.core import ModelError, SerializeError, element, entries, from_xml
from tests.xmlassert import to_xml
from mapping.core._plan import plan_for
from tests.core.models import NS, Box
from tests.xmlassert import assert_xml_equal

X = f'xmlns:x="{NS}"'


def test_entries_parse_into_a_dict_in_document_order():
    box = from_xml(f"<box {X}><x:custom><x:b>2</x:b><x:a>one</x:a><x:e/></x:custom></box>",
                   Box)
    assert box.custom == {"b": "2", "a": "one", "e": ""}
    assert list(box.custom) == ["b", "a", "e"]
    assert box.extras is None


def test_entries_are_written_in_dict_order_under_the_wrapper():
    assert_xml_equal(to_xml(Box(custom={"queues": "4", "mode": "fast"})),
                     f"<box {X}><x:custom><x:queues>4</x:queues><x:mode>fast</x:mode>"
                     "</x:custom></box>")


def test_empty_wrapper_is_an_empty_dict_and_absent_is_none():
    assert from_xml(f"<box {X}><x:custom/></box>", Box).custom == {}
    assert from_xml("<box/>", Box).custom is None
    assert_xml_equal(to_xml(Box(custom={})), f"<box {X}><x:custom/></box>")


@pytest.mark.parametrize("inner", [
    "<x:a k='v'>1</x:a>",             # an attribute on an entry
    "<x:a><x:b/></x:a>",              # a nested element
    "<a>1</a>",                       # an entry in another namespace
    "<!-- note --><x:a>1</x:a>",      # a comment
    "<x:a>1</x:a><x:a>2</x:a>",       # a repeated name
])
def test_a_wrapper_that_is_not_plain_leaves_is_kept_whole(inner):
    xml = f"<box {X}><x:custom>{inner}</x:custom></box>"
    box = from_xml(xml, Box)
    assert box.custom is None and box.extras is not None
    assert_xml_equal(to_xml(box), xml)


def test_a_non_str_value_is_a_serialize_error_naming_the_entry():
    with pytest.raises(SerializeError, match="entry 'n' must be a str, not int"):
        to_xml(Box(custom={"n": 3}))


def test_entries_need_a_dict_annotation():
    @element("bad")
    class Bad:
        custom: list[str] | None = entries("custom")

    with pytest.raises(ModelError, match=r"Bad.custom: entries\(\) needs a dict"):
        plan_for(Bad)

"""Entities as JSON through dataclasses-json: a stable, documented shape."""
from __future__ import annotations

import json

import pytest

from mapping.core import MappingError, ParseError, from_dict, from_xml, to_dict
from tests.core.models import BlockSrc, Box, Color, Dims, FileSrc, Gadget, Item, PciAddr


def test_shape_is_stable():
    box = Box(id=1, dims=Dims(width=2), contents=[
        Item(type="block", color=Color.RED, source=BlockSrc(dev="/d"),
             address=PciAddr(slot=0), tags=["t"]),
        Gadget(name="g", count=0)])
    assert to_dict(box) == {
        "id": 1,
        "dims": {"width": 2},
        "contents": [
            {"item": {"type": "block", "color": "red",
                      "source": {"block": {"dev": "/d"}},
                      "tags": ["t"], "notes": [],
                      "address": {"pci": {"slot": 0}}}},
            {"gadget": {"name": "g", "count": 0}},
        ],
    }


def test_round_trip_through_json_text():
    xml = ('<box id="1" odd="x"><!-- c --><item type="file" color="infrared">'
           '<source file="/a"/><boot order="2"/><readonly/></item><gadget>3</gadget></box>')
    box = from_xml(xml, Box)
    again = from_dict(json.loads(json.dumps(to_dict(box))), Box)
    assert again == box
    assert isinstance(again.contents[0].color, Color)
    assert isinstance(again.contents[0].source, FileSrc)


def test_unknown_xml_is_carried_in_extras():
    box = from_xml('<box odd="x"><zz/></box>', Box)
    data = to_dict(box)
    assert data["extras"]["attrs"] == {"odd": "x"}
    assert data["extras"]["nodes"] == [["element", "<zz/>"]]


def test_from_dict_refuses_a_non_entity_class():
    with pytest.raises(MappingError):
        from_dict({}, dict)


def test_from_dict_bad_shape_is_a_parse_error():
    with pytest.raises(ParseError):
        from_dict({"contents": [{"nosuchtag": {}}]}, Box)

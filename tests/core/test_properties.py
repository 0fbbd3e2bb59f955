"""Property tests: random entities survive XML and JSON; inserted unknown XML survives."""
from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from mapping.compare import first_difference
from mapping.core import from_dict, from_xml, to_dict
from tests.xmlassert import to_xml
from tests.core.models import Box, Item
from tests.core.test_unknown_xml import RICH
from tests.strategies import entities

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(entities(Box))
def test_entity_survives_xml(box):
    assert from_xml(to_xml(box), Box) == box


@SETTINGS
@given(entities(Item))
def test_entity_survives_json(item):
    assert from_dict(to_dict(item), Item) == item


def insert_unknown_xml(document: str, seed: int, count: int) -> str:
    """Put unknown elements, attributes, comments and text at random places."""
    chooser = random.Random(seed)
    root = etree.fromstring(document.encode())
    for number in range(count):
        nodes = [node for node in root.iter() if isinstance(node.tag, str)]
        target = chooser.choice(nodes)
        kind = chooser.choice(["element", "attribute", "comment", "nested", "pi"])
        if kind == "attribute":
            target.set(f"zz-attr{number}", f"v{number}")
            continue
        if kind == "element":
            new = etree.Element(f"zz{number}", a=str(number))
        elif kind == "nested":
            new = etree.Element(f"{{urn:zz}}zz{number}", nsmap={"z": "urn:zz"})
            etree.SubElement(new, "{urn:zz}inner").text = f"text {number}"
        elif kind == "comment":
            new = etree.Comment(f" note {number} ")
        else:
            new = etree.PI("zz", f"data {number}")
        target.insert(chooser.randint(0, len(target)), new)
    return etree.tostring(root, encoding="unicode")


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 2**32), count=st.integers(1, 8))
def test_unknown_xml_inserted_anywhere_survives(seed, count):
    document = insert_unknown_xml(RICH.split("?>", 1)[1], seed, count)
    box = from_xml(document, Box)
    written = to_xml(box)
    assert first_difference(document, written) is None
    assert from_xml(written, Box) == box

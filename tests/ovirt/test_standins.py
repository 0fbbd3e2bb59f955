"""Stand-ins: engine documents validated with their placeholders as the host's values,
through the Python API (`validate(..., engine=True)`, `from_engine_xml(validate=True)`)."""
from __future__ import annotations

import copy

import pytest
from lxml import etree

import mapping.ovirt as ovirt
from mapping import ParseError
from mapping.ovirt import Placeholder, from_engine_xml
from mapping.ovirt.standins import STAND_INS, put_stand_ins, stand_in
from mapping.validate import validate
from tests.test_cli_engine import ENGINE, EVERY_KIND, PLACEHOLDERS, changed, line_of

# A value the parser takes (an int) and the schema refuses (a boot order starts at 1),
# beside the payload placeholder.
BAD_ORDER = ENGINE.replace("<readonly/>", "<readonly/>\n      <boot order='0'/>")


def test_every_placeholder_kind_has_a_stand_in():
    exported = {value for name in ovirt.__all__
                if isinstance(value := getattr(ovirt, name), type)
                and issubclass(value, Placeholder) and value is not Placeholder}
    assert exported == EVERY_KIND == set(STAND_INS)


def test_an_unknown_kind_has_no_stand_in_and_says_so():
    class Elsewhere(Placeholder):
        __slots__ = ()
        text = "ELSEWHERE:"
    with pytest.raises(TypeError, match="no stand-in for a Elsewhere placeholder"):
        stand_in(Elsewhere())


def test_stand_ins_are_values_of_the_kind_the_host_writes():
    root = etree.fromstring(ENGINE.encode())
    replaced = put_stand_ins(root)
    assert len(replaced) == PLACEHOLDERS
    for node, attr, token in replaced:
        value = node.text if attr is None else node.get(attr)
        if attr == "offset":
            assert int(value) >= 0
        elif attr is not None:        # every other attribute placeholder is a path
            assert value.startswith("/"), (token, value)
        else:
            assert value == token.text


def test_text_like_a_placeholder_elsewhere_is_left_as_written():
    text = changed("<vcpu placement='static'>1</vcpu>",
                   "<vcpu placement='static'>LEASE-OFFSET:v1:sd1</vcpu>")
    root = etree.fromstring(text.encode())
    put_stand_ins(root)
    assert root.findtext("vcpu") == "LEASE-OFFSET:v1:sd1"
    assert root.find("devices/lease/target").get("offset") == "0"


def test_validate_engine_accepts_text_a_tree_and_an_entity():
    tree = etree.ElementTree(etree.fromstring(ENGINE.encode()))
    before = etree.tostring(tree)
    assert validate(ENGINE) != []
    assert validate(ENGINE, engine=True) == []
    assert validate(tree, engine=True) == []
    assert etree.tostring(tree) == before       # the caller's tree keeps its placeholders
    assert validate(from_engine_xml(ENGINE), engine=True) == []


def test_an_entity_read_by_from_engine_xml_is_validated_at_the_files_lines():
    problems = validate(from_engine_xml(BAD_ORDER), engine=True)
    assert [problem.line for problem in problems] == [line_of(BAD_ORDER, "order='0'")]


def test_from_engine_xml_validates_as_the_engine_writes():
    domain = from_engine_xml(ENGINE, validate=True)
    assert len(ovirt.unresolved(domain)) == PLACEHOLDERS
    with pytest.raises(ParseError) as raised:
        from_engine_xml(BAD_ORDER, validate=True)
    assert [problem.line for problem in raised.value.problems] == [line_of(BAD_ORDER,
                                                                            "order='0'")]


def test_validate_engine_does_not_change_a_tree_given_below_its_root():
    tree = etree.fromstring(ENGINE.encode())
    lease = tree.find("devices/lease")
    kept = copy.deepcopy(lease)
    validate(lease, engine=True)
    assert etree.tostring(lease) == etree.tostring(kept)

"""Fuzzing with mutated real documents: only ParseError may escape, and whatever is
accepted round-trips without losing anything.

Mutations: delete an element, duplicate one, retype an attribute (a random string in
place of its value), retype an element's text, truncate the bytes. The budget is fixed
(max_examples), so CI time is bounded.
"""
from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from mapping import ParseError, from_xml
from tests.xmlassert import to_xml
from mapping.compare import first_difference
from tests.conftest import PROJECT, corpus_files

SOURCES = corpus_files() or sorted((PROJECT / "examples").glob("*.xml"))
# Every 7th corpus document: a spread over all directories at a bounded cost.
SEEDS = [path.read_bytes() for path in SOURCES[::7]] or [b"<domain/>"]

junk = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=8)


def _elements(root):
    return [node for node in root.iter() if isinstance(node.tag, str)]


@st.composite
def mutated_documents(draw):
    data = draw(st.sampled_from(SEEDS))
    kind = draw(st.sampled_from(["delete", "duplicate", "attribute", "text", "truncate"]))
    if kind == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    root = etree.fromstring(data)
    nodes = _elements(root)
    for _ in range(draw(st.integers(1, 3))):
        node = draw(st.sampled_from(nodes))
        parent = node.getparent()
        if kind == "delete" and parent is not None:
            parent.remove(node)
            nodes = _elements(root)
        elif kind == "duplicate" and parent is not None:
            parent.insert(parent.index(node), copy.deepcopy(node))
        elif kind == "attribute" and node.attrib:
            name = draw(st.sampled_from(sorted(node.attrib)))
            node.set(name, draw(junk))
        elif kind == "text":
            node.text = draw(junk)
    return etree.tostring(root)


@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_documents())
def test_mutated_documents_parse_or_fail_cleanly(document):
    try:
        domain = from_xml(document)
    except ParseError:
        return
    written = to_xml(domain)
    assert first_difference(document, written) is None
    assert from_xml(written) == domain

"""The lossless comparison sees every node a document has, and names where it differs."""
from __future__ import annotations

import pytest
from lxml import etree

from mapping.compare import first_difference, xml_equal


@pytest.mark.parametrize("left, right, where", [
    # beside the root
    ("<!-- hi --><a/>", "<a/>", "/: extra comment 'hi' on the left before the root element"),
    ("<a/>", "<?pi x?><a/>", "/: extra pi ('pi', 'x') on the right before the root element"),
    ("<!--a--><a/>", "<!--b--><a/>", "/: comment 'a' != 'b' before the root element"),
    ("<?p x?><a/>", "<!--p--><a/>", "/: pi ('p', 'x') != comment 'p' at child 1 before the root"),
    ("<a/><!-- bye -->", "<a/>", "/: extra comment 'bye' on the left after the root element"),
    ("<a/><?p 1?>", "<a/><?p 2?>", "/: pi ('p', '1') != ('p', '2') after the root element"),
    # comments and PIs anywhere inside
    ("<a><b><?p x?></b></a>", "<a><b/></a>", "/a/b[1]: extra pi ('p', 'x') on the left"),
    ("<a><b/><!--c--></a>", "<a><!--c--><b/></a>", "/a: element <b> != comment 'c' at child 1"),
    # mixed text
    ("<a>x<b/>tail</a>", "<a>x<b/></a>", "/a: extra text 'tail' on the left"),
    ("<a><b/>one</a>", "<a><b/>two</a>", "/a/text(): 'one' != 'two'"),
    ("<a>t<b/></a>", "<a><b/>t</a>", "/a: text 't' != element <b> at child 1"),
    # namespaces of elements and attributes
    ("<a><y xmlns=''/></a>", "<a xmlns='urn:d'><y/></a>", "/a: element <a> != <{urn:d}a>"),
    ("<d xmlns='urn:d'><y xmlns=''/></d>", "<d xmlns='urn:d'><y/></d>",
     "/d/y[1]: element <y> != <{urn:d}y>"),
    ("<a xmlns:p='urn:p' p:x='1'/>", "<a xmlns:p='urn:q' p:x='1'/>", "/a/@{urn:p}x: only on"),
    ("<a xmlns:p='urn:p' p:x='1'/>", "<a x='1'/>", "/a/@x: only on the right"),
])
def test_each_kind_of_difference_is_found_with_its_place(left, right, where):
    found = first_difference(left, right)
    assert found is not None and found.startswith(where), found
    assert not xml_equal(left, right)


@pytest.mark.parametrize("left, right", [
    ("<!-- hi --><a/><?p x?>", "<!-- hi -->\n<a/>\n<?p x?>"),
    ("<?xml version='1.0'?><!--c--><a/>", "<!--c--><a/>"),      # the declaration: not kept
    ("<a>\n  <b slot='0x05'/>\n  text  \n</a>", "<a><b slot='5'/>text</a>"),
    ("<p:a xmlns:p='urn:x' p:k='1'/>", "<q:a xmlns:q='urn:x' q:k='1'/>"),
    ("<a><?p  x ?></a>", "<a><?p x?></a>"),
])
def test_layout_spellings_and_prefixes_do_not_count(left, right):
    assert first_difference(left, right) is None


def test_an_element_is_compared_without_its_siblings_a_tree_with_them():
    left = etree.fromstring("<!--c--><a/>")
    right = etree.fromstring("<a/>")
    assert first_difference(left, right) is None
    assert first_difference(left.getroottree(), right.getroottree()).startswith("/: extra")
    assert first_difference(left.getroottree(), "<!--c--><a/>") is None

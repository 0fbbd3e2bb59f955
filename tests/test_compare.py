"""The lossless comparison and its report of the first difference."""
from __future__ import annotations

import pytest

from mapping.compare import first_difference, xml_equal


@pytest.mark.parametrize("left, right", [
    ("<a x='1'/>", '<a x="1"></a>'),
    ("<a><b/>\n   <c/></a>", "<a><b/><c/></a>"),
    ("<a slot='0x06'/>", "<a slot='6'/>"),
    ("<a r='2.0'/>", "<a r='2'/>"),
    ("<p:a xmlns:p='urn:x'/>", "<q:a xmlns:q='urn:x'/>"),
    ("<a y='1' x='2'/>", "<a x='2' y='1'/>"),
    ("<a><!-- c --></a>", "<a>\n<!-- c -->\n</a>"),
])
def test_equal(left, right):
    assert first_difference(left, right) is None
    assert xml_equal(left, right)


@pytest.mark.parametrize("left, right, where", [
    ("<a><b/><c/></a>", "<a><c/><b/></a>", "/a/b[1]: element <b> != <c>"),
    ("<a><b x='1'/></a>", "<a><b x='2'/></a>", "/a/b[1]/@x: '1' != '2'"),
    ("<a><b/><b><c/></b></a>", "<a><b/><b/></a>", "/a/b[2]: extra element <c> on the left"),
    ("<a x='1'/>", "<a/>", "/a/@x: only on the left"),
    ("<a>t</a>", "<a>u</a>", "/a/text(): 't' != 'u'"),
    ("<a><!-- x --></a>", "<a/>", "/a: extra comment 'x' on the left"),
    ("<p:a xmlns:p='urn:x'/>", "<p:a xmlns:p='urn:y'/>", "/a: element <{urn:x}a> != <{urn:y}a>"),
    ("<a slot='0x06'/>", "<a slot='7'/>", "/a/@slot: '0x06' != '7'"),
])
def test_first_difference_names_the_xpath(left, right, where):
    found = first_difference(left, right)
    assert found is not None and found.startswith(where), found

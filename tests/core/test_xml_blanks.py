"""Layout is XML's white space only (space, tab, newline, carriage return). Text of other
space characters, which `str.isspace` also takes (a no-break space, U+3000, U+0085,
U+2028), is content: kept where it stands and written back, in every direction."""
from __future__ import annotations

import pytest

from mapping import from_xml, to_xml
from mapping.compare import first_difference
from mapping.core import attr, child, element, text
from mapping.core.extras import TEXT, Extras, is_layout, problems
from tests.core.test_mixed_text import Nvram

SPACES = ["\u00a0", "\u3000", "\u0085", "\u2028", " \u00a0 "]


@pytest.mark.parametrize("blank", [" ", "\n  ", "\t\r\n"])
def test_xml_white_space_is_layout(blank):
    assert is_layout(blank)


@pytest.mark.parametrize("space", SPACES)
def test_other_spaces_are_content(space):
    assert not is_layout(space)


@pytest.mark.parametrize("space", SPACES)
def test_text_between_known_children_is_kept(space):
    source = f"<domain type='kvm'><name>a</name>{space}<memory>1</memory></domain>"
    domain = from_xml(source)
    assert domain.extras is not None and (TEXT, space) in domain.extras.nodes
    assert first_difference(source, to_xml(domain, style="libvirt")) is None
    domain.name = "b"   # (an edit: written anew, in the source's style)
    assert space in to_xml(domain)


@pytest.mark.parametrize("space", SPACES)
def test_text_before_children_of_an_element_mapping_text_is_its_value(space):
    nvram = from_xml(f"<nvram>{space}<source file='x'/></nvram>", Nvram)
    assert nvram.path == space
    assert from_xml(to_xml(nvram, style="libvirt"), Nvram).path == space


@element("box")
class Box:
    size: int | None = attr("size")


@element("shelf")
class Shelf:
    box: Box | None = child("box")
    label: str | None = text()


@pytest.mark.parametrize("space", SPACES)
def test_such_text_of_an_element_without_children_fields_is_kept(space):
    # `<box>` maps no children: its text and the unknown child after it are kept nodes
    source = f"<shelf><box size='1'>{space}<lid/></box></shelf>"
    shelf = from_xml(source, Shelf)
    assert first_difference(source, to_xml(shelf, style="libvirt")) is None


@pytest.mark.parametrize("space", SPACES)
def test_kept_text_of_such_spaces_is_valid_and_blank_text_is_not(space):
    assert problems(Extras(nodes=[(TEXT, space)], order=[("?", 0)])) == []
    assert problems(Extras(nodes=[(TEXT, "\n  ")], order=[("?", 0)])) != []


@pytest.mark.parametrize("space", SPACES)
def test_the_comparison_for_loss_sees_such_text(space):
    assert first_difference(f"<a><b/>{space}</a>", "<a><b/></a>") is not None
    assert first_difference("<a>\n  <b/>\n</a>", "<a><b/></a>") is None


@pytest.mark.parametrize("space", SPACES)
def test_such_text_inside_an_unknown_element_is_kept(space):
    source = (f"<domain type='kvm'><name>a</name><devices><future>{space}<a/>{space}<b/>"
              "</future></devices></domain>")
    domain = from_xml(source)
    assert first_difference(source, to_xml(domain, style="libvirt")) is None
    blank = from_xml(source.replace(space, "\n  "))
    assert domain != blank   # (kept XML that differs in content makes entities unequal)
    assert blank == from_xml(source.replace(space, " "))   # (layout does not)


# `_writer.indent` is lxml's indent but for what it calls blank: on text of XML's white
# space only it must lay out every tree as lxml does.
INDENT_CASES = [
    "<a/>", "<a><b/></a>", "<a>\n<b/>   <c/>\t</a>", "<a>text<b/>tail<c/></a>",
    "<a><!-- c --><b><?pi x?></b><c>t</c>  </a>", "<a><b><c><d/></c></b><e/></a>",
    "<a>  <b>x<c/></b>y</a>", "<a>\r\n  <b/>\r\n</a>",
]


def _both_indents(text: str, step: str, level: int) -> tuple[str, str]:
    from lxml import etree

    from mapping.core._writer import indent
    theirs, ours = etree.fromstring(text), etree.fromstring(text)
    etree.indent(theirs, space=step, level=level)
    indent(ours, step, level)
    return etree.tostring(theirs, encoding="unicode"), etree.tostring(ours, encoding="unicode")


@pytest.mark.parametrize("text", INDENT_CASES)
@pytest.mark.parametrize("step, level", [("  ", 0), ("  ", 2), ("    ", 1), ("\t", 3)])
def test_indent_lays_out_as_lxml_does(text, step, level):
    theirs, ours = _both_indents(text, step, level)
    assert ours == theirs


def test_indent_lays_out_the_corpus_as_lxml_does(corpus):
    from lxml import etree
    for path in corpus[::10]:
        text = etree.tostring(etree.parse(str(path)).getroot(), encoding="unicode")
        theirs, ours = _both_indents(text, "  ", 1)
        assert ours == theirs, path.name


@pytest.mark.parametrize("space", SPACES)
def test_indent_keeps_such_text(space):
    _, ours = _both_indents(f"<a>{space}<b/>{space}<c>{space}<d/></c></a>", "  ", 0)
    assert ours.count(space) == 3


@pytest.mark.parametrize("codec, text, value", [
    ("Int", " 4\n", 4), ("Int", "\t0x10 ", 16), ("Float", "\r\n1.5 ", 1.5)])
def test_numbers_may_stand_between_xml_blanks(codec, text, value):
    import mapping.core as core
    assert getattr(core, codec).parse(text) == value


@pytest.mark.parametrize("codec", ["Int", "Float"])
@pytest.mark.parametrize("space", SPACES)
def test_numbers_beside_other_spaces_are_refused_as_libvirt_refuses_them(codec, space):
    import mapping.core as core
    with pytest.raises(ValueError, match="not an integer|not a number"):
        getattr(core, codec).parse(f"{space}4")


def test_such_a_number_in_a_document_is_a_located_error():
    from mapping import ParseError
    with pytest.raises(ParseError, match=r"/domain/vcpu, field Vcpu.count: not an integer"):
        from_xml("<domain type='kvm'><name>a</name><vcpu>\u00a04</vcpu></domain>")

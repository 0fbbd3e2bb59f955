"""Nothing is lost: unknown XML is kept where it stood, or dropped, or reported."""
from __future__ import annotations

import pytest

from mapping.core import ParseError, child, element, entries, from_xml, raw_elements
from tests.xmlassert import to_xml
from tests.core.models import Box, Item, Note, PciAddr
from tests.xmlassert import assert_xml_equal

RICH = """<?xml version="1.0"?>
<box id="1" future="yes" xmlns:o="urn:other">
  <!-- leading comment -->
  <o:meta o:a="1"><o:deep>text <o:b/> tail</o:deep></o:meta>
  <title>T</title>
  <?app some data?>
  <newthing><x/></newthing>
  <item type="file" unknownattr="1">
    <source file="/a" cache="none"/>
    <boot order="1" loadparm="x"/>
    <tag flavour="sweet">a</tag>
    <later/>
  </item>
  mixed text
  <gadget name="g">3</gadget>
  <!-- trailing comment -->
</box>"""


def test_preserve_writes_unknown_xml_back_where_it_stood():
    box = from_xml(RICH, Box)
    assert box.id == 1 and box.title == "T"
    assert box.contents[0].source.file == "/a"
    assert box.contents[0].order == 1
    assert box.contents[0].tags == ["a"]
    assert_xml_equal(RICH, to_xml(box))


def test_preserve_is_the_default_and_round_trips_the_entity():
    box = from_xml(RICH, Box)
    assert from_xml(to_xml(box), Box) == box


def test_ignore_drops_everything_unknown():
    box = from_xml(RICH, Box, unknown="ignore")
    assert_xml_equal(
        '<box id="1"><title>T</title><item type="file"><source file="/a"/>'
        '<boot order="1"/><tag>a</tag></item><gadget name="g">3</gadget></box>', to_xml(box))


def test_error_lists_every_unknown_place():
    with pytest.raises(ParseError) as caught:
        from_xml(RICH, Box, unknown="error")
    messages = [str(problem) for problem in caught.value.problems]
    text = "\n".join(messages)
    for expected in ["unknown attribute 'future'", "unknown comment", "<meta>", "<newthing>",
                     "processing instruction", "'unknownattr'", "'cache'", "'loadparm'",
                     "'flavour'", "<later>", "mixed text"]:
        assert expected in text, expected
    assert len(messages) == 12
    # each names its line and path
    later = next(p for p in caught.value.problems if "<later>" in p.message)
    assert later.line == 12 and later.path == "/box/item/later"


def test_known_children_out_of_declared_order_keep_their_order():
    xml = '<item><tag>a</tag><label>L</label><boot order="1"/><source file="x"/></item>'
    item = from_xml(xml, Item)
    assert_xml_equal(xml, to_xml(item))


def test_out_of_order_alone_does_not_make_entities_unequal():
    a = from_xml("<item><tag>a</tag><label>L</label></item>", Item)
    b = from_xml("<item><label>L</label><tag>a</tag></item>", Item)
    assert a == b


def test_unknown_node_position_is_part_of_equality():
    a = from_xml("<item><label>L</label><x/><tag>a</tag></item>", Item)
    b = from_xml("<item><label>L</label><tag>a</tag><x/></item>", Item)
    assert a != b


def test_edits_keep_unknown_xml_next_to_its_neighbour():
    box = from_xml("<box><title>T</title><!-- about dims --><dims width='1'/></box>", Box)
    box.title = None
    box.dims.height = 2
    assert_xml_equal("<box><!-- about dims --><dims width='1' height='2'/></box>", to_xml(box))


def test_a_field_added_in_code_lands_at_its_declared_place():
    box = from_xml("<box><dims width='1'/><!-- c --><zz/></box>", Box)
    box.title = "new"
    assert_xml_equal("<box><title>new</title><dims width='1'/><!-- c --><zz/></box>",
                     to_xml(box))


def test_empty_path_element_is_kept():
    item = from_xml("<item><boot/></item>", Item)
    assert item.order is None
    assert_xml_equal("<item><boot/></item>", to_xml(item))


def test_unknown_attribute_on_a_flag_is_kept():
    item = from_xml('<item><readonly why="policy"/></item>', Item)
    assert item.readonly is True
    assert_xml_equal('<item><readonly why="policy"/></item>', to_xml(item))


def test_unknown_namespaced_element_keeps_its_namespace_under_a_clashing_prefix():
    xml = ('<box xmlns:x="urn:a"><x:extra xmlns:x="urn:test:extra" width="1">'
           '<x:inner xmlns:x="urn:b"/></x:extra></box>')
    box = from_xml(xml, Box)
    assert box.extra.width == 1
    assert_xml_equal(xml, to_xml(box))


def test_policy_is_checked():
    with pytest.raises(ValueError):
        from_xml("<box/>", Box, unknown="keep")


# -- kept where it is met --------------------------------------------------------------

TRAILING = """<item type="file">
  <label>L</label>
  <tag>a</tag>
  <tag>b</tag>
  <future level="3"/>
  <!-- and a comment -->
</item>"""


def test_unknown_nodes_after_the_known_children_are_kept_without_a_second_walk(monkeypatch):
    # What a newer libvirt adds usually comes last: it is kept as it is met, after the
    # child before it, and the children are not walked once more to place it.
    from mapping.core._engine import ParseContext
    monkeypatch.setattr(ParseContext, "arrange",
                        lambda *_: pytest.fail("the children were walked again"))
    item = from_xml(TRAILING, Item)
    assert item.extras.order == [("tags", 1), ("?", 0), ("?", 1)]
    assert [kind for kind, _ in item.extras.nodes] == ["element", "comment"]
    monkeypatch.undo()
    assert_xml_equal(TRAILING, to_xml(item))
    assert from_xml(to_xml(item), Item) == item


def test_a_known_child_after_a_node_kept_in_place_puts_all_in_document_order():
    document = TRAILING.replace('  <!-- and a comment -->\n', '  <readonly/>\n')
    item = from_xml(document, Item)
    assert item.extras.order == [("/label", 0), ("tags", 0), ("tags", 1), ("?", 0),
                                 ("readonly", 0)]
    assert to_xml(item).index("<future") < to_xml(item).index("<readonly")


def test_children_the_order_does_not_name_are_written_where_the_declaration_puts_them():
    item = from_xml(TRAILING, Item)
    item.label, item.tags, item.readonly = "M", ["a", "b", "c"], True
    written = to_xml(item, style="libvirt")
    # The kept nodes follow the second tag, as they did; what was added stands in
    # declaration order around them.
    assert [line.strip() for line in written.splitlines()[1:-1]] == [
        "<label>M</label>", "<readonly/>", "<tag>a</tag>", "<tag>b</tag>",
        "<future level='3'/>", "<!-- and a comment -->", "<tag>c</tag>"]


def _written_again_from_what_was_remembered(monkeypatch, entity):
    """The entity's text, written twice: the second time without making a kept node's
    text again (asserted), with the same result."""
    import mapping.core._writer as writer
    first = to_xml(entity, style="libvirt")
    monkeypatch.setattr(writer, "kept_node", lambda *_: pytest.fail("made again"))
    assert to_xml(entity, style="libvirt") == first
    monkeypatch.undo()
    return first


def test_trailing_nodes_are_made_into_text_once_while_unchanged(monkeypatch):
    item = from_xml(TRAILING, Item)
    _written_again_from_what_was_remembered(monkeypatch, item)
    # Written elsewhere (another depth, one line) or changed, they are made anew.
    one_line = to_xml(item, pretty=False)
    assert "<future level='3'/><!-- and a comment --></item>" in one_line
    item.extras.nodes[1] = ("comment", " changed ")
    assert "<!-- changed -->" in to_xml(item, style="libvirt")
    item.extras.nodes.pop()
    item.extras.order.pop()
    written = to_xml(item, style="libvirt")
    assert "<future level='3'/>" in written and "<!--" not in written


def test_nodes_kept_in_an_element_with_text_are_made_into_text_once(monkeypatch):
    from tests.core.models import Gadget
    gadget = from_xml("<gadget name='g'>3<future a='1'/><!-- c --></gadget>", Gadget)
    # lxml keeps text before a child as it is and does not indent that child
    assert _written_again_from_what_was_remembered(monkeypatch, gadget) == (
        "<gadget name='g'>3<future a='1'/>\n  <!-- c -->\n</gadget>\n")
    assert to_xml(gadget, pretty=False) == "<gadget name='g'>3<future a='1'/><!-- c --></gadget>"
    gadget.extras.nodes[0] = ("element", "<past/>")
    assert "3<past/>" in to_xml(gadget, style="libvirt")


def test_nodes_kept_where_no_known_child_is_written_are_made_into_text_once(monkeypatch):
    item = from_xml("<item type='file'><future level='3'/></item>", Item)
    assert _written_again_from_what_was_remembered(monkeypatch, item) == (
        "<item type='file'>\n  <future level='3'/>\n</item>\n")
    item.label = "L"   # (a child written now: the node keeps its place before it)
    assert to_xml(item, style="libvirt") == (
        "<item type='file'>\n  <future level='3'/>\n  <label>L</label>\n</item>\n")


def _fresh(entity):
    """A copy of the entity that has never been written: nothing remembered of a write."""
    import copy
    fresh = copy.deepcopy(entity)
    fresh.extras.checked = None
    return fresh


@element("rack")
class Rack:
    """Fields that write themselves at run time (entries, raw elements) among the rest."""
    name: str | None = child("name")
    labels: dict[str, str] | None = entries("labels")
    raw: list[str] = raw_elements()


@pytest.mark.parametrize("edit", [
    lambda rack: setattr(rack, "labels", {"k": "v"}),
    lambda rack: rack.raw.append("<spare size='2'/>"),
    lambda rack: setattr(rack, "name", None),
])
def test_an_edit_after_a_write_is_laid_out_as_a_first_write_lays_it_out(edit):
    # The second write of an object finds the text of its kept nodes remembered after
    # its last child: a child now written after that one (by a field that writes itself)
    # sends it back to the order the document recorded, as a first write does.
    # (unknown elements are the raw field's: the node kept is a comment)
    rack = from_xml("<rack><name>r</name><!-- c --></rack>", Rack)
    assert to_xml(rack) == "<rack>\n  <name>r</name>\n  <!-- c -->\n</rack>\n"
    edit(rack)
    assert to_xml(rack) == to_xml(_fresh(rack))


@pytest.mark.parametrize("count", [None, 0, 3])
@pytest.mark.parametrize("pretty", [True, False])
def test_a_leaf_written_again_is_written_as_the_first_time(count, pretty):
    from tests.core.models import Gadget
    gadget = from_xml("<gadget name='g'>3<future a='1'/><!-- c --></gadget>", Gadget)
    gadget.count = count
    first = to_xml(gadget, pretty=pretty)
    assert to_xml(gadget, pretty=pretty) == first == to_xml(_fresh(gadget), pretty=pretty)
    assert "<future a='1'/>" in first and "<!-- c -->" in first


def test_extras_moved_to_leftovers_write_what_they_hold_now():
    # An Extras once written as an object's own remembers what was found valid there;
    # moved under a path-reached element and changed, it is written as it is now.
    from mapping.core import Extras
    from tests.core.models import Gadget
    gadget = from_xml("<gadget name='g'>3<future a='1'/></gadget>", Gadget)
    to_xml(gadget, style="libvirt")
    moved = gadget.extras
    moved.nodes[0] = ("element", "<now/>")
    item = from_xml("<item type='file'><boot order='1'/></item>", Item)
    item.extras = Extras(sub={"boot": moved})
    written = to_xml(item, style="libvirt")
    assert "<now/>" in written and "future" not in written


def test_nodes_in_an_element_without_children_fields_are_kept_without_a_second_walk(
        monkeypatch):
    from mapping.core._engine import ParseContext
    from tests.core.models import Gadget
    document = "<gadget name='g'>3<future a='1'/>\n  <!-- c -->\n</gadget>"
    monkeypatch.setattr(ParseContext, "arrange",
                        lambda *_: pytest.fail("the children were walked again"))
    gadget = from_xml(document, Gadget)
    assert gadget.count == 3
    assert gadget.extras.nodes == [("element", '<future a="1"/>'), ("comment", " c ")]
    assert gadget.extras.order == [("?", 0), ("?", 1)]
    monkeypatch.undo()
    # Text between them is kept where it stood, as before
    mixed = from_xml("<gadget name='g'>3<a/>mid<b/></gadget>", Gadget)
    assert [kind for kind, _ in mixed.extras.nodes] == ["element", "text", "element"]
    assert to_xml(mixed, pretty=False) == "<gadget name='g'>3<a/>mid<b/></gadget>"


def test_an_empty_order_writes_the_children_as_declared():
    from mapping.core import Extras
    item = from_xml("<item type='file'><label>L</label></item>", Item)
    item.extras = Extras(order=[])
    assert to_xml(item, style="libvirt") == "<item type='file'>\n  <label>L</label>\n</item>\n"


# Leaf elements alike but for one detail: each is kept as it is, also when read again
# (the second read finds the first one's text remembered).
LEAVES = ["<later/>", "<later a=\"1\"/>", "<later a=\"2\"/>", "<later b=\"1\"/>",
          "<later a=\"1\" b=\"2\"/>", "<later b=\"2\" a=\"1\"/>", "<later>1</later>",
          "<later a=\"1\">1</later>", "<sooner a=\"1\"/>", "<later a=\"&lt;&amp;&quot;\"/>",
          "<later>&lt;&amp;&gt;</later>", "<later a=\"&#10;&#9;\"/>", "<later>\u00e9</later>",
          "<later>1 </later>", "<later a=\"1\">2</later>"]


@pytest.mark.parametrize("second", [False, True])
def test_kept_leaf_elements_keep_every_detail_when_read_again(second):
    for leaf in LEAVES:
        document = f'<item type="file"><source file="/a"/>{leaf}</item>'
        if second:
            from_xml(document, Item)
        item = from_xml(document, Item)
        assert item.extras.nodes == [("element", leaf)], leaf
        assert_xml_equal(document, to_xml(item))


@pytest.mark.parametrize("leaf", LEAVES + ['<later xml:lang="en">1</later>',
                                  '<q:later xmlns:q="urn:q" a="1"/>',
                                  '<later xmlns:q="urn:q" q:a="1"/>'])
def test_a_leaf_remembered_is_kept_alike_under_namespace_declarations(leaf, monkeypatch):
    # What the memo holds was found where no namespace was declared; met again where
    # some are (a domain declaring xmlns:qemu), the leaf is kept as it is without it.
    from mapping.core import _engine

    declared = f'<item xmlns:q="urn:q" xmlns:z="urn:z" type="file"><source file="/a"/>{leaf}</item>'
    monkeypatch.setattr(_engine, "_LEAF_NODES", {})
    cold = from_xml(declared, Item).extras.nodes
    monkeypatch.setattr(_engine, "_LEAF_NODES", {})
    if "urn:q" not in leaf:
        from_xml(f'<item type="file"><source file="/a"/>{leaf}</item>', Item)
        assert _engine._LEAF_NODES
    assert from_xml(declared, Item).extras.nodes == cold
    assert "urn:z" not in cold[0][1] and ("urn:q" in cold[0][1]) == ("urn:q" in leaf)


def test_an_element_with_children_is_not_taken_for_the_leaf_of_its_tag_and_attributes():
    from_xml('<item type="file"><later a="1"/></item>', Item)
    item = from_xml('<item type="file"><later a="1"><inner/></later></item>', Item)
    assert item.extras.nodes == [("element", '<later a="1"><inner/></later>')]


def test_kept_leaf_texts_remembered_are_bounded(monkeypatch):
    from mapping.core import _engine

    monkeypatch.setattr(_engine, "_LEAF_NODES", {})
    for number in range(_engine._LEAF_NODES_SIZE + 50):
        item = from_xml(f'<item type="file"><later n="{number}"/></item>', Item)
        assert item.extras.nodes == [("element", f'<later n="{number}"/>')]
    assert len(_engine._LEAF_NODES) == _engine._LEAF_NODES_SIZE
    long = "x" * (_engine._LEAF_TEXT_MOST + 1)
    monkeypatch.setattr(_engine, "_LEAF_NODES", {})
    item = from_xml(f'<item type="file"><later>{long}</later></item>', Item)
    assert item.extras.nodes == [("element", f"<later>{long}</later>")]
    assert _engine._LEAF_NODES == {}


_AFTER_BOOT = "<item type='file'><source file='/a'/><boot order='1'/><later/><!-- c --></item>"


@pytest.mark.parametrize("edit", [
    lambda item: None,
    lambda item: item.tags.append("t"),                         # (declared before boot)
    lambda item: setattr(item, "order", None),                  # (boot, the last, gone)
    lambda item: setattr(item, "boot_menu", True),              # (boot still the last)
    lambda item: item.notes.append(Note(lang="en", body="n")),  # (a last child after boot)
    lambda item: setattr(item, "address", PciAddr(slot=1)),
    lambda item: (setattr(item, "order", None), setattr(item, "source", None)),  # (none)
])
def test_nodes_written_after_the_last_child_follow_it_when_it_changes(edit):
    # Written twice, the nodes are copied after the child they followed; an edit that
    # makes another child the last must write what one write of the edited entity does.

    item = from_xml(_AFTER_BOOT, Item)
    to_xml(item, style="libvirt")
    to_xml(item, style="libvirt")
    edit(item)
    fresh = from_xml(_AFTER_BOOT, Item)
    edit(fresh)
    expected = to_xml(fresh, style="libvirt")
    assert to_xml(item, style="libvirt") == expected
    assert to_xml(item, style="libvirt") == expected   # (and once more, from the memo)
    assert "<later/>\n  <!-- c -->" in expected

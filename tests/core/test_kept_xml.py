"""Kept unknown XML is data: checked where it enters and where it is written, never lost.

Every kind of kept node (attribute, element, comment, PI, text, order token, sub entry,
what stands beside the root), hostile or odd, on both write paths: either a
SerializeError (ParseError for JSON in) naming the place, or a document that reads back
as what was meant.
"""
from __future__ import annotations

import copy
import itertools

import pytest
from lxml import etree

from mapping.compare import first_difference
from mapping.core import (Extras, ParseError, SerializeError, attr, child, element,
                          from_xml, to_element)
from tests.xmlassert import to_xml
from mapping.core.extras import COMMENT, ELEMENT, PI, TEXT
from tests.core.models import Box, FileSrc, Gadget, Item, Note, PciAddr


def _writers():
    return [lambda e: to_xml(e), lambda e: to_xml(e, pretty=False),
            lambda e: etree.tostring(to_element(e), encoding="unicode")]


WRITERS = _writers()

# (extras, words the error names): each must be refused on every write path.
HOSTILE = [
    (Extras(attrs={'x="1"/><evil a': "v"}), "attrs['x=\"1\"/><evil a']"),
    (Extras(attrs={"xmlns": "urn:evil"}), "xmlns"),
    (Extras(attrs={"{http://www.w3.org/2000/xmlns/}p": "urn:evil"}), "namespace URI"),
    (Extras(attrs={"{}x": "1"}), "namespace URI"),
    (Extras(attrs={"1a": "v"}), "attribute name"),
    (Extras(attrs={"": "v"}), "attribute name"),
    (Extras(attrs={5: "v"}), "must be a str"),
    (Extras(attrs={"a": "\x01"}), "cannot carry"),
    (Extras(attrs={"a": 5}), "expected a str"),
    (Extras(attrs={"name": "shadow"}), "field 'name'"),
    (Extras(nodes=[(COMMENT, "a--b")]), "'--'"),
    (Extras(nodes=[(COMMENT, "ends-")]), "'--'"),
    (Extras(nodes=[(COMMENT, "a\rb")]), "carriage return"),
    (Extras(nodes=[(COMMENT, 5)]), "expected a str"),
    (Extras(nodes=[(PI, ("t", "a?><evil/>"))]), "'?>'"),
    (Extras(nodes=[(PI, ("xml", "a"))]), "target"),
    (Extras(nodes=[(PI, ("a b", "a"))]), "target"),
    (Extras(nodes=[(PI, ("p:q", "a"))]), "target"),
    (Extras(nodes=[(PI, "text")]), "(target, text)"),
    (Extras(nodes=[(PI, ("t", " lead"))]), "blanks"),
    (Extras(nodes=[(ELEMENT, "<a>")]), "well-formed"),
    (Extras(nodes=[(ELEMENT, "text")]), "well-formed"),
    (Extras(nodes=[(ELEMENT, "<a/><b/>")]), "well-formed"),
    (Extras(nodes=[(ELEMENT, "<!--c--><x/>")]), "beside its element"),
    (Extras(nodes=[(ELEMENT, "<!DOCTYPE x [<!ENTITY e 'boom'>]><x>&e;</x>")]), "DOCTYPE"),
    (Extras(nodes=[(ELEMENT, "<x>&undefined;</x>")]), "well-formed"),
    (Extras(nodes=[(ELEMENT, b"<x/>")]), "expected a str"),
    (Extras(nodes=[(ELEMENT, "<x a='\x01'/>")]), "cannot carry"),
    (Extras(nodes=[(ELEMENT, "<x>\ud800</x>")]), "cannot carry"),
    (Extras(nodes=[(TEXT, "\x00")]), "cannot carry"),
    (Extras(nodes=[(TEXT, "  ")]), "blank text"),
    (Extras(nodes=[("bogus", "x")]), "kind 'bogus'"),
    (Extras(nodes=["just a string"]), "(kind, payload)"),
    (Extras(nodes=[(COMMENT, "c")], order=[("?", 5)]), "no unknown node 5"),
    (Extras(nodes=[(COMMENT, "c")], order=[("?", -1)]), "index >= 0"),
    (Extras(nodes=[(COMMENT, "c")], order=[("?", 0), ("?", 0)]), "placed twice"),
    (Extras(nodes=[(COMMENT, "c"), (COMMENT, "d")], order=[("?", 0)]), "not placed"),
    (Extras(nodes=[(COMMENT, "c"), (COMMENT, "d")], order=[("?", 0), ("?", 2)]),
     "node(s) [1] not placed"),
    (Extras(nodes=[(COMMENT, "c")], order=[("nosuch", 0), ("?", 0)]), "'nosuch' is no child"),
    (Extras(order="bad"), "extras.order"),
    (Extras(sub={"nope": Extras(attrs={"a": "1"})}), "'nope' names no"),
    (Extras(sub={"x": "not extras"}), "expected Extras"),
    (Extras(before=[(ELEMENT, "<x/>")]), "kind 'element'"),
    (Extras(after=[(TEXT, "t")]), "kind 'text'"),
    (Extras(after=[(COMMENT, "--")]), "'--'"),
]


@pytest.mark.parametrize("extras, words", HOSTILE, ids=[str(i) for i in range(len(HOSTILE))])
@pytest.mark.parametrize("write", WRITERS, ids=["pretty", "plain", "element"])
def test_hostile_kept_xml_is_refused_naming_the_place(extras, words, write):
    gadget = Gadget(name="g")
    gadget.extras = copy.deepcopy(extras)
    with pytest.raises(SerializeError) as caught:
        write(gadget)
    message = str(caught.value)
    assert "Gadget" in message and "kept XML" in message and words in message, message


@pytest.mark.parametrize("write", WRITERS, ids=["pretty", "plain", "element"])
def test_hostile_kept_xml_deep_inside_names_the_object(write):
    box = Box(contents=[Gadget(name="a"), Gadget(name="b")])
    box.contents[1].extras = Extras(nodes=[(COMMENT, "a--b")])
    with pytest.raises(SerializeError, match=r"Box\.contents\[1\].*extras\.nodes\[0\]"):
        write(box)


@pytest.mark.parametrize("write", WRITERS, ids=["pretty", "plain", "element"])
def test_leftovers_of_a_path_reached_element_are_checked_with_their_owner(write):
    item = from_xml("<item><boot order='1' loadparm='x'/></item>", Item)
    item.extras.sub["boot"].attrs["bad name"] = "1"
    with pytest.raises(SerializeError, match=r"sub\['boot'\]\.attrs\['bad name'\]"):
        write(item)
    item = from_xml("<item><boot order='1' loadparm='x'/></item>", Item)
    item.extras.sub["boot"].order = [("nosuch", 0)]
    with pytest.raises(SerializeError, match="no child"):
        write(item)


@pytest.mark.parametrize("spoil", [
    lambda sub: sub.attrs.__setitem__("bad name", "1"),
    lambda sub: sub.nodes.append((COMMENT, "a--b")),
    lambda sub: setattr(sub, "order", [("nosuch", 0)]),
])
def test_leftovers_found_valid_once_are_checked_again_after_a_change_in_place(spoil):
    item = from_xml("<item><boot order='1' loadparm='x'/></item>", Item)
    assert "loadparm='x'" in to_xml(item) and item.extras.checked is not None
    spoil(item.extras.sub["boot"])
    for write in WRITERS:
        with pytest.raises(SerializeError, match=r"sub\['boot'\]"):
            write(item)


# Odd but fine: markup characters are data, escaped or copied, never markup.
BENIGN = [
    Extras(attrs={"a": "\"'<>&\n\t"}),
    Extras(attrs={"{urn:q}a": "x<y"}),
    Extras(attrs={"{http://www.w3.org/XML/1998/namespace}lang": "en"}),
    Extras(nodes=[(COMMENT, " <evil/> & ")], order=[("?", 0)]),
    Extras(nodes=[(PI, ("app", "<evil a='1'/> &"))], order=[("?", 0)]),
    Extras(nodes=[(TEXT, "</gadget><evil/>&amp;")], order=[("?", 0)]),
    Extras(nodes=[(ELEMENT, "<x a='&lt;&quot;'>&lt;b&gt;<![CDATA[<c/>]]></x>")], order=[("?", 0)]),
    Extras(nodes=[(ELEMENT, "<p:x xmlns:p='urn:p'><y xmlns=''/></p:x>")], order=[("?", 0)]),
    Extras(nodes=[(COMMENT, "first"), (TEXT, "t")], order=[("?", 0), ("?", 1)]),
]


@pytest.mark.parametrize("extras", BENIGN, ids=[str(i) for i in range(len(BENIGN))])
@pytest.mark.parametrize("write", WRITERS, ids=["pretty", "plain", "element"])
def test_markup_in_kept_xml_is_data_and_nothing_is_injected(extras, write):
    box = Box(id=1, contents=[Item(label="L")])
    box.contents[0].extras = copy.deepcopy(extras)
    written = write(box)
    tree = etree.fromstring(written)
    item = tree.find("item")
    # Nothing but what was meant: the item's label and the kept elements; its attributes
    # exactly the kept ones.
    meant = ["label"] + [etree.fromstring(payload).tag for kind, payload in extras.nodes
                         if kind == ELEMENT]
    assert sorted(child.tag for child in item if isinstance(child.tag, str)) == sorted(meant)
    assert dict(item.attrib) == {key: value for key, value in extras.attrs.items()}
    assert from_xml(written, Box) == box


def test_kept_xml_from_json_is_checked_with_json_paths():
    needs_the_class = {"field 'name'", "'nosuch' is no child", "'nope' names no",
                       "expected Extras"}
    for extras, words in HOSTILE:
        if words in needs_the_class:
            continue   # (checked where the class is known: on writing)
        data = _json_of(extras)
        with pytest.raises(ParseError) as caught:
            Extras.from_json(data)
        assert any(words in problem.message or words in f"extras.{problem.path}"
                   for problem in caught.value.problems), (words, caught.value)


@pytest.mark.parametrize("data, path", [
    ("text", None), ({"attrs": []}, "attrs"), ({"nodes": {}}, "nodes"),
    ({"nodes": [["comment", "a--"]]}, "nodes[0]"), ({"order": 3}, "order"),
    ({"sub": {"boot": {"attrs": {"a b": "1"}}}}, "sub['boot'].attrs['a b']"),
    ({"surprise": 1}, "surprise"), ({"before": [["pi", ["xml", ""]]]}, "before[0]"),
])
def test_json_shapes_that_are_not_kept_xml_are_parse_errors(data, path):
    with pytest.raises(ParseError) as caught:
        Extras.from_json(data)
    assert [problem.path for problem in caught.value.problems][0] == path


def _json_of(extras: Extras) -> dict:
    """What to_json would write for these extras, bad parts and all."""
    def node(item):
        if not isinstance(item, tuple):
            return item
        return [item[0], list(item[1]) if isinstance(item[1], tuple) else item[1]]
    order = extras.order
    return {"attrs": dict(extras.attrs), "nodes": [node(item) for item in extras.nodes],
            "order": [list(token) for token in order] if isinstance(order, list) else order,
            "sub": {key: _json_of(value) if isinstance(value, Extras) else value
                    for key, value in extras.sub.items()},
            "before": [node(item) for item in extras.before],
            "after": [node(item) for item in extras.after]}


def test_json_round_trip_of_every_kind_of_kept_node():
    box = from_xml(PROLOG_DOC, Box)
    again = Extras.from_json(box.extras.to_json())
    assert again == box.extras
    assert again.before == box.extras.before and again.after == box.extras.after


# -- Beside the root -----------------------------------------------------------------

PROLOG_DOC = ("<!-- hi --><?app x='1'?><box id='1'><!--in--><title>T</title>"
              "</box><!-- bye --><?end?>")


@pytest.mark.parametrize("write", [to_xml, lambda e: to_xml(e, pretty=False)])
def test_comments_and_pis_before_and_after_the_root_are_kept(write):
    box = from_xml(PROLOG_DOC, Box)
    assert box.extras.before == [(COMMENT, " hi "), (PI, ("app", "x='1'"))]
    assert box.extras.after == [(COMMENT, " bye "), (PI, ("end", ""))]
    written = write(box)
    assert first_difference(PROLOG_DOC, written) is None
    assert from_xml(written, Box) == box


def test_to_element_carries_them_as_the_root_elements_siblings():
    root = to_element(from_xml(PROLOG_DOC, Box))
    assert first_difference(PROLOG_DOC, root.getroottree()) is None
    assert etree.tostring(root).startswith(b"<box")   # the element alone leaves them out


def test_what_stands_beside_the_root_is_part_of_equality_and_copies():
    box = from_xml(PROLOG_DOC, Box)
    assert box != from_xml(PROLOG_DOC.replace("bye", "ciao"), Box)
    assert box != from_xml(PROLOG_DOC.replace("<?app x='1'?>", ""), Box)
    assert from_xml("<!--c--><box/>", Box) != from_xml("<box/>", Box)
    twin = copy.deepcopy(box)
    twin.extras.before.append((COMMENT, "new"))
    assert box.extras.before[-1] == (PI, ("app", "x='1'")) and twin != box


def test_what_stands_beside_the_root_follows_the_unknown_policy():
    assert from_xml(PROLOG_DOC, Box, unknown="ignore").extras is None
    with pytest.raises(ParseError) as caught:
        from_xml(PROLOG_DOC, Box, unknown="error")
    text = str(caught.value)
    assert "before the root" in text and "after the root" in text


def test_an_element_inside_a_document_keeps_nothing_of_its_siblings():
    from mapping.core import from_element
    tree = etree.fromstring("<r><!--c--><box id='1'/><?p?></r>")
    assert from_element(tree[1], Box).extras is None


# -- Namespaces ------------------------------------------------------------------------

@element("{urn:d}dflt")
class InDefault:
    name: str | None = attr("name")
    note: Note | None = child("note")


@element("plain")
class HoldsDefault:
    inner: InDefault | None = child("{urn:d}dflt")


NAMESPACE_CASES = [
    (Gadget, "<gadget name='g'><foo xmlns='urn:f'><y xmlns=''/></foo></gadget>"),
    (Gadget, "<gadget name='g'><a:x xmlns:a='urn:a'><b xmlns='urn:b'><y xmlns=''/></b></a:x>"
             "</gadget>"),
    (Gadget, "<gadget name='g' xmlns:a='urn:a'><a:x><a:y xmlns:a='urn:b'><a:z/></a:y></a:x>"
             "</gadget>"),
    (Gadget, "<gadget xmlns:a='urn:a' name='g' a:u='1' xml:lang='en'><x/></gadget>"),
    (Box, "<box xmlns:x='urn:test:extra' xmlns:o='urn:o'><o:m><x:q xmlns:x='urn:other'/>"
          "</o:m></box>"),
    (Box, "<box xmlns:x='urn:test:extra' xmlns:y='urn:other' y:z='1' x:owner='me'/>"),
    (Box, "<box xmlns:o='urn:o'><o:m xmlns='urn:dd'><n/><k xmlns=''/></o:m></box>"),
    (InDefault, "<dflt xmlns='urn:d' name='g'><y xmlns=''/></dflt>"),
    (InDefault, "<dflt xmlns='urn:d'><y xmlns='urn:y'><z xmlns=''/></y></dflt>"),
    (InDefault, "<a:dflt xmlns:a='urn:d'><y/><a:y/></a:dflt>"),
    (InDefault, "<dflt xmlns='urn:d'><note xmlns='' lang='en'>n<!--c--></note></dflt>"),
    (HoldsDefault, "<plain><dflt xmlns='urn:d'><y xmlns=''/><z xmlns='urn:z'/></dflt></plain>"),
    (HoldsDefault, "<plain xmlns:a='urn:d'><a:dflt><note>x</note><u/></a:dflt></plain>"),
]


@pytest.mark.parametrize("cls, document", NAMESPACE_CASES)
@pytest.mark.parametrize("write", [to_xml, lambda e: to_xml(e, pretty=False),
                                   lambda e: to_element(e)])
def test_every_element_and_attribute_keeps_its_namespace(cls, document, write):
    entity = from_xml(document, cls)
    written = write(entity)
    assert first_difference(document, written) is None
    if not isinstance(written, str):
        written = etree.tostring(written, encoding="unicode")
    assert from_xml(written, cls) == entity


def test_kept_namespaces_are_written_as_lxml_writes_the_same_tree():
    # lxml, given the tree the text stands for, writes the same text back (in libvirt's
    # quotes).
    from tests.core.test_text_writer import _lxml_text
    for cls, document in NAMESPACE_CASES:
        written = to_xml(from_xml(document, cls))
        assert _lxml_text(written) == written, document


# -- Fields set beside kept nodes ------------------------------------------------------

KEPT = ["<!--c-->", "<?p d?>", "loose text", "<u a='1'/>"]
PLACES = ["<item type='file'>{0}<label>L</label><tag>a</tag></item>",
          "<item type='file'><label>L</label>{0}<tag>a</tag></item>",
          "<item type='file'><source file='/a'/>{0}<boot order='1'/></item>",
          "<item>{0}</item>", "<item><readonly/>{0}<note>n</note></item>"]
SETS = [("label", "X"), ("label", ""), ("tags", ["t"]), ("tags", []), ("order", 2),
        ("boot_menu", True), ("readonly", True), ("source", FileSrc(file="/b")),
        ("notes", [Note(body="q")]), ("address", PciAddr(slot=1))]


@pytest.mark.parametrize("place, kept", list(itertools.product(PLACES, KEPT)))
def test_a_field_set_beside_each_kind_of_kept_node_reads_back_the_same(place, kept):
    original = from_xml(place.format(kept), Item)
    for name, value in SETS:
        entity = copy.deepcopy(original)
        setattr(entity, name, copy.deepcopy(value))
        for write in WRITERS:
            assert from_xml(write(entity), Item) == entity, (name, value)


@pytest.mark.parametrize("write", WRITERS, ids=["pretty", "plain", "element"])
def test_kept_text_that_would_become_the_elements_own_text_is_refused(write):
    item = from_xml("<item><note>body<!--c-->tail</note></item>", Item)
    note = item.notes[0]
    assert note.body == "body"
    note.extras.order.insert(0, note.extras.order.pop())   # the tail moved to the front
    with pytest.raises(SerializeError, match="read as the element's text"):
        write(item)


def test_texts_that_meet_once_written_compare_as_one():
    a = Extras(nodes=[(TEXT, "a"), (TEXT, "b")], order=[("?", 0), ("?", 1)])
    assert a == Extras(nodes=[(TEXT, "ab")], order=[("?", 0)])


def test_a_kept_attribute_named_like_the_unions_discriminator_is_refused():
    item = Item(address=PciAddr(slot=1))
    item.address.extras = Extras(attrs={"type": "drive"})
    for write in WRITERS:
        with pytest.raises(SerializeError, match="union writes"):
            write(item)


@pytest.mark.parametrize("spoil", [
    lambda x: x.nodes.__setitem__(0, (ELEMENT, "<bad")),
    lambda x: x.attrs.__setitem__("x y", "1"),
    lambda x: x.order.append(("nothing", 0)),
    lambda x: x.nodes.append((COMMENT, "a--b")),
    lambda x: setattr(x, "sub", {"boot": Extras(attrs={"": "v"})}),
])
def test_kept_xml_found_valid_once_is_checked_again_after_any_change(spoil):
    item = from_xml("<item type='file'><label>L</label><u a='1'/><tag>a</tag></item>", Item)
    assert "<u a=" in to_xml(item) and item.extras.checked is not None
    spoil(item.extras)
    for write in WRITERS:
        with pytest.raises(SerializeError, match="kept XML"):
            write(item)


@pytest.mark.parametrize("index", [False, 0.0])
def test_kept_nodes_equal_to_valid_ones_but_for_the_type_of_an_index_are_refused(index):
    # Kept nodes found valid once are remembered by what they hold; an index that equals
    # the one remembered without being an int is not taken for it.
    document = "<item type='file'><label>L</label><u a='1'/></item>"
    first, second = from_xml(document, Item), from_xml(document, Item)
    assert "<u a=" in to_xml(first)
    assert second.extras.order[-1] == ("?", 0)
    second.extras.order[-1] = ("?", index)
    for write in WRITERS:
        with pytest.raises(SerializeError, match="index >= 0"):
            write(second)


def test_kept_nodes_valid_in_one_class_are_checked_again_in_another():
    # The same nodes after a child the other class does not have: refused there.
    item = from_xml("<item type='file'><label>L</label><u a='1'/></item>", Item)
    assert "<u a=" in to_xml(item)
    gadget = from_xml("<gadget name='g'/>", Gadget)
    gadget.extras = copy.deepcopy(item.extras)
    for write in WRITERS:
        with pytest.raises(SerializeError, match="no child of this element"):
            write(gadget)


def test_kept_nodes_spoiled_before_their_first_write_are_refused_beside_valid_ones():
    document = "<item type='file'><label>L</label><u a='1'/></item>"
    first, second = from_xml(document, Item), from_xml(document, Item)
    assert "<u a=" in to_xml(first)
    second.extras.nodes[0] = (ELEMENT, "<u a='1'>")
    for write in WRITERS:
        with pytest.raises(SerializeError, match="well-formed"):
            write(second)


def test_the_readers_extras_of_nodes_hold_what_the_constructor_makes():
    from mapping.core.extras import of_nodes
    nodes, order = [(ELEMENT, "<u/>")], [("?", 0)]
    made = of_nodes(list(nodes), list(order))
    built = Extras(None, list(nodes), list(order))
    for name in Extras.__slots__:
        assert getattr(made, name) == getattr(built, name), name
        assert type(getattr(made, name)) is type(getattr(built, name)), name

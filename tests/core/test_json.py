"""Entities as JSON: the documented form (`mapping.core.jsonio`), rule by rule."""
from __future__ import annotations

import json

import pytest

from mapping.core import (Extras, MappingError, ParseError, SerializeError, attr, element,
                          from_dict, from_xml, to_dict, union)
from tests.core.models import (BlockSrc, Box, Color, Dims, DriveAddr, FileSrc, Gadget, Item,
                               PciAddr)
from tests.xmlassert import to_xml

NS_DECLARED = "xmlns:x='urn:test:extra'"   # (Box declares it)


def _through_json(entity):
    """The entity from_dict makes of to_dict's JSON text (and that it equals `entity`)."""
    again = from_dict(json.loads(json.dumps(to_dict(entity))), type(entity))
    assert again == entity
    return again


def test_the_form_of_an_entity_built_in_code():
    box = Box(id=1, dims=Dims(width=2), contents=[
        Item(type="block", color=Color.RED, source=BlockSrc(dev="/d"),
             address=PciAddr(slot=0), tags=["t"]),
        Gadget(name="g", count=0)])
    assert to_dict(box) == {
        "id": 1,
        "dims": {"width": 2},
        "contents": [
            {"item": {"type": "block", "color": "red", "source": {"dev": "/d"},
                      "tags": ["t"], "address": {"type": "pci", "slot": 0}}},
            {"gadget": {"name": "g", "count": 0}},
        ],
    }


def test_keys_come_in_declaration_order_and_zero_is_no_absence():
    data = to_dict(Item(address=DriveAddr(unit=0), ratio=0.0, readonly=False, type="file",
                        label=""))
    assert list(data) == ["type", "ratio", "label", "readonly", "address"]
    assert data["readonly"] is False and data["ratio"] == 0.0 and data["label"] == ""


def test_no_nulls_and_no_empty_lists():
    data = to_dict(Item())
    assert data == {}
    item = from_dict({}, Item)
    assert item.tags == [] and item.notes == [] and item.source is None


# Unions: the discriminator the document has.

def test_a_by_union_is_named_by_its_owners_discriminator():
    item = from_dict({"type": "block", "source": {"dev": "/d"}}, Item)
    assert item.source == BlockSrc(dev="/d")
    assert to_xml(item, pretty=False) == "<item type='block'><source dev='/d'/></item>"


def test_a_by_union_without_its_discriminator_is_its_default():
    item = from_xml("<item><source file='/a'/></item>", Item)
    assert to_dict(item) == {"source": {"file": "/a"}}
    assert _through_json(item).source == FileSrc(file="/a")


def test_the_variant_names_an_absent_discriminator_and_a_contradiction_is_refused():
    with pytest.raises(SerializeError, match="Item.type: 'file', but source is a BlockSrc"):
        to_dict(Item(type="file", source=BlockSrc(dev="/d")))
    item = Item(source=BlockSrc(), color=Color.RED)
    item.type = None   # (the variant set it; left out again, as code may)
    assert list(to_dict(item)) == ["type", "color", "source"]   # (put in its own place)
    assert to_dict(Item(source=FileSrc())) == {"source": {}}   # the default: left out


def test_a_discriminator_the_variant_decides_is_a_member_without_encoding():
    from mapping.libvirt import BlockSource, Disk, DiskType
    disk = Disk(source=BlockSource(dev="/dev/b"))
    assert to_dict(disk, encode=False)["type"] is DiskType.BLOCK
    disk.type = None
    assert to_dict(disk, encode=False)["type"] is DiskType.BLOCK
    assert to_dict(disk)["type"] == "block"


def test_an_on_union_writes_its_key_inside_its_object():
    item = from_xml("<item><address type='drive' unit='1'/></item>", Item)
    assert to_dict(item) == {"address": {"type": "drive", "unit": 1}}
    assert list(to_dict(Item(address=PciAddr(slot=3, function=1)))["address"]) == [
        "type", "slot", "function"]
    assert _through_json(item).address == DriveAddr(unit=1)


def test_a_choice_item_is_wrapped_in_its_tag():
    box = from_xml("<box><gadget>2</gadget><item/></box>", Box)
    assert to_dict(box)["contents"] == [{"gadget": {"count": 2}}, {"item": {}}]


@element("a")
class Clashing:
    type: str | None = attr("kind")


@element("holder")
class Holder:
    thing: Clashing | None = union("thing", {"x": Clashing}, on="type")


def test_an_on_union_variant_with_a_field_named_like_its_key_is_a_model_error():
    with pytest.raises(MappingError, match="Clashing has a field named 'type'"):
        to_dict(Holder())


# Unknown XML: only where there is some.

def test_a_document_the_model_knows_has_no_extras():
    box = from_xml("<box id='1'><title>t</title><dims width='1'/><gadget>1</gadget></box>", Box)
    assert "extras" not in json.dumps(to_dict(box))


def test_unknown_attributes_and_nodes_with_their_places():
    xml = ("<box id='1' odd='x'><!-- c --><title>t</title><zz a='1'/><gadget>3</gadget>"
           "tail<?pi x?></box>")
    box = from_xml(xml, Box)
    assert to_dict(box)["extras"] == {
        "attrs": {"odd": "x"},
        "nodes": [{"comment": " c "}, {"element": '<zz a="1"/>', "after": "title"},
                  {"text": "tail", "after": "contents[0]"},
                  {"pi": ["pi", "x"], "after": "contents[0]"}]}
    again = _through_json(box)
    assert to_xml(again) == to_xml(box)


def test_known_children_out_of_order_give_the_order():
    box = from_xml("<box><gadget>1</gadget><dims width='1'/><title>t</title></box>", Box)
    assert to_dict(box)["extras"] == {"order": ["contents[0]", "dims", "title"]}
    assert to_xml(_through_json(box), pretty=False) == (
        f"<box {NS_DECLARED}><gadget>1</gadget><dims width='1'/><title>t</title></box>")


def test_what_path_reached_elements_flags_and_list_items_keep():
    xml = ("<item><boot order='2' z='1'/><tag w='2'>a</tag><readonly q='1'/><label>x</label>"
           "</item>")
    item = from_xml(xml, Item)
    extras = to_dict(item)["extras"]
    assert extras["sub"] == {"/boot": {"attrs": {"z": "1"}}, "readonly": {"attrs": {"q": "1"}},
                             "tags[0]": {"attrs": {"w": "2"}}}
    assert extras["order"] == ["/boot", "tags[0]", "readonly", "label"]
    assert to_xml(_through_json(item)) == to_xml(item)
    # An element that is there with nothing set is kept as such.
    empty = from_xml("<item><boot/></item>", Item)
    assert to_dict(empty) == {"extras": {"sub": {"/boot": {}}}}
    assert to_xml(_through_json(empty), pretty=False) == "<item><boot/></item>"


def test_nodes_before_and_after_the_root():
    box = from_xml("<?app x?><!-- before --><box/><!-- after -->", Box)
    assert to_dict(box)["extras"] == {"before_root": [{"pi": ["app", "x"]}, {"comment": " before "}],
                                      "after_root": [{"comment": " after "}]}
    assert to_xml(_through_json(box)).startswith("<?app x?>\n<!-- before -->")


def test_omitted_hint_attributes_and_nodes_appended_in_code():
    box = Box(extras=Extras(attrs={"unit": None}, nodes=[("element", "<q/>")]))
    assert to_dict(box)["extras"] == {"omitted_attrs": ["unit"],
                                      "nodes": [{"element": "<q/>", "last": True}]}
    _through_json(box)


def test_a_node_written_by_hand_without_a_place_stands_first():
    box = from_dict({"title": "t", "extras": {"nodes": [{"comment": "x"}]}}, Box)
    assert to_xml(box, pretty=False) == f"<box {NS_DECLARED}><!--x--><title>t</title></box>"
    box = from_dict({"title": "t", "dims": {}, "extras": {"nodes": [
        {"comment": "x", "after": "title"}]}}, Box)
    assert to_xml(box, pretty=False) == f"<box {NS_DECLARED}><title>t</title><!--x--><dims/></box>"


def test_from_dict_refuses_a_non_entity_class():
    with pytest.raises(MappingError):
        from_dict({}, dict)


def test_from_dict_bad_shape_is_a_parse_error():
    with pytest.raises(ParseError):
        from_dict({"contents": [{"nosuchtag": {}}]}, Box)

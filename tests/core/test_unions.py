"""`unions()`: repeated children, each one's dataclass picked by its own attribute, in one
list in document order (a node device's `<capability type=...>`s)."""
from __future__ import annotations

import pytest

from mapping import (ModelError, ParseError, SerializeError, attr, child, element, from_dict,
                     from_xml, to_dict, union, unions)
from mapping.core import describe
from tests.xmlassert import assert_xml_equal, to_xml


@element()
class Pci:
    slot: int | None = attr("slot")


@element()
class Usb:
    port: str | None = child("port")


@element("device")
class Device:
    name: str | None = attr("name")
    capabilities: list[Pci | Usb] = unions("capability", {"pci": Pci, "usb": Usb}, on="type")


DOC = ("<device name='d'><capability type='pci' slot='3'/><capability type='usb'>"
       "<port>1</port></capability><capability type='pci'/></device>")


def test_each_element_reads_into_the_variant_its_attribute_names():
    device = from_xml(DOC, Device)
    assert device.capabilities == [Pci(slot=3), Usb(port="1"), Pci()]
    assert_xml_equal(DOC, to_xml(device))
    assert from_xml(to_xml(device), Device) == device


def test_entities_built_in_code_write_their_discriminators_in_list_order():
    device = Device(capabilities=[Usb(port="2"), Pci(slot=1)])
    assert to_xml(device, pretty=False) == (
        "<device><capability type='usb'><port>2</port></capability>"
        "<capability type='pci' slot='1'/></device>")
    assert to_xml(Device(), pretty=False) == "<device/>"


def test_an_unmodelled_variant_is_kept_in_place_or_reported():
    text = ("<device><capability type='pci'/><capability type='scsi' host='0'/>"
            "<capability type='usb'/></device>")
    device = from_xml(text, Device)
    assert device.capabilities == [Pci(), Usb()]
    assert_xml_equal(text, to_xml(device))
    with pytest.raises(ParseError, match=r"/device/capability\[2\]: unknown element"):
        from_xml(text, Device, unknown="error")


def test_json_keeps_the_variants():
    device = from_xml(DOC, Device)
    data = to_dict(device)
    assert data["capabilities"] == [{"type": "pci", "slot": 3}, {"type": "usb", "port": "1"},
                                    {"type": "pci"}]
    assert from_dict(data, Device) == device


def test_a_value_of_no_variant_is_refused_naming_its_place():
    with pytest.raises(SerializeError, match=r"Device\.capabilities\[1\]: str is not a variant"):
        to_xml(Device(capabilities=[Pci(), "usb"]))


def test_the_view_says_it_is_a_list():
    view = describe(Device)
    assert view.field("capabilities").kind == "unions"
    (child_view,) = view.content.children
    assert child_view.kind == "unions" and child_view.many and child_view.on == "type"
    assert dict(child_view.classes) == {"pci": Pci, "usb": Usb}


def test_declaring_one_for_the_other_is_a_model_error():
    @element("one")
    class One:
        caps: Pci | Usb | None = unions("c", {"pci": Pci, "usb": Usb}, on="type")

    @element("many")
    class Many:
        caps: list[Pci | Usb] = union("c", {"pci": Pci, "usb": Usb}, on="type")
    with pytest.raises(ModelError, match=r"One\.caps: unions\(\) needs a list"):
        from_xml("<one/>", One)
    with pytest.raises(ModelError, match=r"Many\.caps: union\(\) holds one value, not a list"):
        from_xml("<many/>", Many)
    with pytest.raises(ValueError, match="on="):
        unions("c", {"pci": Pci}, on="")

"""describe(cls): the read-only view of a class's mapping that tools build on."""
from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from mapping.core import (ChildView, ElementView, HexIntCodec, ModelError, OnOff, attr,
                          child, choice, describe, element, entries, flag, path, raw_elements,
                          text, union)
from tests.conftest import PROJECT
from tests.core.models import BlockSrc, FileSrc, Item


@element("pin")
class Pin:
    cpu: int | None = attr("cpu", codec=HexIntCodec())


@element("slot")
class Slot:
    index: int | None = attr("index")


@element("box", nsmap={"b": "urn:box"})
class Box:
    name: str | None = attr("name")
    label: str | None = child("label")
    pin: Pin | None = child("pin")
    order: int | None = path("boot/@order")
    menu: bool | None = path("boot/menu/@enabled", codec=OnOff)
    shared: bool | None = flag("shared")
    source: FileSrc | BlockSrc | None = union(
        "source", {"file": FileSrc, "block": BlockSrc}, by="kind", default="file")
    kind: str | None = attr("kind")
    meta: dict[str, str] | None = entries("meta", ns="urn:meta")
    parts: list = choice(Slot, Item)
    rest: list[str] = raw_elements()


def test_fields_are_described_in_declaration_order_with_their_kind_and_place():
    view = describe(Box)
    assert [(f.name, f.kind, f.xml) for f in view.fields] == [
        ("name", "attr", "name"), ("label", "path", "label"), ("pin", "child", "pin"),
        ("order", "path", "boot/@order"), ("menu", "path", "boot/menu/@enabled"),
        ("shared", "flag", "shared"), ("source", "union", "source"), ("kind", "attr", "kind"),
        ("meta", "entries", "{urn:meta}meta"), ("parts", "choice", ""), ("rest", "raw", "")]
    assert view.tag == "box" and dict(view.nsmap) == {"b": "urn:box"}
    assert view.field("menu").codec is OnOff
    assert isinstance(view.field("order").codec.parse("0x10"), int)
    assert dict(view.field("source").classes) == {"file": FileSrc, "block": BlockSrc}
    assert (view.field("source").by, view.field("source").default) == ("kind", "file")
    assert dict(view.field("parts").classes) == {"slot": Slot, "item": Item}
    assert dict(view.field("pin").classes) == {"pin": Pin}
    assert view.field("shared").codec is None


def test_content_is_the_element_as_xml_with_path_reached_elements_as_children():
    content = describe(Box).content
    assert [value.name for value in content.attributes] == ["name", "kind"]
    assert content.text is None
    kinds = [(c.kind, c.field, c.tags) for c in content.children]
    assert kinds == [("element", None, ("label",)), ("child", "pin", ("pin",)),
                     ("element", None, ("boot",)), ("flag", "shared", ("shared",)),
                     ("union", "source", ("source",)), ("entries", "meta", ("{urn:meta}meta",)),
                     ("choice", "parts", ("slot", "item")), ("raw", "rest", ())]
    boot = content.children[2]
    assert boot.fields == ("order", "menu")
    assert [v.name for v in boot.content.attributes] == ["order"]
    (menu,) = boot.content.children
    assert (menu.kind, menu.tags, menu.fields) == ("element", ("menu",), ("menu",))
    assert [(v.field, v.name) for v in menu.content.attributes] == [("menu", "enabled")]
    label = content.children[0].content
    assert label.text is not None and label.text.field == "label"
    union_view = content.children[4]
    assert (union_view.by, union_view.on, union_view.many) == ("kind", None, False)
    assert content.children[5].namespace == "urn:meta"
    assert content.children[6].many and content.children[7].many


def test_views_are_read_only_and_made_once():
    view = describe(Box)
    assert describe(Box) is view
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.tag = "other"   # type: ignore[misc]
    with pytest.raises(TypeError):
        view.field("source").classes["disk"] = Pin   # type: ignore[index]
    assert isinstance(view.content, ElementView)
    assert all(isinstance(c, ChildView) for c in view.content.children)


def test_an_unknown_field_names_the_fields_there_are():
    with pytest.raises(KeyError, match="Pin has no mapped field 'cpus'.*it has cpu"):
        describe(Pin).field("cpus")


def test_a_class_that_does_not_compile_is_a_model_error():
    @element("bad")
    class Bad:
        count: int | None = attr("count")
        again: int | None = attr("count")

    with pytest.raises(ModelError, match="already mapped"):
        describe(Bad)


def test_text_fields_have_a_text_value():
    @element("note")
    class Note:
        body: str | None = text()

    content = describe(Note).content
    assert content.text is not None and content.text.name is None
    assert content.children == () and content.attributes == ()


def test_tools_outside_the_core_use_only_its_public_modules():
    found = subprocess.run(
        ["git", "grep", "-nE", r"(mapping\.core|\.core)\._", "--", "mapping", "tests/strategies.py"],
        cwd=PROJECT, capture_output=True, text=True).stdout
    outside = [line for line in found.splitlines() if not line.startswith("mapping/core/")]
    assert outside == [], "\n".join(outside)


def test_describe_is_exported_where_users_look():
    import mapping
    assert mapping.describe is describe
    assert sys.modules["mapping.core"].describe is describe

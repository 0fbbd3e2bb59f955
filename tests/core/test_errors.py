"""Bad input and bad models give clear errors naming where, never a bare traceback."""
from __future__ import annotations

import pytest

from mapping.core import (ModelError, ParseError, SerializeError, attr, child, children,
                          element, flag, from_xml, path, union)
from tests.xmlassert import to_xml
from mapping.core._plan import plan_for
from tests.core.models import Box, Dims, FileSrc, Item


def test_bad_values_are_all_reported_with_line_path_and_field():
    xml = '<box id="x1">\n  <dims width="wide" height="-"/>\n  <item enabled="maybe"/>\n</box>'
    with pytest.raises(ParseError) as caught:
        from_xml(xml, Box)
    problems = caught.value.problems
    assert [(p.line, p.path, p.field) for p in problems] == [
        (1, "/box/@id", "Box.id"),
        (2, "/box/dims/@width", "Dims.width"),
        (2, "/box/dims/@height", "Dims.height"),
        (3, "/box/item/@enabled", "Item.enabled"),
    ]
    assert "'maybe'" in str(caught.value) and "4 problems" in str(caught.value)


def test_bad_text_value_names_the_element():
    with pytest.raises(ParseError, match=r"line 1, /box/gadget, field Gadget.count"):
        from_xml("<box><gadget>many</gadget></box>", Box)


@pytest.mark.parametrize("data, message", [
    ("", "empty document"),
    ("   \n", "empty document"),
    ("<box>", "malformed XML"),
    ("<box></wrong>", "malformed XML"),
    ("not xml", "malformed XML"),
    (b"\xff\xfe<box/>", "malformed XML"),
])
def test_unreadable_documents(data, message):
    with pytest.raises(ParseError, match=message):
        from_xml(data, Box)


def test_wrong_root_element():
    with pytest.raises(ParseError, match=r"expected root <box>.*got <item>"):
        from_xml("<item/>", Box)


def test_unknown_root_without_class():
    with pytest.raises(ParseError, match=r"no model for root element <nothing>"):
        from_xml("<nothing/>")


def test_str_with_encoding_declaration_is_accepted():
    box = from_xml('<?xml version="1.0" encoding="UTF-8"?><box id="1"/>', Box)
    assert box.id == 1


def test_non_text_input_is_refused():
    with pytest.raises(ParseError, match="expected XML as str or bytes"):
        from_xml(42, Box)


def test_doctype_is_refused_so_entities_never_expand():
    laughs = ('<?xml version="1.0"?><!DOCTYPE box [<!ENTITY a "aaaaaaaaaa">'
              '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;">]>'
              '<box><title>&c;</title></box>')
    with pytest.raises(ParseError, match="DOCTYPE"):
        from_xml(laughs, Box)


def test_external_entity_is_not_fetched(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("TOPSECRET")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE box [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<box><title>&x;</title></box>')
    with pytest.raises(ParseError) as caught:
        from_xml(xxe, Box)
    assert "TOPSECRET" not in str(caught.value)


def test_size_limit():
    from mapping.core.xmlio import parse_document
    with pytest.raises(ParseError, match="over the 100-byte limit"):
        parse_document("<box>" + "x" * 200 + "</box>", max_bytes=100)


def test_wrong_value_type_on_output_names_the_field():
    with pytest.raises(SerializeError, match=r"Box.id: expected int, got str"):
        to_xml(Box(id="3"))


def test_wrong_nested_class_on_output_names_the_field():
    with pytest.raises(SerializeError, match=r"Box.dims: expected Dims, got FileSrc"):
        to_xml(Box(dims=FileSrc(file="x")))


def test_wrong_union_variant_on_output_names_the_field():
    with pytest.raises(SerializeError, match=r"Item.source: Dims is not a variant"):
        to_xml(Item(source=Dims()))


def test_character_xml_cannot_carry_names_the_field():
    with pytest.raises(SerializeError, match=r"Box.title"):
        to_xml(Box(title="bell\x07"))


def _compile(cls):
    plan_for(cls)


def test_model_field_without_mapping():
    @element("m1")
    class M1:
        a: int | None = None
    with pytest.raises(ModelError, match=r"M1.a: no mapping"):
        _compile(M1)


def test_model_two_fields_claim_one_attribute():
    @element("m2")
    class M2:
        a: int | None = attr("x")
        b: int | None = attr("x")
    with pytest.raises(ModelError, match=r"M2.b: attribute 'x' is already mapped by .*M2.a"):
        _compile(M2)


def test_model_path_clashes_with_child():
    @element("m3")
    class M3:
        dims: Dims | None = child("dims")
        width: int | None = path("dims/@width")
    with pytest.raises(ModelError, match=r"M3.width: element 'dims' is already mapped"):
        _compile(M3)


def test_model_without_codec_for_type():
    @element("m4")
    class M4:
        a: complex | None = attr("a")
    with pytest.raises(ModelError, match=r"M4.a: no codec for type"):
        _compile(M4)


def test_model_union_by_names_a_missing_field():
    @element("m5")
    class M5:
        src: FileSrc | None = union("source", {"file": FileSrc}, by="kind")
    with pytest.raises(ModelError, match=r"M5.src: union by='kind' needs an attr\(\) field"):
        _compile(M5)


def test_model_flag_must_be_bool():
    @element("m6")
    class M6:
        ro: int | None = flag("readonly")
    with pytest.raises(ModelError, match=r"M6.ro: flag\(\) needs a bool"):
        _compile(M6)


@element()
class BrokenInner:
    a: int | None = None


@element("m7")
class M7:
    inner: BrokenInner | None = child("inner")


def test_model_nested_mistake_is_found_when_the_outer_class_compiles():
    with pytest.raises(ModelError, match=r"BrokenInner.a: no mapping"):
        _compile(M7)


def test_model_unresolvable_annotation():
    @element("m8")
    class M8:
        a: "Undefined | None" = attr("a")  # noqa: F821
    with pytest.raises(ModelError, match=r"M8: cannot resolve annotations"):
        _compile(M8)


def test_element_decorator_refuses_a_dataclass():
    import dataclasses
    with pytest.raises(TypeError, match="leave out @dataclass"):
        @element("m9")
        @dataclasses.dataclass
        class M9:
            a: int | None = attr("a")


def test_bad_path_declaration():
    with pytest.raises(ValueError, match="path"):
        path("@only")


def test_a_flag_named_like_a_path_element_is_a_model_error():
    # Both would keep their element's leftovers under the key "tune": the flag's
    # <readonly/> and the path's <tune>.
    @element("nic")
    class Clash:
        tune: bool | None = flag("readonly")
        sndbuf: int | None = path("tune/sndbuf")

    with pytest.raises(ModelError, match=r"Clash\.(tune|sndbuf): kept-XML key 'tune' is "
                                         r"already mapped by .*Clash\.(tune|sndbuf)"):
        plan_for(Clash)



def test_a_child_tag_that_is_not_an_element_name_is_a_model_error():
    # (`flag("meta/final")` used to write `<meta/final/>`: a path is path()'s to declare)
    @element("doc")
    class Slash:
        final: bool | None = flag("meta/final")

    @element("doc")
    class Space:
        label: str | None = child("a b")

    @element("doc")
    class Colon:
        tags: list[str] = children("x:y")

    for cls, name in [(Slash, "final"), (Space, "label"), (Colon, "tags")]:
        with pytest.raises(ModelError, match=rf"{cls.__name__}\.{name}: '.*' is not an "
                                             "element name"):
            plan_for(cls)

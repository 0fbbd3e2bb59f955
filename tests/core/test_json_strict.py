"""JSON from outside is checked: unknown keys and wrong shapes are ParseErrors naming the
JSON path, every problem at once; to_dict refuses values that do not fit their fields;
what to_dict writes, from_dict takes back unchanged."""
from __future__ import annotations

import enum
import time

import pytest

from mapping.core import (ParseError, SerializeError, attr, children, element, from_dict,
                          from_xml, to_dict, union)
from tests.xmlassert import to_xml
from mapping.core._jsoncheck import MAX_DEPTH
from mapping.libvirt import Domain
from mapping.libvirt.devices.disk import BackingStore
from tests.conftest import PROJECT, corpus_files
from tests.core.models import BlockSrc, Box, Dims, FileSrc, Gadget, Item


class Mode(enum.Enum):   # a closed enum: only its members
    FAST = "fast"
    SLOW = "slow"


@element("thing")
class Thing:
    mode: Mode | None = attr("mode")


def problems_of(data, cls=Box):
    with pytest.raises(ParseError) as caught:
        from_dict(data, cls)
    for problem in caught.value.problems:
        assert problem.line is None   # JSON has no lines
    return caught.value.problems


def only_problem(data, cls=Box):
    (problem,) = problems_of(data, cls)
    return problem


# 1. Unknown keys, wherever they stand.

@pytest.mark.parametrize("data, path", [
    ({"nmae": "x"}, "nmae"),
    ({"dims": {"widht": 1}}, "dims.widht"),
    ({"contents": [{"gadget": {}}, {"item": {"colour": "red"}}]}, "contents[1].item.colour"),
    ({"contents": [{"item": {"type": "block", "source": {"size": {"w": 1}}}}]},
     "contents[0].item.source.size.w"),
    ({"contents": [{"item": {"address": {"type": "pci", "slto": 1}}}]},
     "contents[0].item.address.slto"),
    ({"contents": [{"item": {"notes": [{}, {"lnag": "en"}]}}]}, "contents[0].item.notes[1].lnag"),
])
def test_an_unknown_key_is_named_by_its_json_path(data, path):
    problem = only_problem(data)
    assert problem.path == path
    assert "unknown key" in problem.message


def test_a_near_miss_is_suggested():
    problem = only_problem({"nmae": "x"}, Domain)
    assert problem.path == "nmae" and "'name'" in problem.message


def test_unknown_keys_deep_in_a_domain():
    data = {"devices": {"items": [{"disk": {}}, {"disk": {}}, {"disk": {}},
                                  {"disk": {"driver": {"cahce": "none"}}}]}}
    assert only_problem(data, Domain).path == "devices.items[3].disk.driver.cahce"


def test_a_key_that_is_not_a_string_is_refused():
    assert "keys must be strings" in only_problem({1: "x"}).message


# 2. The document itself must be an object.

@pytest.mark.parametrize("data", [None, [], [{}], "domain", 3, 2.5, True])
def test_the_top_level_must_be_an_object(data):
    problem = only_problem(data, Domain)
    assert problem.path is None
    assert problem.message.startswith("expected an object (Domain)")


# 3. Wrong shapes, one class of value at a time.

@pytest.mark.parametrize("data, path, expected", [
    ({"dims": "x"}, "dims", "an object (Dims)"),                     # str for an object
    ({"dims": [1]}, "dims", "an object (Dims)"),                     # list for an object
    ({"contents": {"item": {}}}, "contents", "a list"),              # object for a list
    ({"contents": None}, "contents", "a list"),                      # null for a list
    ({"title": 5}, "title", "a string"),                             # number for a str
    ({"title": ["a"]}, "title", "a string"),                         # list for a str
    ({"id": "5"}, "id", "an integer"),                               # JSON is typed
    ({"id": 5.0}, "id", "an integer"),
    ({"id": True}, "id", "an integer"),                              # bool is no int
    ({"secure": 1}, "secure", "true or false"),                      # int is no bool
    ({"secure": "yes"}, "secure", "true or false"),
    ({"custom": {"a": 1}}, "custom.a", "a string"),                  # entries hold strings
    ({"custom": ["a"]}, "custom", "an object of strings"),
    ({"contents": [{"item": {"ratio": False}}]}, "contents[0].item.ratio", "a number"),
    ({"contents": [{"item": {"tags": "ab"}}]}, "contents[0].item.tags", "a list"),
    ({"contents": [{"item": {"tags": ["a", 1]}}]}, "contents[0].item.tags[1]", "a string"),
    ({"contents": [{"item": {"notes": [None]}}]}, "contents[0].item.notes[0]", "an object"),
    ({"contents": [{"item": {"color": 3}}]}, "contents[0].item.color", "a string"),
    ({"contents": [{"item": {"readonly": "true"}}]}, "contents[0].item.readonly", "true or"),
    ({"contents": [{"gadget": {"count": "3"}}]}, "contents[0].gadget.count", "an integer"),
])
def test_a_value_of_the_wrong_json_type(data, path, expected):
    problem = only_problem(data)
    assert problem.path == path
    assert f"expected {expected}" in problem.message
    assert problem.field is not None and "." in problem.field   # Class.field


def test_a_closed_enum_takes_its_members_only():
    assert from_dict({"mode": "fast"}, Thing).mode is Mode.FAST
    for bad in ("quick", 1, True):
        problem = only_problem({"mode": bad}, Thing)
        assert problem.path == "mode" and "'fast'" in problem.message


def test_an_open_enum_keeps_an_unknown_string():
    item = from_dict({"contents": [{"item": {"color": "infrared"}}]}, Box).contents[0]
    assert item.color == "infrared" and not item.color.known


def test_null_is_an_absent_value_and_an_int_is_a_float():
    box = from_dict({"id": None, "dims": None, "title": None, "custom": None,
                     "contents": [{"item": {"source": None, "ratio": 2}}]}, Box)
    assert box.id is None and box.dims is None and box.contents[0].source is None
    assert box.contents[0].ratio == 2.0 and isinstance(box.contents[0].ratio, float)


def test_a_by_union_takes_the_variant_its_discriminator_names():
    problem = only_problem({"contents": [{"item": {"type": "block", "source": {"file": "/a"}}}]})
    assert problem.path == "contents[0].item.source.file"   # a BlockSrc has no file
    assert "unknown key 'file' for BlockSrc" in problem.message


@pytest.mark.parametrize("item, fragment", [
    ({"type": "flie", "source": {}}, "unknown kind 'flie' (its 'type'); did you mean 'file'?"),
    ({"source": "file"}, "expected an object (FileSrc), got the string 'file'"),   # default
    ({"source": []}, "expected an object (FileSrc), got a list"),
])
def test_a_by_union_whose_variant_cannot_be_had(item, fragment):
    problem = only_problem({"contents": [{"item": item}]})
    assert problem.path == "contents[0].item.source"
    assert fragment in problem.message


@element("holder")
class Holder:   # a by= union with no default: the discriminator is needed
    kind: str | None = attr("kind")
    source: FileSrc | BlockSrc | None = union("source", {"file": FileSrc, "block": BlockSrc},
                                              by="kind")


def test_a_by_union_without_a_default_needs_its_discriminator():
    problem = only_problem({"source": {"file": "/a"}}, Holder)
    assert problem.path == "source"
    assert problem.message == "no 'kind' to tell which kind of source this is ('file', 'block')"
    assert from_dict({"kind": "file", "source": {"file": "/a"}}, Holder).source == FileSrc(
        file="/a")
    # A discriminator of the wrong type is its own problem, reported once.
    assert only_problem({"kind": 1, "source": {}}, Holder).path == "kind"


@pytest.mark.parametrize("address, path, fragment", [
    ({"slot": 1}, "contents[0].item.address", "expected 'type' naming its kind ('pci', 'drive')"),
    ({"type": "pcx"}, "contents[0].item.address.type", "unknown kind 'pcx'; did you mean 'pci'?"),
    ({"type": 3}, "contents[0].item.address.type", "unknown kind 3"),
    ("pci", "contents[0].item.address", "expected an object with 'type' naming its kind"),
    ({"type": "drive", "slot": 1}, "contents[0].item.address.slot", "unknown key 'slot'"),
])
def test_an_on_union_whose_variant_cannot_be_had(address, path, fragment):
    problem = only_problem({"contents": [{"item": {"address": address}}]})
    assert problem.path == path
    assert fragment in problem.message


def test_a_variant_set_in_code_decides_its_discriminator_as_in_xml():
    item = Item(type="file", source=FileSrc(file="/f"))
    item.source = BlockSrc(dev="/d")
    assert item.type == "block"
    box = Box(contents=[item])
    data = to_dict(box)
    assert data["contents"][0]["item"]["type"] == "block"
    again = from_dict(data, Box)
    assert again == box and from_xml(to_xml(box), Box) == box


def test_a_discriminator_that_contradicts_its_variant_is_not_written():
    box = Box(contents=[Item(type="file", source=BlockSrc(dev="/d"))])
    for write in (to_xml, to_dict):
        with pytest.raises(SerializeError) as raised:
            write(box)
        assert str(raised.value).startswith(
            "Box.contents[0].type: 'file', but source is a BlockSrc (type 'block')"), write


@pytest.mark.parametrize("item, fragment", [
    ({}, "0 keys"), ({"item": {}, "gadget": {}}, "2 keys"), ("item", "the string"),
    ({"widget": {}}, "unknown kind 'widget'"), ({"gadget": []}, "an object (Gadget)"),
    ({"gadgte": {}}, "did you mean 'gadget'?"),
])
def test_a_mixed_list_item_of_no_known_kind(item, fragment):
    problem = only_problem({"contents": [{"gadget": {}}, item]})
    assert problem.path.startswith("contents[1]")
    assert fragment in problem.message


@pytest.mark.parametrize("extras", [5, "x", [], {"attrs": 5}, {"bogus": {}},
                                    {"nodes": "x"}, {"sub": {"a": 3}}])
def test_extras_of_the_wrong_shape(extras):
    for data, where in (({"extras": extras}, "extras"),
                        ({"dims": {"extras": extras}}, "dims.extras")):
        problems = problems_of(data)
        assert all(problem.path.startswith(where) for problem in problems)


@pytest.mark.parametrize("extras, path, fragment", [
    ({"nodes": [{"comment": "c", "after": "titel"}]}, "extras.nodes[0].after",
     "'titel' is no child of this element; did you mean 'title'?"),
    ({"nodes": [{"comment": "c", "after": "contents"}]}, "extras.nodes[0].after",
     "'contents' is a list: name one of its items ('contents[0]')"),
    ({"nodes": [{"coment": "c"}]}, "extras.nodes[0]", "one key naming the node's kind"),
    ({"nodes": [{"comment": "a--b"}]}, "extras.nodes[0].comment", "cannot hold '--'"),
    ({"nodes": [{"element": "<a><b></a>"}]}, "extras.nodes[0].element", "not a well-formed"),
    ({"nodes": [{"text": "  "}]}, "extras.nodes[0].text", "blank text is layout"),
    ({"nodes": [{"pi": "x"}]}, "extras.nodes[0].pi", "expected [target, text]"),
    ({"nodes": [{"comment": "c", "last": True}, {"comment": "d"}]}, "extras.nodes",
     "give every node of the element a place, or none"),
    ({"nodes": [{"comment": "c", "last": 1}]}, "extras.nodes[0].last", "expected true"),
    ({"order": ["dims", "tilte"]}, "extras.order[1]", "is no child"),
    ({"order": ["dims"], "nodes": [{"comment": "c", "after": "title"}]},
     "extras.nodes[0].after", "'title' is not in this element's order"),
    ({"attrs": {"a b": "x"}}, "extras.attrs.a b", "is not an XML attribute name"),
    ({"attrs": {"a": 1}}, "extras.attrs.a", "expected a str"),
    ({"omitted_attrs": ["a"], "attrs": {"a": "x"}}, "extras.omitted_attrs[0]", "under attrs"),
    ({"sub": {"/nosuch": {}}}, "extras.sub./nosuch", "names no path-reached element"),
    ({"sub": {"/meta": {"sub": {}}}}, "extras.sub./meta.sub", "not a key of kept XML here"),
    ({"before_root": [{"text": "x"}]}, "extras.before_root[0]", "one key naming"),
    ({"before_root": [{"comment": "x", "after": "title"}]}, "extras.before_root[0].after",
     "not a key of a kept node"),
])
def test_unknown_xml_that_does_not_fit_names_its_place(extras, path, fragment):
    problem = only_problem({"extras": extras})
    assert problem.path == path
    assert fragment in problem.message
    assert problem.field == "Box.extras"


def test_a_tuple_is_no_json_list():
    problem = only_problem({"contents": ({"gadget": {}},)})
    assert problem.path == "contents" and "a tuple" in problem.message


def test_unknown_xml_nested_past_the_stack_is_a_parse_error():
    extras = {}
    for _ in range(5000):
        extras = {"sub": {"meta": extras}}
    assert problems_of({"extras": extras})


def test_a_huge_key_or_value_is_not_repeated_in_the_message():
    key, value = "k" * 100_000, "v" * 100_000
    for data in ({key: 1}, {"id": value}, {"contents": [{key: {}}]}):
        assert len(only_problem(data).message) < 500


def test_every_problem_is_reported_at_once():
    data = {"nmae": 1, "id": "1", "dims": {"width": "2", "height": True},
            "contents": [{"item": {"tags": [1, 2]}}, {"thing": {}}, {"gadget": {"count": 1.5}}],
            "extras": 3}
    paths = {problem.path for problem in problems_of(data)}
    assert paths == {"nmae", "id", "dims.width", "dims.height", "contents[0].item.tags[0]",
                     "contents[0].item.tags[1]", "contents[1]", "contents[2].gadget.count",
                     "extras"}


def test_the_message_lists_each_problem_with_its_path():
    with pytest.raises(ParseError) as caught:
        from_dict({"id": "1", "title": 2}, Box)
    text = str(caught.value)
    assert text.startswith("2 problems:")
    assert "id, field Box.id: expected an integer, got the string '1'" in text


# Depth: what XML can hold is taken, deeper is refused, never a RecursionError.

def _chain(levels):
    store = {}
    for _ in range(levels):
        store = {"type": "file", "backing_store": store}
    return {"devices": {"items": [{"disk": {"backing_store": store}}]}}


def test_a_chain_as_deep_as_xml_allows_goes_through_json():
    levels = 250   # lxml refuses XML nested deeper than 256 elements
    xml = ("<domain type='kvm'><devices><disk type='file'>"
           + "<backingStore type='file'>" * levels + "</backingStore>" * levels
           + "</disk></devices></domain>")
    domain = from_xml(xml, Domain)
    assert from_dict(to_dict(domain), Domain) == domain


@pytest.mark.parametrize("levels", [MAX_DEPTH + 10, 5000])
def test_json_nested_too_deep_is_refused(levels):
    problem = only_problem(_chain(levels), Domain)
    assert "nested more than" in problem.message


def test_checking_is_linear_in_the_input():
    def cost(count):
        good = {"devices": {"items": [{"disk": {"type": "file", "device": "disk"}}] * count}}
        bad = {"devices": {"items": [{"disk": {"type": 1, "nosuch": 2}}] * count}}
        start = time.perf_counter()
        from_dict(good, Domain)
        with pytest.raises(ParseError) as caught:
            from_dict(bad, Domain)
        assert len(caught.value.problems) == 2 * count
        return time.perf_counter() - start
    cost(50)
    assert cost(1600) < 25 * max(cost(200), 1e-3)


# to_dict: an entity edited in code that does not fit is a SerializeError with its path.

@pytest.mark.parametrize("entity, where", [
    (Box(id="5"), "Box.id"),
    (Box(id=True), "Box.id"),
    (Box(title=b"x"), "Box.title"),
    (Box(dims=FileSrc(file="a")), "Box.dims"),
    (Box(dims="x"), "Box.dims"),
    (Box(contents=[Gadget(), Dims()]), "Box.contents[1]"),
    (Box(contents=["x"]), "Box.contents[0]"),
    (Box(contents="ab"), "Box.contents"),
    (Box(custom={"a": 1}), "Box.custom"),
    (Box(extras="x"), "Box.extras"),
    (Box(contents=[Item(source=Dims())]), "Box.contents[0].source"),
    (Box(contents=[Item(tags=[1])]), "Box.contents[0].tags[0]"),
    (Box(contents=[Item(source=BlockSrc(size="big"))]), "Box.contents[0].source.size"),
    (Thing(mode="quick"), "Thing.mode"),
])
def test_to_dict_names_the_field_that_does_not_fit(entity, where):
    with pytest.raises(SerializeError) as caught:
        to_dict(entity)
    assert str(caught.value).startswith(f"{where}: expected")


@element("node")
class Node:   # a model that holds itself through a list
    name: str | None = attr("name")
    nodes: list[Node] = children("node")


def test_to_dict_of_an_entity_that_contains_itself():
    store = BackingStore()
    store.backing_store = store
    with pytest.raises(SerializeError, match="backing_store: contains itself"):
        to_dict(store)
    node = Node()
    node.nodes = [Node(), node, node]   # twice: a walk that follows it would multiply
    with pytest.raises(SerializeError, match=r"nodes\[1\]: contains itself"):
        to_dict(node)


def test_a_dict_that_contains_itself():
    data: dict = {"name": "a"}
    data["nodes"] = [{}, data, data]
    paths = [problem.path for problem in problems_of(data, Node)]
    assert paths == ["nodes[1]", "nodes[2]"]
    chain: dict = {}
    chain["backing_store"] = chain
    assert only_problem(chain, BackingStore).message == "contains itself"


def test_a_shared_object_is_no_cycle():
    shared = Node(name="s")
    tree = Node(nodes=[shared, Node(nodes=[shared])])
    assert from_dict(to_dict(tree), Node) == tree


# Round trip: whatever to_dict writes, from_dict takes back as it was.

def _documents():
    files = corpus_files()[::10]   # a tenth of the shared corpus (all of it: see report)
    files += sorted((PROJECT / "examples").glob("*.xml"))
    files += sorted((PROJECT / "roundtrip_corpus").glob("**/*.xml"))
    return files


@pytest.mark.corpus
def test_corpus_and_examples_survive_json():
    documents = _documents()
    assert documents
    for path in documents:
        try:
            entity = from_xml(path.read_bytes())
        except ParseError:
            continue   # (documents the model refuses are tested elsewhere)
        assert from_dict(to_dict(entity), type(entity)) == entity, path

"""The generated readers (`ClassPlan.read`): the one way elements become entities.

What the model declares is read into fields; what it does not is kept where it stood (or
dropped, or reported), in the same pass; problems are found once each, with their place.
"""
from __future__ import annotations

import dataclasses
import linecache

import pytest

import mapping.libvirt  # noqa: F401  (registers <domain>)
from mapping import ParseError, from_xml
from tests.xmlassert import to_xml
from mapping.core import Extras, attr, child, element, from_element, plan_for
from mapping.core.tokens import Token
from mapping.core.xmlio import parse_document
from tests.conftest import corpus_files, require_corpus
from tests.core.models import BlockSrc, Box, FileSrc, Item
from tests.core.test_unknown_xml import RICH

FILES = corpus_files()


def _holders(entity):
    """Each mapped object in `entity` that holds unknown XML or a document order."""
    found, stack = [], [entity]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(value)
        elif dataclasses.is_dataclass(value) and hasattr(type(value), "__xml__"):
            if value.extras is not None:
                found.append(value)
            stack.extend(getattr(value, field.name) for field in dataclasses.fields(value)
                         if field.name != "extras")
    return found


def test_a_document_that_fits_the_model_leaves_nothing_over():
    xml = ('<item type="block" color="red" enabled="on" ratio="0.5"><label>L</label>'
           '<source dev="/d"><size width="1" height="2"/></source><readonly/>'
           '<tag>a</tag><tag>b</tag><boot order="1"><menu enabled="true"/></boot>'
           '<note lang="en">n</note><address type="pci" slot="0x1f" function="0x1"/></item>')
    entity = from_xml(xml, Item)
    assert entity.source.size.height == 2 and entity.address.slot == 31
    assert entity.tags == ["a", "b"] and entity.boot_menu is True and entity.readonly is True
    assert entity.order == 1 and entity.notes[0].body == "n"
    assert _holders(entity) == []


# (document, what the item keeps: its extras as to_json() writes them, sub-trees aside)
ODD = [
    ('<item unknown="1"/>', {"attrs": {"unknown": "1"}}),
    ('<item><!-- c --></item>', {"nodes": [["comment", " c "]], "order": [["?", 0]]}),
    ('<item><label>L</label>text</item>',
     {"nodes": [["text", "text"]], "order": [["/label", 0], ["?", 0]]}),
    ('<item><tag>a</tag><label>L</label></item>', {"order": [["tags", 0], ["/label", 0]]}),
    ('<item><label>A</label><label>B</label></item>',
     {"nodes": [["element", "<label>B</label>"]], "order": [["/label", 0], ["?", 0]]}),
    ('<item><boot/></item>', {"sub": {"boot": {}}}),
    ('<item><boot order="1" x="y"><menu/></boot></item>',
     {"sub": {"boot": {"attrs": {"x": "y"}}, "boot/menu": {}}}),
    ('<item><boot order="1"/><boot order="2"/></item>',
     {"nodes": [["element", '<boot order="2"/>']], "order": [["/boot", 0], ["?", 0]]}),
    ('<item type="other"><source x="1"/></item>',
     {"nodes": [["element", '<source x="1"/>']], "order": [["?", 0]]}),
    ('<item><address type="usb" bus="1"/></item>',
     {"nodes": [["element", '<address type="usb" bus="1"/>']], "order": [["?", 0]]}),
    ('<item><readonly why="ro"/><readonly/></item>',
     {"nodes": [["element", "<readonly/>"]], "order": [["readonly", 0], ["?", 0]],
      "sub": {"readonly": {"attrs": {"why": "ro"}}}}),
    ('<item><tag>a</tag><tag n="2">b<i/></tag></item>',
     {"sub": {"tags#1": {"attrs": {"n": "2"}, "nodes": [["element", "<i/>"]],
                         "order": [["?", 0]]}}}),
]


@pytest.mark.parametrize("xml, kept", ODD)
def test_what_the_model_does_not_declare_is_kept_where_it_stood(xml, kept):
    entity = from_xml(xml, Item)
    found = entity.extras.to_json()
    expected = {"attrs": {}, "nodes": [], "order": None, "sub": {}}
    expected.update(kept)
    for key, inner in expected["sub"].items():
        expected["sub"][key] = {"attrs": {}, "nodes": [], "order": None, "sub": {}, **inner}
    assert found == expected
    again = from_xml(to_xml(entity), Item)
    assert again == entity and to_xml(again) == to_xml(entity)


def test_unknown_content_is_kept_at_every_level_in_one_read():
    box = from_xml(RICH, Box)
    assert box.extras.attrs == {"future": "yes"}
    item = box.contents[0]
    assert item.extras.attrs == {"unknownattr": "1"}
    assert item.source.extras.attrs == {"cache": "none"}
    assert item.extras.sub["boot"].attrs == {"loadparm": "x"}
    assert from_xml(to_xml(box), Box) == box


def _outcome(xml, cls, **options):
    """The entity, or the messages of the problems found."""
    try:
        return from_xml(xml, cls, **options)
    except ParseError as err:
        return [str(problem) for problem in err.problems]


def test_each_problem_is_reported_once_with_its_place():
    found = _outcome('<box id="x"><item type="block" enabled="maybe"><source><size '
                     'width="1x"/></source></item><!-- c --></box>', Box)
    assert found == [
        "line 1, /box/@id, field Box.id: not an integer: 'x'",
        "line 1, /box/item/@enabled, field Item.enabled: expected 'on' or 'off', got 'maybe'",
        "line 1, /box/item/source/size/@width, field Dims.width: not an integer: '1x'",
    ]


def test_problems_below_an_element_holding_unknown_xml_are_reported_once():
    found = _outcome('<item type="block"><source dev="/d"><size width="wide"/></source>'
                     '<odd/></item>', Item)
    assert found == ["line 1, /item/source/size/@width, field Dims.width: not an integer: "
                     "'wide'"]


def test_ignore_drops_and_error_reports_what_preserve_keeps():
    ignored = from_xml(RICH, Box, unknown="ignore")
    # (what is left is the document order of known children: layout, not unknown XML)
    assert all(holder.extras == None for holder in _holders(ignored))  # noqa: E711
    reported = _outcome(RICH, Box, unknown="error")
    assert any("unknown attribute 'future'" in line for line in reported)
    assert any("unknown element <newthing>" in line for line in reported)
    assert any("unknown attribute 'cache'" in line for line in reported)
    assert len(reported) == len(set(reported))


class _Dev(Token):
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    @property
    def text(self):
        return self.name


def test_with_a_token_recognizer_every_value_is_offered_to_it_first():
    def tokens(raw):
        return _Dev(raw) if raw.startswith("@") else None
    entity = from_xml('<item type="block" enabled="@ON@" x="@X@"><source dev="@DEV@">'
                      '<size width="@W@"/></source><boot order="@N@"/><tag>@T@</tag></item>',
                      Item, tokens=tokens)
    values = [entity.enabled, entity.source.dev, entity.source.size.width, entity.order,
              entity.tags[0]]
    assert all(isinstance(value, _Dev) for value in values)
    assert entity.extras.attrs == {"x": "@X@"}   # unknown XML stays text
    assert "read_tokens" in plan_for(Item).__dict__


@element("made")
class Made:
    name: str | None = attr("name")
    inner: Made | None = child("inner")

    def __post_init__(self):
        self.name = (self.name or "").upper()


class Counted(Item):   # not decorated again: it keeps Item's mapping, with its own __init__
    made = 0

    def __init__(self, **values):
        super().__init__(**values)
        Counted.made += 1


def test_a_class_with_its_own_initialisation_is_made_through_it():
    made = from_xml('<made name="a"><inner name="b"/></made>', Made)
    assert made.name == "A" and made.inner.name == "B"
    before = Counted.made
    counted = from_xml('<item type="file"><label>L</label></item>', Counted)
    assert Counted.made == before + 1 and counted.label == "L"


def test_objects_are_the_same_as_those_the_class_makes():
    xml = '<item type="file"><source file="/a"/></item>'
    entity = from_element(parse_document(xml), Item)   # (from_xml adds its source)
    made = Item(type="file", source=entity.source)
    assert vars(entity) == vars(made) and list(vars(entity)) == list(vars(made))
    assert entity.tags == [] and entity.tags is not Item().tags


def test_generated_reader_source_is_visible_to_tracebacks():
    from_xml('<item type="file"/>', Item)
    reader = plan_for(Item).read
    source = linecache.getlines(reader.__code__.co_filename)
    assert source and source[0].startswith("def read(")


def test_the_garbage_collector_is_paused_while_mapping_and_always_resumed():
    import gc
    seen = []

    def tokens(raw):
        seen.append(gc.isenabled())
        return None
    assert gc.isenabled()
    from_xml('<item type="file"/>', Item, tokens=tokens)
    assert seen == [False] and gc.isenabled()
    with pytest.raises(ParseError):
        from_xml('<item enabled="maybe"/>', Item)
    assert gc.isenabled()
    gc.disable()
    try:
        from_xml('<item type="file"/>', Item)
        assert not gc.isenabled()   # a collector paused by the caller stays paused
    finally:
        gc.enable()


def test_integers_are_remembered_by_spelling_within_a_bound(monkeypatch):
    from mapping.core import _readgen
    _readgen._INT_MEMO.clear()   # a cache: emptying it changes no result
    monkeypatch.setattr(_readgen, "_INT_MEMO_SIZE", 3)
    xml = '<box>' + ''.join(f'<item type="block"><source dev="d"><size width="{n}" '
                            f'height="0x{n:x}"/></source></item>' for n in range(10, 20)) + '</box>'
    box = from_xml(xml, Box)
    assert [(i.source.size.width, i.source.size.height) for i in box.contents] == \
           [(n, n) for n in range(10, 20)]
    assert _readgen._INT_MEMO == {"10": 10, "0xa": 10, "11": 11}   # the first three, no more
    # A spelling the codec refuses is not remembered: read again, it is refused again.
    _readgen._INT_MEMO.clear()
    bad = '<item type="block"><source dev="d"><size width="ten"/></source></item>'
    assert isinstance(_outcome(bad, Item), list) and isinstance(_outcome(bad, Item), list)
    assert _readgen._INT_MEMO == {}


@pytest.mark.corpus
def test_libvirts_own_output_is_in_the_declared_order():
    # Documents libvirt wrote itself (its xml2xml output data) come in libvirt's order;
    # where the model declares the same order, none of these elements records an order.
    require_corpus()
    declared_in_libvirts_order = {"features", "hostdev", "video", "disk", "controller"}
    out_of_order = []
    for path in FILES:
        if "xml2xmlout" not in path.parent.name:
            continue
        for holder in _holders(from_xml(path.read_bytes())):
            if (type(holder).__xml__.tag in declared_in_libvirts_order
                    and holder.extras.order is not None):
                out_of_order.append((path.name, type(holder).__name__))
    assert out_of_order == []


def test_generated_source_is_printable_and_named_after_module_and_class():
    from mapping import generated_source
    for what, first in (("read", "def read("), ("read_tokens", "def read("),
                        ("write", "def emit(")):
        source = generated_source(Item, what)
        assert source.startswith(first)
        assert "t_color_" in source or what == "write" or "t_type" in source
    filename = plan_for(Item).generated("read").__code__.co_filename
    assert filename == "<mapping reader tests.core.models.Item>"
    assert linecache.getlines(filename)[0].startswith("def read(")
    with pytest.raises(ValueError):
        generated_source(Item, "parse")


def test_two_classes_of_one_module_and_name_have_their_own_source():
    def make(label):
        @element("same")
        class Same:
            value: str | None = attr(label)
        return Same
    first, second = make("a"), make("b")
    names = {plan_for(cls).generated("read").__code__.co_filename for cls in (first, second)}
    assert len(names) == 2
    assert [from_xml(f'<same {n}="x"/>', cls).value for n, cls in (("a", first), ("b", second))] \
        == ["x", "x"]


# A class with more fields than CPython keeps in the object itself: its reader sets them
# in a copy of its defaults (`_readgen._construct_in_dict`).
_WIDE_SOURCE = "\n".join(
    ["from mapping.core import attr, children, element, union",
     "from tests.core.models import FileSrc, BlockSrc",   # (annotations: this module's)
     "@element('wide')",
     "class Wide:",
     "    type: str | None = attr('type')",
     "    mode: str | None = attr('mode', default='auto')",
     "    source: FileSrc | BlockSrc | None = union('source', {'file': FileSrc, "
     "'block': BlockSrc}, by='type')",
     "    tags: list[str] = children('tag')"]
    + [f"    a{number}: int | None = attr('a{number}')" for number in range(30)])


def _wide_class():
    namespace = {"__name__": __name__}
    exec(compile(_WIDE_SOURCE, "<wide model>", "exec"), namespace)
    return namespace["Wide"]


def test_a_class_of_many_fields_reads_as_its_constructor_builds():
    wide = _wide_class()
    assert len(dataclasses.fields(wide)) > 30
    read = from_xml("<wide type='block' a3='3' a29='29'><source dev='/dev/sda'/>"
                    "<tag>x</tag><tag>y</tag></wide>", wide)
    assert read == wide(a3=3, a29=29, source=BlockSrc(dev="/dev/sda"), tags=["x", "y"])
    assert read.type == "block" and read.mode == "auto" and read.a0 is None
    assert [name for name in read.__dict__ if name != "_xml_source"] == [
        field.name for field in dataclasses.fields(wide)]
    other = from_xml("<wide mode='manual'/>", wide)
    assert other.mode == "manual" and other.tags == [] and other.tags is not read.tags
    assert from_xml("<wide/>", wide).tags is not from_xml("<wide/>", wide).tags
    # The union's field is set through its descriptor: a variant set later moves the
    # discriminator, as on any entity.
    read.source = FileSrc(file="/a")
    assert read.type == "file"

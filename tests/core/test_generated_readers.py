"""Generated readers (`ClassPlan.read`) make the entities the plain reader does.

The generated reader of a class reads elements that fit the model exactly and hands any
other element to the plain reader; these tests hold both equal, count the hand-overs, and
check that problems are reported once, whichever reader found them.
"""
from __future__ import annotations

import dataclasses
import linecache

import pytest

import mapping.libvirt  # noqa: F401  (registers <domain>)
from mapping import ParseError, from_xml, to_xml
from mapping.core import element, attr, child, plan_for
from mapping.core._engine import ParseContext
from mapping.core.tokens import Token
from mapping.core.xmlio import _roots, parse_document
from tests.conftest import PROJECT, corpus_files, require_corpus
from tests.core.models import Box, Item
from tests.core.test_text_writer import RICH_ITEM
from tests.core.test_unknown_xml import RICH

FILES = corpus_files()
OWN = sorted((PROJECT / "roundtrip_corpus").rglob("*.xml"))


def _plainly(action):
    """`action()` with every class read by the plain reader only."""
    from mapping.core import _plan
    saved = _plan.GENERATED_READERS
    _plan.GENERATED_READERS = False
    for plan in _plan._plans.values():
        plan.read = plan.parse
    try:
        return action()
    finally:
        _plan.GENERATED_READERS = saved
        for plan in _plan._plans.values():
            plan.__dict__.pop("read", None)   # back to generating on first use


def _read(data, cls=None, **options):
    """(entity, how many elements the generated readers handed to the plain reader)."""
    root = parse_document(data)
    cls = cls or _roots[root.tag]
    ctx = ParseContext(options.get("unknown", "preserve"), options.get("tokens"))
    entity = plan_for(cls).read(root, ctx)
    if ctx.problems:
        raise ParseError(ctx.problems)
    return entity, len({node.getroottree().getpath(node) for node in ctx.handed})


def _holders_of_extras(entity) -> int:
    """How many mapped objects in `entity` hold unknown XML or a document order."""
    count = 0
    stack = [entity]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(value)
        elif dataclasses.is_dataclass(value) and hasattr(type(value), "__xml__"):
            if value.extras is not None:
                count += 1
            stack.extend(getattr(value, field.name) for field in dataclasses.fields(value)
                         if field.name != "extras")
    return count


def _documents():
    require_corpus()
    return [path.read_bytes() for path in FILES] + [path.read_bytes() for path in OWN]


@pytest.mark.corpus
def test_generated_and_plain_readers_make_equal_entities_on_the_corpus():
    docs = _documents()
    generated = [from_xml(data) for data in docs]
    plain = _plainly(lambda: [from_xml(data) for data in docs])
    unequal = [index for index, (a, b) in enumerate(zip(generated, plain)) if a != b]
    assert unequal == []
    # Equality leaves out the order of known children; the written text does not.
    rewritten = [index for index, (a, b) in enumerate(zip(generated, plain))
                 if to_xml(a) != to_xml(b)]
    assert rewritten == []


@pytest.mark.corpus
def test_only_elements_holding_something_unknown_go_to_the_plain_reader():
    handed, holders = 0, 0
    for data in _documents():
        entity, fallbacks = _read(data)
        handed += fallbacks
        holders += _holders_of_extras(entity)
    # Each holder is one hand-over (its element, read again by the plain reader), and
    # nothing else is: documents that fit the model are read by generated code alone.
    assert handed == holders
    assert 0 < handed < 1000


def test_a_document_that_fits_the_model_is_read_without_the_plain_reader():
    xml = ('<item type="block" color="red" enabled="on" ratio="0.5"><label>L</label>'
           '<source dev="/d"><size width="1" height="2"/></source><readonly/>'
           '<tag>a</tag><tag>b</tag><boot order="1"><menu enabled="true"/></boot>'
           '<note lang="en">n</note><address type="pci" slot="0x1f" function="0x1"/></item>')
    entity, fallbacks = _read(xml, Item)
    assert fallbacks == 0
    assert entity.source.size.height == 2 and entity.address.slot == 31
    assert entity.tags == ["a", "b"] and entity.boot_menu is True and entity.readonly is True
    assert _plainly(lambda: from_xml(xml, Item)) == entity


@pytest.mark.parametrize("xml", [
    '<item unknown="1"/>',                                   # an attribute it does not map
    '<item><!-- c --></item>',                               # a comment
    '<item><label>L</label>text</item>',                     # text between children
    '<item><tag>a</tag><label>L</label></item>',              # known children reordered
    '<item><label>A</label><label>B</label></item>',          # a second single child
    '<item><boot/></item>',                                   # a path element setting nothing
    '<item type="other"><source x="1"/></item>',              # a union variant not modelled
    '<item><address type="usb" bus="1"/></item>',
])
def test_elements_holding_something_unknown_are_read_by_the_plain_reader(xml):
    entity, fallbacks = _read(xml, Item)
    assert fallbacks == 1
    plain = _plainly(lambda: from_xml(xml, Item))
    assert entity == plain and to_xml(entity) == to_xml(plain)


def test_unknown_xml_is_kept_the_same_way_by_both_readers():
    for xml, cls in [(RICH, Box), (RICH_ITEM, Item)]:
        generated = from_xml(xml, cls)
        plain = _plainly(lambda: from_xml(xml, cls))
        assert generated == plain and to_xml(generated) == to_xml(plain)


def _outcome(xml, cls, **options):
    """The entity, or the messages of the problems found."""
    try:
        return from_xml(xml, cls, **options)
    except ParseError as err:
        return [str(problem) for problem in err.problems]


@pytest.mark.parametrize("xml", [
    # a bad value in a child, then the parent is handed over (the child is read twice)
    '<item type="block"><source dev="/d"><size width="wide"/></source><odd/></item>',
    '<box id="x"><item type="block" enabled="maybe"><source><size width="1x"/></source>'
    '</item><!-- c --></box>',
])
def test_problems_are_reported_once_whichever_reader_finds_them(xml):
    cls = Box if xml.startswith("<box") else Item
    generated = _outcome(xml, cls)
    assert _plainly(lambda: _outcome(xml, cls)) == generated
    assert isinstance(generated, list) and generated
    assert len(generated) == len(set(generated))


def test_policies_other_than_preserve_give_the_same_results():
    for unknown in ("ignore", "error"):
        generated = _outcome(RICH, Box, unknown=unknown)
        assert _plainly(lambda: _outcome(RICH, Box, unknown=unknown)) == generated


class _Dev(Token):
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    @property
    def text(self):
        return self.name


def test_tokens_are_read_by_the_plain_reader():
    def tokens(raw):
        return _Dev(raw) if raw.startswith("@") else None
    entity, fallbacks = _read('<item type="block"><source dev="@DEV@"/></item>', Item,
                              tokens=tokens)
    assert isinstance(entity.source.dev, Token) and fallbacks == 0


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
    entity = from_xml(xml, Item)
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
    # where the model declares the same order, none of these elements is read twice.
    require_corpus()
    declared_in_libvirts_order = {"features", "hostdev", "video", "disk", "controller"}
    out_of_order = []
    for path in FILES:
        if "xml2xmlout" not in path.parent.name:
            continue
        root = parse_document(path.read_bytes())
        ctx = ParseContext("preserve")
        plan_for(_roots[root.tag]).read(root, ctx)
        out_of_order += [(path.name, node.tag) for node in ctx.handed
                         if node.tag in declared_in_libvirts_order]
    assert out_of_order == []

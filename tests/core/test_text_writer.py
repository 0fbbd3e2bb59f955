"""The text writer (`to_xml`) writes what libvirt's formatter writes for the same tree.

The oracle: lxml, given the tree the text stands for (parsed, and indented as `to_xml`
indents when pretty), writes it, and that text in libvirt's conventions (single quotes,
both quotes escaped in values and text, a final line break when indented) is the same
text, so escapes, namespace declarations, empty elements, indentation and kept text are
lxml's conventions and the quoting is libvirt's.
"""
from __future__ import annotations

import re

import pytest
from lxml import etree

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.core import HexIntCodec, SerializeError, attr, element, text
from tests.conftest import CORPUS, PROJECT, corpus_files, require_corpus
from tests.core.models import Box, BlockSrc, Color, Dims, FileSrc, Item, Note, PciAddr
from tests.core.test_unknown_xml import RICH

FILES = corpus_files()
OWN = sorted((PROJECT / "roundtrip_corpus").rglob("*.xml"))
_PIECES = re.compile(r"(<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>|<[^>]*>)", re.S)


def _libvirt_quoting(text: str) -> str:
    pieces = _PIECES.split(text)
    for number, piece in enumerate(pieces):
        if number % 2 == 0:   # text between tags
            pieces[number] = piece.replace("'", "&apos;").replace('"', "&quot;")
        elif piece[1] not in "!?":
            pieces[number] = re.sub(
                r'="([^"]*)"', lambda m: "='" + m.group(1).replace("'", "&apos;") + "'", piece)
    return "".join(pieces)


def _lxml_text(text: str, pretty: bool = True) -> str:
    tree = etree.fromstring(text)
    if pretty:
        etree.indent(tree, space="  ")
    written = _libvirt_quoting(etree.tostring(tree, encoding="unicode"))
    return written + "\n" if pretty else written


def _both(entity, pretty=True, **options):
    """(what to_xml writes, what lxml writes for the tree it stands for). An element with
    empty text is written `<a></a>`, as lxml writes a tree it built; parsed, the same
    element has no text and is written `<a/>`: both spellings are taken for the latter."""
    text = to_xml(entity, pretty=pretty, style="libvirt", **options)
    return _empty(text), _empty(_lxml_text(text, pretty))


def _empty(text: str) -> str:
    return re.sub(r"<([^\s>/]+)([^>]*)></\1>", r"<\1\2/>", text)


@pytest.mark.corpus
def test_both_paths_agree_on_every_corpus_document():
    require_corpus()
    differing = []
    for path in FILES:
        entity = from_xml(path.read_bytes())
        for pretty in (True, False):
            text, plain = _both(entity, pretty=pretty)
            if text != plain:
                differing.append(f"{path.relative_to(CORPUS)} pretty={pretty}")
    assert differing == []


@pytest.mark.parametrize("path", OWN, ids=[str(p.relative_to(PROJECT)) for p in OWN])
def test_both_paths_agree_on_our_own_corpus(path):
    entity = from_xml(path.read_bytes())
    for pretty in (True, False):
        text, plain = _both(entity, pretty=pretty)
        assert text == plain


@pytest.mark.parametrize("pretty", [True, False])
def test_unknown_xml_comes_out_the_same_way(pretty):
    text, plain = _both(from_xml(RICH, Box), pretty=pretty)
    assert text == plain
    assert "mixed text" in text and "<?app some data?>" in text and "o:a='1'" in text


def test_values_are_escaped_as_lxml_escapes_them():
    item = Item(type="file", label='a&b<c>"d\'\r\n\tz', source=FileSrc(file='x"&<>\n\t\r'))
    text, plain = _both(item)
    assert text == plain
    assert "file='x&quot;&amp;&lt;&gt;&#10;&#9;&#13;'" in text
    assert "<label>a&amp;b&lt;c&gt;&quot;d&apos;&#13;\n\tz</label>" in text


@pytest.mark.parametrize("bad", ["a\x00b", "a\x1bb", "\ud800", "\uffff"])
def test_characters_xml_cannot_carry_are_refused_naming_the_field(bad):
    with pytest.raises(SerializeError, match=r"Item\.source\.file"):
        to_xml(Item(source=FileSrc(file=bad)))
    with pytest.raises(SerializeError, match=r"Note\.body"):
        to_xml(Note(body=bad), tag="note")


def test_empty_text_and_bare_elements_match():
    for entity in (Note(body=""), Note(lang="en"), Note()):
        text, plain = _both(entity, tag="note")
        assert text == plain
    assert to_xml(Note(body=""), tag="note") == "<note></note>\n"


def test_union_discriminator_and_new_children_match():
    item = Item(source=BlockSrc(dev="/dev/sda", size=Dims(width=1)), readonly=True,
                tags=["a", "b"], order=2)
    text, plain = _both(item)
    assert text == plain
    assert text.startswith("<item type='block'>")


def test_an_edited_entity_keeps_unknown_nodes_in_place_on_both_paths():
    box = from_xml(RICH, Box)
    box.contents[0].tags.append("new")
    box.contents[0].order = None
    box.title = None
    text, plain = _both(box)
    assert text == plain


def test_wrong_types_name_the_place():
    box = Box(contents=[Item(), "not an item"])
    with pytest.raises(SerializeError, match=r"Box\.contents\[1\]: str is not one of"):
        to_xml(box)


RICH_ITEM = """<item type="block" x="1">
  <!-- first -->
  <tag>a</tag>
  <source dev="/d"><size width="1" depth="2"/><odd/></source>
  <o:unknown xmlns:o="urn:other" a="b"><o:deep/></o:unknown>
  <label>L</label>
  <boot order="1" extra="e"><menu enabled="true" more="m"/></boot>
  <?pi x?>
  <tag>b</tag>
</item>"""


@pytest.mark.parametrize("pretty", [True, False])
def test_unknown_nodes_and_document_order_without_lxml_match(pretty):
    item = from_xml(RICH_ITEM, Item)
    text, plain = _both(item, pretty=pretty)
    assert text == plain
    item.tags.insert(1, "new")
    item.readonly = True
    text, plain = _both(item, pretty=pretty)
    assert text == plain
    assert text.index("<!-- first -->") < text.index("<tag>a</tag>") < text.index("<o:unknown")


def test_generated_writer_source_is_visible_to_tracebacks():
    import linecache
    to_xml(Item(type="file"))
    from mapping.core import plan_for
    writer = plan_for(Item).fn
    source = linecache.getlines(writer.__code__.co_filename)
    assert source and source[0].startswith("def emit(")


@element("power")
class _Power:
    action: Color | None = text()
    level: int | None = attr("level", codec=HexIntCodec(4))
    count: int | None = attr("count")


def _outcome(entity):
    try:
        return to_xml(entity)
    except SerializeError as err:
        return f"SerializeError: {err}"


@pytest.mark.parametrize("entity", [
    *(Item(address=PciAddr(slot=slot, function=1)) for slot in (0, 31, 255, 256, 4096)),
    Item(address=PciAddr(slot=True)), Item(address=PciAddr(slot=-1)),
    _Power(action=Color.RED, level=0xff), _Power(action="green", level=0x100),
    _Power(action="blue"), _Power(action=Color("blue")), _Power(action=3),
    *(_Power(count=count) for count in (0, 7, 255, 256, 100000, -1, True, 2.5)),
])
def test_values_written_from_precomputed_texts_are_what_their_codecs_write(entity):
    # Numbers below 256 and enum members come from tables made with the writer;
    # everything else (larger numbers, strings naming a member, wrong types) is formatted.
    generated = _outcome(entity)
    if generated.startswith("SerializeError"):
        return
    assert generated == _lxml_text(generated)
    read = from_xml(generated, type(entity))
    for name in ("address", "action", "level", "count"):
        if hasattr(entity, name) and getattr(entity, name) is not None:
            value = getattr(entity, name)
            plan = type(entity).__xml__
            again = getattr(read, name)
            assert again == value or str(getattr(again, "value", again)) == str(
                getattr(value, "value", value)), (name, plan)


def test_strings_copied_without_the_escaping_regex_need_no_escaping():
    # The generated writers copy a str as it is when isalnum(), or when isprintable() and
    # it holds none of the markup characters; the regex must agree on every character.
    from mapping.core._emitvalues import _MARKUP
    from mapping.core._writer import _ATTR_SPECIAL, _TEXT_SPECIAL
    every = [chr(code) for code in range(0x110000)]
    alnum = "".join(c for c in every if c.isalnum())
    assert len(alnum) > 100_000
    assert _ATTR_SPECIAL.search(alnum) is None and _TEXT_SPECIAL.search(alnum) is None
    printable = [c for c in every if c.isprintable()]
    assert len(printable) > 100_000
    for special in (_ATTR_SPECIAL, _TEXT_SPECIAL):
        flagged = {c for c in printable if special.search(c)}
        assert flagged == set(_MARKUP)


@pytest.mark.parametrize("value", ["a\xa0b", "line\u2028sep", "del\x7f", "nel\x85", "\U0001f600",
                                   "\ufffd", "tab\tand\nnewline", "/var/lib/a b.img", "x>y"])
def test_unusual_characters_come_out_as_lxml_writes_them(value):
    text, plain = _both(Item(label=value, source=FileSrc(file=value)))
    assert text == plain

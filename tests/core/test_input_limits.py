"""Untrusted XML: every input shape costs time proportional to its size, every bound is a
ParseError with a place, and every value read can be written back and read again equal.

SHAPES (also timed by benchmarks/bench_shapes.py) builds, for a size n, a document that
is large in one way only: many prolog nodes, attributes, siblings, deep nesting, long
text or values, namespace declarations, long names, character references, bad values.
"""
from __future__ import annotations

import enum
import gc
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import mapping.libvirt  # noqa: F401  (registers <domain>)
from mapping import ParseError, SerializeError, from_xml
from tests.xmlassert import to_xml
from mapping.core import (Float, HexInt, HexIntCodec, Int, OnOff, OpenEnum, Str, TrueFalse,
                          YesNo, _writer, attr, element, text, to_element)
from mapping.core.codecs import EnumCodec
from mapping.libvirt.units import SIZE_UNIT
from mapping.core.xmlio import MAX_ATTRIBUTES

_HEAD = "<domain type='kvm'><name>x</name>"
_DISK = ("<disk type='file' device='disk'><source file='/d{0}.img'/>"
         "<target dev='vd{0}' bus='virtio'/>"
         "<address type='pci' domain='0x0000' bus='0x00' slot='0x{0:02x}' function='0x0'/>"
         "</disk>")


def _domain(inner: str = "", devices: str = "") -> str:
    return f"{_HEAD}{inner}<devices>{devices}</devices></domain>"


def _attrs(count: int, width: int = 1) -> str:
    return " ".join(f"a{index}='{'v' * width}'" for index in range(count))


def _chain(depth: int) -> str:
    return "<a>" * depth + "t" + "</a>" * depth


def _namespaces(count: int) -> str:
    return " ".join(f"xmlns:p{index}='urn:p{index}'" for index in range(count))


# name -> (document for size n, sizes the benchmark times). Each document is valid and
# maps without error unless the name says "bad".
SHAPES = {
    "prolog PIs": lambda n: "<?a?>" * n + _domain(),
    "prolog comments": lambda n: "<!--c-->" * n + _domain(),
    "prolog mixed": lambda n: "<?a b?><!--c-->\n" * n + _domain(),
    "prolog blanks": lambda n: " \n" * n + _domain(),
    "epilog nodes": lambda n: _domain() + "<!--c--><?a?>" * n,
    "attributes (unknown element)": lambda n: _domain(
        "".join(f"<z{index} {_attrs(200)}/>" for index in range(n // 200 + 1))),
    "attributes (known element)": lambda n: _domain(devices="".join(
        _DISK.format(index % 256).replace("<disk ", f"<disk {_attrs(200)} ", 1)
        for index in range(n // 200 + 1))),
    "known siblings": lambda n: _domain(devices="".join(
        _DISK.format(index % 256) for index in range(n // 4))),
    "unknown siblings": lambda n: _domain("<z/>" * n),
    "unknown siblings with text": lambda n: _domain("<z/>t" * n),
    "comments between children": lambda n: _domain(devices="<!--c-->" * n),
    "text between known children": lambda n: _domain(devices=(
        "t" + _DISK.format(1)) * (n // 4)),
    "deep unknown chains": lambda n: _domain(_chain(250) * max(1, n // 250)),
    "deep chain of known-looking tags": lambda n: _domain(
        ("<metadata>" + "<devices>" * 250 + "</devices>" * 250 + "</metadata>")
        * max(1, n // 250)),
    "long text (known)": lambda n: f"<domain type='kvm'><name>{'x' * n}</name></domain>",
    "long text (unknown)": lambda n: _domain(f"<z>{'x' * n}</z>"),
    "long attribute value (known)": lambda n: _domain(
        devices=_DISK.format(1).replace("/d1.img", "/" + "d" * 10 * n)),
    "long attribute value (unknown)": lambda n: _domain(f"<z a='{'v' * n}'/>"),
    "namespace declarations (root)": lambda n: (
        f"<domain type='kvm' {_namespaces(n)}><name>x</name></domain>"),
    "namespace declarations (kept)": lambda n: _domain(
        f"<metadata><m:z xmlns:m='urn:m' {_namespaces(n)}/></metadata>"),
    "namespaced kept elements": lambda n: _domain("<metadata>" + "".join(
        f"<p{index}:z xmlns:p{index}='urn:p{index}'/>" for index in range(n))
        + "</metadata>"),
    "long element name": lambda n: _domain(f"<{'z' * n}/>"),
    "long attribute name": lambda n: _domain(f"<z {'a' * n}='v'/>"),
    "character references": lambda n: f"<domain type='kvm'><name>{'&#x41;&amp;' * n}</name>"
                                      "</domain>",
    "CDATA sections": lambda n: _domain("<z>" + "<![CDATA[<x>]]>" * n + "</z>"),
    "bad values (bad)": lambda n: _domain(devices="".join(
        _DISK.format(1).replace("0x01", "zz") for _ in range(n // 4))),
}


def _seconds(action, repeat: int = 3) -> float:
    """The best of `repeat` runs in CPU time (the machine may be busy with other work),
    each from empty caches and with the cyclic collector paused (its passes come at
    times that have nothing to do with the input)."""
    best = float("inf")
    for _ in range(repeat):
        for cached in vars(_writer).values():
            getattr(cached, "cache_clear", lambda: None)()   # (an lru_cache)
        gc.disable()
        try:
            start = time.process_time()
            action()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def _map(document: str):
    try:
        return from_xml(document)
    except ParseError as err:
        return err


def _ratio(action, small, large) -> float:
    action(small)   # warm: generated readers and writers are made on first use
    # (a floor under the small time: a tenth of a millisecond is timer noise)
    return _seconds(lambda: action(large)) / max(_seconds(lambda: action(small)), 1e-4)


@pytest.mark.parametrize("name", list(SHAPES))
def test_each_shape_costs_time_in_proportion_to_its_size(name):
    small, large = SHAPES[name](500), SHAPES[name](4000)
    assert len(large) > 6 * len(small)
    # lxml itself is not quite linear in places (many namespace declarations on one
    # element: libxml2's tables grow; large trees: the caches): what is asked is to stay
    # within a factor of it, and far from quadratic (64x) everywhere.
    trees = {doc: etree.fromstring(doc.encode()) for doc in (small, large)}
    parse = _ratio(lambda doc: etree.fromstring(doc.encode()), small, large)
    ratio = _ratio(_map, small, large)
    assert ratio < max(25, 3 * parse), f"from_xml, {name}: 8x the input took {ratio:.0f}x"
    entities = {doc: _map(doc) for doc in (small, large)}
    if not any(isinstance(entity, ParseError) for entity in entities.values()):
        write = _ratio(lambda doc: etree.tostring(trees[doc]), small, large)
        ratio = _ratio(lambda doc: to_xml(entities[doc]), small, large)
        assert ratio < max(25, 3 * write), f"to_xml, {name}: 8x the input took {ratio:.0f}x"


def test_shapes_meant_to_be_valid_are_read_and_written_back():
    for name, build in SHAPES.items():
        document = build(50)
        entity = _map(document)
        assert isinstance(entity, ParseError) == name.endswith("(bad)"), (name, entity)
        if not isinstance(entity, ParseError):
            assert from_xml(to_xml(entity)) == entity, name


# -- the prolog: a DOCTYPE is refused after any number of nodes, before libxml2 parses --

_DOCTYPE = "<!DOCTYPE domain [<!ENTITY a 'b'>]>"


@pytest.mark.parametrize("prolog", [
    "", "<?a?>" * 30, "<!--c-->" * 30, "<?a?><!--b-->\n " * 30, "\ufeff", "\ufeff <!--c-->",
    "<?xml version='1.0'?>\n<!-- ?> -->", "<?a <!-- ?>", "<!-- <?a --> ",
])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                      "str"])
def test_a_doctype_after_any_prolog_is_refused_before_libxml2_parses(prolog, encoding,
                                                                      monkeypatch):
    document = prolog + _DOCTYPE + "<domain type='kvm'><name>&a;</name></domain>"
    data = document if encoding == "str" else document.encode(encoding)

    def refuse(*args):
        raise AssertionError("libxml2 was given a document with a DOCTYPE")

    monkeypatch.setattr(etree, "fromstring", refuse)
    with pytest.raises(ParseError, match="^line 1: DOCTYPE declarations are not accepted$"):
        from_xml(data)


@pytest.mark.parametrize("prolog", ["<?a?>", "<!--c-->", "<?a b?><!--c-->\n", " \n",
                                    "<?a", "<!--", "<?a?><!--"])
def test_a_long_prolog_is_scanned_in_linear_time(prolog):
    small, large = prolog * 2000 + _DOCTYPE, prolog * 16000 + _DOCTYPE
    ratio = _ratio(lambda data: _map(data), small, large)
    assert ratio < 25, f"8x the prolog took {ratio:.0f}x the time"


def test_a_doctype_further_on_is_malformed_xml():
    with pytest.raises(ParseError, match="malformed XML"):
        from_xml("<domain type='kvm'><name>x</name></domain>" + _DOCTYPE)


# -- attributes per element --------------------------------------------------------------

def _crowded(count: int) -> str:
    return ("<domain type='kvm'>\n<name>x</name>\n<devices>\n<disk type='file'/>\n"
            f"<disk type='file' {_attrs(count - 1)}/></devices></domain>")


def test_an_element_with_the_most_attributes_accepted_is_read_and_written_back():
    assert MAX_ATTRIBUTES == 256
    entity = from_xml(_crowded(MAX_ATTRIBUTES))
    assert len(entity.devices.disks[1].extras.attrs) == MAX_ATTRIBUTES - 1
    assert from_xml(to_xml(entity)) == entity


@pytest.mark.parametrize("count", [MAX_ATTRIBUTES + 1, 20000])
def test_an_element_with_more_attributes_is_refused_with_its_place(count):
    with pytest.raises(ParseError) as caught:
        from_xml(_crowded(count))
    assert str(caught.value) == (f"line 5, /domain/devices/disk[2]: {count} attributes, "
                                 f"more than {MAX_ATTRIBUTES} are not accepted")


def test_many_attributes_in_all_are_not_refused():
    document = _domain("".join(f"<z{index} {_attrs(100)}/>" for index in range(50)))
    assert document.count("=") > 10 * MAX_ATTRIBUTES
    assert len(from_xml(document).extras.nodes) == 50


def test_attributes_on_one_element_cost_linear_time_up_to_the_refusal():
    small = f"<domain type='kvm' {_attrs(20000)}><name>x</name></domain>"
    large = f"<domain type='kvm' {_attrs(160000)}><name>x</name></domain>"
    assert _ratio(_map, small, large) < 25


# -- depth -------------------------------------------------------------------------------

def test_libxml2s_depth_limit_is_a_parse_error_with_its_line():
    head = "<domain type='kvm'><name>x</name>\n\n"
    inside = head + "<a>" * 255 + "</a>" * 255 + "</domain>"
    assert from_xml(to_xml(from_xml(inside))) == from_xml(inside)   # 256 levels: read
    deeper = head + "<a>" * 256 + "</a>" * 256 + "</domain>"
    with pytest.raises(ParseError, match=r"^line 3: malformed XML: Excessive depth in "
                                         r"document: 256"):
        from_xml(deeper)


# -- encodings ---------------------------------------------------------------------------

_PLAIN = "<domain type='kvm'><name>été</name></domain>"


@pytest.mark.parametrize("data", [
    _PLAIN.encode("utf-8"), b"\xef\xbb\xbf" + _PLAIN.encode(), "\ufeff" + _PLAIN,
    b"\xef\xbb\xbf<?xml version='1.0' encoding='UTF-8'?>" + _PLAIN.encode(),
    "\ufeff<?xml version='1.0' encoding='UTF-16'?>" + _PLAIN,   # (decoded already)
    "<?xml version='1.0' encoding='ISO-8859-1'?>\n" + _PLAIN,
    ("<?xml version='1.0' encoding='ISO-8859-1'?>" + _PLAIN).encode("latin-1"),
    _PLAIN.encode("utf-16"), _PLAIN.encode("utf-16-le"), _PLAIN.encode("utf-16-be"),
    ("<?xml version='1.0' encoding='UTF-16'?>" + _PLAIN).encode("utf-16"),
    _PLAIN.encode("utf-32"), _PLAIN.encode("utf-32-le"), _PLAIN.encode("utf-32-be"),
    (" \n" + _PLAIN).encode("utf-16-le"),
], ids=repr)
def test_every_encoding_reads_the_same(data):
    assert from_xml(data).name == "été"


@pytest.mark.parametrize("data, message", [
    ("<domain type='kvm'>\n<name>\ud800</name></domain>",
     "line 2: malformed XML: U+D800 (a lone surrogate) is not a character"),
    ("<?xml version='1.0'?>\n<domain type='kvm'>\n<name>\udfff</name></domain>",
     "line 3: malformed XML: U+DFFF (a lone surrogate) is not a character"),
    (b"<domain type='kvm'>\n<name>\xff</name></domain>",
     "line 2: malformed XML: Invalid bytes in character encoding"),
    ("<domain type='kvm'>\n<name>a\x00</name></domain>", "line 2: malformed XML: Invalid char"),
    (b"<domain type='kvm'>\n<name>a\x00</name></domain>", "line 2: malformed XML: Invalid char"),
    (_PLAIN.encode("utf-16")[:-1], "line 1: malformed XML: not UTF-16 at byte"),
    ("\ufeff<domain>\n<name>".encode("utf-16-le") + b"\x00\xd8" + "</name></domain>".encode(
        "utf-16-le"), "line 2: malformed XML: not UTF-16 at byte 32 (illegal UTF-16 surrogate)"),
    (b"\xff\xfe\x00\x00" + b"<\x00\x00\x00\x00\xd8\x00\x00", "line 1: malformed XML: not UTF-32"),
    (("<?xml version='1.0' encoding='x-unknown'?>" + _PLAIN).encode(),
     "line 1: malformed XML: Unsupported encoding"),
    (("<?xml version='1.0' encoding='IBM037'?>" + _PLAIN).encode("cp037"),
     "line 1: malformed XML: Unsupported encoding"),
    ("<domain type='kvm'><name>&#1;</name></domain>", "line 1: malformed XML: "),
], ids=repr)
def test_text_that_is_not_characters_is_a_parse_error_with_its_line(data, message):
    with pytest.raises(ParseError) as caught:
        from_xml(data)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_line_numbers_stay_those_of_the_callers_text_when_its_declaration_is_dropped():
    document = ("<?xml version='1.0'\n  encoding='utf-8'?>\n<domain type='kvm'>\n"
                "<vcpu>z</vcpu></domain>")
    for data in (document, document.encode()):
        with pytest.raises(ParseError, match="^line 4, /domain/vcpu"):
            from_xml(data)


def test_only_the_xml_declaration_is_dropped_from_text_not_a_pi_named_like_it():
    from mapping.core.xmlio import parse_document

    root = parse_document("<?xml-stylesheet href='a.xsl'?><domain type='kvm'/>")
    assert root.getprevious().target == "xml-stylesheet"


# -- many problems -------------------------------------------------------------------------

def _bad_pins(count: int) -> str:
    return ("<domain type='kvm'><name>x</name><cputune>\n"
            + "<vcpupin vcpu='z' cpuset='1'/>\n" * count + "</cputune></domain>")


def test_a_bad_value_in_each_of_many_siblings_is_reported_in_linear_time():
    # (libxml2 finds an element's path by counting its siblings: a path for every one of
    # them was quadratic, 8x the siblings took 40x the time)
    ratio = _ratio(_map, _bad_pins(2000), _bad_pins(16000))
    assert ratio < 25, f"8x the problems took {ratio:.0f}x the time"


def test_every_problem_is_reported_the_first_ones_with_their_path():
    from mapping.core._engine import PATHED_PROBLEMS

    with pytest.raises(ParseError) as caught:
        from_xml(_bad_pins(PATHED_PROBLEMS + 5))
    problems = caught.value.problems
    assert len(problems) == PATHED_PROBLEMS + 5
    assert problems[0].path == "/domain/cputune/vcpupin[1]/@vcpu"
    assert problems[PATHED_PROBLEMS - 1].path == (
        f"/domain/cputune/vcpupin[{PATHED_PROBLEMS}]/@vcpu")
    last = problems[-1]
    assert (last.line, last.path, last.field) == (PATHED_PROBLEMS + 6, None, "VcpuPin.vcpu")
    assert str(last) == f"line {PATHED_PROBLEMS + 6}, field VcpuPin.vcpu: not an integer: 'z'"


# -- values: what a codec reads, it writes, and reads back equal ----------------------------

def _model_codecs() -> dict[str, object]:
    """Every codec a field of the libvirt and oVirt models reads with, by its repr."""
    import sys

    import mapping.ovirt  # noqa: F401
    from mapping.core import describe, is_mapped, registered_roots

    registered_roots()   # (imports the formats read on first use)
    found: dict[str, object] = {}
    for module in [m for name, m in list(sys.modules.items()) if name.startswith("mapping.")]:
        for cls in vars(module).values():
            if not (isinstance(cls, type) and is_mapped(cls)):
                continue
            for field in describe(cls).fields:
                codec = field.codec
                if codec is not None and hasattr(codec, "parse"):
                    found.setdefault(f"{type(codec).__name__} {codec!r} "
                                     f"{getattr(codec, 'width', '')}", codec)
    return found


MODEL_CODECS = _model_codecs()


class _Open(OpenEnum):
    A = "a"


class _Closed(enum.Enum):
    A = "a"
    ONE = "1"

SPELLINGS = ["0", "-1", "+7", "-0", " 5 ", "\t5\n", "0x1F", "0X1f", "-0x5", "0x-1", "0x",
             "1_0", "1e3", "1.5", ".5", "5.", "1e400", "-1e400", "1e-400", "nan", "NaN",
             "inf", "-Infinity", "\u0663", "\uff11", "9" * 80, "9" * 81, "0x" + "f" * 64,
             "0x1" + "0" * 64, "0" * 80 + "1", "1" * 4300, "0x" + "f" * 4000, "1" * 5000,
             "KiB", "Gigs", "b", "byte", "EiB", "yes", "no", "on", "true", "True", "", " ",
             "0700", "0o7", "07777777777777777777777777777777777"]


def _round_trip(codec, text: str) -> None:
    try:
        value = codec.parse(text)
    except (ValueError, TypeError):
        return   # refused on reading: the document is a ParseError with the place
    written = codec.format(value)   # must not raise: what was read can be written
    assert isinstance(written, str)
    again = codec.parse(written)
    assert again == value and type(again) is type(value), (text, written, again)
    assert codec.format(again) == written


def test_the_model_has_the_codecs_this_checks():
    kinds = {type(codec).__name__ for codec in MODEL_CODECS.values()}
    assert {"IntCodec", "HexIntCodec", "BoolCodec", "EnumCodec", "StrCodec", "UnitCodec",
            "VdsmFloat", "OctalModeCodec"} <= kinds, kinds


@pytest.mark.parametrize("name", sorted(MODEL_CODECS))
def test_every_model_codec_writes_back_what_it_reads(name):
    codec = MODEL_CODECS[name]
    enum_type = getattr(codec, "enum_type", None)
    values = [member.value for member in enum_type] if enum_type is not None else []
    for text in SPELLINGS + values:
        _round_trip(codec, text)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=st.one_of(st.text(), st.from_regex(r"\s*[+-]?(0[xX])?[0-9a-fA-F._eE+-]{0,30}\s*"),
                      st.sampled_from(SPELLINGS)))
def test_any_text_a_core_codec_reads_it_writes_back(text):
    for codec in (Int, HexInt, HexIntCodec(4), Float, YesNo, OnOff, TrueFalse, Str, SIZE_UNIT,
                  EnumCodec(_Open), EnumCodec(_Closed)):
        _round_trip(codec, text)


@element("n")
class _Numbers:
    i: int | None = attr("i")
    h: int | None = attr("h", codec=HexIntCodec(2))
    f: float | None = attr("f")
    t: int | None = text()


def _read_both(document: str):
    """(the reader's outcome with codecs inlined, the token reader's, which calls each
    codec's parse): an entity or the error's text."""
    outcomes = []
    for tokens in (None, lambda raw: None):
        try:
            outcomes.append(from_xml(document, _Numbers, tokens=tokens))
        except ParseError as err:
            outcomes.append(str(err))
    return outcomes


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_both_readers_accept_and_refuse_the_same_values_and_write_back_what_they_accept(
        spelling):
    escaped = spelling.replace("\t", "&#9;").replace("\n", "&#10;")
    for document in (f"<n i='{escaped}'/>", f"<n h='{escaped}'/>", f"<n f='{escaped}'/>",
                     f"<n>{spelling}</n>"):
        generated, plain = _read_both(document)
        assert generated == plain, document
        if not isinstance(generated, str):
            assert from_xml(to_xml(generated), _Numbers) == generated, document


def test_a_negative_value_remembered_from_a_decimal_field_is_still_refused_in_a_hex_one():
    from mapping.core import _readgen

    _readgen._INT_MEMO.clear()
    for document in ("<n i='-1' h='-1'/>", "<n h='-1' i='-1'/>", "<n i='-3'>-3</n>"):
        generated, plain = _read_both(document)
        assert generated == plain, document
    assert _read_both("<n i='-1' h='-1'/>")[0] == (
        "line 1, /n/@h, field _Numbers.h: '-1' is negative: a hexadecimal field holds no sign")


@pytest.mark.parametrize("document, message", [
    ("<n i='" + "9" * 81 + "'/>", "line 1, /n/@i, field _Numbers.i: an integer of 81 digits: "
                                  "more than 80 are not accepted"),
    ("<n h='0x1" + "0" * 64 + "'/>", "line 1, /n/@h, field _Numbers.h: integer "
     "'0x10000000000000000000000000000000000000'... (67 characters) is out of range (more "
     "than 256 bits)"),
    ("<n>0x" + "f" * 4000 + "</n>", "line 1, /n, field _Numbers.t: an integer of 4000 digits: "
                                    "more than 80 are not accepted"),
    ("<n f='nan'/>", "line 1, /n/@f, field _Numbers.f: not a number: 'nan'"),
    ("<n f='1e400'/>", "line 1, /n/@f, field _Numbers.f: number '1e400' is out of range"),
    ("<n f='1_0'/>", "line 1, /n/@f, field _Numbers.f: not a number: '1_0'"),
    ("<n i='" + "x" * 100 + "'/>", "line 1, /n/@i, field _Numbers.i: not an integer: "
                                   f"'{'x' * 40}'... (100 characters)"),
])
def test_each_bound_on_values_is_a_parse_error_with_its_place(document, message):
    generated, plain = _read_both(document)
    assert generated == plain == message


def test_integers_at_the_bounds_are_read_and_written_back():
    for value in (2**256 - 1, -(2**256 - 1), 10**76, 0):
        entity = from_xml(f"<n i='{value}' h='{hex(abs(value))}'>{value}</n>", _Numbers)
        assert (entity.i, entity.h, entity.t) == (value, abs(value), value)
        assert from_xml(to_xml(entity), _Numbers) == entity


@pytest.mark.parametrize("field, value", [
    pytest.param("i", 2**256, id="i-2**256"), pytest.param("t", -(2**300), id="t--2**300"),
    pytest.param("h", 2**256, id="h-2**256"), ("h", -1), ("f", float("nan")),
    ("f", float("inf")), ("f", 10**400), pytest.param("i", 10**5000, id="i-10**5000")])
def test_a_value_set_in_code_that_could_not_be_read_back_is_a_serialize_error(field, value):
    entity = _Numbers(**{field: value})
    for write in (to_element, to_xml):
        with pytest.raises(SerializeError, match=f"^_Numbers.{field}: "):
            write(entity)


# -- size units --------------------------------------------------------------------------

_UNITS = {"b": 1, "byte": 1, "bytes": 1, "k": 1024, "KiB": 1024, "KB": 1000, "M": 1024**2,
          "MiB": 1024**2, "mb": 1000**2, "G": 1024**3, "GiB": 1024**3, "GB": 1000**3,
          "T": 1024**4, "TiB": 1024**4, "TB": 1000**4, "P": 1024**5, "PiB": 1024**5,
          "PB": 1000**5, "E": 1024**6, "EiB": 1024**6, "EB": 1000**6, "": 1024}


@pytest.mark.parametrize("unit, factor", _UNITS.items())
def test_every_unit_libvirt_knows_is_read_with_its_factor_and_written_as_it_was(unit, factor):
    document = f"<domain type='kvm'><name>x</name><memory unit='{unit}'>3</memory></domain>"
    domain = from_xml(document)
    assert domain.memory.unit == unit and domain.memory.bytes == 3 * factor
    assert f"<memory unit='{unit}'>3</memory>" in to_xml(domain)


@pytest.mark.parametrize("document, message", [
    ("<domain type='kvm'><name>x</name>\n<memory unit='Gigs'>8</memory></domain>",
     "line 2, /domain/memory/@unit, field Memory.unit: unknown size unit 'Gigs'"),
    ("<domain type='kvm'><name>x</name><memoryBacking><hugepages><page size='2' unit='KiBs'/>"
     "</hugepages></memoryBacking></domain>",
     "line 1, /domain/memoryBacking/hugepages/page/@unit, field HugePage.unit: unknown size "
     "unit 'KiBs'"),
    ("<domain type='kvm'><name>x</name><memtune><hard_limit unit='k b'>1</hard_limit>"
     "</memtune></domain>",
     "line 1, /domain/memtune/hard_limit/@unit, field Size.unit: unknown size unit 'k b'"),
])
def test_an_unknown_unit_is_a_parse_error_with_its_place(document, message):
    for tokens in (None, lambda raw: None):
        with pytest.raises(ParseError) as caught:
            from_xml(document, tokens=tokens)
        assert str(caught.value).startswith(message)


def test_an_unknown_unit_set_in_code_is_a_mapping_error_wherever_it_is_used():
    from mapping import MappingError
    from mapping.libvirt.memory import Memory
    from mapping.libvirt.units import Size

    domain = from_xml("<domain type='kvm'><name>x</name><memory>8</memory></domain>")
    domain.memory = Memory(value=8, unit="Gigs")
    for write in (to_xml, to_element):
        with pytest.raises(SerializeError, match="^Domain.memory.unit: unknown size unit 'Gigs'"):
            write(domain)
    with pytest.raises(MappingError, match="^Memory.unit: unknown size unit 'Gigs'"):
        Memory(value=8, unit="Gigs").bytes
    with pytest.raises(MappingError, match="^unknown size unit 'Gigs'"):
        Size.of(8, "Gigs")
    with pytest.raises(SerializeError, match="^Size.value: expected int, got str"):
        Size(value="8").bytes   # (not "8" * 1024)
    domain.memory = Memory(value=8, unit=5)
    with pytest.raises(SerializeError, match="^Domain.memory.unit: expected str, got int"):
        to_xml(domain)

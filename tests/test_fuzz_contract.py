"""The contract under fuzzing: a `MappingError`, or a well-formed, lossless result, in
bounded time — for mutated XML, mutated JSON and entities edited in code.

Mutated XML (beyond tests/test_fuzz.py): unknown nodes of every kind inserted anywhere
(elements in other namespaces, `xmlns=""` undeclarations, comments, PIs, text), nodes
before and after the root, numbers respelled or out of range, elements moved.
Mutated JSON: `to_dict` of a corpus entity with a key removed, an unknown key added, or a
value replaced by any JSON value. Edited entities: any field of any object in the tree
set to a value of any type, and kept unknown XML edited.

What "lossless" means differs by source: a mutated document must come back equal to
itself (`first_difference`); JSON or an edited entity that is accepted must write XML
that reads back to an entity which writes the same XML again (what was accepted is what
is written, and nothing injected changes on the next pass).
"""
from __future__ import annotations

import copy
import dataclasses
import math
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from mapping import MappingError, from_xml
from tests.xmlassert import to_xml
from mapping.compare import first_difference
from mapping.core import from_dict, to_dict
from mapping.core.extras import COMMENT, ELEMENT, PI, TEXT, Extras
from tests.conftest import PROJECT, corpus_files

SOURCES = corpus_files() or sorted((PROJECT / "examples").glob("*.xml"))
SEEDS = [path.read_bytes() for path in SOURCES[3::11]] or [b"<domain type='kvm'/>"]
# Generous: mapping one corpus document takes about a millisecond.
SECONDS = 5.0

SETTINGS = settings(max_examples=250, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])

# Any text a str can hold, surrogates and control characters included.
any_text = st.text(max_size=12)
# Text XML can carry (what a well-behaved document could hold).
xml_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=10)
names = st.from_regex(r"[a-z][a-z0-9_.-]{0,6}", fullmatch=True)
numbers = st.sampled_from(["0", "-1", "0x10", "0X1F", "1e3", "99999999999999999999999",
                           "0x" + "f" * 40, "1" * 300, " 5", "5 ", "+3", "nan", "-0x5"])


def _elements(root):
    return [node for node in root.iter() if isinstance(node.tag, str)]


def _timed(action):
    start = time.perf_counter()
    result = action()
    assert time.perf_counter() - start < SECONDS, "took too long"
    return result


@st.composite
def foreign_nodes(draw):
    kind = draw(st.sampled_from(["element", "namespaced", "undeclared", "comment", "pi",
                                 "text"]))
    if kind == "element":
        node = etree.Element(draw(names), {draw(names): draw(xml_text)})
        node.text = draw(xml_text)
        return node
    if kind == "namespaced":
        uri = "urn:fuzz:" + draw(names)
        node = etree.Element(f"{{{uri}}}{draw(names)}", nsmap={draw(st.sampled_from(
            [None, "f", "g"])): uri})
        etree.SubElement(node, f"{{{uri}}}inner").set(f"{{{uri}}}a", draw(xml_text))
        return node
    if kind == "undeclared":
        outer = etree.Element("{urn:fuzz:d}outer", nsmap={None: "urn:fuzz:d"})
        etree.SubElement(outer, "plain")   # no namespace: written with xmlns=""
        return outer
    if kind == "comment":
        return etree.Comment(draw(xml_text).replace("--", "- ").rstrip("-"))
    if kind == "pi":
        return etree.PI(draw(names).replace("xml", "x_l") or "p", draw(xml_text).replace("?>", ""))
    return draw(xml_text.filter(lambda text: text.strip()))


@st.composite
def mutated_documents(draw):
    data = draw(st.sampled_from(SEEDS))
    root = etree.fromstring(data)
    kind = draw(st.sampled_from(["insert", "prolog", "number", "move", "attribute"]))
    for _ in range(draw(st.integers(1, 3))):
        nodes = _elements(root)
        node = draw(st.sampled_from(nodes))
        if kind == "insert":
            extra = draw(foreign_nodes())
            if isinstance(extra, str):
                where = draw(st.sampled_from(list(node) or [None]))
                if where is None:
                    node.text = (node.text or "") + extra
                else:
                    where.tail = (where.tail or "") + extra
            else:
                node.insert(draw(st.integers(0, len(node))), extra)
        elif kind == "number" and node.attrib:
            node.set(draw(st.sampled_from(sorted(node.attrib))), draw(numbers))
        elif kind == "move" and node.getparent() is not None:
            parent = node.getparent()
            parent.remove(node)
            parent.insert(draw(st.integers(0, len(parent))), node)
        elif kind == "attribute":
            node.set(f"{{urn:fuzz:a}}{draw(names)}", draw(xml_text))
    text = etree.tostring(root, encoding="unicode")
    if kind == "prolog":
        before = draw(st.lists(st.sampled_from(["<!-- before -->", "<?fuzz a?>", "\n"]),
                               max_size=3))
        after = draw(st.lists(st.sampled_from(["<!-- after -->", "<?fuzz b?>"]), max_size=2))
        text = "".join(before) + text + "".join(after)
    return text


@SETTINGS
@given(mutated_documents())
def test_mutated_documents_fail_cleanly_or_come_back_whole(document):
    try:
        domain = _timed(lambda: from_xml(document))
    except MappingError:
        return
    written = _timed(lambda: to_xml(domain))
    assert first_difference(document, written) is None
    assert from_xml(written) == domain


def _json_paths(value, path=()):
    """Every (path, value) in a JSON tree, containers included."""
    yield path, value
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _json_paths(inner, path + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _json_paths(inner, path + (index,))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | any_text,
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(any_text, inner, max_size=2),
    max_leaves=4)


@st.composite
def mutated_json(draw):
    data = draw(st.sampled_from(SEEDS))
    tree = to_dict(from_xml(data))
    paths = [path for path, _ in _json_paths(tree) if path]
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths))
        holder = tree
        for step in path[:-1]:
            holder = holder[step]
        kind = draw(st.sampled_from(["replace", "delete", "add"]))
        if kind == "replace":
            holder[path[-1]] = draw(json_values)
        elif kind == "delete":
            del holder[path[-1]]
        elif isinstance(holder, dict):
            holder[draw(any_text)] = draw(json_values)
        paths = [path for path, _ in _json_paths(tree) if path]
        if not paths:
            break
    return data, tree


def _written_and_stable(entity):
    """Write an accepted entity: a MappingError, or XML that reads back and writes the
    same again."""
    try:
        written = _timed(lambda: to_xml(entity))
    except MappingError:
        return
    etree.fromstring(written.encode("utf-8"))   # well-formed (raises if not)
    again = _timed(lambda: from_xml(written))
    assert to_xml(again) == written


@SETTINGS
@given(mutated_json())
def test_mutated_json_fails_cleanly_or_writes_what_it_holds(case):
    data, tree = case
    from mapping.libvirt import Domain
    try:
        entity = _timed(lambda: from_dict(tree, Domain))
    except MappingError:
        return
    _written_and_stable(entity)


def _objects(entity):
    """Every mapped object in an entity tree (iteratively: trees may be deep)."""
    found, todo, seen = [], [entity], set()
    while todo:
        obj = todo.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        found.append(obj)
        for field in dataclasses.fields(obj):
            value = getattr(obj, field.name)
            values = value if isinstance(value, list) else [value]
            todo += [item for item in values if dataclasses.is_dataclass(item)
                     and not isinstance(item, type)]
    return found


class Foreign:
    """An object of no mapped class."""


code_values = st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(), any_text,
    st.just([]), st.lists(st.integers(), max_size=2), st.just({"k": "v"}), st.builds(Foreign),
    st.just(math.inf), st.just(-1), st.just(Extras(attrs={"x": "1"})))


@st.composite
def hostile_extras(draw):
    kind = draw(st.sampled_from(["attr", COMMENT, PI, ELEMENT, TEXT, "order", "bogus"]))
    if kind == "attr":
        return Extras(attrs={draw(st.sampled_from(['x="1"/><evil a', "ok", "{urn:x}n", "1a",
                                                    "a b", ""])): draw(any_text)})
    if kind == COMMENT:
        return Extras(nodes=[(COMMENT, draw(st.sampled_from(["a--b", "end-", "ok", "\x00"])))])
    if kind == PI:
        return Extras(nodes=[(PI, (draw(st.sampled_from(["p", "xml", "1x", "a b"])),
                                   draw(st.sampled_from(["?>", "x?>y", "fine"]))))])
    if kind == ELEMENT:
        return Extras(nodes=[(ELEMENT, draw(st.sampled_from([
            "<x/>", "<x>", "<!DOCTYPE x [<!ENTITY e 'boom'>]><x>&e;</x>", "<a/><b/>", "text",
            "<x xmlns:p='urn:p'><p:y/></x>"])))])
    if kind == TEXT:
        return Extras(nodes=[(TEXT, draw(st.sampled_from(["</domain><evil/>", "&amp;", "ok"])))])
    if kind == "order":
        return Extras(nodes=[(COMMENT, "c")], order=[("?", draw(st.integers(-2, 3))),
                                                     (draw(names), draw(st.integers(0, 2)))])
    return Extras(nodes=[(draw(names), draw(any_text))])


@st.composite
def edited_entities(draw):
    entity = from_xml(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 3))):
        obj = draw(st.sampled_from(_objects(entity)))
        fields = [field.name for field in dataclasses.fields(obj)]
        name = draw(st.sampled_from(fields))
        if name == "extras" or draw(st.integers(0, 4)) == 0:
            obj.extras = draw(hostile_extras())
        else:
            setattr(obj, name, draw(code_values))
    return entity


@SETTINGS
@given(edited_entities())
def test_entities_edited_in_code_fail_cleanly_or_write_what_they_hold(entity):
    _written_and_stable(entity)


def test_edited_entities_also_survive_deepcopy_and_json():
    # The edits above must not leave entities that the other public paths choke on.
    entity = from_xml(SEEDS[0])
    copied = copy.deepcopy(entity)
    assert copied == entity
    assert from_dict(to_dict(entity), type(entity)) == entity

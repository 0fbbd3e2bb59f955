"""Clean writers, and the general writer's branch for kept child nodes, write what the
general writer writes.

A class has two generated writers, made from the same field kinds: the general one looks
for kept XML at every element, path-reached element, flag and list item; the clean one,
which the writers call for an object of the expected class whose `extras` is None, has
none of those lines. An object whose kept XML is child nodes (or their order) only takes
a branch of the general writer made of the clean lines and each child's mark. The oracle
is the general writer made without either.
"""
from __future__ import annotations

import dataclasses
from contextlib import contextmanager
from typing import Iterator
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings

from mapping import from_xml, generated_source
from mapping.core import _emitgen, _plan, attr, child, element, flag, path, text
from tests.conftest import CORPUS, PROJECT, corpus_files, require_corpus
from tests.core.models import Box, Dims, FileSrc, Gadget, Item, Note
from tests.core.test_unknown_xml import RICH
from tests.strategies import entities
from tests.xmlassert import to_xml

OWN = sorted((PROJECT / "roundtrip_corpus").rglob("*.xml"))


_WRITERS = ("fn", "clean")


@contextmanager
def general_writers_only() -> Iterator[None]:
    """Within: every class is written by a general writer alone, made afresh without the
    clean writer or the branch for kept nodes (as for a class declaring a namespace)."""
    saved = {(plan, name): plan.__dict__.pop(name, None)
             for plan in list(_plan._plans.values()) for name in _WRITERS}
    try:
        with mock.patch.object(_emitgen, "plain_inside", lambda plan: False):
            yield
    finally:
        for plan in list(_plan._plans.values()):
            for name in _WRITERS:
                plan.__dict__.pop(name, None)
                if saved.get((plan, name)) is not None:
                    setattr(plan, name, saved[plan, name])


def _texts(entities_: list, **options) -> list[str]:
    return [to_xml(entity, style="libvirt", **options) for entity in entities_]


def _agree(entities_: list) -> None:
    for pretty in (True, False):
        written = _texts(entities_, pretty=pretty)
        with general_writers_only():
            oracle = _texts(entities_, pretty=pretty)
        assert written == oracle


@pytest.mark.corpus
def test_every_corpus_document_is_written_as_the_general_writers_write_it():
    require_corpus()
    files = corpus_files()
    documents = [from_xml(path.read_bytes()) for path in files]
    for pretty in (True, False):
        written = _texts(documents, pretty=pretty)
        with general_writers_only():
            oracle = _texts(documents, pretty=pretty)
        differing = [str(path.relative_to(CORPUS)) for path, ours, theirs
                     in zip(files, written, oracle) if ours != theirs]
        assert differing == []


def test_our_own_corpus_is_written_as_the_general_writers_write_it():
    _agree([from_xml(path.read_bytes()) for path in OWN])


def test_objects_keeping_xml_beside_objects_that_keep_none():
    box = from_xml(RICH, Box)
    box.contents.append(Item(type="block", tags=["x"], notes=[Note(lang="en", body="n")]))
    _agree([box])
    text = to_xml(box, style="libvirt")
    assert "<newthing>" in text and "mixed text" in text and "unknownattr='1'" in text


@element("sheet")
class _Sheet:
    """An element with text of its own beside path-reached elements of text only."""
    kind: str | None = attr("kind")
    body: str | None = text()
    title: str | None = path("title")
    size: int | None = path("size")
    pages: int | None = path("meta/@pages")
    draft: bool | None = path("meta/draft/@on")
    final: bool | None = flag("final")
    dims: Dims | None = child("dims")


class _SubDims(Dims):
    """A subclass: its clean writer is the base class's, asked for by the general path."""


@pytest.mark.parametrize("sheet", [
    _Sheet(body="b", title="t", size=3),
    _Sheet(kind="k", body="b & c", title="<t>", pages=2, draft=True, final=True),
    _Sheet(body="only"),
    _Sheet(title="", size=0),
    _Sheet(final=False),   # (written like None: nothing)
    _Sheet(draft=False, dims=Dims(width=1)),
    _Sheet(dims=_SubDims(width=2, height=3)),
])
def test_path_elements_flags_and_own_text_come_out_as_the_general_writer_writes_them(sheet):
    _agree([sheet])
    read = from_xml(to_xml(sheet), _Sheet)
    if type(sheet.dims) is not _SubDims:   # (which reads back as a Dims)
        assert read == dataclasses.replace(sheet, final=sheet.final or None)   # (False: absent)
    assert to_xml(read, style="libvirt") == to_xml(sheet, style="libvirt")


def test_a_clean_writer_has_no_lines_for_kept_xml():
    source = generated_source(Item, "write_clean")
    general = generated_source(Item, "write")
    assert "kept" not in source and "extras is None" in source
    assert "kept_children" in general and len(source.splitlines()) < len(general.splitlines())


def test_a_class_declaring_a_namespaced_attribute_is_written_by_its_general_writer():
    # (a prefix for it may have to be declared on the element: the general writer does it)
    assert generated_source(Box, "write_clean") == generated_source(Box, "write")


def test_clean_writers_are_named_for_tracebacks():
    import linecache
    to_xml(Gadget(name="g", count=1))
    writer = _plan.plan_for(Gadget).generated("write_clean")
    name = writer.__code__.co_filename
    assert name.startswith("<mapping clean writer ") and "Gadget" in name
    assert linecache.getlines(name)[0].startswith("def emit(")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entities(Item))
def test_random_entities_are_written_as_the_general_writer_writes_them(item):
    _agree([item])


def test_a_plain_file_source_is_written_inline_or_by_a_call_alike():
    _agree([Item(type="file", source=FileSrc(file="/a")),
            Item(type="file", source=FileSrc(file="/a"), label="l", readonly=True)])


def test_objects_keeping_child_nodes_only_come_out_as_the_general_writer_writes_them():
    # An unknown child after the last known one, between two, in an element of text and
    # as the only child; a comment; a known child moved before another (an order).
    documents = [
        "<item type='file'><source file='/a'/><boot order='1'/><later/></item>",
        "<item type='file'><label>l</label><new/><source file='/a'/><tag>t</tag></item>",
        "<item type='file'><!-- c --><readonly/><tag>a</tag><?pi x?><tag>b</tag></item>",
        "<item type='file'><boot order='2'/><label>l</label><note lang='en'>n<x/></note></item>",
        "<item type='file'><x/></item>",
    ]
    items = [from_xml(document, Item) for document in documents]
    _agree(items)
    for item in items:   # (and once more: what was found valid is remembered)
        _agree([item])
    items[0].tags.append("added")
    items[1].source = None
    _agree(items)

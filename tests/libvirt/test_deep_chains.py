"""The deepest legal backing chain goes through every operation; cycles are errors.

libxml2 (without huge_tree) reads documents up to 256 element levels: a domain holds a
disk at level 3, so its backing chain can be 252 `<backingStore>` levels deep (the last
one's `<source>` at level 256). Python allows 1000 frames by default, and threads may
have smaller C stacks: every operation must take a bounded, small number of frames per
level, and nothing may recurse without bound on an object that contains itself.
"""
from __future__ import annotations

import copy
import threading
import time

import pytest
from lxml import etree

from mapping import diff
from mapping.compare import first_difference
from mapping.core import (Extras, ParseError, SerializeError, from_dict, from_xml,
                          to_dict, to_element)
from tests.xmlassert import to_xml
from mapping.libvirt import Domain
from mapping.libvirt.devices.disk import BackingStore, Disk

DEEPEST = 252


def chain_xml(depth: int, extra: str = "") -> str:
    inner = "<backingStore/>"
    for index in range(depth, 0, -1):
        inner = (f"<backingStore type='file' index='{index}'{extra}><format type='qcow2'/>"
                 f"<source file='/img/{index}.qcow2'/>{inner}</backingStore>")
    return ("<domain type='kvm'><name>d</name><memory unit='KiB'>1024</memory><devices>"
            f"<disk type='file' device='disk'><source file='/img/0.qcow2'/>{inner}"
            "<target dev='vda' bus='virtio'/></disk></devices></domain>")


def _chain_depth(domain: Domain) -> int:
    store, depth = domain.devices.of_type(Disk)[0].backing_store, 0
    while store is not None:
        store, depth = store.backing_store, depth + 1
    return depth


def test_the_deepest_chain_is_the_deepest_document_libxml2_reads():
    from_xml(chain_xml(DEEPEST))
    with pytest.raises(ParseError, match="Excessive depth"):
        from_xml(chain_xml(DEEPEST + 1))


def _every_operation(text: str) -> None:
    domain = from_xml(text)
    assert _chain_depth(domain) == DEEPEST + 1   # (the innermost, empty, store too)
    written = to_xml(domain)
    assert etree.tostring(etree.fromstring(to_xml(domain, pretty=False))) == \
        etree.tostring(to_element(domain))
    assert from_xml(written) == domain
    assert to_element(domain).tag == "domain"
    copied = copy.deepcopy(domain)
    assert copied == domain and _chain_depth(copied) == DEEPEST + 1
    copied.devices.of_type(Disk)[0].backing_store.index = 99
    assert copied != domain
    assert repr(domain).count("BackingStore(") == DEEPEST + 1
    assert from_dict(to_dict(domain), Domain) == domain
    assert diff.compare(domain, domain) == [] and diff.diff_domains(domain, domain) == []
    changes = [str(change) for change in diff.diff_domains(domain, copied)]
    assert changes == ["disk vda: backing_store.index: 1 -> 99"]


def test_the_deepest_chain_goes_through_every_operation():
    _every_operation(chain_xml(DEEPEST))


def test_the_deepest_chain_goes_through_every_operation_in_a_thread():
    failures: list = []

    def run() -> None:
        try:
            _every_operation(chain_xml(DEEPEST))
        except BaseException as err:   # (reported by the test's thread)
            failures.append(err)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert not failures, failures


def _chain(depth: int, extras: bool = False) -> Domain:
    domain = from_xml(chain_xml(1))
    store = None
    for index in range(depth, 0, -1):
        store = BackingStore(index=index, backing_store=store,
                             extras=Extras(attrs={"x": str(index)}) if extras else None)
    domain.devices.of_type(Disk)[0].backing_store = store
    return domain


def test_a_chain_whose_every_level_holds_unknown_xml_is_written():
    domain = _chain(DEEPEST, extras=True)
    assert to_xml(domain).count(" x='") == DEEPEST
    assert from_xml(to_xml(domain)) == domain


def test_a_chain_whose_every_level_holds_unknown_xml_is_read():
    assert _chain_depth(from_xml(chain_xml(DEEPEST, " x='1'"))) == DEEPEST + 1


def _unknown_after_each_store(depth: int) -> str:
    inner = "<backingStore/>"
    for index in range(depth, 0, -1):
        inner = (f"<backingStore type='file' index='{index}'><source file='/{index}'/>"
                 f"{inner}<unknown/></backingStore>")
    return chain_xml(0).replace("<backingStore/>", inner)


def test_reading_a_chain_with_unknown_children_takes_time_in_proportion_to_it():
    small, large = _unknown_after_each_store(2), _unknown_after_each_store(14)
    from_xml(small), from_xml(large)
    start = time.perf_counter()
    from_xml(small)
    middle = time.perf_counter()
    from_xml(large)
    assert time.perf_counter() - middle < 25 * (middle - start) + 0.05


def _timed(operation, domain) -> float:
    start = time.perf_counter()
    operation(domain)
    return time.perf_counter() - start


@pytest.mark.parametrize("operation", [
    lambda d: diff.compare(d, d), lambda d: diff.diff_domains(d, d), copy.deepcopy,
    to_xml, to_element], ids=["compare", "diff_domains", "deepcopy", "to_xml", "to_element"])
def test_time_grows_with_the_depth_not_with_its_square(operation):
    shallow, deep = _chain(30), _chain(240)
    operation(shallow), operation(deep)   # (warm: compiled plans and writers)
    small = min(_timed(operation, shallow) for _ in range(3))
    large = min(_timed(operation, deep) for _ in range(3))
    assert large < 25 * small + 0.05, (small, large)


@pytest.mark.parametrize("extras", [False, True], ids=["plain", "holding unknown XML"])
def test_a_chain_that_contains_itself_is_a_serialize_error_where_it_closes(extras):
    domain = _chain(3, extras)
    last = domain.devices.of_type(Disk)[0].backing_store.backing_store.backing_store
    last.backing_store = domain.devices.of_type(Disk)[0].backing_store
    where = "Domain.devices.items[0].backing_store" + ".backing_store" * 3
    for write in (to_xml, to_element):
        with pytest.raises(SerializeError) as raised:
            write(domain)
        assert str(raised.value) == f"{where}: cycle: the object contains itself"
    assert "..." in repr(last)   # dataclasses' repr shows the cycle as "..."
    copied = copy.deepcopy(domain)
    first = copied.devices.of_type(Disk)[0].backing_store
    assert first.backing_store.backing_store.backing_store is first


def test_a_store_that_is_its_own_backing_store():
    store = BackingStore(index=1)
    store.backing_store = store
    disk = Disk(backing_store=store)
    with pytest.raises(SerializeError, match=r"^Disk\.backing_store\.backing_store: cycle"):
        to_xml(disk)
    with pytest.raises(SerializeError, match=r"^Disk\.backing_store\.backing_store: cycle"):
        to_element(disk)
    for write in (to_xml, to_element):   # (the copy without newer fields meets it first)
        with pytest.raises(SerializeError, match=r"^Disk\.backing_store\.backing_store: cycle"):
            write(disk, compat="4.2")


def test_a_chain_deeper_than_any_parser_reads_is_refused_not_a_recursion_error():
    domain = _chain(3000)
    for write in (to_xml, to_element):
        with pytest.raises(SerializeError, match="too deep to write"):
            write(domain)
    assert _chain_depth(copy.deepcopy(_chain(900))) == 900   # (one frame per level)


def test_a_deep_copy_is_equal_independent_and_keeps_what_is_shared():
    domain = from_xml(chain_xml(3, " unknown='1'"))
    disk = domain.devices.of_type(Disk)[0]
    domain.devices.items.append(disk)   # the same disk twice
    copied = copy.deepcopy(domain)
    assert copied == domain and to_xml(copied) == to_xml(domain)
    first, second = copied.devices.items
    assert first is second and first is not disk
    assert first.backing_store.extras == disk.backing_store.extras
    assert first.backing_store.extras is not disk.backing_store.extras
    first.backing_store.backing_store.index = 7
    assert disk.backing_store.backing_store.index == 2


def _every_level(depth: int, before: str = "", after: str = "", index: str = "{}") -> str:
    inner = "<backingStore/>"
    for level in range(depth, 0, -1):
        inner = (f"<backingStore type='file' index='{index.format(level)}'>{before}"
                 f"<source file='/{level}'/>{inner}{after}</backingStore>")
    return chain_xml(0).replace("<backingStore/>", inner)


# What each level holds that the model does not declare.
HANDED_OVER = {
    "unknown element after the chain": {"after": "<unknown/>"},
    "unknown element before the chain": {"before": "<unknown/>"},
    "comment before the chain": {"before": "<!--c-->"},
    "text after the chain": {"after": "words"},
}


@pytest.mark.parametrize("where", ["main", "thread"])
@pytest.mark.parametrize("kind", HANDED_OVER)
def test_the_deepest_chain_holding_unknown_xml_at_every_level_is_read_and_written(kind, where):
    document = _every_level(DEEPEST - 3, **HANDED_OVER[kind])
    results = []

    def round_trip():
        start = time.perf_counter()
        domain = from_xml(document)
        written = to_xml(domain)
        results.append((first_difference(document, written), from_xml(written) == domain,
                        time.perf_counter() - start))

    if where == "main":
        round_trip()
    else:
        thread = threading.Thread(target=round_trip)
        thread.start()
        thread.join()
    assert results and results[0][:2] == (None, True)
    assert results[0][2] < 2.0


def test_the_deepest_chain_with_a_bad_value_at_every_level_is_one_parse_error():
    with pytest.raises(ParseError) as caught:
        from_xml(_every_level(DEEPEST - 3, index="x{}"))
    problems = caught.value.problems
    assert len(problems) == DEEPEST - 3
    assert all("not an integer" in problem.message for problem in problems)

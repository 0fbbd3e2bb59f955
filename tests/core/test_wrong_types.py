"""Entities edited in code: a value of the wrong type is a SerializeError naming its path.

Both writers (`to_xml`, the text writer, and `to_element`, the lxml builder) either refuse
a value with a `SerializeError` whose message names the field by its path from the root
(`Domain.devices.items[1].target.dev`), or write well-formed XML that reads back to an
equivalent value. Never a TypeError, AttributeError or RecursionError from inside, never
a value written as something else (`readonly="no"` as `<readonly/>`).
"""
from __future__ import annotations

import enum
import math

import pytest
from lxml import etree

import mapping.libvirt  # noqa: F401  (registers the libvirt roots)
from mapping.core import Extras, SerializeError, from_xml, plan_for, to_element
from tests.xmlassert import to_xml
from mapping.core._handlers import (ChoiceHandler, GroupHandler, NestedHandler,
                                    NestedListHandler, UnionHandler)
from mapping.core import registered_roots
from mapping.libvirt.devices.disk import BackingStore, Disk

from tests.conftest import CORPUS
from .models import Box, Dims, Item, Note


class _Foreign:
    """Stands for an entity of a class no field of the model takes."""


@mapping.core.element("foreign")
class Foreign:
    name: str | None = mapping.core.attr("name")


WRONG = {"int": 5, "str": "x", "list": [1], "object": object(), "entity": Foreign(name="f"),
         "bool": True, "nan": float("nan")}


def _all_plans() -> list:
    """Every class plan reachable from the registered roots and the core test model."""
    seen: dict = {}
    stack = [plan_for(cls) for cls in (*registered_roots().values(), Box, Item, Note)]
    while stack:
        plan = stack.pop()
        if plan.cls in seen:
            continue
        seen[plan.cls] = plan
        stack += [inner for _, inner in _children(plan)]
    return list(seen.values())


def _children(plan) -> list:
    """(handler, class plan) for each nested class plan of `plan`."""
    found, owners = [], [plan]
    while owners:
        owner = owners.pop()
        for writer in owner.writers:
            if isinstance(writer, GroupHandler):
                owners.append(writer.plan)
            elif isinstance(writer, (NestedHandler, NestedListHandler)):
                found.append((writer, writer.plan))
            elif isinstance(writer, UnionHandler):
                found += [(writer, inner) for inner in writer.variants.values()]
            elif isinstance(writer, ChoiceHandler):
                found += [(writer, inner) for inner in writer.plans.values()]
    return found


def _fields(plan) -> list[str]:
    return [field for field in plan.cls.__dataclass_fields__]


def _by_fields(plan) -> set[str]:
    """Attributes whose value the union they name decides when it is set."""
    return {union.by.fname for union in plan.by_unions}


def _write_both(entity, **options):
    """(text of to_xml, or its SerializeError; the same for to_element)."""
    results = []
    for write in (lambda: to_xml(entity, **options),
                  lambda: etree.tostring(to_element(entity, **options), encoding="unicode")):
        try:
            results.append(write())
        except SerializeError as err:
            results.append(err)
    return results


def _normal(value):
    """The value as it reads back: False and empty lists are absent; enums their value."""
    if value is False or value == [] or value == ():
        return None
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def _same(left, right) -> bool:
    left, right = _normal(left), _normal(right)
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    return left == right


def _check(root, holder, fname, where, value, **options) -> None:
    """Set `holder.fname` (at `where` in `root`) to `value` and write `root` both ways."""
    saved = getattr(holder, fname)
    setattr(holder, fname, value)
    try:
        text, built = _write_both(root, **options)
    finally:
        setattr(holder, fname, saved)
    label = f"{where}.{fname} = {value!r}"
    if isinstance(text, SerializeError) or isinstance(built, SerializeError):
        assert isinstance(text, SerializeError) and isinstance(built, SerializeError), label
        assert str(text) == str(built), label
        assert f"{where}.{fname}" in str(text), (label, str(text))
        return
    back = from_xml(text, type(root))
    assert to_xml(back, **options) == text, label
    if fname not in _by_fields(plan_for(type(holder))):
        assert _same(getattr(_find(back, root, holder), fname), value), label


def _find(back, root, holder):
    """The object of `back` that stands where `holder` stands in `root`."""
    stack = [(root, back)]
    while stack:
        mine, theirs = stack.pop()
        if mine is holder:
            return theirs
        for name in mine.__dataclass_fields__:
            left, right = getattr(mine, name), getattr(theirs, name, None)
            if hasattr(type(left), "__xml__"):
                stack.append((left, right))
            elif isinstance(left, list) and isinstance(right, list):
                stack += [pair for pair in zip(left, right) if hasattr(type(pair[0]), "__xml__")]
    raise AssertionError("holder not found")


@pytest.mark.parametrize("plan", _all_plans(), ids=lambda plan: plan.name)
def test_every_field_of_every_class_refuses_or_keeps_a_wrong_value(plan):
    try:
        entity = plan.cls()
    except TypeError:
        pytest.skip(f"{plan.name} needs arguments")
    tag = plan.tag or "t"
    for fname in _fields(plan):
        for value in WRONG.values():
            _check(entity, entity, fname, plan.name, value, tag=tag)


def _objects(entity):
    """(object, its path) for each entity inside `entity`, the root first."""
    found, stack = [], [(entity, plan_for(type(entity)).name)]
    while stack:
        obj, where = stack.pop()
        found.append((obj, where))
        for name in obj.__dataclass_fields__:
            value = getattr(obj, name)
            if hasattr(type(value), "__xml__"):
                stack.append((value, f"{where}.{name}"))
            elif isinstance(value, list):
                stack += [(item, f"{where}.{name}[{index}]") for index, item in enumerate(value)
                          if hasattr(type(item), "__xml__")]
    return found


DOCUMENTS = ["qemuxml2argvdata/disk-active-commit.xml", "qemuxml2argvdata/hostdev-pci-address.xml",
             "qemuxml2argvdata/graphics-vnc.xml", "qemuxml2argvdata/cpu-numa1.xml"]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_wrong_values_inside_a_document_are_named_by_their_path(name):
    source = CORPUS / name
    if not source.exists():
        pytest.skip("no corpus")
    domain = from_xml(source.read_bytes())
    for holder, where in _objects(domain):
        for fname in _fields(plan_for(type(holder))):
            for value in (5, "x", [1], True):
                _check(domain, holder, fname, where, value)


def _disk_domain():
    return from_xml("<domain type='kvm'><name>d</name><devices><emulator>/bin/q</emulator>"
                    "<disk type='file' device='disk'><source file='/a'/><target dev='vda'/>"
                    "</disk></devices></domain>")


@pytest.mark.parametrize(("edit", "message"), [
    (lambda d: setattr(d.devices, "items", 5), "Domain.devices.items: expected a list, got int"),
    (lambda d: setattr(d.devices, "items", "ab"), "Domain.devices.items: expected a list"),
    (lambda d: d.devices.items.append(3), "Domain.devices.items[2]: int is not one of"),
    (lambda d: setattr(d.devices.items[1], "source", Dims()),
     "Domain.devices.items[1].source: Dims is not a variant"),
    (lambda d: setattr(d.devices.items[1], "target", "vda"),
     "Domain.devices.items[1].target: expected DiskTarget, got str"),
    (lambda d: setattr(d.devices.items[1].target, "dev", 5),
     "Domain.devices.items[1].target.dev: expected str, got int"),
    (lambda d: setattr(d.devices.items[1], "readonly", "no"),
     "Domain.devices.items[1].readonly: expected True, False or None, got str 'no'"),
    (lambda d: setattr(d.devices.items[1], "readonly", 1),
     "Domain.devices.items[1].readonly: expected True, False or None"),
    (lambda d: setattr(d.devices.items[1].target, "bus", 5),
     "Domain.devices.items[1].target.bus: expected DiskBus, got int"),
    (lambda d: setattr(d.devices.items[1].target, "removable", "on"),
     "Domain.devices.items[1].target.removable: expected bool, got str"),
    (lambda d: setattr(d, "extras", []), "Domain.extras: expected Extras or None, got list"),
    (lambda d: setattr(d.devices.items[1], "extras", {"a": 1}),
     "Domain.devices.items[1].extras: expected Extras or None, got dict"),
])
def test_each_kind_of_wrong_value_names_its_path_on_both_write_paths(edit, message):
    domain = _disk_domain()
    edit(domain)
    text, built = _write_both(domain)
    assert isinstance(text, SerializeError) and isinstance(built, SerializeError)
    assert str(text) == str(built)
    assert str(text).startswith(message)


class Mode(enum.Enum):
    FAST = "fast"


@mapping.core.element("tuned")
class Tuned:
    mode: Mode | None = mapping.core.attr("mode")


def test_an_enum_takes_its_members_and_their_values_a_closed_one_nothing_else():
    assert to_xml(Tuned(mode="fast")) == to_xml(Tuned(mode=Mode.FAST)) == "<tuned mode='fast'/>\n"
    for write in (to_xml, to_element):
        with pytest.raises(SerializeError, match=r"Tuned\.mode: 'slow' is not one of 'fast'"):
            write(Tuned(mode="slow"))
    # libvirt's enums are open: a value the model does not know is kept, and reads back
    domain = _disk_domain()
    domain.devices.items[1].target.bus = "bogus"
    assert from_xml(to_xml(domain)).devices.items[1].target.bus == "bogus"


def test_a_flag_is_written_for_true_only():
    assert "<readonly/>" in to_xml(Item(readonly=True))
    assert "readonly" not in to_xml(Item(readonly=False))
    for value in ("no", "yes", 1, 0, [True]):
        with pytest.raises(SerializeError, match=r"Item\.readonly: expected True, False or None"):
            to_xml(Item(readonly=value))
        with pytest.raises(SerializeError, match=r"Item\.readonly"):
            to_element(Item(readonly=value))


def test_a_list_of_texts_set_to_a_str_is_not_written_letter_by_letter():
    for write in (to_xml, to_element):
        with pytest.raises(SerializeError, match=r"Item\.tags: expected a list, got str"):
            write(Item(tags="abc"))
        with pytest.raises(SerializeError, match=r"Item\.tags\[1\]: expected str, got int"):
            write(Item(tags=["a", 2]))
    assert from_xml(to_xml(Item(tags=("a", "b"))), Item).tags == ["a", "b"]


def test_entries_refuse_what_would_read_back_as_something_else():
    for bad in (["a"], "a", 5):
        with pytest.raises(SerializeError, match=r"Box\.custom: expected a dict"):
            to_xml(Box(custom=bad))
    for name in ("{urn:x}a", "p:a", "", 5, "1a"):
        for write in (to_xml, to_element):
            with pytest.raises(SerializeError, match=r"Box\.custom"):
                write(Box(custom={name: "v"}))


def test_a_cycle_is_named_where_it_closes():
    domain = _disk_domain()
    store = BackingStore(index=1)
    store.backing_store = BackingStore(index=2, backing_store=store)
    domain.devices.items[1].backing_store = store
    text, built = _write_both(domain)
    expected = ("Domain.devices.items[1].backing_store.backing_store.backing_store: "
                "cycle: the object contains itself")
    assert str(text) == str(built) == expected
    assert isinstance(text, SerializeError)


def test_an_object_shared_by_two_places_is_no_cycle():
    domain = _disk_domain()
    disk = domain.devices.items[1]
    domain.devices.items.append(disk)
    store = BackingStore(index=1)
    disk.backing_store = disk.mirror = None
    disk.backing_store = store
    text = to_xml(domain)
    assert text.count("<disk ") == 2 and text.count("<backingStore ") == 2


def test_a_cycle_through_an_object_holding_unknown_xml():
    domain = _disk_domain()
    disk = domain.devices.items[1]
    store = BackingStore(index=1, extras=Extras(attrs={"x": "1"}))
    store.backing_store = store
    disk.backing_store = store
    for write in (to_xml, to_element):
        with pytest.raises(SerializeError, match=r"items\[1\]\.backing_store\.backing_store: "
                                                 r"cycle"):
            write(domain)


def test_values_of_a_subclass_of_the_type_or_a_tuple_for_a_list_are_written():
    class Name(str):
        pass

    class Order(int):
        pass

    item = Item(label=Name("l"), tags=("a",), order=Order(3))
    assert from_xml(to_xml(item), Item) == Item(label="l", tags=["a"], order=3)
    assert etree.tostring(etree.fromstring(to_xml(item, pretty=False))) == \
        etree.tostring(to_element(item))


def test_the_root_itself_of_a_wrong_class():
    with pytest.raises(SerializeError, match="not an @element entity"):
        to_xml(_Foreign())
    with pytest.raises(SerializeError, match=r"Disk\.driver: expected DiskDriver, got Dims"):
        to_xml(Disk(driver=Dims()))

"""The project's own corpus (roundtrip_corpus/): engine-built, running and edited domains."""
from __future__ import annotations

import copy
import difflib

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt import Graphics
from mapping.libvirt.devices import Audio, Emulator
from tests.conftest import PROJECT
from tests.edits import EDITS
from tests.vms import ENGINE_BUILT
from tests.xmlassert import assert_xml_equal

CORPUS = PROJECT / "roundtrip_corpus"
ALL_XML = sorted(CORPUS.rglob("*.xml"))
OUR_FORMAT = [path for path in ALL_XML if path.parent.name in ("engine", "edits")]
RUNNING = sorted((CORPUS / "running").glob("*.xml"))


def _name(path) -> str:
    return str(path.relative_to(CORPUS))


def test_the_corpus_is_there():
    assert len(list((CORPUS / "engine").glob("*.xml"))) == len(ENGINE_BUILT)
    assert len(list((CORPUS / "edits").glob("*.xml"))) == 2 * len(EDITS)
    assert len(RUNNING) >= 3
    for folder in ("engine", "running", "edits"):
        assert (CORPUS / folder / "README.md").exists()


@pytest.mark.parametrize("path", ALL_XML, ids=_name)
def test_every_document_round_trips_losslessly_and_fully_typed(path):
    text = path.read_text()
    assert_xml_equal(to_xml(from_xml(text, unknown="error")), text)


@pytest.mark.parametrize("path", OUR_FORMAT, ids=_name)
def test_our_own_output_comes_back_byte_for_byte(path):
    text = path.read_text()
    assert to_xml(from_xml(text)) == text


@pytest.mark.parametrize("name", sorted(ENGINE_BUILT))
def test_engine_built_xml_is_what_the_code_builds(name):
    golden = (CORPUS / "engine" / f"{name}.xml").read_text()
    assert to_xml(ENGINE_BUILT[name]()) == golden, (
        "the XML written for this VM changed: review it, then `python -m tests.regenerate`")


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edit_changes_its_lines_and_nothing_else(name):
    _, edit, changed = EDITS[name]
    before = (CORPUS / "edits" / f"{name}.in.xml").read_text()
    expected = (CORPUS / "edits" / f"{name}.out.xml").read_text()
    domain = from_xml(before)
    untouched = copy.deepcopy(domain)
    edit(domain)
    after = to_xml(domain)
    assert after == expected
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), n=0,
                                     lineterm=""))
    removed = sum(line.startswith("-") and not line.startswith("---") for line in diff)
    added = sum(line.startswith("+") and not line.startswith("+++") for line in diff)
    assert max(removed, added) == changed
    assert to_xml(untouched) == before


@pytest.mark.parametrize("path", RUNNING, ids=_name)
def test_running_dumps_carry_typed_runtime_fields(path):
    domain = from_xml(path.read_text(), unknown="error")
    assert domain.id is not None and domain.seclabels
    for device in domain.devices.items:
        # Not guest devices: the emulator, audio backends, displays, a "none" balloon.
        if not isinstance(device, (Emulator, Audio, Graphics)) and (
                getattr(device, "model", None) != "none"):
            assert device.alias, f"{type(device).__name__} without an alias"
    assert all(graphics.port >= 5900 for graphics in domain.devices.graphics)
    pci = [device.address for device in domain.devices.items
           if getattr(device, "address", None) is not None
           and type(device.address).__name__ == "PciAddress"]
    assert pci and all(address.domain == 0 for address in pci)

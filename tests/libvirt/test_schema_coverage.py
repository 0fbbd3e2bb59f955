"""Everything libvirt 11.3's domain schema defines is declared by the model (issue #22).

`tests/rng_walk.py` walks the RelaxNG grammar (domain.rng and what it includes) and the
model (`describe(Domain)`), both as paths from `<domain>` such as
`devices/disk[type=file]/source/@file`, and compares them. What the schema defines and
the model does not declare must be listed in `NOT_MODELLED` with the reason; an entry
that has become modelled must leave the list, so the list only shrinks.

    python -m pytest -q -s tests/libvirt/test_schema_coverage.py   # prints the figures
    python -m tests.rng_walk                                         # the same, alone
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from mapping.core import attr, child, children, element, raw_elements, union
from tests import rng_walk
from tests.conftest import IN_CI

# Paths of the 11.3 schema the model does not declare, each with the reason. Reviewed:
# empty since the device families (issue #22, the devices/ half) and the domain-level
# elements were declared.
NOT_MODELLED: dict[str, str] = {}


def _require_schemas() -> None:
    if (rng_walk.SCHEMAS / "domain.rng").exists():
        return
    if IN_CI:
        pytest.fail(f"CI=true but libvirt 11.3's schemas are missing at {rng_walk.SCHEMAS}")
    pytest.skip(f"libvirt 11.3's schemas not found at {rng_walk.SCHEMAS}")


@pytest.fixture(scope="module")
def figures():
    _require_schemas()
    return rng_walk.compare()


def test_every_path_the_schema_defines_is_modelled_or_listed(figures):
    defined, modelled, _ = figures
    unexplained = sorted(defined - modelled - set(NOT_MODELLED))
    assert not unexplained, (
        f"{len(unexplained)} paths of the 11.3 schema are neither modelled nor in "
        f"NOT_MODELLED (python -m tests.rng_walk lists them): {unexplained[:20]}")


def test_the_list_of_paths_not_modelled_only_shrinks(figures):
    defined, modelled, _ = figures
    now_modelled = sorted(set(NOT_MODELLED) & modelled)
    assert not now_modelled, f"modelled now, take them out of NOT_MODELLED: {now_modelled}"
    unknown = sorted(set(NOT_MODELLED) - defined)
    assert not unknown, f"the 11.3 schema defines no such paths: {unknown}"


def test_the_figures_are_printed(figures, capsys):
    defined, modelled, open_content = figures
    with capsys.disabled():   # (shown with -s)
        print()
        rng_walk.report(defined, modelled)
        print(f"open content (any element, not expanded): {sorted(open_content)}")
    assert open_content == {"metadata"}


def test_the_walk_reaches_every_kind_of_place(figures):
    """A walker that silently stopped expanding would find nothing missing: some
    paths from every corner of the grammar must be there, variants included."""
    defined, _, _ = figures
    assert len(defined) > 5000
    for path in ["@type", "name", "devices/disk[type=file]/source/@file",
                 "devices/disk[type=network]/source/host/@transport",
                 "devices/disk/backingStore[type=block]/source/@dev",
                 "devices/interface[type=bridge]/source/@bridge",
                 "devices/controller/address[type=pci]/@slot",
                 "launchSecurity[type=sev-snp]/@vcek", "os/nvram[type=block]/source/@dev",
                 "throttlegroups/throttlegroup/group_name", "cpu/@deprecated_features",
                 "qemu:commandline/qemu:arg/@value", "clock/timer[name=tsc]/@frequency"]:
        assert path in defined, path


def test_the_walk_is_linear():
    _require_schemas()
    started = time.perf_counter()
    rng_walk.compare()
    assert time.perf_counter() - started < 20


# -- the walker on small grammars and models ---------------------------------------

RNG = "http://relaxng.org/ns/structure/1.0"


def _grammar(tmp_path: Path, body: str, name: str = "main.rng") -> Path:
    path = tmp_path / name
    path.write_text(f'<grammar xmlns="{RNG}">{body}</grammar>')
    return path


def _paths(path: Path, root: str = "box") -> tuple[set[str], set[str]]:
    walk = rng_walk.GrammarWalk(rng_walk.Grammar(path))
    return walk.paths(root), walk.open


def test_a_recursive_define_is_walked_once_and_the_walk_ends(tmp_path):
    grammar = _grammar(tmp_path, """
        <start><element name="box"><ref name="chain"/></element></start>
        <define name="chain"><optional><element name="layer">
          <attribute name="index"/><ref name="chain"/></element></optional></define>""")
    paths, _ = _paths(grammar)
    assert paths == {"layer", "layer/@index"}


def test_a_choice_fixing_an_attribute_qualifies_what_depends_on_it(tmp_path):
    grammar = _grammar(tmp_path, """
        <start><element name="box"><element name="disk">
          <attribute name="device"/>
          <choice>
            <group><attribute name="type"><value>file</value></attribute>
              <element name="source"><attribute name="file"/></element></group>
            <group><attribute name="type"><choice><value>block</value><value>lun</value>
              </choice></attribute>
              <element name="source"><attribute name="dev"/></element></group>
          </choice></element></element></start>""")
    paths, _ = _paths(grammar)
    assert paths == {
        "disk", "disk/@device", "disk/@type", "disk/source", "disk[type=file]/source/@file",
        "disk[type=block]/source/@dev", "disk[type=lun]/source/@dev"}


def test_includes_combine_and_override_defines_and_not_allowed_prunes(tmp_path):
    _grammar(tmp_path, """
        <define name="extra"><notAllowed/></define>
        <define name="kept"><element name="old"><empty/></element></define>
        <define name="gone"><optional><element name="private"><notAllowed/></element>
          </optional></define>""", "base.rng")
    grammar = _grammar(tmp_path, """
        <include href="base.rng"><define name="kept"><element name="new"><empty/></element>
          </define></include>
        <define name="extra" combine="choice"><element name="more"><empty/></element></define>
        <start><element name="box"><ref name="kept"/><ref name="extra"/><ref name="gone"/>
          <element name="metadata"><zeroOrMore><element><anyName/><text/></element>
          </zeroOrMore></element></element></start>""")
    paths, open_content = _paths(grammar)
    assert paths == {"new", "more", "metadata"}
    assert open_content == {"metadata"}


@element()
class _FileSrc:
    file: str | None = attr("file")


@element()
class _BlockSrc:
    dev: str | None = attr("dev")


@element()
class _Address:
    slot: int | None = attr("slot")


@element()
class _Chain:
    index: int | None = attr("index")
    layer: _Chain | None = child("layer")


@element("box")
class _Box:
    type: str | None = attr("type")
    source: _FileSrc | _BlockSrc | None = union("source", {"file": _FileSrc,
                                                           "block": _BlockSrc}, by="type")
    address: _Address | None = union("address", {"pci": _Address}, on="type")
    layers: list[_Chain] = children("layer")
    blocks: list[str] = raw_elements()


def test_the_model_graph_follows_unions_cycles_and_open_content():
    box = rng_walk.ModelGraph(_Box)
    assert box.has("@type") and box.has("source")
    assert box.has("source/@file") and box.has("source/@dev")   # unqualified: either one
    root = rng_walk.ModelGraph(_Outer)
    assert root.has("box[type=file]/source/@file")
    assert not root.has("box[type=file]/source/@dev")
    assert root.has("box/address[type=pci]/@slot") and root.has("box/address[type=pci]/@type")
    assert not root.has("box/address[type=usb]/@slot")
    assert root.has("box/layer/layer/layer/@index")   # round the cycle, as often as needed
    assert not root.has("box/layer/layer/@bogus")
    assert root.has("box/anything/below")              # raw elements: open content
    assert not root.has("box/@bogus")


@element("outer")
class _Outer:
    box: _Box | None = child("box")

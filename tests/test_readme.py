"""The README's code that stands on its own runs as written (and a change to the API
that breaks it breaks this test)."""
from __future__ import annotations

import re

import pytest

from tests.conftest import IN_CI, PROJECT

README = (PROJECT / "README.md").read_text()


def _section(title: str) -> str:
    """The first Python block under the `## title` heading."""
    start = README.index(f"## {title}\n")
    block = re.search(r"```python\n(.*?)```", README[start:], re.S)
    assert block is not None, f"no Python block under '{title}'"
    return block.group(1)


def test_building_a_vm_in_code_runs_as_the_readme_shows_it():
    names: dict[str, object] = {}
    exec(compile(_section("Build a VM in code"), "README.md", "exec"), names)
    vm = names["vm"]
    assert [disk.target.dev for disk in vm.devices.disks] == ["vda", "vdb"]
    assert vm.devices.disks[0].driver.cache == "writeback" and not vm.devices.interfaces
    xml = names["xml"]
    assert "<type arch='x86_64' machine='q35'>hvm</type>" in xml
    assert "<target type='virtio' name='org.qemu.guest_agent.0'/>" in xml


def test_the_vm_the_readme_builds_is_valid_for_libvirt_and_the_model():
    from mapping import validate
    from mapping.validate import LIBVIRT_SCHEMAS
    names: dict[str, object] = {}
    exec(compile(_section("Build a VM in code"), "README.md", "exec"), names)
    assert validate(names["vm"]) == []
    if not (LIBVIRT_SCHEMAS / "domain.rng").exists() and not IN_CI:
        pytest.skip("libvirt's schemas are not installed (apt-get install libvirt-clients)")
    assert validate(names["vm"], against="libvirt") == []

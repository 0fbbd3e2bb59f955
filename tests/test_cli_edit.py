"""`domxml edit`: virt-xml's everyday edits, offline, on files and pipes (issue #20)."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from mapping import from_xml
from tests.conftest import PROJECT

EXAMPLE = PROJECT / "examples" / "server-vm.xml"
TEXT = EXAMPLE.read_text()


def domxml(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """The console script, as a user calls it (`python -m mapping` where none is
    installed)."""
    command = shutil.which("domxml")
    prefix = [command] if command else [sys.executable, "-m", "mapping"]
    return subprocess.run([*prefix, *map(str, args)], capture_output=True, text=True,
                          cwd=PROJECT, input=stdin, timeout=300)


def _changed(before: str, after: str) -> list[str]:
    import difflib
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_set_writes_one_line_through_the_fields_codec():
    result = domxml("edit", EXAMPLE, "--set", "devices.disk[vda].driver.cache=writeback",
                    "--set", "memory=8GiB")
    assert result.returncode == 0, result.stderr
    assert _changed(TEXT, result.stdout) == [
        "-  <memory unit='GiB'>4</memory>", "+  <memory unit='GiB'>8</memory>",
        "-      <driver name='qemu' type='qcow2' cache='none'/>",
        "+      <driver name='qemu' type='qcow2' cache='writeback'/>"]


def test_a_device_is_selected_by_mac_alias_type_or_position_and_removed():
    for selector in ("interface[52:54:00:6B:3C:58]", "devices.interface[0]",
                     "interface[network]"):
        result = domxml("edit", EXAMPLE, "--remove", selector)
        assert result.returncode == 0, (selector, result.stderr)
        assert from_xml(result.stdout).devices.interfaces == []
        assert len(_changed(TEXT, result.stdout)) == 5


def test_add_puts_a_device_where_libvirt_puts_its_kind(tmp_path):
    disk = tmp_path / "disk.xml"
    disk.write_text("<disk type='file' device='disk'><source file='/images/b.qcow2'/>"
                    "<target dev='vdb' bus='virtio'/></disk>")
    result = domxml("edit", EXAMPLE, "--add", disk, "--set",
                    "devices.disk[vdb].driver.cache=none")
    assert result.returncode == 0, result.stderr
    domain = from_xml(result.stdout)
    assert [type(d).__name__ for d in domain.devices.items][:3] == ["Emulator", "Disk", "Disk"]
    assert domain.devices.disks[1].driver.cache == "none"
    assert _changed(TEXT, result.stdout) == [
        "+    <disk type='file' device='disk'>",
        "+      <driver cache='none'/>",
        "+      <source file='/images/b.qcow2'/>",
        "+      <target dev='vdb' bus='virtio'/>",
        "+    </disk>"]


def test_flags_take_yes_and_no():
    result = domxml("edit", EXAMPLE, "--set", "devices.disk[vda].readonly=yes")
    assert result.returncode == 0, result.stderr
    assert from_xml(result.stdout).devices.disks[0].readonly is True
    result = domxml("edit", "-", "--set", "devices.disk[vda].readonly=no",
                    stdin=result.stdout)
    assert result.stdout == TEXT


@pytest.mark.parametrize(("edit", "message"), [
    ("devices.disk[vda].driver.cahce=writeback",
     "no field 'cahce' on DiskDriver; did you mean 'cache'?"),
    ("devices.disk[vdq].driver.cache=none", "no disk[vdq] (there are: disk[vda])"),
    ("devices.disk[vda].driver.cache=sometimes",
     "'sometimes' is not a value of DiskDriver.cache (one of: default, none,"),
    ("vcpu.count=many", "'many' is not a value of Vcpu.count"),
    ("memory=lots", "Domain.memory is a size: a number and a unit, like 8GiB"),
    ("devices=x", "Domain.devices is an element, not a value"),
    ("devices.disk[vda].driver..cache=none", "expected a field name at character 26"),
    ("nothing", "expected PATH=VALUE"),
])
def test_a_wrong_path_or_value_is_one_line_naming_what_exists(edit, message):
    result = domxml("edit", EXAMPLE, "--set", edit)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr


def test_nothing_changed_exits_1_and_prints_the_document_as_it_was():
    result = domxml("edit", EXAMPLE, "--set", "name=server-vm")
    assert result.returncode == 1 and result.stdout == TEXT


def test_print_diff_and_in_place(tmp_path):
    copy = tmp_path / "vm.xml"
    copy.write_text(TEXT)
    copy.chmod(0o640)
    result = domxml("edit", copy, "--set", "vcpu.count=4", "--print-diff")
    assert result.returncode == 0
    assert "-  <vcpu placement='static'>2</vcpu>\n+  <vcpu placement='static'>4</vcpu>" \
        in result.stdout and copy.read_text() == TEXT
    result = domxml("edit", copy, "--set", "vcpu.count=4", "-i")
    assert result.returncode == 0 and result.stdout == ""
    assert _changed(TEXT, copy.read_text()) == ["-  <vcpu placement='static'>2</vcpu>",
                                               "+  <vcpu placement='static'>4</vcpu>"]
    assert copy.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vm.xml"]


def test_in_place_needs_a_file():
    result = domxml("edit", "-", "-i", "--set", "name=x", stdin=TEXT)
    assert result.returncode == 2 and "needs a file" in result.stderr


def test_edits_apply_in_the_order_given(tmp_path):
    disk = tmp_path / "disk.xml"
    disk.write_text("<disk type='file' device='disk'><source file='/b.img'/>"
                    "<target dev='vda' bus='virtio'/></disk>")
    result = domxml("edit", EXAMPLE, "--remove", "disk[vda]", "--add", disk)
    assert result.returncode == 0, result.stderr
    assert from_xml(result.stdout).devices.disks[0].source.file == "/b.img"


def test_engine_documents_with_placeholders_parse_edit_and_diff(tmp_path):
    from tests.ovirt.test_placeholders import DOMAIN_WITH_LEASE, SD, VOL
    engine = tmp_path / "engine.xml"
    engine.write_text(DOMAIN_WITH_LEASE)
    refused = domxml("parse", engine)
    assert refused.returncode == 2 and "LeaseTarget.offset" in refused.stderr
    parsed = domxml("parse", "--engine", engine)
    assert parsed.returncode == 0 and "lease_id:" in parsed.stdout, parsed.stderr
    assert parsed.stdout.splitlines()[-3:] == [
        "placeholders (2):",
        f"  lease {SD} {VOL}: target/@path: LEASE-PATH:{VOL}:{SD}",
        f"  lease {SD} {VOL}: target/@offset: LEASE-OFFSET:{VOL}:{SD}"]
    edited = domxml("edit", "--engine", engine, "--set", "name=renamed")
    assert edited.returncode == 0, edited.stderr
    assert _changed(DOMAIN_WITH_LEASE, edited.stdout) == [
        '-<domain type="kvm"><name>vm</name><devices>',
        '+<domain type="kvm"><name>renamed</name><devices>']
    renamed = tmp_path / "renamed.xml"
    renamed.write_text(edited.stdout)
    diff = domxml("diff", "--engine", engine, renamed)
    assert diff.returncode == 1 and "name" in diff.stdout and "renamed" in diff.stdout


def test_diff_json_lists_where_before_and_after(tmp_path):
    import json
    changed = tmp_path / "b.xml"
    changed.write_text(TEXT.replace("<memory unit='GiB'>4</memory>",
                                    "<memory unit='GiB'>8</memory>").replace(
        "    <console type='pty'/>\n", ""))
    result = domxml("diff", "--json", EXAMPLE, changed)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout) == [
        {"where": "memory", "before": "4 GiB", "after": "8 GiB"},
        {"where": "console", "before": "<console type='pty'/>"}]
    same = domxml("diff", "--json", EXAMPLE, EXAMPLE)
    assert same.returncode == 0 and json.loads(same.stdout) == []

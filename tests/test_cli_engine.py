"""`domxml validate --engine` and `domxml roundtrip --engine` on a document the oVirt engine
wrote, with every kind of placeholder in it, called as a user would (the console script)."""
from __future__ import annotations

import json

import pytest

from mapping import to_xml
from mapping.libvirt.devices import Disk, Lease
from mapping.libvirt.devices.disk import DiskTarget
from mapping.libvirt.devices.disk_source import FileSource
from mapping.libvirt.devices.lease import LeaseTarget
from mapping.libvirt.security import SecLabel
from mapping.ovirt import (ChannelSocket, HostSerial, LeaseOffset, LeasePath, OsName,
                           OsVersion, Payload, VolumePath, from_engine_xml, unresolved)
from tests.test_cli import domxml

EVERY_KIND = {OsName, OsVersion, HostSerial, LeasePath, LeaseOffset, Payload, VolumePath,
              ChannelSocket}
PLACEHOLDERS = 10   # 3 sysinfo entries, 2 volumes, 2 channels, a lease's 2, a payload
VOLUME_SECLABEL = "<seclabel model='dac' relabel='no'/>"


def engine_document() -> str:
    """examples/ovirt_vm.py's engine VM, with a lease and a payload cdrom added. Its disks'
    seclabels lose `type` (libvirt's schema refuses it inside a disk source), so the
    document is one both schemas accept once its placeholders are the host's values."""
    from examples.ovirt_vm import engine_build
    domain = engine_build(domain_type="qemu")
    for disk in domain.devices.disks:
        disk.source.seclabels = [SecLabel(model="dac", relabel=False)]
    domain.devices.items.append(Lease(
        lockspace="sd1", key="v1",
        target=LeaseTarget(path=LeasePath("v1", "sd1"), offset=LeaseOffset("v1", "sd1"))))
    domain.devices.items.append(Disk(type="file", device="cdrom",
                                     source=FileSource(file=Payload()),
                                     target=DiskTarget(dev="sdc", bus="sata"), readonly=True))
    return to_xml(domain)


ENGINE = engine_document()


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the only line of `text` that holds `needle`."""
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(numbers) == 1, (needle, numbers)
    return numbers[0]


def changed(old: str, new: str) -> str:
    assert ENGINE.count(old) == 1, old
    return ENGINE.replace(old, new)


@pytest.fixture
def engine_file(tmp_path):
    path = tmp_path / "engine.xml"
    path.write_text(ENGINE)
    return path


@pytest.fixture
def libvirt_schemas():
    from mapping.validate import LIBVIRT_SCHEMAS
    if not (LIBVIRT_SCHEMAS / "domain.rng").exists():
        from tests.conftest import IN_CI
        if IN_CI:
            pytest.fail("CI=true but libvirt's schemas are not installed")
        pytest.skip("libvirt's RelaxNG schemas are not installed (apt-get install libvirt-clients)")


SCHEMAS = [pytest.param([], id="model"),
           pytest.param(["--libvirt"], id="libvirt", marks=pytest.mark.libvirt)]


def schema_args(request, args):
    if args:
        request.getfixturevalue("libvirt_schemas")
    return args


def test_the_document_holds_every_placeholder_kind():
    found = [token for _, token in unresolved(from_engine_xml(ENGINE))]
    assert {type(token) for token in found} == EVERY_KIND and len(found) == PLACEHOLDERS


@pytest.mark.parametrize("args", SCHEMAS)
def test_validate_without_engine_refuses_the_lease_offset_at_its_line(request, args,
                                                                       engine_file):
    result = domxml("validate", *schema_args(request, args), engine_file)
    assert result.returncode == 1, result.stdout + result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{engine_file}: line {line_of(ENGINE, 'LEASE-OFFSET')}, "
                            "/domain/devices/lease/target"), first


@pytest.mark.parametrize("args", SCHEMAS)
def test_validate_engine_accepts_the_placeholders_where_the_engine_writes_them(
        request, args, engine_file):
    result = domxml("validate", "--engine", *schema_args(request, args), engine_file)
    against = "libvirt" if args else "model"
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == (f"{engine_file}: valid ({against} schema, oVirt placeholders "
                             "as the host's values)\n")


BESIDE = [
    # a yes/no value in the seclabel of a disk whose source is a volume placeholder
    pytest.param(VOLUME_SECLABEL, "<seclabel model='dac' relabel='maybe'/>", 2, "maybe",
                 id="seclabel-in-a-volume-source"),
    # a value that may be a placeholder, but is none: an offset that is no integer
    pytest.param("offset='LEASE-OFFSET:v1:sd1'", "offset='LEASE-OFFSET:v1'", 1,
                 "LEASE-OFFSET:v1'", id="lease-offset-not-a-placeholder"),
    # a positive integer next to the payload placeholder
    pytest.param("<readonly/>", "<readonly/>\n      <boot order='first'/>", 1, "'first'",
                 id="boot-order-beside-the-payload"),
]


@pytest.mark.parametrize("args", SCHEMAS)
@pytest.mark.parametrize(("old", "new", "count", "needle"), BESIDE)
def test_validate_engine_reports_a_bad_value_beside_a_placeholder_at_the_files_line(
        request, args, tmp_path, old, new, count, needle):
    assert ENGINE.count(old) == count
    text = ENGINE.replace(old, new, 1)
    bad = tmp_path / "bad.xml"
    bad.write_text(text)
    result = domxml("validate", "--engine", *schema_args(request, args), bad)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith(f"{bad}: line {line_of(text, needle)}, "), result.stdout
    if "LEASE" not in needle:       # the placeholders beside it are not problems
        assert "/lease" not in result.stdout, result.stdout


@pytest.mark.parametrize("args", SCHEMAS)
@pytest.mark.parametrize(("old", "new", "path"), [
    pytest.param("<vcpu placement='static'>1</vcpu>",
                 "<vcpu placement='static'>LEASE-OFFSET:v1:sd1</vcpu>", "/domain/vcpu",
                 id="vcpu"),
    pytest.param("<stats period='5'/>", "<stats period='LEASE-OFFSET:v1:sd1'/>",
                 "/domain/devices/memballoon/stats", id="memballoon-stats"),
])
def test_validate_engine_refuses_a_placeholder_where_the_engine_writes_none(
        request, args, tmp_path, old, new, path):
    text = changed(old, new)
    bad = tmp_path / "bad.xml"
    bad.write_text(text)
    result = domxml("validate", "--engine", *schema_args(request, args), bad)
    assert result.returncode == 1, result.stdout + result.stderr
    line = line_of(text, new)
    assert result.stdout.startswith(f"{bad}: line {line}, {path}"), result.stdout
    assert "LEASE-OFFSET:v1:sd1" in result.stdout.splitlines()[0]


def test_roundtrip_without_engine_fails_on_the_lease_offset(engine_file):
    result = domxml("roundtrip", engine_file)
    assert result.returncode == 1
    assert result.stdout.startswith(f"FAIL {engine_file}: error: line "
                                    f"{line_of(ENGINE, 'LEASE-OFFSET')}, "
                                    "/domain/devices/lease/target/@offset"), result.stdout
    assert "1 files, 0 lossless, 0 byte-identical, 1 failed, typed" in result.stdout


def test_roundtrip_engine_is_lossless_byte_identical_and_counts_the_placeholders(engine_file):
    result = domxml("roundtrip", "--engine", engine_file)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (f"1 files, 1 lossless, 1 byte-identical, 0 failed, {PLACEHOLDERS} oVirt "
            "placeholders, typed 100.00% of") in result.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_roundtrip_engine_through_workers_reports_each_file_and_the_total(tmp_path, jobs):
    one_disk = ENGINE.replace(ENGINE[ENGINE.index("    <disk type='file' device='cdrom'>"):
                                     ENGINE.index("  </devices>")], "")
    for number in range(3):
        (tmp_path / f"vm{number}.xml").write_text(ENGINE)
    (tmp_path / "no-payload.xml").write_text(one_disk)
    (tmp_path / "misplaced.xml").write_text(changed("<vcpu placement='static'>1</vcpu>",
                                                    "<vcpu>LEASE-OFFSET:v1:sd1</vcpu>"))
    report = tmp_path / "report.json"
    result = domxml("roundtrip", "--engine", "-j", jobs, "--report", report, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    total = 3 * PLACEHOLDERS + PLACEHOLDERS - 1
    assert (f"5 files, 4 lossless, 4 byte-identical, 1 failed, {total} oVirt placeholders"
            in result.stdout), result.stdout
    fails = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert len(fails) == 1 and "misplaced.xml: error: line " in fails[0]
    assert "/domain/vcpu" in fails[0]
    document = json.loads(report.read_text())
    assert document["summary"]["engine"] is True
    assert document["summary"]["placeholders"] == total
    counts = {row["path"].rsplit("/", 1)[1]: row["placeholders"] for row in document["files"]}
    assert counts == {"misplaced.xml": 0, "no-payload.xml": PLACEHOLDERS - 1,
                      **{f"vm{n}.xml": PLACEHOLDERS for n in range(3)}}


def test_roundtrip_engine_html_report_names_the_placeholders(tmp_path, engine_file):
    report = tmp_path / "report.html"
    result = domxml("roundtrip", "--engine", "--report", report, engine_file)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{PLACEHOLDERS} oVirt placeholders" in report.read_text()


def test_roundtrip_without_engine_says_nothing_of_placeholders(tmp_path):
    from tests.test_cli import EXAMPLE
    report = tmp_path / "report.json"
    result = domxml("roundtrip", "--report", report, EXAMPLE)
    assert result.returncode == 0 and "placeholders" not in result.stdout
    summary = json.loads(report.read_text())["summary"]
    assert summary["engine"] is False and summary["placeholders"] == 0


@pytest.mark.parametrize("command", ["parse", "diff", "edit", "roundtrip", "validate"])
def test_every_engine_command_says_so_in_its_help(command):
    result = domxml(command, "--help")
    assert result.returncode == 0 and "--engine" in result.stdout

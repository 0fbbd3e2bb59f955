"""The `domxml` console script, called as a user would."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import PROJECT
from tests.xmlassert import assert_xml_equal

EXAMPLE = PROJECT / "examples" / "server-vm.xml"


def domxml(*args: str, cwd=PROJECT) -> subprocess.CompletedProcess:
    command = shutil.which("domxml")
    prefix = [command] if command else [sys.executable, "-m", "mapping"]
    return subprocess.run([*prefix, *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


@pytest.mark.parametrize("command", ["parse", "build", "diff", "roundtrip", "schema", "validate"])
def test_every_command_has_help(command):
    result = domxml(command, "--help")
    assert result.returncode == 0 and "usage: domxml" in result.stdout


def test_parse_prints_json():
    result = domxml("parse", EXAMPLE, "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["name"] == "server-vm"
    assert data["memory"] == {"value": 4, "unit": "GiB"}


def test_roundtrip_of_the_example_is_lossless(tmp_path):
    report = tmp_path / "report.json"
    result = domxml("roundtrip", EXAMPLE, "--report", report)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 files, 1 lossless, 1 byte-identical, 0 failed" in result.stdout
    totals = json.loads(report.read_text())["summary"]
    assert totals["lossless"] == 1 and 0 < totals["typed_share"] <= 1


def test_roundtrip_reports_a_failure_and_exits_1(tmp_path):
    (tmp_path / "good.xml").write_text(EXAMPLE.read_text())
    (tmp_path / "broken.xml").write_text("<domain><name>x</domain>")
    report = tmp_path / "report.html"
    result = domxml("roundtrip", tmp_path, "--jobs", "2", "--report", report)
    assert result.returncode == 1
    assert "FAIL" in result.stdout and "broken.xml" in result.stdout
    assert "2 files, 1 lossless, 1 byte-identical, 1 failed" in result.stdout
    page = report.read_text()
    assert "broken.xml" in page and "<html>" in page


def test_roundtrip_report_must_be_html_or_json(tmp_path):
    result = domxml("roundtrip", EXAMPLE, "--report", tmp_path / "r.txt")
    assert result.returncode == 2
    assert result.stderr.startswith("domxml: ") and result.stderr.count("\n") == 1


def test_missing_file_is_one_clear_line_on_stderr():
    result = domxml("parse", "/no/such/file.xml")
    assert result.returncode == 2
    assert result.stderr.startswith("domxml: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_malformed_input_is_one_clear_line_on_stderr(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<domain><name>")
    result = domxml("parse", bad)
    assert result.returncode == 2 and "malformed XML" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_exit_status(tmp_path):
    assert domxml("validate", EXAMPLE).returncode == 0
    bad = tmp_path / "bad.xml"
    bad.write_text("<domain id='x'/>")
    result = domxml("validate", bad)
    assert result.returncode == 1 and "/domain" in result.stdout


def test_schema_writes_one_file_per_namespace(tmp_path):
    result = domxml("schema", "--out", tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "domain.xsd").exists() and (tmp_path / "qemu.xsd").exists()


def test_parse_prints_a_readable_tree():
    result = domxml("parse", EXAMPLE)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Domain"
    assert "  name: server-vm" in lines and "  memory: 4 GiB" in lines


def test_build_turns_parse_json_back_into_the_same_xml(tmp_path):
    exported = tmp_path / "vm.json"
    exported.write_text(domxml("parse", EXAMPLE, "--json").stdout)
    built = tmp_path / "vm.xml"
    result = domxml("build", exported, "--out", built)
    assert result.returncode == 0, result.stderr
    assert_xml_equal(built.read_text(), EXAMPLE.read_text())


def test_build_reports_bad_json_with_its_position(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x",\n  oops}')
    result = domxml("build", bad)
    assert result.returncode == 2 and "bad.json:2:" in result.stderr
    assert result.stderr.count("\n") == 1


def test_diff_speaks_in_domain_terms_and_exits_1(tmp_path):
    changed = tmp_path / "changed.xml"
    changed.write_text(EXAMPLE.read_text().replace("<name>server-vm</name>",
                                                   "<name>renamed</name>"))
    result = domxml("diff", EXAMPLE, changed)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["name: server-vm -> renamed"]
    same = domxml("diff", EXAMPLE, EXAMPLE)
    assert same.returncode == 0 and same.stdout.strip() == "no differences"


NETWORK = """<network><name>lan</name><bridge name='virbr0'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp>
  </ip>
</network>
"""


def test_diff_compares_two_documents_of_any_one_kind(tmp_path):
    before, after = tmp_path / "before.xml", tmp_path / "after.xml"
    before.write_text(NETWORK)
    after.write_text(NETWORK.replace("virbr0", "virbr9").replace(".254", ".200"))
    result = domxml("diff", before, after)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "bridge.name: virbr0 -> virbr9",
        "ips[0].dhcp.ranges[0].end: 192.168.122.254 -> 192.168.122.200"]
    assert domxml("diff", before, before).stdout.strip() == "no differences"
    different = domxml("diff", before, EXAMPLE)
    assert different.returncode == 2
    assert "is a Network" in different.stderr and "a Domain" in different.stderr
    assert different.stderr.count("\n") == 1


def test_describe_puts_every_problem_of_a_parse_error_on_one_line():
    from mapping import ParseError, Problem
    from mapping.cli import describe
    err = ParseError([Problem("not an integer: 'x'", 3, "/domain/@id", "Domain.id"),
                      Problem("bad\nvalue", 5, "/domain/vcpu")])
    line = describe(err)
    assert line == ("2 problems: line 3, /domain/@id, field Domain.id: not an integer: 'x'; "
                    "line 5, /domain/vcpu: bad; value")
    many = describe(ParseError([Problem(f"p{n}", n) for n in range(25)]))
    assert "\n" not in many and many.startswith("25 problems: ") and many.endswith("; 15 more")


def test_describe_names_the_file_of_an_os_error_and_marks_a_bug():
    from mapping import MappingError
    from mapping.cli import describe, is_internal
    assert describe(FileNotFoundError(2, "No such file or directory", "vm.xml")) == (
        "vm.xml: No such file or directory")
    assert describe(MappingError("first\nsecond")) == "first; second"
    try:
        [][1]
    except IndexError as err:
        line = describe(err)
        assert is_internal(err) and not is_internal(MappingError("x"))
    assert line.startswith("internal error: IndexError: ") and "test_cli.py:" in line
    assert len(describe(MappingError("x" * 100000))) < 5000


def test_printable_escapes_what_a_terminal_line_cannot_hold():
    from mapping.cli import printable
    assert printable("plain text ok") == "plain text ok"
    assert printable("a\nb\tc\x1b[31m") == "a\\nb\\tc\\x1b[31m"
    assert printable("caf" + b"\xe9".decode("utf-8", "surrogateescape")) == "caf\\xe9"
    assert printable("\u2028\ufeffé") == "\\u2028\\ufeffé"


def test_roundtrip_names_a_file_that_does_not_come_back_byte_for_byte(tmp_path):
    # Not UTF-8: the text to_xml returns cannot give these bytes back, so it is written in
    # libvirt's style, and the report says where it first differs.
    latin = tmp_path / "latin.xml"
    latin.write_bytes("<?xml version='1.0' encoding='ISO-8859-1'?>\n<domain type='kvm'>"
                      "<name>caf\u00e9</name></domain>\n".encode("latin-1"))
    report = tmp_path / "report.json"
    result = domxml("roundtrip", latin, EXAMPLE, "--report", report)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (f"NOT BYTE-IDENTICAL {latin}: line 1: <?xml version='1.0' "
            "encoding='ISO-8859-1'?>") in result.stdout
    assert "2 files, 2 lossless, 1 byte-identical, 0 failed" in result.stdout
    rows = json.loads(report.read_text())["files"]
    assert [row["identical"] for row in rows] == [True, False] or \
        [row["identical"] for row in rows] == [False, True]

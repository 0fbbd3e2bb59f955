"""The `domxml` command under bad input, bugs, dead workers, closed pipes and Ctrl-C.

Run through the real entry point (`python -m mapping`) in subprocesses. A "patch" is
Python run first in that process, to simulate what no input can produce on demand (a
bug's exception, a worker killed, a folder that cannot be listed while running as root).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import PROJECT

EXAMPLE = PROJECT / "examples" / "server-vm.xml"
SUMMARY = re.compile(r"^(\d+) files, (\d+) lossless, \d+ byte-identical, (\d+) failed, "
                     r"typed .*s$", re.M)
LAUNCH = ("import runpy, sys\nsys.argv = ['domxml', *sys.argv[1:]]\n{patch}\n"
          "runpy.run_module('mapping', run_name='__main__', alter_sys=True)\n")


def domxml(*args, patch: str = "", stdin: bytes | None = None, env: dict | None = None,
           cwd=PROJECT) -> subprocess.CompletedProcess:
    """The command's result; stdout and stderr must be UTF-8 whatever the input was."""
    command = [sys.executable, "-c", LAUNCH.format(patch=patch), *map(os.fsdecode, args)]
    result = subprocess.run(command, input=stdin, capture_output=True, cwd=cwd, timeout=300,
                            env={**os.environ, **(env or {})})
    result.stdout, result.stderr = result.stdout.decode(), result.stderr.decode()
    return result


def assert_one_error_line(result, status: int = 2) -> str:
    assert result.returncode == status, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("domxml: "), result.stderr
    return lines[0]


def summary(result) -> tuple[int, int, int]:
    found = SUMMARY.findall(result.stdout)
    assert len(found) == 1, result.stdout
    return tuple(map(int, found[0]))


def fail_lines(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith("FAIL ")]


# -- bad input, for every command that reads a file -----------------------------------

BAD_XML = {
    "empty": b"",
    "blank": b"  \n",
    "malformed": b"<domain><name>x</domain>",
    "binary": bytes(range(256)) * 4,
    "unknown root": b"<frobnicate><name>x</name></frobnicate>",
    "not UTF-8": b"<domain><name>\xff\xfe</name></domain>",
    "two problems": b"<domain type='kvm' id='x'>\n<vcpu>abc</vcpu>\n</domain>\n",
    "doctype": b"<!DOCTYPE domain [<!ENTITY e 'x'>]><domain><name>&e;</name></domain>",
}


def xml_commands(path) -> dict[str, list]:
    return {"parse": ["parse", path], "parse --json": ["parse", "--json", path],
            "diff before": ["diff", path, EXAMPLE], "diff after": ["diff", EXAMPLE, path],
            "edit": ["edit", path, "--set", "name=x"]}


@pytest.mark.parametrize("kind", sorted(BAD_XML))
def test_bad_xml_is_one_line_naming_the_file(tmp_path, kind):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(BAD_XML[kind])
    assert str(bad) in assert_one_error_line(domxml("parse", bad))
    assert str(bad) in assert_one_error_line(domxml("edit", bad, "--set", "name=x"))


@pytest.mark.parametrize("kind", ["malformed", "two problems", "other root"])
@pytest.mark.parametrize("command", ["parse --json", "diff before", "diff after", "edit"])
def test_every_reading_command_fails_the_same_way(tmp_path, kind, command):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(BAD_XML.get(kind, b"<pool type='dir'><name>p</name></pool>"))
    result = domxml(*xml_commands(bad)[command])
    if kind == "other root" and command in ("parse --json", "edit"):
        assert result.returncode == 0       # a model of its own: parses (and edits) fine
    else:
        assert str(bad) in assert_one_error_line(result)


@pytest.mark.parametrize("command", ["parse", "diff after"])
@pytest.mark.parametrize("what", ["missing", "directory"])
def test_a_path_that_is_no_file_is_one_line(tmp_path, command, what):
    target = tmp_path / "vm.xml"
    if what == "directory":
        target.mkdir()
    line = assert_one_error_line(domxml(*xml_commands(target)[command]))
    assert str(target) in line and ("No such file" in line or "directory" in line)


@pytest.mark.parametrize("kind", ["empty", "malformed", "two problems"])
def test_validate_answers_or_fails_on_one_line(tmp_path, kind):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(BAD_XML[kind])
    result = domxml("validate", bad)
    if result.returncode == 1:      # problems found: each on its own line, on stdout
        assert result.stdout and all(line.startswith(f"{bad}: ")
                                     for line in result.stdout.splitlines())
        assert "Traceback" not in result.stderr
    else:
        assert str(bad) in assert_one_error_line(result)


def test_several_problems_are_one_line_with_a_count(tmp_path):
    bad = tmp_path / "bad.xml"
    disks = "".join(f"<disk type='file'><boot order='x{n}'/></disk>" for n in range(15))
    bad.write_text(f"<domain type='kvm'><devices>{disks}</devices></domain>")
    line = assert_one_error_line(domxml("parse", bad))
    assert "15 problems: " in line and "'x0'" in line and "5 more" in line


def test_stdin_is_read_for_dash():
    assert domxml("parse", "-", stdin=EXAMPLE.read_bytes()).returncode == 0
    line = assert_one_error_line(domxml("parse", "-", stdin=b"<domain>"))
    assert line.startswith("domxml: <stdin>: ")
    assert_one_error_line(domxml("parse", "-", stdin=b""))


BAD_JSON = {
    "empty": b"",
    "malformed": b'{"name": "x",\n oops}',
    "array": b"[1, 2]",
    "string": b'"domain"',
    "null": b"null",
    "not UTF-8": b'{"name": "\xff"}',
    "nested too deeply": b"[" * 100000,
    "huge integer": b'{"id": ' + b"1" * 5000 + b"}",
    "unknown key": b'{"name": "x", "bogus": 1}',
    "wrong type": b'{"name": 5}',
    "wrong nested type": b'{"devices": [1]}',
}


@pytest.mark.parametrize("kind", sorted(BAD_JSON))
def test_build_from_bad_json_is_one_line(tmp_path, kind):
    bad = tmp_path / "vm.json"
    bad.write_bytes(BAD_JSON[kind])
    assert str(bad) in assert_one_error_line(domxml("build", bad))


@pytest.mark.parametrize("kind", ["malformed", "null"])
def test_build_from_bad_json_on_stdin_is_one_line(kind):
    assert "<stdin>" in assert_one_error_line(domxml("build", "-", stdin=BAD_JSON[kind]))


@pytest.mark.parametrize("args", [
    ["build", "{json}", "-o", "{tmp}/no/such/folder/vm.xml"],
    ["build", "{json}", "-o", "{tmp}"],
    ["schema", "--out", "{json}"],
    ["roundtrip", str(EXAMPLE), "--report", "{tmp}/no/such/folder/r.json"],
    ["roundtrip", str(EXAMPLE), "--report", "{tmp}/r.txt"],
    ["parse", "{tmp}/missing.xml"],
    ["build", "{tmp}/missing.json"],
    ["validate", "{tmp}/missing.xml"],
    ["validate", "{tmp}"],
])
def test_unwritable_or_unreadable_paths_are_one_line(tmp_path, args):
    exported = tmp_path / "vm.json"
    exported.write_text('{"type": "kvm", "name": "x"}')
    assert_one_error_line(domxml(*[a.format(tmp=tmp_path, json=exported) for a in args]))


@pytest.mark.parametrize("args", [
    [], ["frob"], ["parse"], ["parse", "a", "b"], ["parse", "--bogus", "x"], ["diff", "a"],
    ["roundtrip"], ["roundtrip", ".", "-j", "0"], ["roundtrip", ".", "-j", "x"],
    ["schema", "--out"], ["validate", "--libvirt"], ["build"],
])
def test_usage_errors_are_one_line(args):
    line = assert_one_error_line(domxml(*args))
    assert "--help" in line


# -- bugs, interrupts, closed pipes ---------------------------------------------------

RAISE_IN_PARSE = ("import mapping.cli\ndef boom(*a, **k): raise {error}\n"
                  "mapping.cli.from_xml = boom\n")


@pytest.mark.parametrize("error", ["TypeError('x')", "ValueError('bad\\nvalue')",
                                   "RecursionError()",
                                   "UnicodeDecodeError('utf-8', b'x', 0, 1, 'z')"])
def test_a_bug_is_one_line_with_its_own_exit_status(error):
    result = domxml("parse", EXAMPLE, patch=RAISE_IN_PARSE.format(error=error))
    line = assert_one_error_line(result, status=3)
    assert "internal error: " + error.split("(")[0] in line and "please report" in line


def test_debug_variable_shows_the_traceback_of_a_bug():
    result = domxml("parse", EXAMPLE, patch=RAISE_IN_PARSE.format(error="TypeError('x')"),
                    env={"DOMXML_DEBUG": "1"})
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_ctrl_c_is_one_line_and_status_130():
    result = domxml("parse", EXAMPLE, patch=RAISE_IN_PARSE.format(error="KeyboardInterrupt"))
    assert "interrupted" in assert_one_error_line(result, status=130)


def test_a_closed_pipe_is_one_line_and_no_traceback(tmp_path):
    big = tmp_path / "big.xml"
    disks = "".join(f"<disk type='file' device='disk'><source file='/d{n}.img'/>"
                    f"<target dev='vd{n}' bus='virtio'/></disk>" for n in range(3000))
    big.write_text(f"<domain type='kvm'><name>x</name><devices>{disks}</devices></domain>")
    for args in (["parse", big], ["parse", "--json", big]):
        command = [sys.executable, "-m", "mapping", *map(str, args)]
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              cwd=PROJECT) as process:
            process.stdout.readline()
            process.stdout.close()          # as `| head -1` does
            stderr = process.stderr.read().decode()
            status = process.wait(timeout=300)
        assert status == 2 and "Traceback" not in stderr and "Exception ignored" not in stderr
        assert stderr.count("\n") == 1 and "broken pipe" in stderr


# -- roundtrip: every failure one line, the summary always ----------------------------

def hostile_folder(root) -> int:
    """A folder of good and bad documents and odd entries; returns how many fail."""
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "good.xml").write_bytes(EXAMPLE.read_bytes())
    (root / "sub" / "deeper" / "good.xml").write_bytes(EXAMPLE.read_bytes())
    for number, kind in enumerate(sorted(BAD_XML)):
        (root / "sub" / f"bad{number}.xml").write_bytes(BAD_XML[kind])
    (root / "broken.xml").symlink_to(root / "nowhere")
    (root / "self.xml").symlink_to(root / "self.xml")
    (root / "sub" / "loop").symlink_to(root)            # a folder loop: seen once
    (root / "folder.xml").mkdir()                      # a folder named *.xml is walked
    (root / "folder.xml" / "inner.xml").write_bytes(EXAMPLE.read_bytes())
    os.mkfifo(root / "fifo.xml")                       # would block a reader forever
    (root / os.fsdecode(b"caf\xe9.xml")).write_bytes(b"<domain>")  # a non-UTF-8 name
    (root / "notes.txt").write_text("not XML, not looked at")
    return len(BAD_XML) + 4


@pytest.mark.parametrize("jobs", ["1", "4"])
def test_roundtrip_of_a_hostile_folder_lists_each_failure_and_sums_up(tmp_path, jobs):
    failing = hostile_folder(tmp_path)
    result = domxml("roundtrip", tmp_path, "-j", jobs, "--report", tmp_path / "r.html")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert summary(result) == (failing + 3, 3, failing)
    lines = fail_lines(result)
    assert len(lines) == failing and all(": " in line for line in lines)
    assert any("caf\\xe9.xml" in line for line in lines)
    assert any("fifo.xml: error: not a regular file" in line for line in lines)
    assert "caf\\xe9.xml" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_roundtrip_json_report_with_odd_names_is_valid_json(tmp_path):
    hostile_folder(tmp_path)
    report = tmp_path / "r.json"
    domxml("roundtrip", tmp_path, "--report", report)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"]["failed"] == len(BAD_XML) + 4 and len(data["files"]) == 3 + (
        len(BAD_XML) + 4)


def test_roundtrip_of_missing_paths_still_checks_the_rest(tmp_path):
    result = domxml("roundtrip", tmp_path / "nope", EXAMPLE, tmp_path / "nope2.xml")
    assert result.returncode == 1 and summary(result) == (3, 1, 2)
    assert len(fail_lines(result)) == 2


def test_roundtrip_of_a_folder_without_xml_says_so_after_the_summary(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    result = domxml("roundtrip", tmp_path)
    assert "no .xml files" in assert_one_error_line(result)
    assert summary(result) == (0, 0, 0)


KILL_SOME = """
import os, signal, mapping.roundtrip as rt
real = rt.check_file
def check(path, keep_output=False, engine=False):
    name = os.path.basename(str(path))
    if name.startswith("kill"):
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("exit"):
        os._exit(3)
    return real(path, keep_output, engine)
rt.check_file = check
"""


@pytest.mark.parametrize("jobs", ["2", "4"])
def test_a_dead_worker_costs_only_the_file_that_killed_it(tmp_path, jobs):
    for number in range(30):
        (tmp_path / f"vm{number:02}.xml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "kill.xml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "exit.xml").write_bytes(EXAMPLE.read_bytes())
    result = domxml("roundtrip", tmp_path, "-j", jobs, patch=KILL_SOME)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert summary(result) == (32, 30, 2)
    lines = fail_lines(result)
    assert len(lines) == 2 and all("worker process died" in line for line in lines)


BUGS = """
import os, mapping.roundtrip as rt
real = rt.check_file
ERRORS = {"type": TypeError("t"), "recursion": RecursionError("r"), "memory": MemoryError(),
          "unicode": UnicodeEncodeError("ascii", "\\xe9", 0, 1, "u"), "exit": SystemExit(5),
          "index": IndexError("i")}
def check(path, keep_output=False, engine=False):
    error = ERRORS.get(os.path.basename(str(path)).split(".")[0])
    if error is not None:
        raise error
    return real(path, keep_output, engine)
rt.check_file = check
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bugs_in_the_check_are_one_line_each_and_exit_3(tmp_path, jobs):
    names = ["type", "recursion", "memory", "unicode", "index"] + (["exit"] if jobs != "1"
                                                                   else [])
    for name in names + ["fine"]:
        (tmp_path / f"{name}.xml").write_bytes(EXAMPLE.read_bytes())
    result = domxml("roundtrip", tmp_path, "-j", jobs, patch=BUGS)
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    assert summary(result) == (len(names) + 1, 1, len(names))
    assert all("internal error: " in line for line in fail_lines(result))
    assert "internal error" in assert_one_error_line(result, status=3)


UNREADABLE = """
import os, pathlib
real_scandir, real_read = os.scandir, pathlib.Path.read_bytes
def scandir(path="."):
    if "locked" in os.fspath(path):
        raise PermissionError(13, "Permission denied", os.fspath(path))
    return real_scandir(path)
def read_bytes(self):
    if "secret" in self.name:
        raise PermissionError(13, "Permission denied", str(self))
    return real_read(self)
os.scandir, pathlib.Path.read_bytes = scandir, read_bytes
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_unreadable_folders_and_files_are_failures_not_skipped(tmp_path, jobs):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.xml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "secret.xml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "open.xml").write_bytes(EXAMPLE.read_bytes())
    result = domxml("roundtrip", tmp_path, "-j", jobs, patch=UNREADABLE)
    assert result.returncode == 1 and summary(result) == (3, 1, 2), result.stdout
    assert all("Permission denied" in line for line in fail_lines(result))


INTERRUPT_AT = """
import os, signal, time, mapping.roundtrip as rt
real = rt.check_file
def check(path, keep_output=False, engine=False):
    if os.path.basename(str(path)).startswith("stop"):
        os.kill(os.getppid() if {worker} else os.getpid(), signal.SIGINT)
        time.sleep(60 if {worker} else 0)
    return real(path, keep_output, engine)
rt.check_file = check
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_during_roundtrip_still_prints_the_summary(tmp_path, jobs):
    for number in range(6):
        (tmp_path / f"a{number}.xml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "stop.xml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "z.xml").write_bytes(EXAMPLE.read_bytes())
    result = domxml("roundtrip", tmp_path, "-j", jobs,
                    patch=INTERRUPT_AT.format(worker=jobs != "1"))
    assert "interrupted after" in assert_one_error_line(result, status=130)
    files, lossless, failed = summary(result)
    assert files < 8 and lossless == files and failed == 0


UNWRITABLE = """
import mapping.roundtrip as rt
from mapping import SerializeError
real = rt.to_xml
def to_xml(entity, *args, **kwargs):
    if entity.name == "server-vm":
        raise SerializeError("Domain.devices.disks[0].source: not a Source\\nbut an int")
    return real(entity, *args, **kwargs)
rt.to_xml = to_xml
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_that_reads_but_cannot_be_written_is_one_fail_line(tmp_path, jobs):
    (tmp_path / "a.xml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "b.xml").write_text("<domain type='kvm'><name>other</name></domain>")
    result = domxml("roundtrip", tmp_path, "-j", jobs, patch=UNWRITABLE)
    assert result.returncode == 1 and summary(result) == (2, 1, 1), result.stdout
    assert fail_lines(result) == [f"FAIL {tmp_path / 'a.xml'}: error: Domain.devices.disks[0]"
                                  ".source: not a Source; but an int"]


def test_the_coverage_tool_names_a_missing_path_in_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mapping.coverage", str(tmp_path / "nope"),
                             str(PROJECT / "examples")], capture_output=True, text=True,
                            cwd=PROJECT, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"error: {tmp_path / 'nope'}: No such file or directory" in result.stdout
    assert "55/55 occurrences" in result.stdout

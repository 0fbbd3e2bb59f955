"""`domxml roundtrip --report`: files by directory, errors apart from losses, each file's
untyped paths and byte fidelity (the JSON shape is documented in `mapping.roundtrip_report`)."""
from __future__ import annotations

import json

import pytest

from mapping import roundtrip, roundtrip_report
from tests.test_cli import EXAMPLE, domxml

UNKNOWN = ("<domain type='kvm'><name>odd</name><frobnicate level='3'><knob/></frobnicate>"
           "<frobnicate level='4'/></domain>\n")
LATIN = ("<?xml version='1.0' encoding='ISO-8859-1'?>\n<domain type='kvm'>"
         "<name>caf\u00e9</name></domain>\n").encode("latin-1")


@pytest.fixture
def folder(tmp_path):
    """good/ a lossless file; odd/ unknown XML, a malformed file, a Latin-1 file."""
    (tmp_path / "good").mkdir()
    (tmp_path / "odd").mkdir()
    (tmp_path / "good" / "server.xml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "odd" / "unknown.xml").write_text(UNKNOWN)
    (tmp_path / "odd" / "broken.xml").write_text("<domain><name>x</domain>")
    (tmp_path / "odd" / "latin.xml").write_bytes(LATIN)
    return tmp_path


def rows_by_name(data: dict) -> dict:
    return {row["path"].rsplit("/", 1)[-1]: row for row in data["files"]}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_json_report_has_status_fidelity_untyped_paths_and_directories(folder, jobs):
    report = folder / "r.json"
    result = domxml("roundtrip", folder, "-j", jobs, "--report", report)
    assert result.returncode == 1, result.stdout + result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["format"] == "domxml-roundtrip-report" and data["version"] == 2

    rows = rows_by_name(data)
    assert [row["path"] for row in data["files"]] == [
        str(folder / "good" / "server.xml"), str(folder / "odd" / "broken.xml"),
        str(folder / "odd" / "latin.xml"), str(folder / "odd" / "unknown.xml")]
    for row in data["files"]:
        assert set(row) == {"path", "directory", "status", "lossless", "difference",
                            "identical", "first_changed", "total", "typed", "untyped",
                            "seconds", "internal", "placeholders"}
        assert row["placeholders"] == 0      # (counted with --engine only)

    good = rows["server.xml"]
    assert good["status"] == "lossless" and good["identical"] and good["untyped"] == {}
    assert good["first_changed"] is None and good["typed"] == good["total"] > 0
    assert good["directory"] == str(folder / "good")

    unknown = rows["unknown.xml"]
    assert unknown["status"] == "lossless" and unknown["identical"]
    assert unknown["untyped"] == {"domain/frobnicate": 2, "domain/frobnicate/@level": 2,
                                  "domain/frobnicate/knob": 1}
    assert unknown["total"] - unknown["typed"] == 5

    broken = rows["broken.xml"]
    assert broken["status"] == "error" and not broken["lossless"]
    assert broken["difference"].startswith("error: ") and broken["untyped"] == {}
    assert not broken["identical"] and broken["first_changed"] is None

    latin = rows["latin.xml"]
    assert latin["status"] == "lossless" and not latin["identical"]
    assert latin["first_changed"] == "line 1: <?xml version='1.0' encoding='ISO-8859-1'?>"

    totals = data["summary"]
    assert (totals["files"], totals["lossless"], totals["byte_identical"], totals["failed"],
            totals["losses"], totals["errors"], totals["internal_errors"]) == (4, 3, 2, 1, 0,
                                                                              1, 0)
    assert totals["untyped_occurrences"] == totals["occurrences"] - totals["typed_occurrences"]
    assert totals["untyped_occurrences"] == 5

    groups = {group["directory"]: group for group in data["directories"]}
    assert list(groups) == [str(folder / "good"), str(folder / "odd")]
    assert groups[str(folder / "good")]["files"] == [str(folder / "good" / "server.xml")]
    odd = groups[str(folder / "odd")]
    assert odd["files"] == [str(folder / "odd" / name)
                            for name in ("broken.xml", "latin.xml", "unknown.xml")]
    assert (odd["lossless"], odd["byte_identical"]) == (2, 1)
    assert odd["errors"] == [str(folder / "odd" / "broken.xml")]
    assert odd["losses"] == [] and odd["internal_errors"] == []
    assert odd["untyped"] == unknown["untyped"]
    assert odd["occurrences"] - odd["typed_occurrences"] == 5


def test_a_loss_is_kept_apart_from_an_error():
    loss = roundtrip.FileResult("a/lost.xml", False, "domain/name: text differs", 3, 3, 0.0)
    error = roundtrip.failure("a/bad.xml", "not well-formed")
    bug = roundtrip.failure("b/bug.xml", TypeError("t"))
    assert (loss.status, error.status, bug.status) == ("loss", "error", "internal_error")
    groups = roundtrip_report.directories([loss, error, bug])
    assert [(g["directory"], g["losses"], g["errors"], g["internal_errors"]) for g in groups] == [
        ("a", ["a/lost.xml"], ["a/bad.xml"], []), ("b", [], [], ["b/bug.xml"])]
    totals = roundtrip_report.summary([loss, error, bug], 0.0)
    assert (totals["losses"], totals["errors"], totals["internal_errors"],
            totals["failed"]) == (1, 1, 1, 3)


def test_html_report_shows_directories_untyped_paths_and_errors_apart(folder):
    report = folder / "r.html"
    result = domxml("roundtrip", folder, "--report", report)
    assert result.returncode == 1, result.stdout + result.stderr
    page = report.read_text(encoding="utf-8")
    assert page.count("<section class='directory'>") == 2
    good_at = page.index(f"<h2>{folder / 'good'}</h2>")
    odd_at = page.index(f"<h2>{folder / 'odd'}</h2>")
    assert good_at < page.index("server.xml") < odd_at < page.index("unknown.xml")
    assert "<code>domain/frobnicate/@level</code> &times;2" in page
    assert "<code>domain/frobnicate/knob</code>" in page
    assert "no: <code>line 1: &lt;?xml version=&#x27;1.0&#x27;" in page
    errors_at = page.index("<h2>Errors: files that could not be checked</h2>")
    assert f"<li><code>{folder / 'odd' / 'broken.xml'}</code>: error: " in page[errors_at:]
    assert "<h2>Losses" not in page
    assert "4 files, 3 lossless, 2 byte-identical, 1 failed (0 losses, 1 errors" in page


def test_html_report_shows_a_loss_beside_its_input(tmp_path):
    lost = roundtrip.FileResult(str(tmp_path / "lost.xml"), False, "domain/name: differs",
                                2, 2, 0.0, written="<domain><name>y</name></domain>")
    (tmp_path / "lost.xml").write_text("<domain><name>x</name></domain>")
    target = tmp_path / "r.html"
    roundtrip_report.write_html_report(target, [lost], roundtrip_report.summary([lost], 0.0))
    page = target.read_text(encoding="utf-8")
    assert "<h2>Losses: written back, but not the same document</h2>" in page
    assert "Errors:" not in page and "table class=\"diff\"" in page
    assert "<td class='loss'>loss</td>" in page

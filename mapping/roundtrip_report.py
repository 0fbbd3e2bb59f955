"""The reports of a round-trip run (`domxml roundtrip`): the summary, its line, and the
JSON and HTML reports of `--report`.

The JSON report (`--report r.json`), a stable shape: new keys may be added, none of these
is renamed or removed::

    {"format": "domxml-roundtrip-report", "version": 2,
     "summary": {"files", "lossless", "byte_identical", "failed", "losses", "errors",
                 "internal_errors", "typed_share", "typed_occurrences", "occurrences",
                 "untyped_occurrences", "seconds", "engine", "placeholders"},
     "files": [{"path", "directory", "status", "lossless", "difference", "identical",
                "first_changed", "total", "typed", "untyped": {PATH: COUNT}, "seconds",
                "internal", "placeholders"}, ...],   # one per file, in the order checked
     "directories": [{"directory", "files": [PATH, ...], "lossless", "byte_identical",
                      "losses": [PATH, ...], "errors": [PATH, ...],
                      "internal_errors": [PATH, ...], "typed_occurrences", "occurrences",
                      "untyped": {PATH: COUNT}}, ...]}

`engine` says the files were read as the oVirt engine writes them (`domxml roundtrip
--engine`: `from_engine_xml`, its placeholders as placeholders, written back as their
wire text); `placeholders` counts those met (0 without `engine`).
`directory` is the file's parent as given (`.` for a bare name); directories come in the
order their first file was checked, and list their files in that order. `difference` is
the first difference (a loss) or the reason (an error); `first_changed` is the first line
that differs when `identical` is false (null for a file that could not be checked).
The HTML report shows the same: per directory, each file's status, byte fidelity and
untyped paths; then the errors, apart from the losses, and each loss beside its input.
"""
from __future__ import annotations

import difflib
import html
import json
from pathlib import Path
from typing import Any

from lxml import etree

from .cli import describe, printable
from .core.xmlio import parse_document
from .roundtrip import FileResult


def summary(results: list[FileResult], seconds: float, engine: bool = False) -> dict[str, Any]:
    """The totals of a run; `engine`: the files were read as the engine writes them."""
    total = sum(r.total for r in results)
    typed = sum(r.typed for r in results)
    return {
        "files": len(results),
        "lossless": sum(r.lossless for r in results),
        "byte_identical": sum(r.identical for r in results),
        "failed": sum(not r.lossless for r in results),
        "typed_share": typed / total if total else 1.0,
        "typed_occurrences": typed,
        "occurrences": total,
        "seconds": round(seconds, 3),
        "internal_errors": sum(r.internal for r in results),
        "losses": sum(r.status == "loss" for r in results),
        "errors": sum(r.status == "error" for r in results),
        "untyped_occurrences": total - typed,
        "engine": engine,
        "placeholders": sum(r.placeholders for r in results),
    }


def summary_line(totals: dict[str, Any]) -> str:
    met = (f", {totals['placeholders']} oVirt placeholders" if totals.get("engine") else "")
    return (f"{totals['files']} files, {totals['lossless']} lossless, "
            f"{totals['byte_identical']} byte-identical, {totals['failed']} failed{met}, "
            f"typed {totals['typed_share']:.2%} of {totals['occurrences']} "
            f"element/attribute occurrences, {totals['seconds']:.2f}s")


def report_row(result: FileResult) -> dict[str, Any]:
    """One file's entry in the JSON report (the shape is in the module docstring)."""
    return {"path": result.path, "directory": result.directory, "status": result.status,
            "lossless": result.lossless, "difference": result.difference,
            "identical": result.identical, "first_changed": result.first_changed,
            "total": result.total, "typed": result.typed, "untyped": dict(result.untyped),
            "seconds": result.seconds, "internal": result.internal,
            "placeholders": result.placeholders}


def directories(results: list[FileResult]) -> list[dict[str, Any]]:
    """The results grouped by directory, in the order each directory first comes."""
    groups: dict[str, dict[str, Any]] = {}
    for result in results:
        group = groups.get(result.directory)
        if group is None:
            group = groups[result.directory] = {
                "directory": result.directory, "files": [], "lossless": 0,
                "byte_identical": 0, "losses": [], "errors": [], "internal_errors": [],
                "typed_occurrences": 0, "occurrences": 0, "untyped": {}}
        group["files"].append(result.path)
        group["lossless"] += result.lossless
        group["byte_identical"] += result.identical
        if result.status != "lossless":
            group[{"loss": "losses", "error": "errors"}.get(result.status,
                                                            "internal_errors")].append(result.path)
        group["typed_occurrences"] += result.typed
        group["occurrences"] += result.total
        for key, count in result.untyped.items():
            group["untyped"][key] = group["untyped"].get(key, 0) + count
    for group in groups.values():
        group["untyped"] = dict(sorted(group["untyped"].items()))
    return list(groups.values())


def write_json_report(target: Path, results: list[FileResult],
                      totals: dict[str, Any]) -> None:
    document = {"format": "domxml-roundtrip-report", "version": 2, "summary": totals,
                "files": [report_row(r) for r in results], "directories": directories(results)}
    target.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def _pretty_lines(data: str | bytes) -> list[str]:
    try:
        root = parse_document(data)
    except Exception:      # the report shows whatever the file holds, as text
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        return text.splitlines()
    for node in root.iter():
        # (XML's white space only: a no-break space is content, and shown)
        if node.text is not None and not node.text.strip(" \t\n\r"):
            node.text = None
        if node.tail is not None and not node.tail.strip(" \t\n\r"):
            node.tail = None
    etree.indent(root, space="  ")
    written: str = etree.tostring(root, encoding="unicode")
    return written.splitlines()


def _h(text: str) -> str:
    return html.escape(printable(text))


def _untyped_html(untyped: dict[str, int]) -> str:
    return "<br>".join(f"<code>{_h(key)}</code>" + (f" &times;{count}" if count > 1 else "")
                       for key, count in untyped.items()) or "&ndash;"


def write_html_report(target: Path, results: list[FileResult],
                      totals: dict[str, Any]) -> None:
    """A page with the summary; per directory, each file's status, byte fidelity and
    untyped paths; then the errors, and each loss with its input beside its output."""
    differ = difflib.HtmlDiff(wrapcolumn=80)
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>domxml roundtrip</title>",
        "<style>body{font-family:sans-serif;margin:2em} table.diff{font-family:monospace;"
        "font-size:12px;border:1px solid #ccc} .diff_add{background:#cfc}"
        ".diff_chg{background:#ffa}.diff_sub{background:#fcc} h2{font-size:1.1em}"
        "h3{font-size:1em} code{background:#eee;padding:0 .3em}"
        "table.files{border-collapse:collapse;font-size:13px}"
        "table.files td,table.files th{border:1px solid #ccc;padding:.2em .5em;"
        "vertical-align:top;text-align:left} .lossless{color:#070} .loss{color:#a00}"
        ".error,.internal_error{color:#a50}</style></head><body>",
        "<h1>domxml roundtrip</h1>",
        f"<p>{totals['files']} files, {totals['lossless']} lossless, "
        f"{totals['byte_identical']} byte-identical, {totals['failed']} failed "
        f"({totals['losses']} losses, {totals['errors']} errors, "
        f"{totals['internal_errors']} internal errors); typed share "
        f"{totals['typed_share']:.2%} of {totals['occurrences']} occurrences "
        f"({totals['untyped_occurrences']} untyped); {totals['seconds']} s"
        + (f"; read as the engine writes them: {totals['placeholders']} oVirt placeholders"
           if totals.get("engine") else "") + "</p>",
    ]
    for group in directories(results):
        share = (group["typed_occurrences"] / group["occurrences"]
                 if group["occurrences"] else 1.0)
        parts.append(
            f"<section class='directory'><h2>{_h(group['directory'])}</h2><p>"
            f"{len(group['files'])} files, {group['lossless']} lossless, "
            f"{group['byte_identical']} byte-identical, {len(group['losses'])} losses, "
            f"{len(group['errors'])} errors, {len(group['internal_errors'])} internal "
            f"errors; typed share {share:.2%}</p>")
        parts.append("<table class='files'><tr><th>file</th><th>status</th>"
                     "<th>byte-identical</th><th>typed</th><th>untyped paths</th></tr>")
        for result in results:
            if result.directory != group["directory"]:
                continue
            fidelity = ("yes" if result.identical else
                        f"no: <code>{_h(result.first_changed)}</code>" if result.first_changed
                        else "&ndash;")
            parts.append(
                f"<tr><td>{_h(Path(result.path).name)}</td>"
                f"<td class='{result.status}'>{result.status.replace('_', ' ')}</td>"
                f"<td>{fidelity}</td><td>{result.typed}/{result.total}</td>"
                f"<td>{_untyped_html(result.untyped)}</td></tr>")
        parts.append("</table></section>")
    errors = [r for r in results if r.status in ("error", "internal_error")]
    if errors:
        parts.append("<h2>Errors: files that could not be checked</h2><ul class='errors'>")
        parts += [f"<li><code>{_h(r.path)}</code>: {_h(r.difference or '')}"
                  f"{' (internal error)' if r.internal else ''}</li>" for r in errors]
        parts.append("</ul>")
    losses = [r for r in results if r.status == "loss"]
    if losses:
        parts.append("<h2>Losses: written back, but not the same document</h2>")
    for result in losses:
        parts.append(f"<h3>{_h(result.path)}</h3><p>first difference: "
                     f"<code>{_h(result.difference or '')}</code></p>")
        if result.written is not None:
            parts.append(_side_by_side(differ, result))
    if totals["failed"] == 0:
        parts.append("<p>Every file round-tripped losslessly.</p>")
    parts.append("</body></html>")
    target.write_text("\n".join(parts), encoding="utf-8", errors="backslashreplace")


def _side_by_side(differ: difflib.HtmlDiff, result: FileResult) -> str:
    try:
        original = _pretty_lines(Path(result.path).read_bytes())
    except OSError as err:     # gone or unreadable since it was checked
        return f"<p>input not shown: {html.escape(describe(err))}</p>"
    return differ.make_table(original, _pretty_lines(result.written or ""), "input",
                             "written back", context=True, numlines=3)

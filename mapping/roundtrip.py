"""The round-trip check behind `domxml roundtrip`: lossless, typed share, timing.

Each file is parsed (unknown XML preserved) and written back; the two documents must be
equal (see `mapping.compare`). The typed share counts the element and attribute
occurrences that survive a parse with `unknown="ignore"`.
"""
from __future__ import annotations

import difflib
import html
import json
import os
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from lxml import etree

from . import MappingError, from_xml, to_xml
from .compare import first_difference
from .core.xmlio import parse_document
from .coverage import occurrences


@dataclass
class FileResult:
    path: str
    lossless: bool
    difference: str | None
    total: int
    typed: int
    seconds: float
    written: str | None = None


def check_file(path: str | Path, keep_output: bool = False) -> FileResult:
    """Round-trip one file."""
    started = time.perf_counter()
    total = typed = 0
    written = None
    try:
        data = Path(path).read_bytes()
        written = to_xml(from_xml(data))
        difference = first_difference(data, written)
        original = occurrences(parse_document(data))
        kept = occurrences(parse_document(to_xml(from_xml(data, unknown="ignore"))))
        total = sum(original.values())
        typed = sum(min(count, kept.get(key, 0)) for key, count in original.items())
    except (MappingError, OSError) as err:
        difference = f"error: {err}"
    return FileResult(str(path), difference is None, difference, total, typed,
                      time.perf_counter() - started,
                      written if keep_output and difference else None)


def xml_files(paths: Iterable[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(path.rglob("*.xml"))
        elif path.exists():
            found.append(path)
        else:
            raise MappingError(f"{name}: no such file or directory")
    return found


def _progress(done: int, total: int, failed: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
                     f"  failed: {failed}")
    sys.stderr.flush()


def run(files: list[Path], jobs: int = 1, keep_output: bool = False,
        progress: bool = False) -> list[FileResult]:
    """Round-trip many files, in `jobs` processes; results in the order of `files`."""
    results: list[FileResult] = []
    show = progress and sys.stderr.isatty()
    if jobs > 1 and len(files) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            chunk = max(1, len(files) // (jobs * 8))
            for result in pool.map(check_file, files, [keep_output] * len(files),
                                   chunksize=chunk):
                results.append(result)
                if show:
                    _progress(len(results), len(files), sum(not r.lossless for r in results))
    else:
        for path in files:
            results.append(check_file(path, keep_output))
            if show:
                _progress(len(results), len(files), sum(not r.lossless for r in results))
    if show:
        sys.stderr.write("\n")
    return results


def summary(results: list[FileResult], seconds: float) -> dict:
    total = sum(r.total for r in results)
    typed = sum(r.typed for r in results)
    return {
        "files": len(results),
        "lossless": sum(r.lossless for r in results),
        "failed": sum(not r.lossless for r in results),
        "typed_share": typed / total if total else 1.0,
        "typed_occurrences": typed,
        "occurrences": total,
        "seconds": round(seconds, 3),
    }


def write_json_report(target: Path, results: list[FileResult], totals: dict) -> None:
    rows = [{key: value for key, value in asdict(r).items() if key != "written"}
            for r in results]
    target.write_text(json.dumps({"summary": totals, "files": rows}, indent=2) + "\n")


def _pretty_lines(data: str | bytes) -> list[str]:
    try:
        root = parse_document(data)
    except MappingError:
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        return text.splitlines()
    for node in root.iter():
        if node.text is not None and not node.text.strip():
            node.text = None
        if node.tail is not None and not node.tail.strip():
            node.tail = None
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode").splitlines()


def write_html_report(target: Path, results: list[FileResult], totals: dict) -> None:
    """A page with the summary and, for each failure, the input beside the output."""
    differ = difflib.HtmlDiff(wrapcolumn=80)
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>domxml roundtrip</title>",
        "<style>body{font-family:sans-serif;margin:2em} table.diff{font-family:monospace;"
        "font-size:12px;border:1px solid #ccc} .diff_add{background:#cfc}"
        ".diff_chg{background:#ffa}.diff_sub{background:#fcc} h2{font-size:1.1em}"
        "code{background:#eee;padding:0 .3em}</style></head><body>",
        "<h1>domxml roundtrip</h1>",
        f"<p>{totals['files']} files, {totals['lossless']} lossless, {totals['failed']} "
        f"failed; typed share {totals['typed_share']:.2%}; {totals['seconds']} s</p>",
    ]
    for result in results:
        if result.lossless:
            continue
        parts.append(f"<h2>{html.escape(result.path)}</h2><p>first difference: "
                     f"<code>{html.escape(result.difference or '')}</code></p>")
        if result.written is not None:
            original = _pretty_lines(Path(result.path).read_bytes())
            parts.append(differ.make_table(original, _pretty_lines(result.written),
                                           "input", "written back", context=True, numlines=3))
    if totals["failed"] == 0:
        parts.append("<p>Every file round-tripped losslessly.</p>")
    parts.append("</body></html>")
    target.write_text("\n".join(parts))


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))

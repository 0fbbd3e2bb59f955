"""The round-trip check behind `domxml roundtrip`: lossless, byte-identical, typed share,
timing.

Each file is parsed (unknown XML preserved) and written back in libvirt's style; the two
documents must be equal (see `mapping.compare`): that is lossless. Byte-identical: the
entity written in the style of its source (the default of `to_xml`) is the file's bytes.
The typed share counts the element and attribute occurrences that survive a parse with
`unknown="ignore"`.

Whatever happens to one file (an error, a bug, a worker process that dies, a file that
cannot be read) is that file's failure: the other files are still checked and the summary
still comes.
"""
from __future__ import annotations

import difflib
import html
import json
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass
from multiprocessing.sharedctypes import RawArray
from pathlib import Path

from lxml import etree

from . import from_xml, to_xml
from .cli import describe, is_internal, printable
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
    internal: bool = False      # the failure is a bug (an exception not raised on purpose)
    identical: bool = False     # written in its own style, the file comes back byte for byte
    first_changed: str | None = None   # when not: the first line that differs


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a run: carries the results of the files checked until then."""

    def __init__(self, results: list[FileResult], total: int, indexes: list[int] = ()):
        super().__init__()
        self.results, self.total, self.indexes = results, total, list(indexes)


def failure(path: str | Path, err: BaseException | str, seconds: float = 0.0) -> FileResult:
    """The result of a file that could not be checked, with its one-line reason."""
    internal = isinstance(err, BaseException) and is_internal(err)
    if isinstance(err, OSError) and err.strerror and err.filename == str(path):
        reason = printable(err.strerror)     # the line starts with the path already
    else:
        reason = err if isinstance(err, str) else describe(err)
    return FileResult(str(path), False, reason if internal else f"error: {reason}", 0, 0,
                      seconds, internal=internal)


def check_file(path: str | Path, keep_output: bool = False) -> FileResult:
    """Round-trip one file; never raises (but DOMXML_DEBUG=1 lets a bug through)."""
    started = time.perf_counter()
    try:
        data = Path(path).read_bytes()
        entity = from_xml(data)
        written = to_xml(entity, style="libvirt")
        difference = first_difference(data, written)
        faithful = to_xml(entity).encode()
        original = occurrences(parse_document(data))
        kept = occurrences(parse_document(to_xml(from_xml(data, unknown="ignore"))))
    except Exception as err:
        if os.environ.get("DOMXML_DEBUG") and is_internal(err):
            raise
        return failure(path, err, time.perf_counter() - started)
    total = sum(original.values())
    typed = sum(min(count, kept.get(key, 0)) for key, count in original.items())
    return FileResult(str(path), difference is None, difference, total, typed,
                      time.perf_counter() - started,
                      written if keep_output and difference else None,
                      identical=faithful == data,
                      first_changed=None if faithful == data else _first_changed(data, faithful))


def _first_changed(data: bytes, written: bytes) -> str:
    """`line N: <what the file has>` for the first line the written text changes."""
    ours, theirs = written.splitlines(keepends=True), data.splitlines(keepends=True)
    for number, (mine, yours) in enumerate(zip(ours, theirs), 1):
        if mine != yours:
            return f"line {number}: {printable(yours.decode('utf-8', 'replace').rstrip())}"
    shorter = min(len(ours), len(theirs))
    return f"line {shorter + 1}: the {'file' if len(theirs) > len(ours) else 'output'} goes on"


def _listing(folder: Path, seen: set) -> list | None:
    """The entries of `folder`, or None when it was seen already (a symlink loop)."""
    info = folder.stat()
    if (info.st_dev, info.st_ino) in seen:
        return None
    seen.add((info.st_dev, info.st_ino))
    with os.scandir(folder) as entries:
        return list(entries)


def _walk(folder: Path, found: list) -> None:
    """Every *.xml under `folder` into `found` (sorted), following symlinked folders
    once each; a folder or file that cannot be listed or read is a failure, not skipped."""
    seen: set = set()
    hits: list = []
    stack = [folder]          # a loop, not recursion: depth is the file system's
    while stack:
        current = stack.pop()
        try:
            entries = _listing(current, seen)
        except OSError as err:
            hits.append((str(current), failure(current, err)))
            continue
        for entry in entries or ():
            xml = entry.name.endswith(".xml")
            try:
                if entry.is_dir():
                    stack.append(Path(entry.path))
                elif xml and entry.is_file():
                    hits.append((entry.path, Path(entry.path)))
                elif xml:
                    os.stat(entry.path)       # a broken link says so here
                    hits.append((entry.path, failure(entry.path, "not a regular file")))
            except OSError as err:
                if xml:
                    hits.append((entry.path, failure(entry.path, err)))
    found += [entry for _, entry in sorted(hits, key=lambda hit: hit[0].split(os.sep))]


def gather(paths: Iterable[str]) -> list[Path | FileResult]:
    """The files to check under `paths`, in order; a FileResult stands for a path that
    cannot be checked at all (missing, unreadable folder, not a file)."""
    found: list[Path | FileResult] = []
    for name in paths:
        path = Path(name)
        try:
            if path.is_dir():
                _walk(path, found)
                continue
            path.stat()
        except OSError as err:
            found.append(failure(path, err))
            continue
        found.append(path)
    return found


def xml_files(paths: Iterable[str]) -> list[Path]:
    return [entry for entry in gather(paths) if isinstance(entry, Path)]


def check_paths(paths: Iterable[str], jobs: int = 1, keep_output: bool = False,
                progress: bool = False) -> list[FileResult]:
    """`gather` then `run`: one result per file found and per path that failed."""
    entries = gather(paths)
    files = [entry for entry in entries if isinstance(entry, Path)]
    try:
        checked = iter(run(files, jobs, keep_output, progress))
    except Interrupted as stop:      # the failures found so far and the files checked
        at = [position for position, entry in enumerate(entries) if isinstance(entry, Path)]
        picked = {at[index]: result for index, result in zip(stop.indexes, stop.results)}
        raise Interrupted([picked.get(position, entry) for position, entry in enumerate(entries)
                           if position in picked or isinstance(entry, FileResult)],
                          len(entries)) from None
    return [entry if isinstance(entry, FileResult) else next(checked) for entry in entries]


class _Progress:
    def __init__(self, total: int, show: bool):
        self.total, self.done, self.failed = total, 0, 0
        self.show = show and sys.stderr.isatty()

    def __call__(self, result: FileResult) -> None:
        self.done += 1
        self.failed += not result.lossless
        if self.show:
            filled = 30 * self.done // max(self.total, 1)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/"
                             f"{self.total}  failed: {self.failed}")
            sys.stderr.flush()

    def end(self) -> None:
        if self.show:
            sys.stderr.write("\n")


def run(files: list[Path], jobs: int = 1, keep_output: bool = False,
        progress: bool = False) -> list[FileResult]:
    """Round-trip many files, in `jobs` processes; results in the order of `files`.
    Ctrl-C raises `Interrupted` with the results of the files checked so far."""
    done: dict[int, FileResult] = {}
    tally = _Progress(len(files), progress)
    try:
        if jobs > 1 and len(files) > 1:
            _parallel(files, jobs, keep_output, done, tally)
        for index, path in enumerate(files):     # all of them, or what workers could not
            if index not in done:
                done[index] = _guarded(path, keep_output)
                tally(done[index])
    except KeyboardInterrupt:
        indexes = sorted(done)
        raise Interrupted([done[i] for i in indexes], len(files), indexes) from None
    finally:
        tally.end()
    return [done[index] for index in range(len(files))]


_states = None    # in a worker: per file 1 = started, 2 = finished (read after a crash)
DIED = "a worker process died checking this file (a crash, or killed: out of memory?)"


def _worker_start(states) -> None:
    global _states
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C is the parent's to handle
    _states = states


def _check_chunk(chunk: list[tuple[int, Path]], keep_output: bool) -> list[FileResult]:
    results = []
    for index, path in chunk:
        _states[index] = 1
        try:
            results.append(check_file(path, keep_output))
        except BaseException as err:     # a bug that even exits is still one file's result
            if os.environ.get("DOMXML_DEBUG"):
                traceback.print_exc()
            results.append(failure(path, err))
        _states[index] = 2
    return results


def _guarded(path: Path, keep_output: bool) -> FileResult:
    """check_file in this process: a bug around it is still only this file's failure."""
    try:
        return check_file(path, keep_output)
    except Exception as err:
        if os.environ.get("DOMXML_DEBUG"):
            raise
        return failure(path, err)


def _stop(pool: ProcessPoolExecutor, now: bool) -> None:
    if now:      # interrupted: do not wait for the chunks being checked
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
    pool.shutdown(wait=not now, cancel_futures=True)


def _round(files: list[Path], todo: list[int], jobs: int, keep_output: bool,
           done: dict, tally: Callable) -> tuple[list[int], list[int]]:
    """One pool over `todo`; returns the files lost to a dead worker: those not started,
    and those started (one of which killed it)."""
    states = RawArray("b", len(files))
    pool = ProcessPoolExecutor(min(jobs, len(todo)), initializer=_worker_start,
                               initargs=(states,))
    size = max(1, len(todo) // (jobs * 8))
    try:
        futures = {}
        for at in range(0, len(todo), size):
            chunk = todo[at:at + size]
            try:
                futures[pool.submit(_check_chunk, [(i, files[i]) for i in chunk],
                                    keep_output)] = chunk
            except BrokenProcessPool:   # a worker died while chunks were handed out:
                break                   # the rest are not started, and go to the next round
        for future in as_completed(futures):
            try:
                results = future.result()
            except BrokenProcessPool:
                continue
            except Exception as err:       # e.g. a result that would not pickle
                results = [failure(files[i], err) for i in futures[future]]
            for index, result in zip(futures[future], results):
                done[index] = result
                tally(result)
    except BaseException:
        _stop(pool, now=True)
        raise
    _stop(pool, now=False)
    lost = [index for index in todo if index not in done]
    return [i for i in lost if states[i] != 1], [i for i in lost if states[i] == 1]


def _alone(files: list[Path], index: int, keep_output: bool) -> FileResult:
    """Check one file in a worker of its own: if that dies, this file killed it."""
    pool = ProcessPoolExecutor(1, initializer=_worker_start,
                               initargs=(RawArray("b", len(files)),))
    try:
        return pool.submit(_check_chunk, [(index, files[index])], keep_output).result()[0]
    except BrokenProcessPool:
        return failure(files[index], DIED)
    finally:
        _stop(pool, now=True)


def _parallel(files: list[Path], jobs: int, keep_output: bool, done: dict,
              tally: Callable) -> None:
    """Fill `done` using worker processes. A dead worker costs only the file that killed
    it: files not started are checked again, started ones again each alone."""
    todo, idle_breaks = list(range(len(files))), 0
    while todo and idle_breaks < 2:
        try:
            todo, suspects = _round(files, todo, jobs, keep_output, done, tally)
        except (OSError, NotImplementedError, ImportError) as err:
            print(f"domxml: no worker processes ({describe(err)}): checking the rest in this "
                  "process", file=sys.stderr)
            return
        idle_breaks += not suspects and bool(todo)     # died before any file: twice, stop
        for index in suspects:
            done[index] = _alone(files, index, keep_output)
            tally(done[index])


def summary(results: list[FileResult], seconds: float) -> dict:
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
    }


def summary_line(totals: dict) -> str:
    return (f"{totals['files']} files, {totals['lossless']} lossless, "
            f"{totals['byte_identical']} byte-identical, {totals['failed']} failed, typed {totals['typed_share']:.2%} of {totals['occurrences']} "
            f"element/attribute occurrences, {totals['seconds']:.2f}s")


def write_json_report(target: Path, results: list[FileResult], totals: dict) -> None:
    rows = [{key: value for key, value in asdict(r).items() if key != "written"}
            for r in results]
    target.write_text(json.dumps({"summary": totals, "files": rows}, indent=2) + "\n",
                      encoding="utf-8")


def _pretty_lines(data: str | bytes) -> list[str]:
    try:
        root = parse_document(data)
    except Exception:      # the report shows whatever the file holds, as text
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
        parts.append(f"<h2>{html.escape(printable(result.path))}</h2><p>first difference: "
                     f"<code>{html.escape(result.difference or '')}</code></p>")
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


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))

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

Each file has a status: "lossless"; "loss" (read and written, but the output differs);
"error" (it could not be checked: unreadable, malformed, not a document of the model, or
it could not be written); "internal_error" (a bug). Its untyped paths are the element and
attribute occurrences (by path of local names, as `mapping.coverage` counts them) that a
parse with `unknown="ignore"` drops, with how many of each.

The reports (summary line, JSON and HTML): `mapping.roundtrip_report`.

Worker processes (`jobs`): at most one per CPU this process may use (each worker
generates the readers and writers it needs, ~1 s of CPU for the whole model: more workers
than CPUs only add that cost and compete), fed chunks of at most 64 files.
"""
from __future__ import annotations

import os
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.sharedctypes import RawArray
from pathlib import Path
from typing import Any

from . import from_xml, to_xml
from .cli import describe, is_internal, printable
from .compare import first_difference
from .core.xmlio import parse_document
from .coverage import ShareReport, occurrences

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
    error: bool = False         # it could not be checked (read, parse or write failed)
    untyped: dict[str, int] = field(default_factory=dict)   # path -> occurrences dropped
    placeholders: int = 0       # read with `engine`: the oVirt placeholders met

    @property
    def status(self) -> str:
        """"lossless", "loss", "error" or "internal_error" (see the module docstring)."""
        if self.internal:
            return "internal_error"
        if self.lossless:
            return "lossless"
        return "error" if self.error else "loss"

    @property
    def directory(self) -> str:
        return str(Path(self.path).parent)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a run: carries the results of the files checked until then."""

    def __init__(self, results: list[FileResult], total: int, indexes: Sequence[int] = ()):
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
                      seconds, internal=internal, error=not internal)


@dataclass(frozen=True)
class CheckOptions:
    """How each file is checked (sent to the worker processes with each chunk)."""

    keep_output: bool = False   # keep what a loss wrote, for the HTML report
    engine: bool = False        # read as the oVirt engine writes (`from_engine_xml`)


def check_file(path: str | Path, keep_output: bool = False, engine: bool = False) -> FileResult:
    """Round-trip one file; never raises (but DOMXML_DEBUG=1 lets a bug through).
    `engine`: the file is read with `from_engine_xml`, its placeholders counted."""
    started = time.perf_counter()
    try:
        data = Path(path).read_bytes()
        read = _engine_reader() if engine else from_xml
        entity = read(data)
        written = to_xml(entity, style="libvirt")
        difference = first_difference(data, written)
        faithful = to_xml(entity).encode()
        original = occurrences(parse_document(data))
        kept = occurrences(parse_document(to_xml(read(data, unknown="ignore"))))
        placeholders = len(_engine_placeholders(entity)) if engine else 0
    except Exception as err:
        if os.environ.get("DOMXML_DEBUG") and is_internal(err):
            raise
        return failure(path, err, time.perf_counter() - started)
    share = ShareReport()
    share.add("", original, kept, "all")
    return FileResult(str(path), difference is None, difference, share.total, share.typed,
                      time.perf_counter() - started,
                      written if keep_output and difference else None,
                      identical=faithful == data,
                      first_changed=None if faithful == data else _first_changed(data, faithful),
                      untyped={key: count for (_, key), count in sorted(share.untyped.items())},
                      placeholders=placeholders)


def _engine_reader() -> Callable[..., Any]:
    from .ovirt.placeholders import from_engine_xml
    return from_engine_xml


def _engine_placeholders(entity: Any) -> list[Any]:
    from .ovirt.placeholders import unresolved
    return unresolved(entity)


def _first_changed(data: bytes, written: bytes) -> str:
    """`line N: <what the file has>` for the first line the written text changes."""
    ours, theirs = written.splitlines(keepends=True), data.splitlines(keepends=True)
    for number, (mine, yours) in enumerate(zip(ours, theirs), 1):
        if mine != yours:
            return f"line {number}: {printable(yours.decode('utf-8', 'replace').rstrip())}"
    shorter = min(len(ours), len(theirs))
    return f"line {shorter + 1}: the {'file' if len(theirs) > len(ours) else 'output'} goes on"


def _listing(folder: Path, seen: set[tuple[int, int]]) -> list[os.DirEntry[str]] | None:
    """The entries of `folder`, or None when it was seen already (a symlink loop)."""
    info = folder.stat()
    if (info.st_dev, info.st_ino) in seen:
        return None
    seen.add((info.st_dev, info.st_ino))
    with os.scandir(folder) as entries:
        return list(entries)


def _walk(folder: Path, found: list[Path | FileResult]) -> None:
    """Every *.xml under `folder` into `found` (sorted), following symlinked folders
    once each; a folder or file that cannot be listed or read is a failure, not skipped."""
    seen: set[tuple[int, int]] = set()   # (device, inode) of the folders listed
    hits: list[tuple[str, Path | FileResult]] = []
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
                progress: bool = False, engine: bool = False) -> list[FileResult]:
    """`gather` then `run`: one result per file found and per path that failed."""
    entries = gather(paths)
    files = [entry for entry in entries if isinstance(entry, Path)]
    try:
        checked = iter(run(files, jobs, keep_output, progress, engine))
    except Interrupted as stop:      # the failures found so far and the files checked
        at = [position for position, entry in enumerate(entries) if isinstance(entry, Path)]
        picked = {at[index]: result for index, result in zip(stop.indexes, stop.results)}
        raise Interrupted([found for position, entry in enumerate(entries)
                           if isinstance(found := picked.get(position, entry), FileResult)],
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
        progress: bool = False, engine: bool = False) -> list[FileResult]:
    """Round-trip many files, in `jobs` processes; results in the order of `files`.
    Ctrl-C raises `Interrupted` with the results of the files checked so far."""
    how = CheckOptions(keep_output, engine)
    done: dict[int, FileResult] = {}
    tally = _Progress(len(files), progress)
    try:
        if jobs > 1 and len(files) > 1:
            _parallel(files, jobs, how, done, tally)
        for index, path in enumerate(files):     # all of them, or what workers could not
            if index not in done:
                done[index] = _guarded(path, how)
                tally(done[index])
    except KeyboardInterrupt:
        indexes = sorted(done)
        raise Interrupted([done[i] for i in indexes], len(files), indexes) from None
    finally:
        tally.end()
    return [done[index] for index in range(len(files))]


_states: Any = None    # in a worker: per file 1 = started, 2 = finished (read after a crash)
DIED = "a worker process died checking this file (a crash, or killed: out of memory?)"


def _worker_start(states: Any) -> None:   # (a shared array of bytes)
    global _states
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C is the parent's to handle
    _states = states


def _check_chunk(chunk: list[tuple[int, Path]], how: CheckOptions) -> list[FileResult]:
    results = []
    for index, path in chunk:
        _states[index] = 1
        try:
            results.append(check_file(path, how.keep_output, how.engine))
        except BaseException as err:     # a bug that even exits is still one file's result
            if os.environ.get("DOMXML_DEBUG"):
                traceback.print_exc()
            results.append(failure(path, err))
        _states[index] = 2
    return results


def _guarded(path: Path, how: CheckOptions) -> FileResult:
    """check_file in this process: a bug around it is still only this file's failure."""
    try:
        return check_file(path, how.keep_output, how.engine)
    except Exception as err:
        if os.environ.get("DOMXML_DEBUG"):
            raise
        return failure(path, err)


def _stop(pool: ProcessPoolExecutor, now: bool) -> None:
    if now:      # interrupted: do not wait for the chunks being checked
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
    pool.shutdown(wait=not now, cancel_futures=True)


def _round(files: list[Path], todo: list[int], jobs: int, how: CheckOptions,
           done: dict[int, FileResult],
           tally: Callable[[FileResult], None]) -> tuple[list[int], list[int]]:
    """One pool over `todo`; returns the files lost to a dead worker: those not started,
    and those started (one of which killed it)."""
    states = RawArray("b", len(files))
    workers = min(jobs, len(todo))
    pool = ProcessPoolExecutor(workers, initializer=_worker_start, initargs=(states,))
    size = max(1, min(64, len(todo) // (workers * 8)))
    try:
        futures = {}
        for at in range(0, len(todo), size):
            chunk = todo[at:at + size]
            try:
                futures[pool.submit(_check_chunk, [(i, files[i]) for i in chunk],
                                    how)] = chunk
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


def _alone(files: list[Path], index: int, how: CheckOptions) -> FileResult:
    """Check one file in a worker of its own: if that dies, this file killed it."""
    pool = ProcessPoolExecutor(1, initializer=_worker_start,
                               initargs=(RawArray("b", len(files)),))
    try:
        return pool.submit(_check_chunk, [(index, files[index])], how).result()[0]
    except BrokenProcessPool:
        return failure(files[index], DIED)
    finally:
        _stop(pool, now=True)


def _parallel(files: list[Path], jobs: int, how: CheckOptions, done: dict[int, FileResult],
              tally: Callable[[FileResult], None]) -> None:
    """Fill `done` using worker processes. A dead worker costs only the file that killed
    it: files not started are checked again, started ones again each alone."""
    todo, idle_breaks = list(range(len(files))), 0
    jobs = min(jobs, usable_cpus())        # more workers than CPUs only compete
    while todo and idle_breaks < 2:
        try:
            todo, suspects = _round(files, todo, jobs, how, done, tally)
        except (OSError, NotImplementedError, ImportError) as err:
            print(f"domxml: no worker processes ({describe(err)}): checking the rest in this "
                  "process", file=sys.stderr)
            return
        idle_breaks += not suspects and bool(todo)     # died before any file: twice, stop
        for index in suspects:
            done[index] = _alone(files, index, how)
            tally(done[index])


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity, else the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))

"""Time from_xml / to_xml against plain lxml on the same documents, as ratios.

    python benchmarks/bench_core.py [PATH ...] [--repeat N]

PATH defaults to the shared corpus (../shared/corpus/libvirt) when it is there, else to
examples/. Prints a table; it asserts nothing (speed is measured here, not in tests).
"""
from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

from lxml import etree

from mapping import from_xml, to_xml
from mapping.core._safe import safe_parser
from mapping.core.xmlio import from_element, to_element

PROJECT = Path(__file__).resolve().parent.parent


def _documents(paths: list[str]) -> list[bytes]:
    if not paths:
        corpus = PROJECT.parent / "shared" / "corpus" / "libvirt"
        paths = [str(corpus if corpus.exists() else PROJECT / "examples")]
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        files += sorted(path.rglob("*.xml")) if path.is_dir() else [path]
    return [path.read_bytes() for path in files]


def _best(actions: dict, repeat: int) -> dict[str, float]:
    """The fastest of `repeat` runs of each action: the least disturbed by the rest of the
    machine. An action is (prepare, run): `run(prepare())` is timed, not `prepare()`.

    Runs take turns, so that a slow spell of this machine falls on all of them rather than
    on one side of a ratio. Each timed run follows an untimed one of the same action: what
    the previous action left in the allocator (memory freed to the system, to be faulted in
    again) would otherwise be charged to the next one. Writers get objects made afresh for
    each run, as an engine writes what it has just read or built: nothing from an earlier
    run (a string's cached hash, a remembered value) is reused.
    """
    timings: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeat):
        for name, (prepare, run) in actions.items():
            run(prepare())
            given = prepare()
            gc.collect()
            started = time.perf_counter()
            run(given)
            timings[name].append(time.perf_counter() - started)
            del given
    return {name: min(runs) for name, runs in timings.items()}


def measure(documents: list[bytes], repeat: int) -> dict[str, float]:
    parser = safe_parser()

    def same_documents():
        return documents

    def trees():
        return [etree.fromstring(data, parser) for data in documents]

    def entities():
        return [from_xml(data) for data in documents]

    return _best({
        "lxml fromstring": (same_documents, lambda docs: [etree.fromstring(d, parser)
                                                          for d in docs]),
        "from_xml": (same_documents, lambda docs: [from_xml(d) for d in docs]),
        "from_element (map only)": (trees, lambda given: [from_element(t) for t in given]),
        "lxml tostring": (trees, lambda given: [etree.tostring(t) for t in given]),
        "to_xml": (entities, lambda given: [to_xml(e) for e in given]),
        "to_element (build only)": (entities, lambda given: [to_element(e) for e in given]),
    }, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    documents = _documents(args.paths)
    largest = sorted(documents, key=len)[-20:]
    for label, docs in [("all documents", documents), ("20 largest documents", largest)]:
        size = sum(map(len, docs))
        timings = measure(docs, args.repeat)
        print(f"{label}: {len(docs)} files, {size / 1024:.0f} KiB, best of {args.repeat}")
        for name, seconds in timings.items():
            print(f"  {name:26} {seconds * 1000:9.1f} ms  {seconds / len(docs) * 1e6:8.1f} us/doc")
        parse_ratio = timings["from_xml"] / timings["lxml fromstring"]
        write_ratio = timings["to_xml"] / timings["lxml tostring"]
        print(f"  from_xml / lxml fromstring = {parse_ratio:.1f}x")
        print(f"  to_xml   / lxml tostring   = {write_ratio:.1f}x")


if __name__ == "__main__":
    main()

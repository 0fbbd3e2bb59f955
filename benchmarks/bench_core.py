"""Time from_xml / to_xml against plain lxml on the same documents, as ratios.

    python benchmarks/bench_core.py [PATH ...] [--repeat N]

PATH defaults to the shared corpus (../shared/corpus/libvirt) when it is there, else to
examples/. Prints a table; it asserts nothing (speed is measured here, not in tests).
"""
from __future__ import annotations

import argparse
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


def _best(action, repeat: int) -> float:
    """The fastest of `repeat` runs: the least disturbed by the rest of the machine."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings)


def measure(documents: list[bytes], repeat: int) -> dict[str, float]:
    parser = safe_parser()
    trees = [etree.fromstring(data, parser) for data in documents]
    entities = [from_xml(data) for data in documents]
    return {
        "lxml fromstring": _best(lambda: [etree.fromstring(d, parser) for d in documents], repeat),
        "from_xml": _best(lambda: [from_xml(d) for d in documents], repeat),
        "from_element (map only)": _best(lambda: [from_element(etree.fromstring(d, parser))
                                                  for d in documents], repeat),
        "lxml tostring": _best(lambda: [etree.tostring(t) for t in trees], repeat),
        "to_xml": _best(lambda: [to_xml(e) for e in entities], repeat),
        "to_element (build only)": _best(lambda: [to_element(e) for e in entities], repeat),
    }


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

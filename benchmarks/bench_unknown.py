"""What XML the model does not know costs: the same documents with and without it.

    python benchmarks/bench_unknown.py [DIR] [--repeat N]

DIR defaults to the shared corpus's qemuxml2xmloutdata (libvirt's own output). Each
document that maps is taken twice: as it is, and with one unknown child element added to
every device (`<future-knob level='3'/>`, as a newer libvirt would write one). Both sets
are read (`from_xml`) and written (`to_xml`, entities written before: what a poller that
writes what it holds pays) in one process, alternating, and the fastest of `repeat`
rounds is compared: the printed ratios are unknown / known. A third line, `once`, reads
each document and writes the entity once, in libvirt's style: what a host agent that
reads a domain, edits it and writes it back pays (the first write of kept XML checks it;
libvirt's style, as the source's style would compare the text with a source that
`with_unknown` laid out otherwise than libvirt). CPU time of this process is measured,
so other load on the machine counts less. It asserts nothing.

    python benchmarks/bench_unknown.py [DIR] --instructions [--every N]

counts instructions instead (valgrind's callgrind), which a loaded machine does not move:
every Nth document (10), each set and action in a process of its own, run for one pass
and for four, with one hash seed; a pass costs a third of the difference.
"""
from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

UNKNOWN_CHILD = "<future-knob level='3'/>"


def with_unknown(document: bytes) -> bytes:
    """The document with an unknown child added to every device element."""
    from lxml import etree

    root = etree.fromstring(document)
    for devices in root.iter("devices"):
        for device in devices:
            if isinstance(device.tag, str):
                device.append(etree.fromstring(UNKNOWN_CHILD))
    return bytes(etree.tostring(root))


def documents(folder: Path, every: int = 1) -> tuple[list[bytes], list[bytes]]:
    """(as they are, with unknown children) for each document both forms of which map."""
    from mapping import from_xml

    known, unknown = [], []
    for path in sorted(folder.glob("*.xml"))[::every]:
        data = path.read_bytes()
        try:
            changed = with_unknown(data)
            from_xml(data)
            from_xml(changed)
        except Exception:   # a document the model refuses is not this benchmark's subject
            continue
        known.append(data)
        unknown.append(changed)
    return known, unknown


def best(function: Callable[[Any], object], given: list[Any], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        gc.collect()
        started = time.process_time()
        for item in given:
            function(item)
        timings.append(time.process_time() - started)
    return min(timings)


def passes(folder: Path, every: int, kind: str, action: str, count: int) -> None:
    """A worker under callgrind: `count` passes of one action over one set."""
    import mapping.libvirt  # noqa: F401  (registers <domain>)
    from mapping import from_xml, to_xml

    known, unknown = documents(folder, every)
    given = known if kind == "known" else unknown
    entities = [from_xml(data) for data in given]
    for entity in entities:   # (the first write of an entity differs from later ones)
        to_xml(entity)
    gc.collect()
    for _ in range(count):
        if action == "from_xml":
            for data in given:
                from_xml(data)
        elif action == "once":
            for data in given:
                to_xml(from_xml(data), style="libvirt")
        else:
            for entity in entities:
                to_xml(entity)


def instructions(folder: Path, every: int) -> None:
    if shutil.which("valgrind") is None:
        sys.exit("--instructions needs valgrind (apt-get install valgrind)")

    def counted(kind: str, action: str, count: int) -> int:
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
             __file__, str(folder), "--every", str(every), "--worker", kind, action,
             str(count)], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": "0"})   # (the same work in every run)
        return int(re.search(r"Collected : (\d+)", done.stderr).group(1))  # type: ignore[union-attr]

    # One run of each set first, not counted: a process that generates code writes it to
    # the code cache at exit, and the counted run after it would load what the one before
    # made (after an edit of the core, the first count held the whole generation).
    for kind in ("known", "unknown"):
        subprocess.run([sys.executable, __file__, str(folder), "--every", str(every),
                        "--worker", kind, "from_xml", "1"], capture_output=True, check=True)
    print(f"every {every}th document of {folder.name}, one unknown child per device; "
          "instructions per pass (callgrind)")
    for action in ("from_xml", "to_xml", "once"):
        per_pass = {kind: (counted(kind, action, 4) - counted(kind, action, 1)) / 3
                    for kind in ("known", "unknown")}
        print(f"  {action:8} known {per_pass['known'] / 1e6:8.1f}M  unknown "
              f"{per_pass['unknown'] / 1e6:8.1f}M  ratio "
              f"{per_pass['unknown'] / per_pass['known']:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path,
                        default=PROJECT.parent / "shared/corpus/libvirt/qemuxml2xmloutdata")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--every", type=int, default=10)
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)   # (kind, action, count)
    args = parser.parse_args()
    if args.worker:
        kind, action, count = args.worker
        passes(args.folder, args.every, kind, action, int(count))
        return
    if args.instructions:
        instructions(args.folder, args.every)
        return

    import mapping.libvirt  # noqa: F401  (registers <domain>)
    from mapping import from_xml, to_xml

    known, unknown = documents(args.folder)
    entities = {"known": [from_xml(d) for d in known], "unknown": [from_xml(d) for d in unknown]}
    inputs = {"known": known, "unknown": unknown}
    timings: dict[tuple[str, str], float] = {}

    def once(data: bytes) -> str:
        return to_xml(from_xml(data), style="libvirt")
    runs: list[tuple[str, Callable[[Any], object], dict[str, list[Any]]]] = [
        ("from_xml", from_xml, inputs), ("to_xml", to_xml, entities), ("once", once, inputs)]
    for action, function, given in runs:
        for round_ in range(args.repeat):   # alternating, so drift touches both alike
            for kind in ("known", "unknown"):
                spent = best(function, given[kind], 1)
                key = (action, kind)
                timings[key] = min(timings.get(key, spent), spent)
    print(f"{len(known)} documents of {args.folder.name}, one unknown child per device; "
          f"best of {args.repeat}, CPU ms")
    for action in ("from_xml", "to_xml", "once"):
        plain, extra = timings[action, "known"], timings[action, "unknown"]
        print(f"  {action:8} known {plain * 1000:8.1f}   unknown {extra * 1000:8.1f}   "
              f"ratio {extra / plain:.2f}x")


if __name__ == "__main__":
    main()

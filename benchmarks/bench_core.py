"""Time from_xml / to_xml against plain lxml on the same documents, as ratios.

    python benchmarks/bench_core.py [PATH ...] [--repeat N]

PATH defaults to the shared corpus (../shared/corpus/libvirt) when it is there, else to
examples/. Prints a table; it asserts nothing (speed is measured here, not in tests).

Each action is timed in a process of its own, after an untimed run: what one action
leaves in the C allocator changes the next one's time by a third (lxml's `fromstring` of
the corpus took 24 to 48 ms in one process, by what ran before it). The figure is the
fastest of `repeat` runs, each on inputs made afresh (writers get new objects, so no
string hash is carried over from an earlier run; the readers' bounded memo of integer
spellings is kept, as a long-running process keeps it). Two ways of calling are timed:

  one at a time   each result is let go before the next call (a host agent polling)
  all held        every result is kept to the end (an engine holding its VMs); the
                  garbage collector then runs over what is held, and that is counted

`to_xml` is timed twice: as the writer writes (style="libvirt"), and in the style of the
document each entity was read from (the default, style="source": a document not in
libvirt's own layout is read once more and both texts are merged, the first time an
entity read from it is written).

    python benchmarks/bench_core.py [PATH ...] --against REVISION [--rounds N]

times from_xml and to_xml (one at a time) of this tree against the same actions of an
earlier revision of the project (its files taken with `git archive`, its own bench_core
timing them), taking turns in one run, `rounds` times (3): the ratio says whether a change
made the steady state worse on this machine, whatever the machine.

    python benchmarks/bench_core.py [PATH ...] --instructions [--every N]

counts instructions instead (valgrind's callgrind), which a loaded machine does not move:
every Nth document (20), each action in a process of its own, run for one pass and for
four over inputs made beforehand, with one hash seed; a pass costs a third of the
difference.
"""
from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

ACTIONS = ["lxml fromstring", "from_xml", "from_element (map only)", "lxml tostring",
           "to_xml", "to_xml (source style)", "to_element (build only)"]
MODES = ["one at a time", "all held"]


def _documents(paths: list[str]) -> list[Path]:
    if not paths:
        corpus = PROJECT.parent / "shared" / "corpus" / "libvirt"
        paths = [str(corpus if corpus.exists() else PROJECT / "examples")]
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        files += sorted(path.rglob("*.xml")) if path.is_dir() else [path]
    return files


def time_action(action: str, mode: str, files: list[str], repeat: int) -> float:
    """In this process: the fastest of `repeat` timed runs of one action, in seconds."""
    from lxml import etree

    import mapping.libvirt  # noqa: F401  (registers <domain>)
    from mapping import from_xml, to_xml
    from mapping.core import safe_parser
    from mapping.core.xmlio import from_element, to_element

    parser = safe_parser()
    documents = [Path(name).read_bytes() for name in files]

    def trees() -> list[Any]:
        return [etree.fromstring(data, parser) for data in documents]

    def entities() -> list[Any]:
        return [from_xml(data) for data in documents]

    prepare: Callable[[], list[Any]]
    function: Callable[[Any], Any]
    prepare, function = {
        "lxml fromstring": (lambda: documents, lambda data: etree.fromstring(data, parser)),
        "from_xml": (lambda: documents, from_xml),
        "from_element (map only)": (trees, from_element),
        "lxml tostring": (trees, etree.tostring),
        "to_xml": (entities, lambda entity: to_xml(entity, style="libvirt")),
        "to_xml (source style)": (entities, to_xml),
        "to_element (build only)": (entities, to_element),
    }[action]

    def run(given: list[Any]) -> list[Any] | None:
        if mode == "all held":
            return [function(item) for item in given]
        for item in given:
            function(item)
        return None

    run(prepare())   # the untimed run: code generated, caches and allocator warm
    timings = []
    for _ in range(repeat):
        given = prepare()
        gc.collect()
        started = time.perf_counter()
        result = run(given)
        timings.append(time.perf_counter() - started)
        del given, result
    return min(timings)


def measure(files: list[Path], repeat: int) -> dict[tuple[str, str], float]:
    timings = {}
    for action in ACTIONS:
        for mode in MODES:
            done = subprocess.run(
                [sys.executable, __file__, "--only", action, mode, "--repeat", str(repeat),
                 *map(str, files)], capture_output=True, text=True, check=True)
            timings[action, mode] = float(done.stdout)
    return timings


COUNTED = ["lxml fromstring", "from_xml", "lxml tostring", "to_xml"]


def passes(action: str, files: list[str], count: int) -> None:
    """A worker under callgrind: `count` passes of one action over inputs made before."""
    from lxml import etree
    import mapping.libvirt  # noqa: F401  (registers <domain>)
    from mapping import from_xml, to_xml
    from mapping.core import safe_parser
    parser = safe_parser()
    documents = [Path(name).read_bytes() for name in files]
    trees = [etree.fromstring(data, parser) for data in documents]
    entities = [from_xml(data) for data in documents]
    for entity in entities:   # (code and caches warm, as in the timed runs)
        to_xml(entity, style="libvirt")
    gc.collect()
    given, function = {
        "lxml fromstring": (documents, lambda data: etree.fromstring(data, parser)),
        "from_xml": (documents, from_xml),
        "lxml tostring": (trees, etree.tostring),
        "to_xml": (entities, lambda entity: to_xml(entity, style="libvirt")),
    }[action]
    for _ in range(count):
        for item in given:
            function(item)


def instructions(files: list[Path], every: int) -> None:
    import re
    import shutil
    if shutil.which("valgrind") is None:
        sys.exit("--instructions needs valgrind (apt-get install valgrind)")
    chosen = [str(path) for path in files[::every]]

    def counted(action: str, count: int) -> int:
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
             __file__, "--worker", action, str(count), *chosen],
            capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": "0"})   # (the same work in every run)
        return int(re.search(r"Collected : (\d+)", done.stderr).group(1))  # type: ignore[union-attr]

    # One run first, not counted: a process that generates code writes it to the code
    # cache at exit, and the counted run after it would load what the one before made
    # (after an edit of the core, the first count held the whole generation).
    for action in COUNTED:
        subprocess.run([sys.executable, __file__, "--worker", action, "1", *chosen],
                       capture_output=True, check=True)
    per_pass = {action: (counted(action, 4) - counted(action, 1)) / 3 for action in COUNTED}
    print(f"every {every}th document: {len(chosen)} files; instructions per pass (callgrind)")
    for action in COUNTED:
        print(f"  {action:16}{per_pass[action] / 1e6:10.1f}M")
    for ours, lxml in [("from_xml", "lxml fromstring"), ("to_xml", "lxml tostring")]:
        print(f"  {ours:8} / {lxml:15} = {per_pass[ours] / per_pass[lxml]:.2f}x")


def against(files: list[Path], revision: str, repeat: int, rounds: int) -> None:
    import shutil
    import tempfile
    earlier = Path(tempfile.mkdtemp(prefix="bench-against-"))
    try:
        archive = subprocess.run(["git", "-C", str(PROJECT), "archive", revision],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(earlier)], input=archive, check=True)
        trees = {"this tree": PROJECT, revision: earlier}
        best: dict[tuple[str, str], float] = {}
        for _ in range(rounds):
            for action in ["lxml fromstring", "from_xml", "lxml tostring", "to_xml"]:
                for label, tree in trees.items():
                    if action.startswith("lxml") and label != "this tree":
                        continue
                    done = subprocess.run(
                        [sys.executable, str(tree / "benchmarks" / "bench_core.py"), "--only",
                         action, "one at a time", "--repeat", str(repeat), *map(str, files)],
                        capture_output=True, text=True, check=True,
                        env={**os.environ, "DOMXML_CODE_CACHE": str(earlier / ".cache")}
                        if label != "this tree" else None)
                    taken = float(done.stdout)
                    best[action, label] = min(best.get((action, label), taken), taken)
    finally:
        shutil.rmtree(earlier, ignore_errors=True)
    print(f"{len(files)} files, one at a time, best of {repeat} x {rounds} rounds taken in "
          f"turns; ms")
    for ours, lxml in [("from_xml", "lxml fromstring"), ("to_xml", "lxml tostring")]:
        base = best[lxml, "this tree"]
        print(f"  {lxml:16}{base * 1000:8.1f}")
        for label in trees:
            taken = best[ours, label]
            print(f"  {ours:8} {label[:12]:12}{taken * 1000:8.1f}  ({taken / base:.2f}x lxml)")
        print(f"  {ours} this tree / {revision} = "
              f"{best[ours, 'this tree'] / best[ours, revision]:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", nargs=2, help=argparse.SUPPRESS)   # (action, mode): a worker
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--every", type=int, default=20)
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)   # (action, passes)
    parser.add_argument("--against", metavar="REVISION")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.only:
        action, mode = args.only
        print(time_action(action, mode, args.paths, args.repeat))
        return
    if args.worker:
        passes(args.worker[0], args.paths, int(args.worker[1]))
        return
    files = _documents(args.paths)
    if args.instructions:
        instructions(files, args.every)
        return
    if args.against:
        against(files, args.against, args.repeat, args.rounds)
        return
    largest = sorted(files, key=lambda path: path.stat().st_size)[-20:]
    for label, chosen in [("all documents", files), ("20 largest documents", largest)]:
        size = sum(path.stat().st_size for path in chosen)
        timings = measure(chosen, args.repeat)
        print(f"{label}: {len(chosen)} files, {size / 1024:.0f} KiB, best of {args.repeat}; "
              f"ms, {' / '.join(MODES)}")
        for action in ACTIONS:
            cells = "".join(f"{timings[action, mode] * 1000:10.1f}" for mode in MODES)
            print(f"  {action:26}{cells}")
        for ours, lxml in [("from_xml", "lxml fromstring"), ("to_xml", "lxml tostring"),
                           ("to_xml (source style)", "lxml tostring")]:
            ratios = ", ".join(f"{timings[ours, mode] / timings[lxml, mode]:.1f}x {mode}"
                               for mode in MODES)
            print(f"  {ours:21} / {lxml:15} = {ratios}")


if __name__ == "__main__":
    main()

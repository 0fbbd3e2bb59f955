"""What a fresh process pays: the import, the first read and write of a domain, and
`domxml validate`.

    python benchmarks/bench_cold.py [--runs N]

Each figure is the median of N fresh interpreters (`python -c ...`), with the
project's bytecode compiled beforehand into a private cache (PYTHONPYCACHEPREFIX), as an
installed package has it: a machine that sets PYTHONDONTWRITEBYTECODE would otherwise
compile every module in every process. The model's plans are kept in a private folder
too (DOMXML_CODE_CACHE), written by one run of each job first. Printed: wall seconds of
whole processes, and ratios to the same machine's `python -c "import lxml.etree as e;
e.parse(f)"` taken in the same run; then the first `from_xml` + `to_xml` timed inside
the process, with the plans kept and with nothing kept. It asserts nothing.

    python benchmarks/bench_cold.py --instructions

counts each job's instructions instead (valgrind's callgrind, one run each, with one
hash seed), which a loaded machine does not move; `python -c "pass"` is the floor.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "examples" / "server-vm.xml"

JOBS = {
    "lxml parse": f"import lxml.etree as e; e.parse({str(EXAMPLE)!r})",
    "import mapping.libvirt": "import mapping.libvirt",
    "import + from_xml + to_xml": (
        "import mapping.libvirt; from mapping import from_xml, to_xml; "
        f"to_xml(from_xml(open({str(EXAMPLE)!r}, 'rb').read()))"),
    # as the `domxml` console script runs it
    "domxml parse example": (
        f"import sys; sys.argv = ['domxml', 'parse', {str(EXAMPLE)!r}]; "
        "from mapping.cli import run; sys.stdout = open('/dev/null', 'w'); run()"),
    # reads the plan of the model's schema from the cache folder
    "domxml validate example": (
        f"import sys; sys.argv = ['domxml', 'validate', {str(EXAMPLE)!r}]; "
        "from mapping.cli import run; sys.stdout = open('/dev/null', 'w'); run()"),
}
# The first calls timed inside the process (no interpreter start or exit in the figure).
FIRST_CALLS = (
    "import time, mapping.libvirt; from mapping import from_xml, to_xml; "
    f"data = open({str(EXAMPLE)!r}, 'rb').read(); started = time.perf_counter(); "
    "to_xml(from_xml(data)); print(time.perf_counter() - started)")


def _time(code: str, env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=False, cwd=PROJECT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _inside(code: str, env: dict) -> float:
    done = subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=PROJECT,
                          capture_output=True, text=True)
    return float(done.stdout.split()[-1])


def _instructions(code: str, env: dict) -> int:
    import re
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           sys.executable, "-c", code], env=env, check=True, cwd=PROJECT,
                          capture_output=True, text=True)
    return int(re.search(r"Collected : (\d+)", done.stderr).group(1))  # type: ignore[union-attr]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--instructions", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": os.path.join(cache, "bytecode"),
               "PYTHONPATH": str(PROJECT), "DOMXML_CODE_CACHE": os.path.join(cache, "model")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        nothing_kept = {**env, "DOMXML_CODE_CACHE": "off"}
        for code in JOBS.values():   # bytecode and the model's plans written once
            subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=PROJECT,
                           stdout=subprocess.DEVNULL)
        if args.instructions:
            import shutil
            if shutil.which("valgrind") is None:
                sys.exit("--instructions needs valgrind (apt-get install valgrind)")
            seeded = {**env, "PYTHONHASHSEED": "0"}   # (the same work in every run)
            print("instructions of a fresh process (callgrind):")
            for job, code in {"python -c pass": "pass", **JOBS}.items():
                print(f"  {job:28} {_instructions(code, seeded) / 1e6:8.1f}M")
            return
        timings: dict[str, list[float]] = {job: [] for job in JOBS}
        first = {"kept from an earlier process": [], "nothing kept (DOMXML_CODE_CACHE=off)": []}
        for _ in range(args.runs):   # interleaved, so drift touches every job alike
            for job, code in JOBS.items():
                timings[job].append(_time(code, env))
            first["kept from an earlier process"].append(_inside(FIRST_CALLS, env))
            first["nothing kept (DOMXML_CODE_CACHE=off)"].append(
                _inside(FIRST_CALLS, nothing_kept))
    base = statistics.median(timings["lxml parse"])
    print(f"fresh processes, median of {args.runs}:")
    for job, spent in timings.items():
        median = statistics.median(spent)
        print(f"  {job:28} {median:6.3f} s   {median / base:5.1f}x lxml parse")
    print("first from_xml + to_xml of the example, timed in the process:")
    for case, spent in first.items():
        print(f"  {case:38} {statistics.median(spent) * 1000:5.0f} ms")


if __name__ == "__main__":
    main()

"""What a fresh process pays: the import, and the first read and write of a domain.

    python benchmarks/bench_cold.py [--runs N]

Each figure is the median wall time of N fresh interpreters (`python -c ...`), with the
project's bytecode compiled beforehand into a private cache (PYTHONPYCACHEPREFIX), as an
installed package has it: a machine that sets PYTHONDONTWRITEBYTECODE would otherwise
compile every module in every process. Printed: seconds, and ratios to the same
machine's `python -c "import lxml.etree as e; e.parse(f)"` taken in the same run.
It asserts nothing.
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
    "domxml parse example": (
        f"import sys; sys.argv = ['domxml', 'parse', {str(EXAMPLE)!r}]; "
        "from mapping.cli import main; sys.stdout = open('/dev/null', 'w'); main()"),
}


def _time(code: str, env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=False, cwd=PROJECT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": cache, "PYTHONPATH": str(PROJECT)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-c", JOBS["domxml parse example"]], env=env,
                       check=True, stdout=subprocess.DEVNULL)   # bytecode written once
        timings: dict[str, list[float]] = {job: [] for job in JOBS}
        for _ in range(args.runs):   # interleaved, so drift touches every job alike
            for job, code in JOBS.items():
                timings[job].append(_time(code, env))
    base = statistics.median(timings["lxml parse"])
    print(f"fresh processes, median of {args.runs}:")
    for job, spent in timings.items():
        median = statistics.median(spent)
        print(f"  {job:28} {median:6.3f} s   {median / base:5.1f}x lxml parse")
    first = statistics.median(timings["import + from_xml + to_xml"])
    imported = statistics.median(timings["import mapping.libvirt"])
    print(f"  first from_xml + to_xml beyond the import: {(first - imported) * 1000:.0f} ms")


if __name__ == "__main__":
    main()

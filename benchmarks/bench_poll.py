"""What an engine's poll costs: fingerprint, changes, match and diff of two dumps, against
`from_xml` of the same dump, taken in one run.

    python benchmarks/bench_poll.py [--disks N] [--repeat R]

Two domains: the 17-device running example (`roundtrip_corpus/running/server-vm.xml`)
and the same with N more virtio disks (default 800), to show how each grows with the
number of devices. For each, two polls: nothing changed, and one disk's cache changed.
Printed: milliseconds (best of R rounds) and the ratio to from_xml. It asserts nothing.
"""
from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

RUNNING = PROJECT / "roundtrip_corpus" / "running" / "server-vm.xml"


def _with_disks(text: str, count: int) -> str:
    disks = "".join(
        f"<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
        f"<source file='/var/lib/images/d{i}.qcow2'/><target dev='vd{i:04}' bus='virtio'/>"
        f"<alias name='ua-disk-{i}'/></disk>" for i in range(count))
    return text.replace("</devices>", disks + "</devices>", 1)


def _best(action, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--disks", type=int, default=800)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    from mapping import from_xml
    from mapping.diff import diff_domains
    from mapping.ovirt import changes, fingerprint, match

    base = RUNNING.read_text()
    for name, text in (("running example", base),
                       (f"with {args.disks} more disks", _with_disks(base, args.disks))):
        before = from_xml(text)
        same = from_xml(text)
        edited = copy.deepcopy(same)
        edited.devices.disks[0].driver.cache = "writeback"
        parse = _best(lambda: from_xml(text), args.repeat)
        print(f"{name} ({len(before.devices.items)} devices): from_xml {parse:.2f} ms")
        rows = [("fingerprint", lambda: fingerprint(same)),
                ("changes, none", lambda: changes(before, same)),
                ("changes, one disk", lambda: changes(before, edited)),
                ("match, none", lambda: match(before, same)),
                ("diff_domains, none", lambda: diff_domains(before, same)),
                ("diff_domains, one disk", lambda: diff_domains(before, edited))]
        for label, action in rows:
            spent = _best(action, args.repeat)
            print(f"  {label:24} {spent:9.2f} ms  {spent / parse:6.2f}x from_xml")


if __name__ == "__main__":
    main()

"""Times virt-manager's virtinst on domain documents; run by bench_peers.py.

virtinst is not on PyPI: it comes with virt-manager (Debian: `apt-get install virtinst`)
and runs on the system Python, where its libvirt and libxml2 bindings are. So it is
timed in its own process, on the same files, in the same run of bench_peers.py:

    /usr/bin/python3 virtinst_worker.py --check FILE...      prints the files it reads
    /usr/bin/python3 virtinst_worker.py --repeat N FILE...   prints timings as JSON

Parse-and-read builds a `Guest` from the text and reads every XML property of it and
of every child object. Build-and-serialise makes fresh objects, sets every property
that has a value, adds the children, and asks for the XML.
"""
from __future__ import annotations

import json
import sys
import time

VIRTINST_PATHS = ["/usr/share/virt-manager"]


def _load():
    sys.path[:0] = VIRTINST_PATHS
    import virtinst
    from virtinst import xmlutil
    return virtinst, xmlutil


def main() -> None:
    virtinst, xmlutil = _load()
    conn = virtinst.VirtinstConnection("test:///default")
    args = sys.argv[1:]
    repeat = 1
    check = False
    if args and args[0] == "--check":
        check, args = True, args[1:]
    elif args and args[0] == "--repeat":
        repeat, args = int(args[1]), args[2:]
    texts = [open(path, encoding="utf-8").read() for path in args]

    def read_all(obj) -> int:
        count = 0
        for name in obj._all_xml_props():
            getattr(obj, name)
            count += 1
        for name in obj._all_child_props():
            for child in xmlutil.listify(getattr(obj, name)):
                count += read_all(child)
        return count

    def copy_into(source, target) -> None:
        for name in source._all_xml_props():
            value = getattr(source, name)
            if value is not None:
                try:
                    setattr(target, name, value)
                except Exception:   # a property virtinst computes and will not take
                    pass
        for name, prop in source._all_child_props().items():
            if prop.is_single:
                copy_into(getattr(source, name), getattr(target, name))
            else:
                for child in getattr(source, name):
                    fresh = child.__class__(conn)
                    copy_into(child, fresh)
                    target.add_child(fresh)

    def build(guest) -> str:
        fresh = virtinst.Guest(conn)
        copy_into(guest, fresh)
        return fresh.get_xml()

    if check:
        readable = []
        for path, text in zip(args, texts):
            try:
                guest = virtinst.Guest(conn, parsexml=text)
                read_all(guest)
                build(guest)
                readable.append(path)
            except Exception:
                pass
        print(json.dumps(readable))
        return

    def best(action) -> float:
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            action()
            timings.append(time.perf_counter() - started)
        return min(timings)

    guests = [virtinst.Guest(conn, parsexml=text) for text in texts]
    result = {
        "parse_read": best(lambda: [read_all(virtinst.Guest(conn, parsexml=t)) for t in texts]),
        "build_serialise": best(lambda: [build(g) for g in guests]),
        "serialise": best(lambda: [g.get_xml() for g in guests]),
        "fields": sum(read_all(g) for g in guests),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()

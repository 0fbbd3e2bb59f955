"""What writing a document in its own style costs, against libvirt's style of the same
entity, as ratios taken in one run.

    python benchmarks/bench_faithful.py [DIR] [--repeat N]

DIR defaults to the shared corpus's qemuxml2xmloutdata (libvirt's own output). For each
document, written with `to_xml(entity)` (its source's style) and with
`to_xml(entity, style="libvirt")`:

- unedited, as libvirt wrote it (the writer's text is the source: one comparison);
- unedited, restyled first to four spaces and double quotes (the source is not the
  writer's text: the unedited entity's text is made once, then compared);
- with one attribute edited (a disk's cache, or the domain's name), first write after
  reading (the unedited entity's text is made: a read and a write more) and later
  writes; and later writes of the restyled documents edited so, which are merged
  element by element (a source in libvirt's style takes the writer's text as it is).

CPU time of this process, fastest of `repeat` rounds. It asserts nothing.
"""
from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))


def restyled(text: str) -> str:
    from lxml import etree
    root = etree.fromstring(text.encode())
    for node in root.iter():
        if len(node) and node.text is not None and not node.text.strip():
            node.text = None
        if node.tail is not None and not node.tail.strip():
            node.tail = None
    etree.indent(root, space="    ")
    return etree.tostring(root, encoding="unicode")


def edit(domain) -> None:
    disks = domain.devices.disks if domain.devices is not None else []
    if disks and disks[0].driver is not None:
        disks[0].driver.cache = "writeback" if disks[0].driver.cache != "writeback" else "none"
    else:
        domain.name = (domain.name or "") + "-edited"


def best(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        action()
        times.append(time.process_time() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?",
                        default=str(PROJECT.parent / "shared" / "corpus" / "libvirt"
                                    / "qemuxml2xmloutdata"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from mapping import MappingError, from_xml, to_xml

    texts = []
    for path in sorted(Path(args.folder).glob("*.xml")):
        try:
            from_xml(path.read_text())
        except MappingError:
            continue
        texts.append(path.read_text())
    print(f"{len(texts)} documents from {args.folder}")

    def written(entities, **options):
        return lambda: [to_xml(entity, **options) for entity in entities]

    as_written = [from_xml(text) for text in texts]
    other = [from_xml(restyled(text)) for text in texts]
    for entity in other:
        to_xml(entity)   # (the unedited text is made once per entity, on first write)
    rows = [("unedited, libvirt's own style", as_written),
            ("unedited, four spaces and double quotes", other)]
    for label, entities in rows:
        source = best(written(entities), args.repeat)
        libvirt = best(written(entities, style="libvirt"), args.repeat)
        print(f"  {label:44} {source / libvirt:5.2f}x  ({source * 1000:.0f} ms vs "
              f"{libvirt * 1000:.0f} ms)")

    def first_writes():
        fresh = [from_xml(text) for text in texts]
        for entity in fresh:
            edit(entity)
        started = time.process_time()
        for entity in fresh:
            to_xml(entity)
        return time.process_time() - started

    edited = [copy.deepcopy(entity) for entity in as_written]
    for entity in edited:
        edit(entity)
        to_xml(entity)
    libvirt = best(written(edited, style="libvirt"), args.repeat)
    first = min(first_writes() for _ in range(args.repeat))
    later = best(written(edited), args.repeat)
    print(f"  {'one attribute edited, first write':44} {first / libvirt:5.2f}x  "
          f"({first * 1000:.0f} ms vs {libvirt * 1000:.0f} ms)")
    print(f"  {'one attribute edited, later writes':44} {later / libvirt:5.2f}x  "
          f"({later * 1000:.0f} ms vs {libvirt * 1000:.0f} ms)")
    merged = [copy.deepcopy(entity) for entity in other]
    for entity in merged:
        edit(entity)
        to_xml(entity)
    libvirt = best(written(merged, style="libvirt"), args.repeat)
    later = best(written(merged), args.repeat)
    print(f"  {'edited, four spaces and double quotes, later':44} {later / libvirt:5.2f}x  "
          f"({later * 1000:.0f} ms vs {libvirt * 1000:.0f} ms: merged element by element)")


if __name__ == "__main__":
    main()

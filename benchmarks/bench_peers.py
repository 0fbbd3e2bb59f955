"""domxml-mapping against plain lxml, xsdata and virt-manager's virtinst, in one run.

    pip install -r benchmarks/requirements-peers.txt     # xsdata (generates its models)
    apt-get install virtinst                               # virtinst (system Python)
    python benchmarks/bench_peers.py [--repeat N] [--limit N] [PATH ...]

PATH defaults to the shared corpus (../shared/corpus/libvirt). Every library is timed on
the same documents: those all of them read (a peer that is missing is left out, and
said so). Two jobs, as an engine does them:

  parse + read   bytes -> the library's objects, then every field of every object read
  build + write  fresh objects made from field values in hand, then serialised to text

plus `write` alone (objects already held -> text) and `parse` alone (bytes -> objects,
nothing read: reading every field is this harness's walk, which costs the same per field
in both dataclass libraries, so a model with more fields pays more of it). lxml's own
`fromstring` and `tostring` are the floor: ratios are to them, and to us. Nothing is
asserted; figures are printed.
Then memory (tracemalloc for entities; resident size for both, since lxml's tree lives
in libxml2's memory, which tracemalloc does not see) and cost per disk at 1..1000 disks.
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import hashlib
import importlib
import json
import re
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from lxml import etree

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from mapping import from_xml, to_xml  # noqa: E402
from mapping.core import safe_parser  # noqa: E402

CACHE = PROJECT / "benchmarks" / ".cache"
WORKER = PROJECT / "benchmarks" / "peers" / "virtinst_worker.py"


def best(action, repeat: int) -> float:
    """The fastest of `repeat` runs: the least disturbed by the rest of the machine.
    Each timed run follows an untimed one, so that memory the previous action freed to the
    system (to be faulted in again) is not charged to this one."""
    timings = []
    for _ in range(repeat):
        action()
        gc.collect()
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings)


# --- Dataclass object graphs (ours and xsdata's): read every field, rebuild from values.

_field_names: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    names = _field_names.get(cls)
    if names is None:
        names = _field_names[cls] = tuple(f.name for f in dataclasses.fields(cls) if f.init)
    return names


_is_dataclass: dict[type, bool] = {}


def read_all(value: Any) -> int:
    """Read every field of a dataclass graph; returns how many were read.

    The per-field work is kept to a dict lookup: this walk is the harness, not the library,
    and a model with more fields should pay for reading them, not for a slow walk.
    """
    count = 0
    stack = [value]
    known = _is_dataclass
    while stack:
        for field_value in stack.pop().__dict__.values():
            count += 1
            cls = field_value.__class__
            if cls is list:
                for item in field_value:
                    kind = item.__class__
                    mapped = known.get(kind)
                    if mapped is None:
                        mapped = known[kind] = dataclasses.is_dataclass(kind)
                    if mapped:
                        stack.append(item)
            else:
                mapped = known.get(cls)
                if mapped is None:
                    mapped = known[cls] = dataclasses.is_dataclass(cls)
                if mapped:
                    stack.append(field_value)
    return count


def _mapped(cls: type) -> bool:
    mapped = _is_dataclass.get(cls)
    if mapped is None:
        mapped = _is_dataclass[cls] = dataclasses.is_dataclass(cls)
    return mapped


def rebuild(value: Any) -> Any:
    """A new graph made by calling each class with its field values (as an engine would);
    only lists and objects are walked into, for the same reason as in read_all."""
    values = {}
    for name in _names(value.__class__):
        field_value = getattr(value, name)
        cls = field_value.__class__
        if cls is list:
            field_value = [rebuild(item) if _mapped(item.__class__) else item
                           for item in field_value]
        elif _mapped(cls):
            field_value = rebuild(field_value)
        values[name] = field_value
    return value.__class__(**values)


# --- Peers.

def xsdata_models() -> Any:
    """xsdata's classes for the domain schema, generated once into benchmarks/.cache.

    From schema/domain.xsd with its XSD 1.1 `xs:alternative` elements removed: xsdata
    26.10 writes code that does not import for them.
    """
    source = (PROJECT / "schema" / "domain.xsd").read_text()
    digest = hashlib.sha256(source.encode()).hexdigest()[:12]
    package = f"xsdata_domain_{digest}"
    target = CACHE / package
    if not target.exists():
        work = CACHE / f"work_{digest}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        for schema in (PROJECT / "schema").glob("*.xsd"):
            shutil.copy(schema, work / schema.name)
        (work / "domain.xsd").write_text(re.sub(r"\s*<xs:alternative[^>]*/>", "", source))
        subprocess.run([sys.executable, "-m", "xsdata", "generate", "domain.xsd",
                        "--package", package], cwd=work, check=True, capture_output=True)
        shutil.move(str(work / package), str(target))
        shutil.rmtree(work)
    sys.path.insert(0, str(CACHE))
    return importlib.import_module(f"{package}.domain")


class Xsdata:
    name = "xsdata"

    def __init__(self) -> None:
        from xsdata.formats.dataclass.parsers import XmlParser
        from xsdata.formats.dataclass.serializers import XmlSerializer
        from xsdata.formats.dataclass.serializers.config import SerializerConfig
        self.domain = xsdata_models().Domain
        self.parser = XmlParser()
        self.serializer = XmlSerializer(config=SerializerConfig(indent="  "))

    def parse(self, data: bytes) -> Any:
        return self.parser.from_bytes(data, self.domain)

    def write(self, obj: Any) -> str:
        return self.serializer.render(obj)


class Ours:
    name = "domxml-mapping"

    @staticmethod
    def parse(data: bytes) -> Any:
        return from_xml(data)

    @staticmethod
    def write(obj: Any) -> str:
        return to_xml(obj)


def virtinst_python(requested: str | None) -> str | None:
    candidates = [requested] if requested else ["/usr/bin/python3"]
    for python in candidates:
        if python and Path(python).exists():
            probe = subprocess.run([python, str(WORKER), "--check"], capture_output=True)
            if probe.returncode == 0:
                return python
    return None


def run_virtinst(python: str, args: list[str]) -> Any:
    done = subprocess.run([python, str(WORKER), *args], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


# --- The jobs.

def documents(paths: list[str]) -> list[Path]:
    if not paths:
        paths = [str(PROJECT.parent / "shared" / "corpus" / "libvirt")]
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        files += sorted(path.rglob("*.xml")) if path.is_dir() else [path]
    return files


def readable(peer: Any, files: list[Path]) -> list[Path]:
    kept = []
    for path in files:
        try:
            obj = peer.parse(path.read_bytes())
            read_all(obj)
            peer.write(rebuild(obj))
            kept.append(path)
        except Exception:
            pass
    return kept


def parse_each(peer: Any, texts: list[bytes]) -> None:
    """Each document parsed and let go, nothing of it read."""
    for data in texts:
        peer.parse(data)


def time_peer(peer: Any, texts: list[bytes], repeat: int) -> dict[str, float]:
    objects = [peer.parse(data) for data in texts]
    return {
        "parse": best(lambda: parse_each(peer, texts), repeat),
        "parse_read": best(lambda: [read_all(peer.parse(d)) for d in texts], repeat),
        "build_serialise": best(lambda: [peer.write(rebuild(o)) for o in objects], repeat),
        "serialise": best(lambda: [peer.write(o) for o in objects], repeat),
        "fields": sum(read_all(o) for o in objects),
    }


def time_lxml(texts: list[bytes], repeat: int) -> dict[str, float]:
    parser = safe_parser()
    trees = [etree.fromstring(d, parser) for d in texts]
    parse = best(lambda: [etree.fromstring(d, parser) for d in texts], repeat)
    return {
        "parse": parse,
        "parse_read": parse,
        "build_serialise": best(lambda: [etree.tostring(t) for t in trees], repeat),
        "serialise": best(lambda: [etree.tostring(t) for t in trees], repeat),
    }


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


def held_bytes(kind: str, files: list[str]) -> int:
    """In this (fresh) process: resident bytes added by holding every document as `kind`."""
    texts = [Path(name).read_bytes() for name in files]
    make = from_xml if kind == "entities" else (lambda d: etree.fromstring(d, safe_parser()))
    make(texts[0])   # load and compile what the first call needs before measuring
    gc.collect()
    before = resident_bytes()
    held = [make(d) for d in texts]
    gc.collect()
    return resident_bytes() - before + 0 * len(held)


def memory(files: list[Path]) -> dict[str, float]:
    """Bytes held by all documents as entities, and as lxml trees.

    lxml keeps its tree in libxml2's memory, which tracemalloc does not see: both are
    also measured as resident size, each in a fresh process.
    """
    texts = [path.read_bytes() for path in files]
    from_xml(texts[0])
    gc.collect()
    tracemalloc.start()
    entities = [from_xml(d) for d in texts]
    traced, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del entities
    figures = {"entities (tracemalloc)": traced}
    for kind in ("entities", "lxml trees"):
        done = subprocess.run([sys.executable, __file__, "--held", kind, *map(str, files)],
                              capture_output=True, text=True, check=True)
        figures[f"{kind} (resident)"] = int(done.stdout)
    return figures


def per_disk(counts: tuple[int, ...], repeat: int) -> list[tuple[int, float, float]]:
    from mapping.libvirt import Domain
    from mapping.libvirt.devices import Devices
    from mapping.libvirt.devices.disk import Disk, DiskDriver, DiskTarget
    from mapping.libvirt.devices.disk_source import FileSource
    rows = []
    for count in counts:
        disks = [Disk(type="file", device="disk",
                      driver=DiskDriver(name="qemu", type="qcow2", cache="none"),
                      source=FileSource(file=f"/var/lib/images/disk{index}.qcow2"),
                      target=DiskTarget(dev=f"vd{index}", bus="virtio"))
                 for index in range(count)]
        domain = Domain(type="kvm", name="many-disks", devices=Devices(items=disks))
        text = to_xml(domain)
        runs = max(1, repeat * 100 // count)
        write = best(lambda: [to_xml(domain) for _ in range(runs)], repeat) / runs
        parse = best(lambda: [from_xml(text) for _ in range(runs)], repeat) / runs
        rows.append((count, parse / count * 1e6, write / count * 1e6))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="use the N largest documents")
    parser.add_argument("--virtinst-python", help="a Python that imports virtinst")
    parser.add_argument("--held", help=argparse.SUPPRESS)   # memory(): the child process
    args = parser.parse_args()
    if args.held:
        print(held_bytes(args.held, args.paths))
        return

    files = documents(args.paths)
    if args.limit:
        files = sorted(files, key=lambda p: p.stat().st_size)[-args.limit:]
    peers: list[Any] = [Ours()]
    try:
        peers.append(Xsdata())
    except ImportError:
        print("xsdata: not installed (pip install -r benchmarks/requirements-peers.txt)")
    vpython = virtinst_python(args.virtinst_python)
    if vpython is None:
        print("virtinst: not found (apt-get install virtinst, or --virtinst-python)")

    common = files
    for peer in peers:
        common = readable(peer, common)
    if vpython:
        common = [Path(p) for p in run_virtinst(vpython, ["--check", *map(str, common)])]
    dropped = len(files) - len(common)
    texts = [path.read_bytes() for path in common]
    print(f"{len(common)} documents ({sum(map(len, texts)) / 1024:.0f} KiB) that every "
          f"library reads; {dropped} of {len(files)} left out; best of {args.repeat}\n")

    results = {"lxml": time_lxml(texts, args.repeat)}
    for peer in peers:
        results[peer.name] = time_peer(peer, texts, args.repeat)
    if vpython:
        results["virtinst"] = run_virtinst(
            vpython, ["--repeat", str(args.repeat), *map(str, common)])

    ours = results["domxml-mapping"]
    floor = results["lxml"]
    header = (f"{'':16}{'parse+read ms':>14}{'x lxml':>8}{'x ours':>8}"
              f"{'build+write ms':>16}{'x lxml':>8}{'x ours':>8}{'write ms':>10}{'x ours':>8}")
    print(header)
    for name, figures in results.items():
        cells = [f"{name:16}"]
        for job, width in [("parse_read", 14), ("build_serialise", 16)]:
            seconds = figures[job]
            cells.append(f"{seconds * 1000:>{width}.1f}{seconds / floor[job]:>8.1f}"
                         f"{seconds / ours[job]:>8.1f}")
        cells.append(f"{figures['serialise'] * 1000:>10.1f}"
                     f"{figures['serialise'] / ours['serialise']:>8.1f}")
        print("".join(cells))
    print("\n(lxml: fromstring, and tostring of the parsed tree; `x` columns: times slower "
          "than lxml / than domxml-mapping)")
    for name, figures in results.items():
        if "fields" in figures:
            print(f"fields read by {name}: {figures['fields']}")
    # What reading every field costs is the harness's walk, paid per field: a model with
    # more fields pays more of it. Parsing alone tells the libraries apart without it.
    print("\nparse alone (bytes -> objects, no field read):")
    for name, figures in results.items():
        if "parse" in figures:
            print(f"  {name:16}{figures['parse'] * 1000:>8.1f} ms"
                  f"{figures['parse'] / ours['parse']:>8.1f}x ours")

    print("\nmemory, all documents held at once:")
    figures = memory(common)
    for label, size in figures.items():
        print(f"  {label:24} {size / 2**20:8.1f} MiB")
    lxml_size = figures["lxml trees (resident)"]
    print(f"  entities / lxml trees: {figures['entities (resident)'] / lxml_size:.2f}x resident, "
          f"{figures['entities (tracemalloc)'] / lxml_size:.2f}x tracemalloc over resident")

    print("\ncost per disk (a domain with N file disks):")
    print(f"  {'disks':>6}{'from_xml us/disk':>18}{'to_xml us/disk':>16}")
    for count, parse, write in per_disk((1, 10, 100, 1000), args.repeat):
        print(f"  {count:>6}{parse:>18.1f}{write:>16.1f}")


if __name__ == "__main__":
    main()

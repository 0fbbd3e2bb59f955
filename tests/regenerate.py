"""Regenerate `roundtrip_corpus/`: engine-built XML, running dumps, edit cases.

    python -m tests.regenerate            # engine/ and edits/ (no libvirt needed)
    python -m tests.regenerate --running  # also running/: starts libvirtd + QEMU (root)

Golden files are reviewed after regenerating (`git diff roundtrip_corpus/`), never
accepted blindly: a change there is a change in what the library writes.
"""
from __future__ import annotations

import argparse
import copy
import sys
import tempfile
from pathlib import Path

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt.cpu import CpuModel
from mapping.libvirt.devices import Disk, Interface
from mapping.libvirt.devices.disk_source import FileSource
from examples import ovirt_vm
from tests.conftest import PROJECT
from tests.edits import EDITS
from tests.vms import ENGINE_BUILT

CORPUS = PROJECT / "roundtrip_corpus"

# What runs on any host with libvirtd + QEMU (TCG): not the passthrough VM (it needs the
# host's PCI device) nor the network disks (they need Ceph and iSCSI servers).
RUNNABLE = ("server-vm", "desktop-vm", "numa-vm")


def write_engine_built() -> list[Path]:
    written = []
    for name, build in sorted(ENGINE_BUILT.items()):
        path = CORPUS / "engine" / f"{name}.xml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_xml(build()))
        written.append(path)
    return written


def write_edits() -> list[Path]:
    written = []
    for name, (source, edit, _) in sorted(EDITS.items()):
        before = ENGINE_BUILT[source]()
        after = copy.deepcopy(before)
        edit(after)
        for suffix, entity in (("in", before), ("out", after)):
            path = CORPUS / "edits" / f"{name}.{suffix}.xml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(to_xml(entity))
            written.append(path)
    return written


def for_this_host(domain, workdir: Path):
    """The same VM, changed only where a test host differs from a production one: TCG
    instead of KVM, fresh empty images, user-mode networking instead of a bridge."""
    from tests import qemu_host
    domain = copy.deepcopy(domain)
    domain.type = "qemu"
    for device in domain.devices.items:
        if isinstance(device, Disk) and isinstance(device.source, FileSource):
            image = workdir / Path(device.source.file).name
            qemu_host.make_disk(image)
            device.source = FileSource(file=str(image))
        if isinstance(device, Interface):
            device.type, device.source, device.driver = "user", None, None
    if domain.memory_backing is not None:
        domain.memory_backing = None   # hugepages and locking need host setup
    if domain.cpu is not None and domain.cpu.mode == "host-passthrough":
        domain.cpu.mode, domain.cpu.check = "custom", None   # TCG has no host CPU
        domain.cpu.model = CpuModel(fallback="allow", name="qemu64")
    return domain


def write_running() -> list[Path]:
    from tests import qemu_host
    qemu_host.start_daemons()
    conn = qemu_host.connect()
    written = []
    with tempfile.TemporaryDirectory(prefix="domxml-running-") as tmp:
        for name in RUNNABLE:
            domain = for_this_host(ENGINE_BUILT[name](), Path(tmp))
            dump = qemu_host.run_domain(conn, to_xml(domain))
            written.append(_save_running(name, dump))
        # The oVirt loop's VM: built by the engine, placeholders resolved by the host.
        sent = ovirt_vm.engine_build(domain_type="qemu")
        libvirt_xml = ovirt_vm.host_prepare(to_xml(sent), ovirt_vm.host_facts(Path(tmp)))
        written.append(_save_running("ovirt-vm", qemu_host.run_domain(conn, libvirt_xml)))
    conn.close()
    return written


def _save_running(name: str, dump: str) -> Path:
    from_xml(dump, unknown="error")   # every runtime field typed, or fail here
    path = CORPUS / "running" / f"{name}.xml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.regenerate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--running", action="store_true",
                        help="also run the VMs under libvirtd + QEMU and save the dumps")
    args = parser.parse_args(argv)
    written = write_engine_built() + write_edits()
    if args.running:
        written += write_running()
    for path in written:
        print(f"wrote {path.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

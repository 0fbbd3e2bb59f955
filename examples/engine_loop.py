"""The engine's loop after a VM starts, end to end against libvirtd + QEMU.

    sudo python -m examples.engine_loop

Starts the VM of `examples/ovirt_vm.py` (TCG), then as an engine and its host agent would:
polls it (fingerprint and dump), hot-plugs a disk and a nic from `<hotplug>` payloads,
polls again and prints what changed, unplugs the nic by alias, hibernates the VM, moves
the plugged disk in the saved domain's XML, and restores it. The VM is removed at the end.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from examples.ovirt_vm import engine_build, host_facts, host_prepare
from mapping import from_xml, to_xml
from mapping.libvirt import Disk, Interface
from mapping.libvirt.devices.disk import DiskDriver, DiskTarget
from mapping.libvirt.devices.disk_source import FileSource
from mapping.libvirt.devices.interface import Mac
from mapping.libvirt.features import Features
from mapping.ovirt import (DeviceMetadata, Hotplug, Hotunplug, changes, fingerprint,
                           from_engine_xml)

PLUGGED_DISK = "ua-d15c0000-0003-4e5f-8a9b-0c1d2e3f4a03"
PLUGGED_NIC = "ua-c0ffee00-0004-4aaa-8bbb-000000000004"
PLUGGED_MAC = "56:6f:21:8a:00:02"


def engine_vm():
    """The engine's VM, with ACPI: PCI hot-plug on the pc machine needs it."""
    vm = engine_build(domain_type="qemu")   # TCG: no KVM needed
    vm.features = Features(acpi=True)
    return vm


def plug_payloads(image: str) -> list[str]:
    """What the engine sends to plug a disk (the image at `image`) and a nic."""
    disk = Disk(type="file", device="disk", alias=PLUGGED_DISK,
                driver=DiskDriver(name="qemu", type="qcow2", cache="none"),
                source=FileSource(file=image), target=DiskTarget(dev="vdc", bus="virtio"))
    nic = Interface(type="user", alias=PLUGGED_NIC, mac=Mac(address=PLUGGED_MAC),
                    model="virtio")
    return [to_xml(Hotplug.of(disk, DeviceMetadata(devtype="disk", name="vdc"))),
            to_xml(Hotplug.of(nic, DeviceMetadata(mac_address=PLUGGED_MAC,
                                                  network="ovirtmgmt")))]


def move_disk(saved_xml: str, dev: str, path: str) -> str:
    """The saved domain's XML with the disk `dev` at `path` (the rest as it was)."""
    domain = from_xml(saved_xml)
    disk = next(d for d in domain.devices.disks if d.target.dev == dev)
    disk.source.file = path
    return to_xml(domain)


def wait_for(condition, what: str, timeout: float = 30.0) -> None:
    """Wait until `condition()` holds (TimeoutError naming `what` after `timeout` s)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.2)


def main() -> int:
    import libvirt

    from tests import qemu_host
    qemu_host.start_daemons()
    conn = qemu_host.connect()
    workdir = Path(tempfile.mkdtemp(prefix="ovloop-"))   # (short: unix socket paths)
    facts = host_facts(workdir)
    sent = engine_vm()
    domain = conn.defineXML(host_prepare(to_xml(sent), facts))
    try:
        domain.create()
        wait_for(lambda: domain.state()[0] == libvirt.VIR_DOMAIN_RUNNING, "the VM to run")
        before = from_xml(domain.XMLDesc(0))
        print("poll:", fingerprint(before)[:16])
        image = qemu_host.make_disk(workdir / "plugged.qcow2")
        for payload in plug_payloads(str(image)):
            received = from_engine_xml(payload, Hotplug)
            domain.attachDeviceFlags(received.for_libvirt(facts), libvirt.VIR_DOMAIN_AFFECT_LIVE)
        after = from_xml(domain.XMLDesc(0))
        print("poll:", fingerprint(after)[:16])
        for line in changes(before, after).lines():
            print("  ", line)
        for device in changes(before, after).added:
            print(f"   {device.alias}: {device.address}")
        domain.detachDeviceAlias(from_xml(to_xml(Hotunplug.of(Interface, PLUGGED_NIC)),
                                          Hotunplug).alias, libvirt.VIR_DOMAIN_AFFECT_LIVE)
        saved = workdir / "vm.save"
        domain.save(str(saved))
        moved = workdir / "moved.qcow2"
        shutil.copyfile(image, moved)
        conn.saveImageDefineXML(str(saved), move_disk(conn.saveImageGetXMLDesc(str(saved), 0),
                                                      "vdc", str(moved)), 0)
        conn.restore(str(saved))
        domain = conn.lookupByName(sent.name)
        restored = from_xml(domain.XMLDesc(0))
        disk = next(d for d in restored.devices.disks if d.target.dev == "vdc")
        print("restored, vdc at", disk.source.file)
    finally:
        if domain.isActive():
            domain.destroy()
        domain.undefine()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

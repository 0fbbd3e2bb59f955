"""The oVirt loop, end to end: the engine builds a VM once, the host fills in what only it
knows and runs it, the engine learns from the running XML what libvirt decided.

    sudo python examples/ovirt_vm.py      # needs libvirtd + QEMU (see tests/qemu_host.py)

Each step is a function the tests call too (tests/ovirt/test_end_to_end.py).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from mapping import from_xml, to_xml
from mapping.libvirt import Domain
from mapping.libvirt.devices import (Channel, Controller, Devices, Disk, Emulator, Graphics,
                                     Interface, Memballoon, Rng)
from mapping.libvirt.devices.chardev import ChannelTarget, ChardevSource
from mapping.libvirt.devices.common import DeviceBoot
from mapping.libvirt.devices.disk import DiskDriver, DiskTarget
from mapping.libvirt.devices.disk_source import FileSource
from mapping.libvirt.devices.graphics import Listen
from mapping.libvirt.devices.interface import Mac
from mapping.libvirt.devices.rng import RandomBackend
from mapping.libvirt.memory import Memory
from mapping.libvirt.os import Os, OsType
from mapping.libvirt.security import SecLabel
from mapping.libvirt.sysinfo import Sysinfo, SysinfoBlock, SysinfoEntry
from mapping.libvirt.tuning import Vcpu
from mapping.libvirt.units import Size
from mapping.ovirt import (ChannelSocket, DeviceMetadata, HostFacts, HostSerial, OsName,
                           OsVersion, VmMetadata, VolumePath, from_engine_xml, match, resolve,
                           set_vm_metadata, to_libvirt_xml)

VM_ID = "5f0d3c2a-8b1e-4e6f-9a7d-2c4b6e8f0a13"
POOL = "7d5b1d40-5a6f-11ea-8d1a-00163e4f3d01"
STORAGE_DOMAIN = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e01"
DISKS = {  # device uuid -> (image id, volume id)
    "b1a2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01": ("9a8e6c2b-1f3d-4b5a-8e7f-6d5c4b3a2a01",
                                             "2b6f7a1e-4c4f-4e3a-9c1d-7c8b8e0e0a01"),
    "b1a2c3d4-0002-4e5f-8a9b-0c1d2e3f4a02": ("9a8e6c2b-1f3d-4b5a-8e7f-6d5c4b3a2a02",
                                             "2b6f7a1e-4c4f-4e3a-9c1d-7c8b8e0e0a02"),
}
NIC_ID, BALLOON_ID, RNG_ID = ("c0ffee00-0001-4aaa-8bbb-000000000001",
                              "c0ffee00-0002-4aaa-8bbb-000000000002",
                              "c0ffee00-0003-4aaa-8bbb-000000000003")
MAC = "56:6f:21:8a:00:01"


def engine_build(domain_type: str = "kvm") -> Domain:
    """The engine's VM: user aliases, storage ids instead of paths, host placeholders."""
    disks = []
    metadata_devices = []
    for index, (device_id, (image, volume)) in enumerate(DISKS.items()):
        dev = f"vd{'abcdefgh'[index]}"
        disks.append(Disk(
            type="file", device="disk", alias=f"ua-{device_id}",
            driver=DiskDriver(name="qemu", type="qcow2", cache="none", io="threads"),
            source=FileSource(file=VolumePath(POOL, STORAGE_DOMAIN, image, volume),
                              seclabels=[SecLabel(model="dac", relabel=False)]),
            target=DiskTarget(dev=dev, bus="virtio"), serial=device_id,
            boot=DeviceBoot(order=1) if index == 0 else None))
        metadata_devices.append(DeviceMetadata(
            devtype="disk", name=dev, pool_id=POOL, domain_id=STORAGE_DOMAIN,
            image_id=image, volume_id=volume))
    metadata_devices.append(DeviceMetadata(mac_address=MAC, network="ovirtmgmt",
                                           custom={"queues": "2"}))
    domain = Domain(
        type=domain_type, name="ovirt-e2e", uuid=VM_ID,
        memory=Memory.of(128, "MiB"), current_memory=Size.of(128, "MiB"),
        vcpu=Vcpu(placement="static", count=1),
        sysinfo=[Sysinfo(type="smbios", system=SysinfoBlock(entries=[
            SysinfoEntry(name="manufacturer", value="oVirt"),
            SysinfoEntry(name="product", value=OsName()),
            SysinfoEntry(name="version", value=OsVersion()),
            SysinfoEntry(name="family", value="oVirt"),
            SysinfoEntry(name="serial", value=HostSerial()),
            SysinfoEntry(name="uuid", value=VM_ID),
        ]))],
        os=Os(type=OsType(arch="x86_64", machine="pc", value="hvm"), smbios_mode="sysinfo"),
        on_poweroff="destroy", on_reboot="restart", on_crash="destroy",
        devices=Devices(items=[
            Emulator(path="/usr/bin/qemu-system-x86_64"),
            *disks,
            Controller(type="virtio-serial", index=0, alias="ua-virtio-serial0"),
            Interface(type="user", alias=f"ua-{NIC_ID}", mac=Mac(address=MAC), model="virtio"),
            *[Channel(type="unix", sources=[ChardevSource(mode="bind", path=ChannelSocket(
                vm_id=VM_ID, name=name))], target=ChannelTarget(type="virtio", name=name))
              for name in ("ovirt-guest-agent.0", "org.qemu.guest_agent.0")],
            Graphics(type="vnc", autoport=True, listens=[Listen(type="address",
                                                                address="127.0.0.1")]),
            Memballoon(model="virtio", alias=f"ua-{BALLOON_ID}", stats_period=5),
            Rng(model="virtio", alias=f"ua-{RNG_ID}",
                backend=RandomBackend(path="/dev/urandom")),
        ]))
    set_vm_metadata(domain, VmMetadata(cluster_version="4.7", min_guaranteed_memory_mb=128,
                                       launch_paused=False, devices=metadata_devices))
    return domain


def host_facts(workdir: Path) -> HostFacts:
    """What a host knows: its OS, serial, prepared volumes, where channel sockets go."""
    from tests.qemu_host import make_disk
    volumes = {}
    for image, volume in DISKS.values():
        volumes[(STORAGE_DOMAIN, image, volume)] = str(make_disk(workdir / f"{volume}.qcow2"))
    channels = workdir / "channels"
    channels.mkdir(exist_ok=True)
    return HostFacts(os_name="Debian", os_version="12-1", serial="4c4c4544-0042-3010-8052",
                     volumes=volumes, channels_dir=str(channels))


def host_prepare(engine_xml: str, facts: HostFacts) -> str:
    """The host's side: parse the engine's XML, fill in the placeholders, XML for libvirt."""
    return to_libvirt_xml(resolve(from_engine_xml(engine_xml), facts))


def main() -> int:
    from tests import qemu_host
    sent = engine_build(domain_type="qemu")
    engine_xml = to_xml(sent)
    qemu_host.start_daemons()
    conn = qemu_host.connect()
    with tempfile.TemporaryDirectory(prefix="ovirt-e2e-") as tmp:
        running_xml = qemu_host.run_domain(conn, host_prepare(engine_xml, host_facts(Path(tmp))))
    reported = from_xml(running_xml)
    result = match(sent, reported)
    for found in result.matched:
        print(f"{found.sent.alias or type(found.sent).__name__}: {found.how}, "
              f"alias {found.alias}, address {found.address}")
    print("added by libvirt:", ", ".join(type(d).__name__ for d in result.unmanaged))
    print("missing:", ", ".join(type(d).__name__ for d in result.missing) or "none")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())

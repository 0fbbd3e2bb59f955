"""Typical VMs built in code, as an engine would: the project's own round-trip corpus.

Each function returns a `Domain`; `roundtrip_corpus/engine/` holds their XML
(`python -m tests.regenerate`), and the tests define them on libvirt.
"""
from __future__ import annotations

from pathlib import Path

from mapping.libvirt import Domain, Size
from mapping.libvirt.cpu import Cpu, CpuTopology, Numa, NumaCell
from mapping.libvirt.clock import Clock, Timer
from mapping.libvirt.devices import (Channel, Console, Controller, Devices, Disk, Emulator,
                                     Graphics, Hostdev, Input, Interface, Memballoon, Redirdev,
                                     Rng, Serial, Sound, Video)
from mapping.libvirt.devices.address import PciAddress
from mapping.libvirt.devices.chardev import ChannelTarget, ConsoleTarget, SerialTarget
from mapping.libvirt.devices.common import DeviceBoot, VirtioOptions
from mapping.libvirt.devices.disk import DiskDriver, DiskTarget
from mapping.libvirt.devices.disk_source import FileSource, NetworkSource
from mapping.libvirt.devices.graphics import Listen, SpiceChannel
from mapping.libvirt.devices.hostdev import HostPciAddress, PciSource
from mapping.libvirt.devices.interface import Mac, NetworkNicSource, NicDriver
from mapping.libvirt.devices.rng import RandomBackend
from mapping.libvirt.devices.video import VideoModel
from mapping.libvirt.features import Features, HyperV, State
from mapping.libvirt.memory import HugePage, HugePages, Memory, MemoryBacking
from mapping.libvirt.os import Os, OsType
from mapping.libvirt.storage import Auth, NetworkHost, Secret
from mapping.libvirt.tuning import CpuSetPin, CpuTune, Vcpu, VcpuPin

EMULATOR = "/usr/bin/qemu-system-x86_64"


def _base(name: str, uuid: str, memory_mib: int, vcpus: int, machine: str = "pc") -> Domain:
    return Domain(
        type="kvm", name=name, uuid=uuid,
        memory=Memory.of(memory_mib, "MiB"), current_memory=Size.of(memory_mib, "MiB"),
        vcpu=Vcpu(placement="static", count=vcpus),
        os=Os(type=OsType(arch="x86_64", machine=machine, value="hvm")),
        features=Features(acpi=True),
        clock=Clock(offset="utc", timers=[Timer(name="rtc", tickpolicy="catchup"),
                                         Timer(name="pit", tickpolicy="delay"),
                                         Timer(name="hpet", present=False)]),
        on_poweroff="destroy", on_reboot="restart", on_crash="destroy",
    )


def _qcow2(path: str, dev: str, alias: str | None = None, boot: int | None = None) -> Disk:
    return Disk(type="file", device="disk",
                driver=DiskDriver(name="qemu", type="qcow2", cache="none", io="threads",
                                  discard="unmap"),
                source=FileSource(file=path), target=DiskTarget(dev=dev, bus="virtio"),
                alias=alias, boot=DeviceBoot(order=boot) if boot else None)


def _nic(mac: str, network: str = "default", alias: str | None = None) -> Interface:
    return Interface(type="network", mac=Mac(address=mac),
                     source=NetworkNicSource(network=network), model="virtio",
                     driver=NicDriver(name="vhost", queues=2), alias=alias)


def _guest_agent() -> Channel:
    # No source: libvirt picks the socket path when the domain starts.
    return Channel(type="unix",
                   target=ChannelTarget(type="virtio", name="org.qemu.guest_agent.0"))


def _serial_console() -> list:
    return [Serial(type="pty", target=SerialTarget(type="isa-serial", port=0,
                                                  model="isa-serial")),
            Console(type="pty", target=ConsoleTarget(type="serial", port=0))]


def server_vm(images: Path = Path("/var/lib/libvirt/images")) -> Domain:
    """A headless server: virtio disk and nic, guest agent, serial console, VNC."""
    domain = _base("server-vm", "6c4b3a1e-8f0d-4c36-9d8a-2b7e5f1a0c42", 2048, 2)
    domain.devices = Devices(items=[
        Emulator(path=EMULATOR),
        _qcow2(str(images / "server-vm.qcow2"), "vda", boot=1),
        Controller(type="virtio-serial", index=0),
        _nic("52:54:00:6b:3c:58"),
        _guest_agent(),
        *_serial_console(),
        Input(type="tablet", bus="usb"),
        Graphics(type="vnc", autoport=True, listens=[Listen(type="address",
                                                            address="127.0.0.1")]),
        Video(model=VideoModel(type="vga", vram=16384, heads=1, primary=True)),
        Memballoon(model="virtio", stats_period=10),
        Rng(model="virtio", backend=RandomBackend(path="/dev/urandom")),
    ])
    return domain


def desktop_vm(images: Path = Path("/var/lib/libvirt/images")) -> Domain:
    """A desktop: SPICE with its agent channel, QXL video, sound, USB redirection."""
    domain = _base("desktop-vm", "1f7e0c4a-9a57-4b0e-8a55-3d0b8e6f2c91", 4096, 4, "q35")
    domain.features = Features(acpi=True, hyperv=HyperV(relaxed=State(state=True),
                                                         vapic=State(state=True)))
    domain.devices = Devices(items=[
        Emulator(path=EMULATOR),
        _qcow2(str(images / "desktop-vm.qcow2"), "vda", boot=1),
        Disk(type="file", device="cdrom", driver=DiskDriver(name="qemu", type="raw"),
             target=DiskTarget(dev="sda", bus="sata"), readonly=True),
        Controller(type="usb", index=0, model="qemu-xhci", ports=15),
        Controller(type="virtio-serial", index=0),
        _nic("52:54:00:1d:e7:02"),
        Channel(type="spicevmc", target=ChannelTarget(type="virtio",
                                                      name="com.redhat.spice.0")),
        _guest_agent(),
        Input(type="tablet", bus="usb"),
        Graphics(type="spice", autoport=True, image_compression="off",
                 listens=[Listen(type="address", address="127.0.0.1")],
                 channels=[SpiceChannel(name="main", mode="insecure")]),
        Sound(model="ich9"),
        Video(model=VideoModel(type="qxl", ram=65536, vram=65536, vgamem=16384, heads=1,
                               primary=True)),
        Redirdev(bus="usb", type="spicevmc"),
        Redirdev(bus="usb", type="spicevmc"),
        Memballoon(model="virtio"),
    ])
    return domain


def hostdev_vm(images: Path = Path("/var/lib/libvirt/images")) -> Domain:
    """A VM with a host PCI device passed through (VFIO), pinned at a guest address."""
    domain = _base("hostdev-vm", "9b3f6a2d-2c1e-4f5b-8d7a-6e4c2b1a0f33", 4096, 4, "q35")
    domain.devices = Devices(items=[
        Emulator(path=EMULATOR),
        _qcow2(str(images / "hostdev-vm.qcow2"), "vda", boot=1),
        _nic("52:54:00:3a:91:c4"),
        Hostdev(mode="subsystem", type="pci", managed=True, driver_name="vfio",
                source=PciSource(address=HostPciAddress(domain=0, bus=0x3b, slot=0,
                                                        function=0)),
                address=PciAddress(domain=0, bus=0, slot=0x08, function=0)),
        Memballoon(model="none"),
    ])
    return domain


def numa_vm(images: Path = Path("/var/lib/libvirt/images")) -> Domain:
    """A high-performance VM: guest NUMA cells, pinned vCPUs, hugepages, no balloon."""
    domain = _base("numa-vm", "3d2c1b0a-7e6f-4a5b-9c8d-1e2f3a4b5c6d", 2048, 2)
    domain.memory_backing = MemoryBacking(hugepages=HugePages(pages=[
        HugePage(size=2048, unit="KiB")]), locked=True)
    domain.cputune = CpuTune(vcpupins=[VcpuPin(vcpu=0, cpuset="0"),
                                       VcpuPin(vcpu=1, cpuset="1")],
                             emulatorpin=CpuSetPin(cpuset="0-1"))
    domain.cpu = Cpu(mode="host-passthrough", check="none",
                     topology=CpuTopology(sockets=2, dies=1, cores=1, threads=1),
                     numa=Numa(cells=[NumaCell(id=0, cpus="0", memory=1048576, unit="KiB"),
                                      NumaCell(id=1, cpus="1", memory=1048576, unit="KiB")]))
    domain.devices = Devices(items=[
        Emulator(path=EMULATOR),
        _qcow2(str(images / "numa-vm.qcow2"), "vda", boot=1),
        _nic("52:54:00:5e:22:7b"),
        Memballoon(model="none"),
    ])
    return domain


def network_disks_vm() -> Domain:
    """Disks on the network: Ceph RBD with a secret, iSCSI, and NBD over a unix socket."""
    domain = _base("netdisk-vm", "8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c5b", 2048, 2)
    domain.devices = Devices(items=[
        Emulator(path=EMULATOR),
        Disk(type="network", device="disk", driver=DiskDriver(name="qemu", type="raw"),
             source=NetworkSource(protocol="rbd", name="pool/vm-root",
                                  hosts=[NetworkHost(name="mon1.example.org", port=6789),
                                         NetworkHost(name="mon2.example.org", port=6789)],
                                  auth=Auth(username="libvirt", secret=Secret(
                                      type="ceph",
                                      uuid="2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"))),
             target=DiskTarget(dev="vda", bus="virtio"), boot=DeviceBoot(order=1)),
        Disk(type="network", device="disk", driver=DiskDriver(name="qemu", type="raw"),
             source=NetworkSource(protocol="iscsi",
                                  name="iqn.2024-01.org.example:storage/1",
                                  hosts=[NetworkHost(name="san.example.org", port=3260)]),
             target=DiskTarget(dev="vdb", bus="virtio")),
        Disk(type="network", device="disk", driver=DiskDriver(name="qemu", type="raw"),
             source=NetworkSource(protocol="nbd", name="export",
                                  hosts=[NetworkHost(transport="unix",
                                                     socket="/run/nbd/export.sock")]),
             target=DiskTarget(dev="vdc", bus="virtio")),
        _nic("52:54:00:7c:14:d9"),
        Memballoon(model="virtio", driver=VirtioOptions(iommu=False)),
    ])
    return domain


def ovirt_spec_params_vm(images: Path = Path("/var/lib/libvirt/images")) -> Domain:
    """The server VM as the oVirt engine sends it with a cloud-init payload CD-ROM, and
    the spec params VDSM keeps in each device's `ovirt-vm:device` entry (typed
    `mapping.ovirt.SpecParams`: a disk pinned to an I/O thread with limits, the payload,
    the video card, the RNG's rate, a nic's QoS)."""
    from mapping.ovirt import DeviceMetadata, SpecParams, VmMetadata, set_vm_metadata
    from mapping.ovirt.metadata_disk import DiskPayload, PayloadFile
    from mapping.ovirt.metadata_spec import SpecBandwidth, SpecIoTune
    domain = server_vm(images)
    domain.name, domain.uuid = "ovirt-spec-vm", "3d2c1b0a-9e8f-4d7c-8b6a-5f4e3d2c1b0a"
    domain.devices.add(Disk(type="file", device="cdrom",
                            driver=DiskDriver(name="qemu", type="raw"),
                            source=FileSource(file=str(images / "ovirt-spec-vm-payload.iso")),
                            target=DiskTarget(dev="sdb", bus="sata"), readonly=True))
    payload = DiskPayload(vol_id="config-2", files=[
        PayloadFile(path="openstack/latest/meta_data.json",
                    content="eyJ1dWlkIjogIjNkMmMxYjBhIn0="),
        PayloadFile(path="openstack/latest/user_data", content="I2Nsb3VkLWNvbmZpZwo=")])
    set_vm_metadata(domain, VmMetadata(cluster_version="4.7", devices=[
        DeviceMetadata(devtype="disk", name="vda", spec_params=SpecParams(
            pin_to_io_thread=1, io_tune=SpecIoTune(total_bytes_sec=104857600,
                                                   total_iops_sec=2000))),
        DeviceMetadata(devtype="disk", name="sdb", spec_params=SpecParams(vm_payload=payload)),
        DeviceMetadata(mac_address="52:54:00:6b:3c:58", spec_params=SpecParams(
            inbound=SpecBandwidth(average=10240, peak=20480, burst=1024))),
        DeviceMetadata(devtype="video", name="video0", spec_params=SpecParams(
            vram=16384, heads=1)),
        DeviceMetadata(devtype="rng", name="rng0", spec_params=SpecParams(
            source="urandom", bytes=1024, period=1000)),
    ]))
    return domain


ENGINE_BUILT = {
    "server-vm": server_vm,
    "desktop-vm": desktop_vm,
    "hostdev-vm": hostdev_vm,
    "numa-vm": numa_vm,
    "network-disks-vm": network_disks_vm,
    "ovirt-spec-params-vm": ovirt_spec_params_vm,
}

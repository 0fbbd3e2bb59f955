"""A user's script: build a KVM domain in code (q35, UEFI, a qcow2 virtio disk, a
bridged nic, VNC, a serial console, the guest agent's channel), edit it and read it
back. `tests/test_mypy.py` type-checks it, and copies of it with one mistake each (on
the lines marked "mistake"), and runs it."""
from __future__ import annotations

from mapping import from_xml, to_xml
from mapping.libvirt import (BridgeNicSource, Cache, Channel, ChannelTarget, ChardevType,
                             Console, ConsoleTarget, Devices, Disk, DiskBus, DiskDevice,
                             DiskDriver, DiskTarget, DiskType, Domain, DomainType, Emulator,
                             Features, FileSource, FirmwareType, Graphics, GraphicsType,
                             Interface, InterfaceType, Listen, ListenType, Loader,
                             LoaderType, Mac, Memory, Os, OsType, Serial, SerialTarget, Size)
from mapping.libvirt.os import Nvram   # (the firmware's variable store; mapping.libvirt's
                                       # Nvram is the pSeries device)


def qcow2_disk(path: str, dev: str) -> Disk:
    return Disk(type=DiskType.FILE, device=DiskDevice.DISK,
                driver=DiskDriver(name="qemu", type="qcow2", cache=Cache.NONE),
                source=FileSource(file=path),
                target=DiskTarget(dev=dev, bus=DiskBus.VIRTIO))  # mistake: int-for-target-dev


def build() -> Domain:
    return Domain(
        type=DomainType.KVM, name="typed-vm",
        memory=Memory.of(2, "GiB"), current_memory=Size.of(2, "GiB"),
        os=Os(firmware=FirmwareType.EFI,
              type=OsType(arch="x86_64", machine="q35", value="hvm"),
              loader=Loader(readonly=True, type=LoaderType.PFLASH,
                            path="/usr/share/OVMF/OVMF_CODE.fd"),
              nvram=Nvram(path="/var/lib/libvirt/qemu/nvram/typed-vm_VARS.fd")),
        features=Features(acpi=True),  # mistake: misspelt-constructor-field
        devices=Devices(items=[
            Emulator(path="/usr/bin/qemu-system-x86_64"),
            qcow2_disk("/var/lib/libvirt/images/typed-vm.qcow2", "vda"),
            Interface(type=InterfaceType.BRIDGE, mac=Mac(address="52:54:00:12:34:56"),
                      source=BridgeNicSource(bridge="br0"), model="virtio"),
            Graphics(type=GraphicsType.VNC, autoport=True,
                     listens=[Listen(type=ListenType.ADDRESS, address="127.0.0.1")]),
            Serial(type=ChardevType.PTY, target=SerialTarget(type="isa-serial", port=0)),
            Console(type=ChardevType.PTY, target=ConsoleTarget(type="serial", port=0)),
            Channel(type=ChardevType.UNIX,
                    target=ChannelTarget(type="virtio", name="org.qemu.guest_agent.0")),
        ]),
    )


def edit(domain: Domain) -> Disk:
    domain.memory = Memory.of(4, "GiB")
    domain.current_memory = Size.of(4, "GiB")
    assert domain.devices is not None
    disks = domain.devices.disks
    first: Disk = disks[0]
    assert first.driver is not None
    first.driver.cache = Cache.WRITEBACK  # mistake: misspelt-attribute
    data = qcow2_disk("/var/lib/libvirt/images/typed-vm-data.qcow2", "vdb")
    disks.append(data)
    found = domain.devices.find("vdb")
    assert found is data
    domain.devices.remove(found)
    return first


def main() -> None:
    domain = build()
    edited = edit(domain)
    text: str = to_xml(domain)
    again: Domain = from_xml(text, Domain)
    assert again == domain, "the round trip changed the domain"
    assert again.devices is not None and len(again.devices.disks) == 1
    disk = again.devices.disks[0]
    assert disk.target is not None and disk.target.dev == "vda"
    assert disk.driver is not None and disk.driver.cache == Cache.WRITEBACK
    assert again.memory is not None and again.memory.kib == 4 * 1024 * 1024
    assert edited.target is not None
    print(f"{again.name}: {len(text.splitlines())} lines of XML")


if __name__ == "__main__":
    main()

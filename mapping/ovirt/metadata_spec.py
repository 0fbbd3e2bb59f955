"""`ovirt-vm:specParams`: the engine's spec params of one device, typed.

The engine keeps, per device, a map of parameters libvirt's element does not say in
its own terms (a video card's memory sizes, an RNG's rate, which I/O thread a disk is
pinned to, a payload's files); VDSM keeps what the engine sent under the device's
metadata entry, one leaf per key (the number keys with VDSM's `type="int"` hint when
VDSM wrote them, plain when the engine did), nested keys as wrappers:

    <ovirt-vm:specParams>
      <ovirt-vm:pinToIoThread>1</ovirt-vm:pinToIoThread>
      <ovirt-vm:vmPayload>
        <ovirt-vm:volId>config-2</ovirt-vm:volId>
        <ovirt-vm:file path="openstack/latest/meta_data.json">eyJ1dWlk...</ovirt-vm:file>
      </ovirt-vm:vmPayload>
    </ovirt-vm:specParams>

Each key has one meaning whatever the device, so one class holds them all, grouped
below by the device kind that uses them. A key not declared here is kept as unknown XML
and written back where it stood.
"""
from __future__ import annotations

from ..core import child, element
from ..namespaces import OVIRT_VM
from .metadata_disk import DiskPayload
from .metadata_values import BOOL, INT, vm_leaf


@element()
class SpecIoTune:
    """`ovirt-vm:ioTune` in a disk's spec params: the disk's per-second I/O limits, as
    the engine's disk profile gives them (libvirt's `<iotune>`). The keys are those of
    `ovirt-tune`'s `IoTuneLimits`, in the ovirt-vm namespace."""

    total_bytes_sec: int | None = vm_leaf("total_bytes_sec", INT)
    """Bytes per second, reads and writes together."""
    total_iops_sec: int | None = vm_leaf("total_iops_sec", INT)
    """I/O operations per second, reads and writes together."""
    read_bytes_sec: int | None = vm_leaf("read_bytes_sec", INT)
    """Bytes read per second."""
    read_iops_sec: int | None = vm_leaf("read_iops_sec", INT)
    """Read operations per second."""
    write_bytes_sec: int | None = vm_leaf("write_bytes_sec", INT)
    """Bytes written per second."""
    write_iops_sec: int | None = vm_leaf("write_iops_sec", INT)
    """Write operations per second."""


@element()
class SpecBandwidth:
    """`ovirt-vm:inbound` or `ovirt-vm:outbound` in a nic's spec params: its network
    QoS (libvirt's `<bandwidth>` side), in KiB/s and KiB."""

    average: int | None = vm_leaf("average", INT)
    """The average rate."""
    peak: int | None = vm_leaf("peak", INT)
    """The highest rate in a burst."""
    burst: int | None = vm_leaf("burst", INT)
    """How much may be sent at the peak rate."""


@element()
class SpecParams:
    """A device's spec params, as the engine sent them and VDSM keeps them."""

    # -- disks
    pin_to_io_thread: int | None = vm_leaf("pinToIoThread", INT)
    """The I/O thread the disk is pinned to (its `<driver iothread>`)."""
    io_tune: SpecIoTune | None = child("ioTune", ns=OVIRT_VM)
    """The disk's I/O limits."""
    vm_payload: DiskPayload | None = child("vmPayload", ns=OVIRT_VM)
    """A payload CD-ROM's or floppy's files (cloud-init, sysprep), which VDSM makes into
    the image the drive shows."""
    path: str | None = vm_leaf("path")
    """A CD-ROM's or floppy's image path (an ISO), as older engines sent it."""
    # -- controllers
    io_thread_id: int | None = vm_leaf("ioThreadId", INT)
    """The I/O thread a virtio-scsi controller runs in."""
    # -- video cards
    vram: int | None = vm_leaf("vram", INT)
    """The card's video memory, in KiB."""
    ram: int | None = vm_leaf("ram", INT)
    """A QXL card's primary memory, in KiB."""
    vgamem: int | None = vm_leaf("vgamem", INT)
    """A QXL card's VGA framebuffer, in KiB."""
    heads: int | None = vm_leaf("heads", INT)
    """The number of displays the card drives."""
    # -- graphics
    display_network: str | None = vm_leaf("displayNetwork")
    """The logical network whose address the display listens on."""
    display_ip: str | None = vm_leaf("displayIp")
    """The address the display listens on."""
    key_map: str | None = vm_leaf("keyMap")
    """A VNC display's keyboard layout (`en-us`)."""
    spice_secure_channels: str | None = vm_leaf("spiceSecureChannels")
    """The SPICE channels that go over TLS, comma-separated (`smain,sinputs,...`)."""
    copy_paste_enable: bool | None = vm_leaf("copyPasteEnable", BOOL)
    """Whether SPICE copy and paste between client and guest is allowed."""
    file_transfer_enable: bool | None = vm_leaf("fileTransferEnable", BOOL)
    """Whether SPICE file transfer from the client is allowed."""
    # -- consoles
    enable_socket: bool | None = vm_leaf("enableSocket", BOOL)
    """Whether the serial console is reached through a unix socket VDSM makes (for the
    engine's serial console proxy) instead of a pty."""
    console_type: str | None = vm_leaf("consoleType")
    """The console's target type: `serial` or `virtio`."""
    # -- random number generators
    source: str | None = vm_leaf("source")
    """The host's entropy source: `urandom`, `random` or `hwrng`."""
    bytes: int | None = vm_leaf("bytes", INT)
    """How many bytes the guest may take per period."""
    period: int | None = vm_leaf("period", INT)
    """The period of that rate limit, in milliseconds."""
    # -- watchdogs, balloons, smartcards, sound (the model of the device)
    model: str | None = vm_leaf("model")
    """The device's model (`i6300esb`, `virtio`, ...)."""
    action: str | None = vm_leaf("action")
    """A watchdog's action when it fires: `reset`, `poweroff`, `pause`, `dump`, ..."""
    mode: str | None = vm_leaf("mode")
    """A smartcard's mode (`passthrough`)."""
    type: str | None = vm_leaf("type")
    """A smartcard's passthrough type (`spicevmc`)."""
    # -- memory devices (hot-plugged DIMMs)
    node: int | None = vm_leaf("node", INT)
    """The guest NUMA node the memory module is plugged into."""
    size: int | None = vm_leaf("size", INT)
    """The memory module's size, in MiB."""
    # -- host devices
    mdev_type: str | None = vm_leaf("mdevType")
    """A vGPU's mediated device type (`nvidia-22`)."""
    # -- nics
    inbound: SpecBandwidth | None = child("inbound", ns=OVIRT_VM)
    """The nic's inbound QoS."""
    outbound: SpecBandwidth | None = child("outbound", ns=OVIRT_VM)
    """The nic's outbound QoS."""


__all__ = ["SpecBandwidth", "SpecIoTune", "SpecParams"]

"""`ovirt-tune:qos`: the QoS limits the engine sets on a running VM, as VDSM keeps them.

The engine writes the block empty when it builds the domain; each `updateVmPolicy` call
then has VDSM put in the VM's CPU limit and the I/O limits of its disks, which VDSM
applies again after a restart or a migration. Unlike the `ovirt-vm` block, the values
here are plain text (VDSM writes these elements itself, without type hints).

    <ovirt-tune:qos>
      <ovirt-tune:vcpuLimit>50</ovirt-tune:vcpuLimit>
      <ovirt-tune:ioTune>
        <ovirt-tune:device name="vda" path="/rhev/...">
          <ovirt-tune:maximum><ovirt-tune:total_bytes_sec>...</...></ovirt-tune:maximum>
          <ovirt-tune:guaranteed>...</ovirt-tune:guaranteed>
        </ovirt-tune:device>
      </ovirt-tune:ioTune>
    </ovirt-tune:qos>
"""
from __future__ import annotations

from typing import Any

from ..core import attr, child, children, element, path
from ..namespaces import OVIRT_TUNE


def _tune(name: str) -> Any:
    """A leaf of the ovirt-tune namespace."""
    return path(name, ns=OVIRT_TUNE)


@element()
class IoTuneLimits:
    """`ovirt-tune:maximum` or `ovirt-tune:guaranteed`: per-second I/O limits of a disk.
    VDSM writes only the limits that are set (zero or more)."""

    total_bytes_sec: int | None = _tune("total_bytes_sec")
    """Bytes per second, reads and writes together."""
    total_iops_sec: int | None = _tune("total_iops_sec")
    """I/O operations per second, reads and writes together."""
    read_bytes_sec: int | None = _tune("read_bytes_sec")
    """Bytes read per second."""
    read_iops_sec: int | None = _tune("read_iops_sec")
    """Read operations per second."""
    write_bytes_sec: int | None = _tune("write_bytes_sec")
    """Bytes written per second."""
    write_iops_sec: int | None = _tune("write_iops_sec")
    """Write operations per second."""


@element()
class IoTuneDevice:
    """`ovirt-tune:device`: the I/O limits of one disk, named by its target and path."""

    name: str | None = attr("name")
    """The disk's target dev (`vda`)."""
    path: str | None = attr("path")
    """The disk's path on the host."""
    maximum: IoTuneLimits | None = child("maximum", ns=OVIRT_TUNE)
    """The limits the disk may not exceed."""
    guaranteed: IoTuneLimits | None = child("guaranteed", ns=OVIRT_TUNE)
    """The rates the disk is promised."""


@element()
class IoTune:
    """`ovirt-tune:ioTune`: the I/O limits of the VM's disks, a `device` per disk."""

    devices: list[IoTuneDevice] = children("device", ns=OVIRT_TUNE)
    """One entry per disk with limits."""

    def device(self, name: str) -> IoTuneDevice | None:
        """The entry of the disk whose target dev is `name`."""
        return next((d for d in self.devices if d.name == name), None)


@element("qos", ns=OVIRT_TUNE, nsmap={"ovirt-tune": OVIRT_TUNE})
class TuneQos:
    """`ovirt-tune:qos`: the engine writes it empty; VDSM keeps QoS settings in it."""

    vcpu_limit: int | None = _tune("vcpuLimit")
    """The cap on the VM's CPU use, in percent of the host's CPU."""
    io_tune: IoTune | None = child("ioTune", ns=OVIRT_TUNE)
    """The I/O limits of its disks."""


__all__ = ["IoTune", "IoTuneDevice", "IoTuneLimits", "TuneQos"]

"""Character devices: serial, parallel, console and channel.

formatdomain "Consoles, serial, parallel & channel devices". The host side (`type` and
`<source>`) is shared with the smartcard, USB redirection and EGD rng backends.
"""
from __future__ import annotations

from ...core import OnOff, OpenEnum, YesNo, attr, child, children, element
from ...core import path as leaf
from ..security import SecLabel
from .common import Device
from .disk_source import Reconnect


class ChardevType(OpenEnum):
    NULL = "null"
    VC = "vc"
    PTY = "pty"
    DEV = "dev"
    FILE = "file"
    PIPE = "pipe"
    STDIO = "stdio"
    UDP = "udp"
    TCP = "tcp"
    UNIX = "unix"
    SPICEVMC = "spicevmc"
    SPICEPORT = "spiceport"
    NMDM = "nmdm"
    QEMU_VDAGENT = "qemu-vdagent"
    DBUS = "dbus"


@element()
class ChardevSource:
    """One `<source>` of a character device (udp has two: bind and connect)."""

    mode: str | None = attr("mode")
    path: str | None = attr("path")
    host: str | None = attr("host")
    service: str | None = attr("service")
    append: bool | None = attr("append", codec=OnOff)
    tls: bool | None = attr("tls", codec=YesNo)
    channel: str | None = attr("channel")
    master: str | None = attr("master")
    slave: str | None = attr("slave")
    seclabels: list[SecLabel] = children("seclabel")
    reconnect: Reconnect | None = child("reconnect")
    # libvirt writes <clipboard> before <mouse> (qemu-vdagent)
    clipboard_copypaste: bool | None = leaf("clipboard/@copypaste", codec=YesNo)
    mouse_mode: str | None = leaf("mouse/@mode")


@element()
class ChardevLog:
    file: str | None = attr("file")
    append: bool | None = attr("append", codec=OnOff)


@element()
class ChardevHost:
    """The host side of a character device: its type, sources, protocol and log."""

    type: ChardevType | None = attr("type")
    tty: str | None = attr("tty")
    sources: list[ChardevSource] = children("source")
    protocol: str | None = leaf("protocol/@type")
    log: ChardevLog | None = child("log")


@element()
class SerialTarget:
    """`<target type=.. port=..><model name=../>`: the guest side of a serial, console,
    parallel or passthrough smartcard device (libvirt's schema gives all four the same
    target)."""

    type: str | None = attr("type")
    port: int | None = attr("port")
    model: str | None = leaf("model/@name")


@element("serial")
class Serial(ChardevHost, Device):
    IDENTITY = ("target.port",)

    target: SerialTarget | None = child("target")


@element()
class ParallelTarget:
    type: str | None = attr("type")
    port: int | None = attr("port")
    model: str | None = leaf("model/@name")


@element("parallel")
class Parallel(ChardevHost, Device):
    IDENTITY = ("target.port",)

    target: ParallelTarget | None = child("target")


@element()
class ConsoleTarget:
    type: str | None = attr("type")
    port: int | None = attr("port")
    model: str | None = leaf("model/@name")


@element("console")
class Console(ChardevHost, Device):
    IDENTITY = ("target.type+target.port",)

    target: ConsoleTarget | None = child("target")


@element()
class ChannelTarget:
    """`<target type="virtio" name=.. state=..>` or `<target type="guestfwd" address port>`."""

    type: str | None = attr("type")
    name: str | None = attr("name")
    state: str | None = attr("state")
    address: str | None = attr("address")
    port: int | None = attr("port")


@element("channel")
class Channel(ChardevHost, Device):
    IDENTITY = ("target.name", "target.address+target.port")

    target: ChannelTarget | None = child("target")

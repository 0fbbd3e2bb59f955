"""Placeholders: values only the host knows, written by the engine in oVirt's wire form.

The engine builds the domain once, without host-specific values; VDSM fills them in
before it defines the domain. Each placeholder is a `Token`: it sits in any field
(an integer lease offset included), is written as its wire text, and is parsed back
into the same placeholder by `from_engine_xml`.

    engine:  sysinfo entry "product" = OsName()            -> <entry name="product">OS-NAME:</entry>
    host:    domain = from_engine_xml(xml)
             ready = resolve(domain, HostFacts(os_name="RHEL", ...))
             to_libvirt_xml(ready)        # raises while anything is left unresolved
"""
from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from ..core import MappingError, SerializeError, Token, from_xml, to_xml

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
CHANNELS_DIR = "/var/lib/libvirt/qemu/channels"


class UnresolvedPlaceholders(MappingError):
    """Placeholders the host facts cannot fill in, or that are left at serialisation."""

    def __init__(self, found: list[tuple[str, Token]], why: str):
        self.found = found
        lines = "\n".join(f"  {where}: {token.text}" for where, token in found)
        super().__init__(f"{why} ({len(found)}):\n{lines}")


@dataclass
class HostFacts:
    """What a host knows and the engine does not, for `resolve`."""

    os_name: str | None = None
    os_version: str | None = None
    serial: str | None = None
    # (storage domain id, lease id) -> (path, offset), from the host's storage.
    leases: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    # (storage domain id, image id, volume id) -> the prepared volume's path.
    volumes: dict[tuple[str, str, str], str] = field(default_factory=dict)
    payload_path: str | None = None
    channels_dir: str | None = None


class Placeholder(Token):
    """A value the host fills in. Subclasses say how it is written and resolved."""

    __slots__ = ()

    def resolve(self, facts: HostFacts) -> Any:
        """The host's value, or None when `facts` does not have it."""
        raise NotImplementedError


def _sysinfo(name: str, wire: str, fact: str, doc: str) -> type:
    """A sysinfo placeholder: VDSM replaces an entry whose text starts with `wire`."""

    @dataclass(frozen=True)
    class SysinfoPlaceholder(Placeholder):
        suffix: str = ""

        @property
        def text(self) -> str:
            return wire + self.suffix

        def resolve(self, facts: HostFacts) -> Any:
            return getattr(facts, fact)

    SysinfoPlaceholder.__name__ = SysinfoPlaceholder.__qualname__ = name
    SysinfoPlaceholder.__doc__ = doc
    SysinfoPlaceholder.wire = wire
    return SysinfoPlaceholder


OsName = _sysinfo("OsName", "OS-NAME:", "os_name",
                  "`OS-NAME:` in sysinfo system/product: the host's OS name.")
OsVersion = _sysinfo("OsVersion", "OS-VERSION:", "os_version",
                     "`OS-VERSION:` in sysinfo system/version: the host's OS version-release.")
HostSerial = _sysinfo("HostSerial", "HOST-SERIAL:", "serial",
                      "`HOST-SERIAL:` in sysinfo system/serial: the host's serial (UUID).")


@dataclass(frozen=True)
class LeasePath(Placeholder):
    """`LEASE-PATH:<lease id>:<domain id>` in a lease's target path."""

    lease_id: str
    domain_id: str

    @property
    def text(self) -> str:
        return f"LEASE-PATH:{self.lease_id}:{self.domain_id}"

    def resolve(self, facts: HostFacts) -> Any:
        found = facts.leases.get((self.domain_id, self.lease_id))
        return None if found is None else found[0]


@dataclass(frozen=True)
class LeaseOffset(Placeholder):
    """`LEASE-OFFSET:<lease id>:<domain id>` in a lease's target offset (an integer)."""

    lease_id: str
    domain_id: str

    @property
    def text(self) -> str:
        return f"LEASE-OFFSET:{self.lease_id}:{self.domain_id}"

    def resolve(self, facts: HostFacts) -> Any:
        found = facts.leases.get((self.domain_id, self.lease_id))
        return None if found is None else found[1]


@dataclass(frozen=True)
class Payload(Placeholder):
    """`PAYLOAD:` as a cdrom or floppy source file: the payload image VDSM creates."""

    @property
    def text(self) -> str:
        return "PAYLOAD:"

    def resolve(self, facts: HostFacts) -> Any:
        return facts.payload_path


@dataclass(frozen=True)
class VolumePath(Placeholder):
    """A disk image by its storage ids, written as the path the engine predicts
    (`/rhev/data-center/<pool>/<domain>/images/<image>/<volume>`); the host prepares
    the volume and gives its real path."""

    pool_id: str
    domain_id: str
    image_id: str
    volume_id: str

    @property
    def text(self) -> str:
        return (f"/rhev/data-center/{self.pool_id}/{self.domain_id}/images/"
                f"{self.image_id}/{self.volume_id}")

    def resolve(self, facts: HostFacts) -> Any:
        return facts.volumes.get((self.domain_id, self.image_id, self.volume_id))


@dataclass(frozen=True)
class ChannelSocket(Placeholder):
    """A virtio-serial channel's unix socket, `<channels dir>/<vm id>.<channel name>`;
    the host decides the directory."""

    vm_id: str
    name: str

    @property
    def text(self) -> str:
        return f"{CHANNELS_DIR}/{self.vm_id}.{self.name}"

    def resolve(self, facts: HostFacts) -> Any:
        if facts.channels_dir is None:
            return None
        return f"{facts.channels_dir.rstrip('/')}/{self.vm_id}.{self.name}"


_LEASE = re.compile(r"LEASE-(PATH|OFFSET):([^:]+):([^:]+)\Z")
_VOLUME = re.compile(rf"/rhev/data-center/({_UUID})/({_UUID})/images/({_UUID})/({_UUID})\Z")
_CHANNEL = re.compile(rf"{re.escape(CHANNELS_DIR)}/({_UUID})\.([\w.\-]+)\Z")


def recognize(raw: str) -> Placeholder | None:
    """The placeholder `raw` stands for, or None for an ordinary value."""
    for kind in (OsName, OsVersion, HostSerial):
        if raw.startswith(kind.wire):
            return kind(suffix=raw[len(kind.wire):])
    if raw == "PAYLOAD:":
        return Payload()
    match = _LEASE.match(raw)
    if match:
        kind = LeasePath if match[1] == "PATH" else LeaseOffset
        return kind(lease_id=match[2], domain_id=match[3])
    match = _VOLUME.match(raw)
    if match:
        return VolumePath(*match.groups())
    match = _CHANNEL.match(raw)
    if match:
        return ChannelSocket(vm_id=match[1], name=match[2])
    return None


def from_engine_xml(data: str | bytes, cls: type | None = None, **options: Any) -> Any:
    """Parse XML the engine wrote, with its placeholders as `Placeholder`s."""
    return from_xml(data, cls, tokens=recognize, **options)


def _walk(value: Any, where: str):
    """(where, holder, key, item) for every value inside an entity, depth first."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for spec in dataclasses.fields(value):
            if spec.name == "extras":
                continue
            item = getattr(value, spec.name)
            yield f"{where}.{spec.name}", value, spec.name, item
            yield from _walk(item, f"{where}.{spec.name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield f"{where}[{index}]", value, index, item
            yield from _walk(item, f"{where}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield f"{where}[{key!r}]", value, key, item
            yield from _walk(item, f"{where}[{key!r}]")


def unresolved(entity: Any) -> list[tuple[str, Placeholder]]:
    """Every placeholder left in `entity`, with the Python path that reaches it."""
    root = type(entity).__name__.lower()
    return [(where, item) for where, _, _, item in _walk(entity, root)
            if isinstance(item, Placeholder)]


def resolve(entity: Any, facts: HostFacts) -> Any:
    """A copy of `entity` with every placeholder replaced by the host's value.

    Raises `UnresolvedPlaceholders` naming each one `facts` cannot fill in.
    """
    resolved = copy.deepcopy(entity)
    missing = []
    root = type(entity).__name__.lower()
    for where, holder, key, item in list(_walk(resolved, root)):
        if not isinstance(item, Placeholder):
            continue
        value = item.resolve(facts)
        if value is None:
            missing.append((where, item))
        elif isinstance(holder, (list, dict)):
            holder[key] = value
        else:
            setattr(holder, key, value)
    if missing:
        raise UnresolvedPlaceholders(missing, "the host facts do not resolve these placeholders")
    return resolved


def to_libvirt_xml(entity: Any, **options: Any) -> str:
    """XML for libvirt: refuses, naming each one, while placeholders are left."""
    left = unresolved(entity)
    if left:
        error = UnresolvedPlaceholders(left, "placeholders left for libvirt")
        raise SerializeError(str(error)) from error
    return to_xml(entity, **options)

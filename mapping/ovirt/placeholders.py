"""Placeholders: values only the host knows, written by the engine in oVirt's wire form.

The engine builds the domain once, without host-specific values; VDSM fills them in
before it defines the domain. Each placeholder is a `Token`: it sits in any field
(an integer lease offset included), is written as its wire text, and is parsed back
into the same placeholder by `from_engine_xml`.

    engine:  sysinfo entry "product" = OsName()            -> <entry name="product">OS-NAME:</entry>
    host:    domain = from_engine_xml(xml)
             ready = resolve(domain, HostFacts(os_name="RHEL", ...))
             to_libvirt_xml(ready)        # raises while anything is left unresolved

A placeholder is recognised only where the engine writes its kind (`placeholder_kind`):
`<name>OS-NAME:web01</name>` is a name, and comes back as it was written.
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import re
import secrets
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..core import MappingError, ParseError, SerializeError, Token, to_xml
from ..core import from_element, keep_source, parse_document
from .places import Place, place

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
CHANNELS_DIR = "/var/lib/libvirt/qemu/channels"


class InvalidHostFacts(MappingError):
    """`HostFacts` entries that do not have the shape `resolve` needs, each named."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("host facts that cannot be used:\n" + "\n".join(
            f"  {problem}" for problem in problems))


class UnresolvedPlaceholders(MappingError):
    """Placeholders the host facts cannot fill in, or that are left at serialisation:
    `found` is (place, placeholder) for each, each line names the device and the XML
    path (`disk sda: source/@file`), then the Python path."""

    def __init__(self, found: Sequence[tuple[Place, Token]], why: str):
        self.found = found
        lines = "\n".join(f"  {where}: {token.text} ({where.field})" for where, token in found)
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

    def problems(self) -> list[str]:
        """Every entry without the shape `resolve` needs, named (empty: all usable)."""
        found = [f"HostFacts.{name}: expected a str or None, got {type(value).__name__}"
                 for name in ("os_name", "os_version", "serial", "payload_path", "channels_dir")
                 if (value := getattr(self, name)) is not None and not isinstance(value, str)]
        found += _mapping_problems("leases", self.leases, 2, _lease_problem)
        found += _mapping_problems("volumes", self.volumes, 3, _volume_problem)
        return found


def _mapping_problems(name: str, value: Any, key_size: int,
                      check: Callable[[Any], str | None]) -> list[str]:
    if not isinstance(value, dict):
        return [f"HostFacts.{name}: expected a dict, got {type(value).__name__}"]
    found = []
    for key, item in value.items():
        where = f"HostFacts.{name}[{key!r}]"
        if (not isinstance(key, tuple) or len(key) != key_size
                or not all(isinstance(part, str) for part in key)):
            found.append(f"{where}: the key must be a tuple of {key_size} str ids")
        problem = check(item)
        if problem:
            found.append(f"{where}: {problem}, got {item!r}")
    return found


def _lease_problem(item: Any) -> str | None:
    if (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)
            and isinstance(item[1], int) and not isinstance(item[1], bool) and item[1] >= 0):
        return None
    return "expected a (path: str, offset: int >= 0) tuple"


def _volume_problem(item: Any) -> str | None:
    return None if isinstance(item, str) else "expected the volume's path (a str)"


class Placeholder(Token):
    """A value the host fills in. Subclasses say how it is written and resolved."""

    __slots__ = ()

    def resolve(self, facts: HostFacts) -> Any:
        """The host's value, or None when `facts` does not have it."""
        raise NotImplementedError


def _sysinfo(name: str, wire: str, fact: str, doc: str) -> type[Any]:
    """A sysinfo placeholder: VDSM replaces an entry whose text starts with `wire`."""

    @dataclass(frozen=True)
    class SysinfoPlaceholder(Placeholder):
        wire: ClassVar[str]
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
    """The placeholder `raw` stands for, or None for an ordinary value (wherever it is:
    `from_engine_xml` also checks that it stands where the engine writes its kind)."""
    for kind in (OsName, OsVersion, HostSerial):
        if raw.startswith(kind.wire):
            found: Placeholder = kind(suffix=raw[len(kind.wire):])
            return found
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


_SYSINFO_ENTRIES = {"product": OsName, "version": OsVersion, "serial": HostSerial}


def _tag(node: Any) -> Any:
    return None if node is None else node.tag


def placeholder_kind(node: Any, attr: str | None) -> tuple[type[Placeholder], ...]:
    """The placeholder kinds the engine writes in `node`'s attribute `attr` (None: its
    text): sysinfo system entries (product, version, serial), a lease target's path and
    offset, a disk's source file or device (volumes; the payload in a cdrom or floppy),
    a channel's socket path. Anywhere else: none, the text is the user's."""
    parent = node.getparent()
    tag, up = node.tag, _tag(parent)
    if attr is None:
        if tag == "entry" and up == "system" and _tag(parent.getparent()) == "sysinfo":
            kind = _SYSINFO_ENTRIES.get(node.get("name"))
            return (kind,) if kind is not None else ()
        return ()
    if tag == "target" and up == "lease":
        return {"path": (LeasePath,), "offset": (LeaseOffset,)}.get(attr, ())
    if tag == "source" and up == "disk":
        if attr == "dev":
            return (VolumePath,)
        if attr == "file":
            removable = parent.get("device") in ("cdrom", "floppy")
            return (VolumePath, Payload) if removable else (VolumePath,)
    if tag == "source" and up == "channel" and attr == "path":
        return (ChannelSocket,)
    return ()


def engine_placeholders(root: Any) -> Iterator[tuple[Any, str | None, str, Placeholder]]:
    """(node, attribute or None for its text, raw text, placeholder) for each placeholder
    under the lxml element `root` that stands where the engine writes its kind."""
    for node in root.iter("entry", "target", "source"):
        for attr, raw in ([(None, node.text)] if node.tag == "entry" else node.items()):
            if raw is None:
                continue
            token = recognize(raw)
            if token is not None and isinstance(token, placeholder_kind(node, attr)):
                yield node, attr, raw, token


class _Marks:
    """Placeholders recognised in place, each under a marker that replaces its text in
    the parsed tree: the core's recognizer sees only values, so the marker (which no
    document can contain, having a random part) carries the place."""

    def __init__(self, root: Any):
        self.nonce = secrets.token_hex(8)
        self.found: dict[str, tuple[Placeholder, Any, str | None, str]] = {}
        for node, attr, raw, token in list(engine_placeholders(root)):
            self.mark(node, attr, raw, token)

    def mark(self, node: Any, attr: str | None, raw: str, token: Placeholder) -> None:
        marker = f"\ue000{self.nonce}:{len(self.found)}"
        self.found[marker] = (token, node, attr, raw)
        self._set(node, attr, marker)

    @staticmethod
    def _set(node: Any, attr: str | None, value: str) -> None:
        if attr is None:
            node.text = value
        else:
            node.set(attr, value)

    def recognizer(self, raw: str) -> Placeholder | None:
        found = self.found.get(raw)
        return None if found is None else found[0]

    def restore(self, markers: list[str]) -> None:
        """Put back the text of placeholders no field took (they stay text)."""
        for marker in markers:
            _, node, attr, raw = self.found.pop(marker)
            self._set(node, attr, raw)


def from_engine_xml(data: str | bytes, cls: type | None = None, *, validate: bool = False,
                    **options: Any) -> Any:
    """Parse XML the engine wrote, with its placeholders as `Placeholder`s where the
    engine writes them (anywhere else, text that looks like one is plain text)."""
    from .. import libvirt  # noqa: F401  (registers <domain>)
    root = parse_document(data)
    if validate:
        from ..validate import validate as check
        problems = check(root, engine=True)   # (its placeholders as the host's values)
        if problems:
            raise ParseError(problems)
    marks = _Marks(root)
    entity = from_element(root, cls, tokens=marks.recognizer, **options)
    if marks.found:
        landed = {id(item) for _, _, _, item in _walk(entity, "")}
        lost = [marker for marker, (token, *_) in marks.found.items() if id(token) not in landed]
        if lost:
            # A marked value no field took (kept as unknown XML, say): keep its own text.
            marks.restore(lost)
            entity = from_element(root, cls, tokens=marks.recognizer, **options)
    if options.get("unknown", "preserve") == "preserve":
        keep_source(entity, data, functools.partial(from_engine_xml, cls=type(entity),
                                                    **options))
    return entity


def _is_container(value: Any) -> bool:
    return (isinstance(value, (list, dict)) or (dataclasses.is_dataclass(value)
            and not isinstance(value, (type, Token))))


def _slots(value: Any, where: str) -> Iterator[tuple[str, Any, Any]]:
    """(where, key, item) for each direct part of a container (extras left out)."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield f"{where}[{index}]", index, item
    elif isinstance(value, dict):
        for key, item in value.items():
            yield f"{where}[{key!r}]", key, item
    else:
        for spec in dataclasses.fields(value):
            if spec.name != "extras":
                yield f"{where}.{spec.name}", spec.name, getattr(value, spec.name)


def _walk(value: Any, where: str) -> Iterator[tuple[str, Any, Any, Any]]:
    """(where, holder, key, item) for every value inside an entity, depth first.

    Iterative: a 250-deep disk backing chain needs no deeper Python stack than a flat
    domain. An object that contains itself is a MappingError naming where it closes."""
    if not _is_container(value):
        return
    stack, on_path = [(value, _slots(value, where))], {id(value)}
    while stack:
        holder, parts = stack[-1]
        part = next(parts, None)
        if part is None:
            stack.pop()
            on_path.discard(id(holder))
            continue
        path, key, item = part
        yield path, holder, key, item
        if _is_container(item):
            if id(item) in on_path:
                raise MappingError(f"{path}: the entity contains itself here (a cycle)")
            on_path.add(id(item))
            stack.append((item, _slots(item, path)))


def _put(holder: Any, key: Any, value: Any) -> None:
    if isinstance(holder, (list, dict)):
        holder[key] = value
    else:
        object.__setattr__(holder, key, value)


def _shallow(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return copy.copy(value)


def _copy(entity: Any) -> Any:
    """A deep copy made with a loop (copy.deepcopy recurses several frames per level);
    shared parts stay shared, leaves and kept XML are copied by copy.deepcopy."""
    if not _is_container(entity):
        return copy.deepcopy(entity)
    top = _shallow(entity)
    memo, todo = {id(entity): top}, [top]
    while todo:
        holder = todo.pop()
        for _, key, item in list(_slots(holder, "")):
            if _is_container(item):
                twin = memo.get(id(item))
                if twin is None:
                    twin = memo[id(item)] = _shallow(item)
                    todo.append(twin)
                _put(holder, key, twin)
            elif not isinstance(item, (str, int, float, Token)) and item is not None:
                _put(holder, key, copy.deepcopy(item))
        extras = getattr(holder, "extras", None)
        if extras is not None and not isinstance(holder, (list, dict)):
            object.__setattr__(holder, "extras", copy.deepcopy(extras))
    return top


def unresolved(entity: Any) -> list[tuple[Place, Placeholder]]:
    """Every placeholder left in `entity`, with its `Place`: `str(place)` in domain terms
    (`lease ...: target/@path`), `place.field` the Python path that reaches it."""
    root = type(entity).__name__.lower()
    return [(place(entity, where), item) for where, _, _, item in _walk(entity, root)
            if isinstance(item, Placeholder)]


def _host_value(item: Placeholder, facts: HostFacts, where: str) -> Any:
    try:
        return item.resolve(facts)
    except (AttributeError, KeyError, IndexError, TypeError, ValueError,
            NotImplementedError) as err:
        raise MappingError(f"{where}: {type(item).__name__} ({item.text}) cannot be resolved "
                           f"from the host facts: {type(err).__name__}: {err}") from None


def resolve(entity: Any, facts: HostFacts) -> Any:
    """A copy of `entity` with every placeholder replaced by the host's value.

    Raises `InvalidHostFacts` naming each malformed entry of `facts`, and
    `UnresolvedPlaceholders` naming each placeholder `facts` cannot fill in.
    """
    if not isinstance(facts, HostFacts):
        raise InvalidHostFacts([f"expected HostFacts, got {type(facts).__name__}"])
    problems = facts.problems()
    if problems:
        raise InvalidHostFacts(problems)
    resolved = _copy(entity)
    missing: list[tuple[Place, Placeholder]] = []
    root = type(entity).__name__.lower()
    for where, holder, key, item in list(_walk(resolved, root)):
        if not isinstance(item, Placeholder):
            continue
        value = _host_value(item, facts, where)
        if value is None:
            missing.append((place(resolved, where), item))
        else:
            _put(holder, key, value)
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

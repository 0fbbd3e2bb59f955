"""A disk's `<source>`: one dataclass per disk type, picked by `<disk type=..>`.

formatdomain "Hard drives, floppy disks, CDROMs", element `source`. The same union
describes backing store and mirror sources.
"""
from __future__ import annotations

from ...core import OpenEnum, YesNo, attr, child, children, element, path, text, union
from ..basictypes import UNSIGNED_INT
from ..security import SecLabel
from ..storage import Auth, Encryption, NetworkHost
from ..units import Size
from .address import PciAddress
from .common import StartupPolicy


@element()
class Slice:
    type: str | None = attr("type")
    offset: int | None = attr("offset")
    size: int | None = attr("size")


@element()
class Slices:
    slices: list[Slice] = children("slice")


@element()
class Reconnect:
    """`<reconnect enabled=.. timeout=..>`: reconnect a lost socket after `timeout` s;
    or, for an NBD disk, `<reconnect delay=..>`: for how many seconds requests wait
    for a lost server to come back before they fail (formatdomain "Hard drives,
    floppy disks, CDROMs", `source`)."""

    enabled: bool | None = attr("enabled", codec=YesNo)
    timeout: int | None = attr("timeout", codec=UNSIGNED_INT)
    delay: int | None = attr("delay", codec=UNSIGNED_INT)


class SocketMode(OpenEnum):
    """Which end of a UNIX socket libvirt's side is."""

    CLIENT = "client"
    SERVER = "server"


@element()
class ReservationsSource:
    """`<source type="unix" path=.. mode=..>`: the socket of the qemu-pr-helper."""

    type: str | None = attr("type")
    path: str | None = attr("path")
    mode: SocketMode | None = attr("mode")
    reconnect: Reconnect | None = child("reconnect")


@element()
class Reservations:
    """`<reservations managed=..>`: SCSI persistent reservations through qemu-pr-helper;
    `migration` (libvirt 12.1) carries the reservation over a live migration."""

    managed: bool | None = attr("managed", codec=YesNo)
    migration: bool | None = attr("migration", codec=YesNo)
    source: ReservationsSource | None = child("source")


# -- libvirt's own status data ----------------------------------------------------------
# What libvirt keeps about a source of a running domain in its status XML
# (/run/libvirt/qemu/NAME.xml) and its tests: not part of the public format (libvirt's
# schema refuses `<privateData>`), typed so that reading such a file loses nothing.

@element()
class NodeName:
    """`<nodename type=.. name=..>`: a QEMU block node libvirt made for the source, by
    layer (`storage`, `format`, ...)."""

    type: str | None = attr("type")
    name: str | None = attr("name")


@element()
class NodeNames:
    nodes: list[NodeName] = children("nodename")


@element()
class PrivateSecret:
    """`<secret type=.. alias=..>`: a QEMU secret object libvirt made (`auth`,
    `encryption`, `httpcookie`, ...)."""

    type: str | None = attr("type")
    alias: str | None = attr("alias")


@element()
class PrivateObjects:
    """`<objects>`: the QEMU objects libvirt made for a source or a backup."""

    secrets: list[PrivateSecret] = children("secret")
    tls_alias: str | None = path("TLSx509/@alias")


@element()
class SourcePrivateData:
    """`<privateData>` of a source in libvirt's status XML (see above)."""

    nodenames: NodeNames | None = child("nodenames")
    reservations_alias: str | None = path("reservations/@mgralias")
    objects: PrivateObjects | None = child("objects")


@element(written_last=True)
class SourceCommon:
    """What every disk source may carry: index, labels, encryption, slices."""

    # (libvirt writes them after the type's own attributes and children, in this order)
    startup_policy: StartupPolicy | None = attr("startupPolicy")
    index: int | None = attr("index")
    slices: Slices | None = child("slices")
    seclabels: list[SecLabel] = children("seclabel")
    encryption: Encryption | None = child("encryption")
    reservations: Reservations | None = child("reservations")
    data_store: DataStore | None = child("dataStore")
    private_data: SourcePrivateData | None = child("privateData")   # (status XML only)


@element()
class FileSource(SourceCommon):
    file: str | None = attr("file")
    fdgroup: str | None = attr("fdgroup")


@element()
class BlockSource(SourceCommon):
    dev: str | None = attr("dev")


@element()
class DirSource(SourceCommon):
    dir: str | None = attr("dir")


@element()
class Cookie:
    name: str | None = attr("name")
    value: str | None = text()


@element()
class Cookies:
    cookies: list[Cookie] = children("cookie")


@element()
class Identity:
    """`<identity user=.. group=..>` for NFS, or `username`/`keyfile`-less SSH."""

    user: str | None = attr("user")
    group: str | None = attr("group")
    username: str | None = attr("username")
    keyfile: str | None = attr("keyfile")
    agentsock: str | None = attr("agentsock")


@element()
class NetworkSource(SourceCommon):
    """A network disk: protocol, image name, servers, credentials and transport tuning."""

    protocol: str | None = attr("protocol")
    name: str | None = attr("name")
    query: str | None = attr("query")
    tls: bool | None = attr("tls", codec=YesNo)
    tls_hostname: str | None = attr("tlsHostname")
    hosts: list[NetworkHost] = children("host")
    snapshot: str | None = path("snapshot/@name")
    config: str | None = path("config/@file")
    auth: Auth | None = child("auth")
    initiator_iqn: str | None = path("initiator/iqn/@name")
    ssl_verify: bool | None = path("ssl/@verify", codec=YesNo)
    cookies: Cookies | None = child("cookies")
    readahead_size: int | None = path("readahead/@size")
    timeout_seconds: int | None = path("timeout/@seconds")
    reconnect: Reconnect | None = child("reconnect")
    identity: Identity | None = child("identity")
    known_hosts: str | None = path("knownHosts/@path")


@element()
class VolumeSource(SourceCommon):
    """A volume of a libvirt storage pool."""

    pool: str | None = attr("pool")
    volume: str | None = attr("volume")
    mode: str | None = attr("mode")


@element()
class NvmeSource(SourceCommon):
    """A namespace of a host NVMe controller, by PCI address."""

    type: str | None = attr("type")
    managed: bool | None = attr("managed", codec=YesNo)
    namespace: int | None = attr("namespace")
    address: PciAddress | None = child("address")


@element()
class VhostUserSource(SourceCommon):
    type: str | None = attr("type")
    path: str | None = attr("path")
    reconnect: Reconnect | None = child("reconnect")


@element()
class VhostVdpaSource(SourceCommon):
    dev: str | None = attr("dev")


@element()
class CtlSource(SourceCommon):
    """`type='ctl'` (libvirt 12.0, bhyve): a CAM target layer device (`/dev/cam/ctl...`)
    given to the guest through virtio-scsi."""

    dev: str | None = attr("dev")


SOURCE_VARIANTS = {
    "file": FileSource,
    "block": BlockSource,
    "dir": DirSource,
    "network": NetworkSource,
    "volume": VolumeSource,
    "nvme": NvmeSource,
    "vhostuser": VhostUserSource,
    "vhostvdpa": VhostVdpaSource,
    "ctl": CtlSource,
}

DiskSource = (FileSource | BlockSource | DirSource | NetworkSource | VolumeSource | NvmeSource
              | VhostUserSource | VhostVdpaSource | CtlSource)


@element()
class DataStore:
    """`<dataStore type=..>`: where a qcow2 image keeps its data (external data file)."""

    type: str | None = attr("type")
    format: StoreFormat | None = child("format")
    source: DiskSource | None = union("source", SOURCE_VARIANTS, by="type")


@element()
class MetadataCache:
    max_size: Size | None = child("max_size")


@element()
class StoreFormat:
    """`<format type=..>` of a backing store or mirror, with its metadata cache."""

    type: str | None = attr("type")
    metadata_cache: MetadataCache | None = child("metadata_cache")

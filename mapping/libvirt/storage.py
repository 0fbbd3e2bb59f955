"""Storage pieces shared by disks, NVRAM stores and SCSI host devices: network hosts,
authentication secrets, encryption (formatdomain "Hard drives, floppy disks, CDROMs")."""
from __future__ import annotations

from ..core import attr, child, element


@element()
class Secret:
    """`<secret type=.. usage=.. uuid=..>`: a libvirt secret by usage or UUID."""

    type: str | None = attr("type")
    usage: str | None = attr("usage")
    uuid: str | None = attr("uuid")


@element()
class Auth:
    """`<auth username=..><secret .../></auth>`."""

    username: str | None = attr("username")
    secret: Secret | None = child("secret")


@element()
class NetworkHost:
    """`<host name=.. port=.. transport=.. socket=..>`: one server of a network source."""

    name: str | None = attr("name")
    port: int | None = attr("port")
    transport: str | None = attr("transport")
    socket: str | None = attr("socket")


@element()
class EncryptionCipher:
    name: str | None = attr("name")
    size: int | None = attr("size")
    mode: str | None = attr("mode")
    hash: str | None = attr("hash")


@element()
class EncryptionIvgen:
    name: str | None = attr("name")
    hash: str | None = attr("hash")


@element()
class Encryption:
    """`<encryption format=.. engine=..>` with its secret (formatstorageencryption)."""

    format: str | None = attr("format")
    engine: str | None = attr("engine")
    secret: Secret | None = child("secret")
    cipher: EncryptionCipher | None = child("cipher")
    ivgen: EncryptionIvgen | None = child("ivgen")

"""The `<secret>` root: a secret's properties, never its value (formatsecret).

Not to be confused with `mapping.libvirt.storage.Secret`, a disk's or pool's reference
to a secret by UUID or usage. The `<usage>` is a union picked by its `type`.
"""
from __future__ import annotations

from ..core import YesNo, attr, child, element, union
from .basictypes import ABS_FILE_PATH, UUID


@element()
class VolumeUsage:
    """`type='volume'`: the secret of one encrypted volume, by its path (formatsecret
    "Usage type volume")."""

    volume: str | None = child("volume", codec=ABS_FILE_PATH)


@element()
class CephUsage:
    """`type='ceph'`: a Ceph RBD client key, by a usage name (formatsecret "Usage type
    ceph")."""

    name: str | None = child("name")


@element()
class IscsiUsage:
    """`type='iscsi'`: CHAP credentials of an iSCSI target (formatsecret "Usage type
    iscsi")."""

    target: str | None = child("target")


@element()
class TlsUsage:
    """`type='tls'`: the passphrase of a TLS key, by a usage name (formatsecret
    "Usage type tls")."""

    name: str | None = child("name")


@element()
class VtpmUsage:
    """`type='vtpm'`: the key of an emulated TPM's encrypted state, by a usage name
    (formatsecret "Usage type vtpm")."""

    name: str | None = child("name")


USAGES: dict[str, type] = {"volume": VolumeUsage, "ceph": CephUsage, "iscsi": IscsiUsage,
          "tls": TlsUsage, "vtpm": VtpmUsage}

Usage = VolumeUsage | CephUsage | IscsiUsage | TlsUsage | VtpmUsage


@element("secret")
class Secret:
    """A libvirt secret (formatsecret "Secret XML"): kept in memory only (`ephemeral`),
    hidden from callers (`private`), and what it is used for."""

    ephemeral: bool | None = attr("ephemeral", codec=YesNo)
    private: bool | None = attr("private", codec=YesNo)
    uuid: str | None = child("uuid", codec=UUID)
    description: str | None = child("description")
    usage: Usage | None = union("usage", USAGES, on="type")

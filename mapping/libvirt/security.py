"""Security labels, key wrapping and launch security.

formatdomain "Security label", "Key Wrap", "Launch Security".
"""
from __future__ import annotations

from ..core import HexIntCodec, OnOff, YesNo, attr, child, children, element


@element()
class SecLabel:
    """`<seclabel type=.. model=.. relabel=..>` with label, imagelabel, baselabel.

    The same shape sits under a disk's or chardev's `<source>` (model, relabel, label,
    labelskip) to override the domain's label for that file.
    """

    type: str | None = attr("type")
    model: str | None = attr("model")
    relabel: bool | None = attr("relabel", codec=YesNo)
    labelskip: bool | None = attr("labelskip", codec=YesNo)
    label: str | None = child("label")
    imagelabel: str | None = child("imagelabel")
    baselabel: str | None = child("baselabel")


@element()
class Cipher:
    name: str | None = attr("name")
    state: bool | None = attr("state", codec=OnOff)


@element()
class Keywrap:
    """`<keywrap>`: s390 AES/DEA key wrapping."""

    ciphers: list[Cipher] = children("cipher")


@element()
class LaunchSecurity:
    """`<launchSecurity type="sev|sev-snp|s390-pv">` and its SEV parameters."""

    type: str | None = attr("type")
    kernel_hashes: bool | None = attr("kernelHashes", codec=YesNo)
    authorkey: bool | None = attr("authorKey", codec=YesNo)
    vcek: bool | None = attr("vcek", codec=YesNo)
    cbitpos: int | None = child("cbitpos")
    reduced_phys_bits: int | None = child("reducedPhysBits")
    policy: int | None = child("policy", codec=HexIntCodec(4))
    guest_visible_workarounds: str | None = child("guestVisibleWorkarounds")
    id_block: str | None = child("idBlock")
    id_auth: str | None = child("idAuth")
    host_data: str | None = child("hostData")
    dh_cert: str | None = child("dhCert")
    session: str | None = child("session")


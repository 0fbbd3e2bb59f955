"""TPM devices: `<tpm>` (formatdomain "TPM device")."""
from __future__ import annotations

from ...core import OpenEnum, YesNo, attr, child, element, flag
from ...core import path as leaf
from .common import Device


class TpmModel(OpenEnum):
    TPM_TIS = "tpm-tis"
    TPM_CRB = "tpm-crb"
    TPM_SPAPR = "tpm-spapr"
    SPAPR_TPM_PROXY = "spapr-tpm-proxy"


class TpmBackendType(OpenEnum):
    PASSTHROUGH = "passthrough"
    EMULATOR = "emulator"
    EXTERNAL = "external"


class TpmVersion(OpenEnum):
    V1_2 = "1.2"
    V2_0 = "2.0"


@element()
class PcrBanks:
    """`<active_pcr_banks>`: one empty element per hash bank the emulator activates."""

    sha1: bool | None = flag("sha1")
    sha256: bool | None = flag("sha256")
    sha384: bool | None = flag("sha384")
    sha512: bool | None = flag("sha512")


@element()
class TpmSource:
    """`<source type="unix" mode="connect" path=..>` of an external emulator, or
    `<source type="file|dir" path=..>`: where an emulator keeps its state."""

    type: str | None = attr("type")
    mode: str | None = attr("mode")
    path: str | None = attr("path")


@element()
class TpmProfile:
    """`<profile source=.. removeDisabled=.. name=..>`: the swtpm profile of a TPM 2.0."""

    source: str | None = attr("source")
    remove_disabled: str | None = attr("removeDisabled")
    name: str | None = attr("name")


@element()
class TpmBackend:
    """`<backend type="passthrough|emulator|external" ...>`: a host TPM (`device_path`),
    a swtpm libvirt starts (`version`, state, encryption, PCR banks) or one it connects
    to (`source`)."""

    type: TpmBackendType | None = attr("type")
    version: TpmVersion | None = attr("version")
    persistent_state: bool | None = attr("persistent_state", codec=YesNo)
    debug: int | None = attr("debug")
    device_path: str | None = leaf("device/@path")
    encryption_secret: str | None = leaf("encryption/@secret")
    active_pcr_banks: PcrBanks | None = child("active_pcr_banks")
    source: TpmSource | None = child("source")
    profile: TpmProfile | None = child("profile")


@element("tpm")
class Tpm(Device):
    """`<tpm model=..>` and its backend."""

    IDENTITY = ("model",)

    model: TpmModel | None = attr("model")
    backend: TpmBackend | None = child("backend")

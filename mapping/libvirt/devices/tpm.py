"""TPM devices: `<tpm>` (formatdomain "TPM device")."""
from __future__ import annotations

from ...core import YesNo, attr, child, element, flag
from ...core import path as leaf
from .common import Device


@element()
class PcrBanks:
    sha1: bool | None = flag("sha1")
    sha256: bool | None = flag("sha256")
    sha384: bool | None = flag("sha384")
    sha512: bool | None = flag("sha512")


@element()
class TpmSource:
    type: str | None = attr("type")
    mode: str | None = attr("mode")
    path: str | None = attr("path")


@element()
class TpmBackend:
    """`<backend type="passthrough|emulator|external" ...>`."""

    type: str | None = attr("type")
    version: str | None = attr("version")
    persistent_state: bool | None = attr("persistent_state", codec=YesNo)
    debug: int | None = attr("debug")
    device_path: str | None = leaf("device/@path")
    encryption_secret: str | None = leaf("encryption/@secret")
    active_pcr_banks: PcrBanks | None = child("active_pcr_banks")
    source: TpmSource | None = child("source")


@element("tpm")
class Tpm(Device):
    IDENTITY = ("model",)

    model: str | None = attr("model")
    backend: TpmBackend | None = child("backend")

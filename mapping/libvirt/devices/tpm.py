"""TPM devices (formatdomain "TPM device")."""
from __future__ import annotations

from ...core import element
from .common import Device


@element("tpm")
class Tpm(Device):
    """Not modelled yet: its content is kept as unknown XML."""

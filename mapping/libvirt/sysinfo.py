"""SMBIOS and fw_cfg system information: `<sysinfo>` (formatdomain "SMBIOS System Information")."""
from __future__ import annotations

from ..core import element


@element()
class Sysinfo:
    """Not modelled yet: its content is kept as unknown XML."""

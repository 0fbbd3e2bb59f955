"""Hypervisor features: `<features>` (formatdomain "Hypervisor features")."""
from __future__ import annotations

from ..core import element


@element()
class Features:
    """Not modelled yet: its content is kept as unknown XML."""

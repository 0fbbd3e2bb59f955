"""CPU model and topology: `<cpu>` (formatdomain "CPU model and topology")."""
from __future__ import annotations

from ..core import element


@element()
class Cpu:
    """Not modelled yet: its content is kept as unknown XML."""

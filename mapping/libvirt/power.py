"""Power management: `<pm>` (formatdomain "Power Management")."""
from __future__ import annotations

from ..core import element


@element()
class Pm:
    """Not modelled yet: its content is kept as unknown XML."""

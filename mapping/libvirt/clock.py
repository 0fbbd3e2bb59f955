"""Time keeping: `<clock>` and its timers (formatdomain "Time keeping")."""
from __future__ import annotations

from ..core import element


@element()
class Clock:
    """Not modelled yet: its content is kept as unknown XML."""

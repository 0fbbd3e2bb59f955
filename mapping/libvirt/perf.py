"""Performance monitoring events: `<perf>` (formatdomain "Performance monitoring events")."""
from __future__ import annotations

from ..core import element


@element()
class Perf:
    """Not modelled yet: its content is kept as unknown XML."""

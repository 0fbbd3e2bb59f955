"""Performance monitoring events: `<perf>` (formatdomain "Performance monitoring events")."""
from __future__ import annotations

from ..core import YesNo, attr, children, element


@element()
class PerfEvent:
    name: str | None = attr("name")
    enabled: bool | None = attr("enabled", codec=YesNo)


@element()
class Perf:
    events: list[PerfEvent] = children("event")

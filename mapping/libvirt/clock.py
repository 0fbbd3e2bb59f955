"""Time keeping: `<clock>` and its timers (formatdomain "Time keeping")."""
from __future__ import annotations

from ..core import OpenEnum, YesNo, attr, child, children, element


class ClockOffset(OpenEnum):
    UTC = "utc"
    LOCALTIME = "localtime"
    TIMEZONE = "timezone"
    VARIABLE = "variable"
    ABSOLUTE = "absolute"


@element()
class Catchup:
    threshold: int | None = attr("threshold")
    slew: int | None = attr("slew")
    limit: int | None = attr("limit")


@element()
class Timer:
    """`<timer name=.. tickpolicy=.. present=..>`: one guest timer (pit, rtc, hpet, tsc...)."""

    name: str | None = attr("name")
    track: str | None = attr("track")
    tickpolicy: str | None = attr("tickpolicy")
    frequency: int | None = attr("frequency")
    mode: str | None = attr("mode")
    present: bool | None = attr("present", codec=YesNo)
    catchup: Catchup | None = child("catchup")


@element()
class Clock:
    """`<clock offset=..>`: how the guest clock relates to the host's."""

    offset: ClockOffset | None = attr("offset")
    timezone: str | None = attr("timezone")
    adjustment: str | None = attr("adjustment")
    basis: str | None = attr("basis")
    start: int | None = attr("start")
    timers: list[Timer] = children("timer")

"""Time keeping: `<clock>` and its timers (formatdomain "Time keeping")."""
from __future__ import annotations

from ..core import OpenEnum, YesNo, attr, child, children, element


class ClockOffset(OpenEnum):
    """What the guest clock is set from at boot."""

    UTC = "utc"
    LOCALTIME = "localtime"
    TIMEZONE = "timezone"
    VARIABLE = "variable"
    ABSOLUTE = "absolute"


class TimerName(OpenEnum):
    """A guest timer (formatdomain "Time keeping")."""

    PLATFORM = "platform"
    PIT = "pit"
    RTC = "rtc"
    HPET = "hpet"
    TSC = "tsc"
    KVMCLOCK = "kvmclock"
    HYPERVCLOCK = "hypervclock"
    ARMVTIMER = "armvtimer"


class TimerTrack(OpenEnum):
    """What an RTC or platform timer tracks."""

    BOOT = "boot"
    GUEST = "guest"
    WALL = "wall"
    REALTIME = "realtime"


class TickPolicy(OpenEnum):
    """What happens to timer ticks the guest missed."""

    DELAY = "delay"
    CATCHUP = "catchup"
    MERGE = "merge"
    DISCARD = "discard"


class TscMode(OpenEnum):
    """How the TSC is given to the guest."""

    AUTO = "auto"
    NATIVE = "native"
    EMULATE = "emulate"
    PARAVIRT = "paravirt"
    SMPSAFE = "smpsafe"


class ClockBasis(OpenEnum):
    """What a `variable` offset is relative to."""

    UTC = "utc"
    LOCALTIME = "localtime"


@element()
class Catchup:
    """`<catchup threshold=.. slew=.. limit=..>`: how missed ticks are caught up."""

    threshold: int | None = attr("threshold")
    slew: int | None = attr("slew")
    limit: int | None = attr("limit")


@element()
class Timer:
    """`<timer name=.. tickpolicy=.. present=..>`: one guest timer (pit, rtc, hpet, tsc...)."""

    name: TimerName | None = attr("name")
    track: TimerTrack | None = attr("track")
    tickpolicy: TickPolicy | None = attr("tickpolicy")
    frequency: int | None = attr("frequency")
    mode: TscMode | None = attr("mode")
    present: bool | None = attr("present", codec=YesNo)
    catchup: Catchup | None = child("catchup")


@element()
class Clock:
    """`<clock offset=..>`: how the guest clock relates to the host's."""

    offset: ClockOffset | None = attr("offset")
    timezone: str | None = attr("timezone")
    adjustment: str | None = attr("adjustment")
    basis: ClockBasis | None = attr("basis")
    start: int | None = attr("start")
    timers: list[Timer] = children("timer")

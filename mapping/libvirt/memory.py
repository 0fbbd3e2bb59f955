"""Memory allocation, backing and tuning (formatdomain "Memory Allocation", "Memory Backing", "Memory Tuning")."""
from __future__ import annotations

from ..core import OnOff, attr, element
from .units import Size


@element()
class Memory(Size):
    """`<memory>`: the boot-time maximum; `dump_core` says whether it goes into core dumps."""

    dump_core: bool | None = attr("dumpCore", codec=OnOff)


@element()
class MaxMemory(Size):
    """`<maxMemory>`: the run-time maximum for memory hotplug, with its slot count."""

    slots: int | None = attr("slots")


@element()
class MemoryBacking:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class MemTune:
    """Not modelled yet: its content is kept as unknown XML."""

"""CPU, IOThreads, NUMA, block I/O tuning and resource partitions (formatdomain "CPU Allocation", "IOThreads Allocation", "CPU Tuning", "NUMA Node Tuning", "Block I/O Tuning", "Resource partitioning")."""
from __future__ import annotations

from ..core import element


@element()
class Vcpu:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class Vcpus:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class IoThreadIds:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class DefaultIoThread:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class CpuTune:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class NumaTune:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class BlkioTune:
    """Not modelled yet: its content is kept as unknown XML."""


@element()
class Resource:
    """Not modelled yet: its content is kept as unknown XML."""

"""Sizes with units, as libvirt writes them (`<memory unit='KiB'>524288</memory>`)."""
from __future__ import annotations

from ..core import attr, element, text

# libvirt's scaled-integer units; a bare number is KiB for memory (formatdomain
# "Memory Allocation") and the unit-less suffixes are powers of 1024.
_FACTORS = {
    "b": 1, "bytes": 1,
    "k": 1024, "kib": 1024, "kb": 1000,
    "m": 1024**2, "mib": 1024**2, "mb": 1000**2,
    "g": 1024**3, "gib": 1024**3, "gb": 1000**3,
    "t": 1024**4, "tib": 1024**4, "tb": 1000**4,
    "p": 1024**5, "pib": 1024**5, "pb": 1000**5,
    "e": 1024**6, "eib": 1024**6, "eb": 1000**6,
}


def unit_factor(unit: str | None, default: str = "KiB") -> int:
    """Bytes in one `unit` (None: `default`); ValueError for a unit libvirt does not know."""
    try:
        return _FACTORS[(unit or default).lower()]
    except KeyError:
        raise ValueError(f"unknown size unit {unit!r}") from None


@element()
class Size:
    """A scaled integer: the document's value and unit, kept as written.

    `bytes` and `kib` give the size whatever the unit; `Size.of(2, "GiB")` builds one.
    """

    value: int | None = text()
    unit: str | None = attr("unit")

    @classmethod
    def of(cls, value: int, unit: str = "KiB") -> Size:
        unit_factor(unit)
        return cls(value=value, unit=unit)

    @property
    def bytes(self) -> int | None:
        return None if self.value is None else self.value * unit_factor(self.unit)

    @property
    def kib(self) -> int | None:
        size = self.bytes
        return None if size is None else size // 1024

    def __str__(self) -> str:
        return f"{self.value} {self.unit or 'KiB'}"

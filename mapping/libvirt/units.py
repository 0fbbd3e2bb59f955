"""Sizes with units, as libvirt writes them (`<memory unit='KiB'>524288</memory>`)."""
from __future__ import annotations

from typing import Any, Self

from ..core import StrCodec, attr, element, text
from ..core.errors import SerializeError
from .basictypes import UNIT, UNSIGNED_LONG

# libvirt's scaled-integer units; a bare number is KiB for memory (formatdomain
# "Memory Allocation") and the unit-less suffixes are powers of 1024.
_FACTORS = {
    "b": 1, "byte": 1, "bytes": 1,
    "k": 1024, "kib": 1024, "kb": 1000,
    "m": 1024**2, "mib": 1024**2, "mb": 1000**2,
    "g": 1024**3, "gib": 1024**3, "gb": 1000**3,
    "t": 1024**4, "tib": 1024**4, "tb": 1000**4,
    "p": 1024**5, "pib": 1024**5, "pb": 1000**5,
    "e": 1024**6, "eib": 1024**6, "eb": 1000**6,
}




class UnitError(SerializeError, ValueError):
    """A size unit libvirt does not know (`Memory(value=8, unit="Gigs")`).

    A SerializeError to code that set it (writing or `Size.bytes`); a ValueError to the
    unit's codec, so that reading reports it as a ParseError with its line and field.
    """


def unit_factor(unit: str | None, default: str = "KiB") -> int:
    """Bytes in one `unit` (None or "": `default`, as libvirt reads them); UnitError for a
    unit libvirt does not know (units are case-insensitive)."""
    try:
        return _FACTORS[(unit or default).lower()]
    except (KeyError, AttributeError, TypeError):   # (not a str at all)
        shown = repr(unit) if len(repr(unit)) <= 40 else repr(unit)[:40] + "..."
        raise UnitError(f"unknown size unit {shown} (libvirt knows b, bytes, KB, KiB, MB, "
                        "MiB, ... EB, EiB and their one-letter forms k, M, G, T, P, E)"
                        ) from None


class UnitCodec(StrCodec):
    """A size unit: kept as written, refused when libvirt does not know it, on reading
    (libvirt would refuse the document) and on writing; with `UNIT`'s facets."""

    examples = ("KiB", "MiB", "GiB", "TiB", "b", "bytes", "KB", "k", "M", "g", "eib")
    # The spellings documents use, which the generated readers and writers take as they
    # stand without calling the codec (every unit of every memory element otherwise).
    verbatim = frozenset(("b", "bytes", "KB", "KiB", "MB", "MiB", "GB", "GiB", "TB", "TiB",
                          "PB", "PiB", "EB", "EiB", "k", "K", "M", "G", "T", "P", "E"))

    def parse(self, text: str) -> str:
        unit_factor(text)
        return text

    def format(self, value: Any) -> str:
        text = super().format(value)   # (StrCodec's type check first)
        unit_factor(text)
        return text

    def __repr__(self) -> str:
        return "SizeUnit"


SIZE_UNIT = UnitCodec()
SIZE_UNIT.facets = UNIT.facets


@element()
class Size:
    """A scaled integer: the document's value and unit, kept as written.

    `bytes` and `kib` give the size whatever the unit; `Size.of(2, "GiB")` builds one.
    """

    value: int | None = text(codec=UNSIGNED_LONG)
    unit: str | None = attr("unit", codec=SIZE_UNIT)

    @classmethod
    def of(cls, value: int, unit: str = "KiB") -> Self:
        unit_factor(unit)
        return cls(value=value, unit=unit)

    @property
    def bytes(self) -> int | None:
        if self.value is None:
            return None
        if not isinstance(self.value, int) or isinstance(self.value, bool):   # ("8" * 1024)
            raise SerializeError(f"{type(self).__name__}.value: expected int, got "
                                 f"{type(self.value).__name__}")
        try:
            return self.value * unit_factor(self.unit)
        except UnitError as err:
            raise UnitError(f"{type(self).__name__}.unit: {err}") from None

    @property
    def kib(self) -> int | None:
        size = self.bytes
        return None if size is None else size // 1024

    def __str__(self) -> str:
        return f"{self.value} {self.unit or 'KiB'}"

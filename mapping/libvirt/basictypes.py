"""libvirt's value types (schemas basictypes.rng and the type library of domaincommon.rng)
as codecs that also say what libvirt's schema accepts.

Reading and writing do not change: each codec here is a plain `IntCodec`, `HexIntCodec`
or `StrCodec` instance, so the generated readers and writers take their usual inlined
path (a subclass would not be inlined: writing the corpus took 5% longer). What is
added is `facets`, which the generated XSD (`mapping.xsd`, hence `validate`) turns into
ranges, patterns and closed sets: a document with PCI slot 0x20 or a malformed MAC
still parses losslessly, and does not validate.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..core.codecs import HexIntCodec, IntCodec, StrCodec

U32_MAX = 2**32 - 1
U64_MAX = 2**64 - 1


@dataclass(frozen=True)
class Facets:
    """What libvirt's schema accepts for one value type.

    Integers: `decimal` is the pattern a decimal spelling must match (None: decimal is
    refused), checked with `minimum`/`maximum`; `hex` the pattern of the `0x` spelling
    (None: refused); or `pattern` alone, when libvirt gives only a pattern. Strings:
    `pattern` and/or a closed set of `values`. Patterns are XSD regular expressions
    (anchored at both ends).
    """

    name: str
    minimum: int | None = None
    maximum: int | None = None
    decimal: str | None = "[0-9]+"
    hex: str | None = None
    pattern: str | None = None
    values: tuple[str, ...] = ()


def ranged(name: str, minimum: int | None = 0, maximum: int | None = None, *,
           decimal: str | None = "[0-9]+", hex: str | None = None, width: int | None = None,
           pattern: str | None = None) -> IntCodec:
    """An integer codec (decimal or 0x, as every int field reads) with libvirt's bounds;
    `width`: written as zero-padded hex (HexInt) rather than decimal."""
    codec = IntCodec() if width is None else HexIntCodec(width)
    codec.facets = Facets(name, minimum, maximum, decimal, hex, pattern)
    return codec


class PatternStr(StrCodec):
    """A base for string codecs with a parse of their own (a check, say) that keep the
    facets libvirt's schema gives the value. (A plain pattern needs no subclass: see
    `pattern`. The generated readers call a subclass's own parse; StrCodec's format, if
    it keeps it, is spelled out in the writers.)"""

    def __init__(self, facets: Facets):
        self.facets = facets

    def __repr__(self) -> str:
        return f"Str({self.facets.name})"


def pattern(name: str, regex: str) -> StrCodec:
    """Text kept as it is, which libvirt's schema wants to match `regex`."""
    codec = StrCodec()
    codec.facets = Facets(name, pattern=regex)
    return codec


def closed(name: str, *values: str) -> StrCodec:
    """A string from a closed set libvirt's schema lists (the model keeps it a str)."""
    codec = StrCodec()
    codec.facets = Facets(name, values=values)
    return codec


# -- integers (basictypes.rng) -------------------------------------------------------------
UNSIGNED_INT = ranged("unsignedInt", 0, U32_MAX)
UNSIGNED_LONG = ranged("unsignedLong", 0, U64_MAX)
POSITIVE_INTEGER = ranged("positiveInteger", 1)
UNSIGNED_SHORT = ranged("unsignedShort", 0, 65535)
COUNT_CPU = ranged("countCPU", 1, 65535)
VCPU_ID = ranged("vcpuid", 0, 65535)

# Hex-capable types are libvirt's `int` choices: its decimal form may carry a sign.
_SIGNED = r"[+\-]?[0-9]+"


def _hex_typed(name: str, maximum: int, hex_pattern: str, width: int) -> IntCodec:
    return ranged(name, 0, maximum, decimal=_SIGNED, hex=hex_pattern, width=width)


PCI_DOMAIN = _hex_typed("pciDomain", U32_MAX, "0x[0-9a-fA-F]{1,8}", 4)
PCI_BUS = _hex_typed("pciBus", 255, "0x[0-9a-fA-F]{1,2}", 2)
PCI_SLOT = _hex_typed("pciSlot", 31, "0x[0-1]?[0-9a-fA-F]", 2)
PCI_FUNC = _hex_typed("pciFunc", 7, "0x[0-7]", 1)
ZPCI_UID = _hex_typed("uint16", 65535, "0x[0-9a-fA-F]{1,4}", 4)
ZPCI_FID = _hex_typed("uint32", U32_MAX, "0x[0-9a-fA-F]{1,8}", 8)
CCW_CSSID = _hex_typed("ccwCssidRange", 254, "0x[0-9a-eA-E][0-9a-fA-F]?|0x[fF][0-9a-eA-E]?", 0)
CCW_SSID = ranged("ccwSsidRange", 0, 3, decimal="[0-3]", hex="0x[0-3]", width=0)
CCW_DEVNO = _hex_typed("ccwDevnoRange", 65535, "0x[0-9a-fA-F]{1,4}", 4)
# libvirt reads a bare `reg` as hex; the model reads it as decimal, so only the spellings
# both accept (0x form; up to 8 digits) are valid.
SPAPR_VIO_REG = ranged("spaprvioReg", None, None, width=0,
                       pattern="0x[0-9a-fA-F]{1,8}|[0-9]{1,8}")
USB_ADDR = ranged("usbAddr", None, None, pattern="0x[0-9a-fA-F]{1,3}|[0-9]{1,3}")
DRIVE_NUMBER = ranged("driveController", None, None, pattern="[0-9]{1,2}")
DRIVE_UNIT = ranged("driveUnit", None, None, pattern="[0-9]{1,5}")

# -- strings ---------------------------------------------------------------------------
UUID = pattern("UUID", "[a-fA-F0-9]{32}|[a-fA-F0-9]{8}-([a-fA-F0-9]{4}-){3}[a-fA-F0-9]{12}")
MAC_ADDR = pattern("macAddr", "[a-fA-F0-9]{2}(:[a-fA-F0-9]{2}){5}")
CPUSET = pattern("cpuset", r"([0-9]+(-[0-9]+)?|\^[0-9]+)(,([0-9]+(-[0-9]+)?|\^[0-9]+))*")
UNIT = pattern("unit", "([bB]([yY][tT][eE][sS]?)?)|([kKmMgGtTpPeE]([iI]?[bB])?)")
ABS_FILE_PATH = pattern("absFilePath", r"(/|[a-zA-Z]:\\).+")
USB_PORT = pattern("usbPort", r"((0x)?[0-9a-fA-F]{1,3}\.){0,3}(0x)?[0-9a-fA-F]{1,3}")
LOADPARM = pattern("loadparm", r"[a-zA-Z0-9.\s]{1,8}")

__all__ = [
    "ABS_FILE_PATH", "CCW_CSSID", "CCW_DEVNO", "CCW_SSID", "COUNT_CPU", "CPUSET", "DRIVE_NUMBER",
    "DRIVE_UNIT", "Facets", "LOADPARM", "MAC_ADDR", "PCI_BUS", "PCI_DOMAIN", "PCI_FUNC",
    "PCI_SLOT", "POSITIVE_INTEGER", "PatternStr", "SPAPR_VIO_REG", "UNIT", "UNSIGNED_INT",
    "UNSIGNED_LONG", "UNSIGNED_SHORT", "USB_ADDR", "USB_PORT", "UUID", "VCPU_ID",
    "ZPCI_FID", "ZPCI_UID", "closed", "pattern", "ranged",
]

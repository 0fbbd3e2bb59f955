"""Codecs: objects that turn XML text into typed values and back.

A codec has `parse(text) -> value` and `format(value) -> text`. A field names its codec,
or the codec is found from the field's type through `CodecRegistry`, which users can
extend (`default_registry.register(MyType, MyCodec())`).
"""
from __future__ import annotations

import decimal
import enum
import math
import re
from typing import Any, Protocol


class Codec(Protocol):
    """Turns XML text into a value and back.

    A codec for element text may also have `hints`: attributes written on the element
    beside the value, which say how to read it (VDSM's `<size type="int">3</size>`).
    Parsing consumes a hint attribute when it has the hinted value.

    A codec may also have `verbatim`: strings it reads and writes as they stand (a size
    unit's common spellings). The generated readers and writers take those without
    calling the codec; every other value goes through `parse` and `format`.

    The built-in codecs' `parse` and `format` are spelled out in the generated code, not
    called; so are those of a subclass that keeps them (one that only adds hints, facets
    or a repr): see `inline_kind`.
    """

    def parse(self, text: str) -> Any: ...

    def format(self, value: Any) -> str: ...


class StrCodec:
    """Text as it stands."""

    # Declared, not set: a model layer gives the codecs of its value types what its
    # schema allows (`mapping.libvirt.basictypes.Facets`); readers use getattr.
    facets: Any

    def parse(self, text: str) -> str:
        return text

    def format(self, value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError(f"expected str, got {type(value).__name__}")
        return value

    def __repr__(self) -> str:
        return "Str"


XML_BLANKS = " \t\n\r"   # XML's white space (which may stand around a number)
_DECIMAL = re.compile(r"[+-]?[0-9]+\Z")
_HEX = re.compile(r"0[xX][0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")

# libvirt's integers are 64-bit; the core takes any of up to 256 bits, spelled in up to
# 80 digits. Bounded so that every value read can be written back, in decimal or hex,
# and read again (Python refuses to write an int of more than 4300 decimal digits, and
# converts long decimal spellings in quadratic time).
MAX_INT_BITS = 256
MAX_INT_DIGITS = 80


def shown(text: str, limit: int = 40) -> str:
    """`text` quoted for a message, cut short: a refused value may be megabytes long."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}... ({len(text)} characters)"


def parse_int(text: str) -> int:
    """Parse a decimal or `0x` hexadecimal integer, nothing looser, within the bounds."""
    if text.isascii() and len(text) <= 18:   # the common cases, in range, without a regex
        if text.isdigit():
            return int(text, 10)
        if text[:2] in ("0x", "0X") and text[2:].isalnum():
            try:
                return int(text, 16)
            except ValueError:
                pass   # letters past f: refused below, with our message
    stripped = text.strip(XML_BLANKS)   # (XML's white space: a no-break space is none)
    if _DECIMAL.match(stripped):
        digits, base = len(stripped) - (stripped[0] in "+-"), 10
    elif _HEX.match(stripped):
        digits, base = len(stripped) - 2, 16
    else:
        raise ValueError(f"not an integer: {shown(text)}")
    if digits > MAX_INT_DIGITS:
        raise ValueError(f"an integer of {digits} digits: more than {MAX_INT_DIGITS} are not "
                         "accepted")
    value = int(stripped, base)
    if value.bit_length() > MAX_INT_BITS:
        raise ValueError(f"integer {shown(text)} is out of range (more than {MAX_INT_BITS}"
                         " bits)")
    return value


def _check_int(value: Any) -> None:
    """A value an integer codec can write so that it reads back (the bounds above)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected int, got {type(value).__name__}")
    if value.bit_length() > MAX_INT_BITS:
        raise ValueError(f"integer of {value.bit_length()} bits is out of range (more than"
                         f" {MAX_INT_BITS})")


class IntCodec:
    """An integer, read in decimal or `0x` hex and written in decimal."""

    facets: Any   # (declared, not set: as StrCodec's)

    def parse(self, text: str) -> int:
        return parse_int(text)

    def format(self, value: Any) -> str:
        _check_int(value)
        return str(value)

    def __repr__(self) -> str:
        return "Int"


class HexIntCodec(IntCodec):
    """A non-negative integer written as `0x` hex, zero-padded to `width` digits (PCI
    addresses); read in hex or decimal."""

    def __init__(self, width: int = 0):
        self.width = width

    def parse(self, text: str) -> int:
        value = parse_int(text)
        if value < 0:   # it could not be written back in hex
            raise ValueError(f"{shown(text)} is negative: a hexadecimal field holds no sign")
        return value

    def format(self, value: Any) -> str:
        _check_int(value)
        if value < 0:
            raise ValueError(f"negative value {value} cannot be written in hex")
        return f"0x{value:0{self.width}x}"

    def __repr__(self) -> str:
        return f"HexInt({self.width})"


class FloatCodec:
    """A finite decimal number (`1.25`, `-3`, `1e-05`); integral values are written
    without a fraction. NaN and infinities are refused: they read back unequal or not
    at all, and libvirt has none."""

    def parse(self, text: str) -> float:
        stripped = text.strip(XML_BLANKS)
        # (float() alone would also take "nan", "1_0" and digits of other scripts)
        if not _FLOAT.match(stripped):
            raise ValueError(f"not a number: {shown(text)}")
        value = float(stripped)
        if not math.isfinite(value):
            raise ValueError(f"number {shown(text)} is out of range")
        # A number with more digits than a float holds would be written back as another
        # number (99999999999999999999999 as 1e+23): refused rather than changed.
        if decimal.Decimal(self.format(value)) != decimal.Decimal(stripped):
            raise ValueError(f"number {shown(text)} has more digits than a float holds")
        return value

    def format(self, value: Any) -> str:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise TypeError(f"expected float, got {type(value).__name__}")
        try:
            value = float(value)
        except OverflowError:
            raise ValueError("number out of range for a float") from None
        if not math.isfinite(value):
            raise ValueError(f"{value} is not a finite number")
        # Digits only while they stay short (1e+300 is not written out in 301 digits).
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)

    def __repr__(self) -> str:
        return "Float"


class BoolCodec:
    """A boolean spelled by a fixed pair of words (`yes`/`no`, `on`/`off` ...)."""

    def __init__(self, true: str, false: str):
        self.true = true
        self.false = false

    def parse(self, text: str) -> bool:
        if text == self.true:
            return True
        if text == self.false:
            return False
        raise ValueError(f"expected {self.true!r} or {self.false!r}, got {shown(text)}")

    def format(self, value: Any) -> str:
        if not isinstance(value, bool):
            raise TypeError(f"expected bool, got {type(value).__name__}")
        return self.true if value else self.false

    def __repr__(self) -> str:
        return f"Bool({self.true}/{self.false})"


class EnumCodec:
    """An `enum.Enum` by value; an `OpenEnum` also takes values it does not know."""

    def __init__(self, enum_type: type[enum.Enum]):
        self.enum_type = enum_type

    def parse(self, text: str) -> enum.Enum:
        member = self.enum_type._value2member_map_.get(text)
        if member is not None:
            return member
        try:
            return self.enum_type(text)
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in self.enum_type)
            raise ValueError(f"{shown(text)} is not one of {allowed}") from None

    def format(self, value: Any) -> str:
        if isinstance(value, self.enum_type):
            return str(value.value)
        # A plain string is accepted when it names a value of the enum.
        if isinstance(value, str):
            return str(self.parse(value).value)
        raise TypeError(f"expected {self.enum_type.__name__}, got {type(value).__name__}")

    def __repr__(self) -> str:
        return f"Enum({self.enum_type.__name__})"


# The codecs whose `parse` and `format` the generated readers and writers spell out.
_INLINED = frozenset((StrCodec, IntCodec, HexIntCodec, BoolCodec, EnumCodec))


def inline_kind(codec: Any, method: str) -> type | None:
    """The built-in codec class whose `method` ("parse" or "format") the generated code
    spells out for `codec`: the first built-in class among its class's bases, when the
    codec's `method` is that class's unchanged. None when it is another, in its class or
    set on the codec itself (that one is called), or when no built-in class is among its
    class's bases."""
    own = getattr(getattr(codec, method, None), "__func__", None)
    for base in codec.__class__.__mro__:
        if base in _INLINED:
            return base if own is getattr(base, method) else None
    return None


Str = StrCodec()
Int = IntCodec()
HexInt = HexIntCodec()
Float = FloatCodec()
YesNo = BoolCodec("yes", "no")
OnOff = BoolCodec("on", "off")
TrueFalse = BoolCodec("true", "false")


class CodecRegistry:
    """Finds the codec for a Python type; subclasses of a registered type match too."""

    def __init__(self) -> None:
        self._by_type: dict[type, Codec] = {}

    def register(self, python_type: type, codec: Codec) -> None:
        self._by_type[python_type] = codec

    def lookup(self, python_type: type) -> Codec | None:
        codec = self._by_type.get(python_type)
        if codec is not None:
            return codec
        # Enums first: a str-valued enum must not fall back to the plain str codec.
        if isinstance(python_type, type) and issubclass(python_type, enum.Enum):
            codec = EnumCodec(python_type)
            self._by_type[python_type] = codec
            return codec
        for klass in getattr(python_type, "__mro__", ())[1:]:
            codec = self._by_type.get(klass)
            if codec is not None:
                return codec
        return None


default_registry = CodecRegistry()
# bool before int: bool is an int subclass but must never be read as a number.
default_registry.register(bool, YesNo)
default_registry.register(str, Str)
default_registry.register(int, Int)
default_registry.register(float, Float)

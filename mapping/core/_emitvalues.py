"""The lines a generated writer (`_emitgen`) writes for one value: an attribute's text
or an element's, formatted as its codec would, from precomputed texts where that pays
(small integers, enum members, booleans), and escaped as lxml escapes."""
from __future__ import annotations

import functools
from typing import Any

from ._codegen import Source
from ._writer import escape_attr, escape_text
from .codecs import (MAX_INT_BITS, BoolCodec, EnumCodec, HexIntCodec, IntCodec, StrCodec,
                     inline_kind)


def attr_lines(src: Source, target: Any, value: str, indent: int) -> None:
    """Append attribute `target` holding `value` (a local that is not None) to `out`."""
    codec = target.codec
    t = src.const(target, f"t_{target.fname}_")
    prefix = target.attr_prefix
    pre = src.const(prefix, "p")
    general = f"out.append({pre} + attr_value({t}, {value}) + \"'\")"
    kind = inline_kind(codec, "format")
    if kind is StrCodec:
        src.add(indent, f"if {value}.__class__ is str and {_clean(value, _MARKUP)}:")
        put(src, indent + 1, pre, value, "\"'\"")
    elif kind is IntCodec:
        # Small numbers (indexes, ports, unit numbers) from a table, as hex ones below.
        known = src.local("k")
        src.add(indent, f"if {value}.__class__ is int:")
        src.add(indent + 1, f"{known} = {src.const(_int_texts(prefix), 'm')}.get({value})")
        src.add(indent + 1, f"if {known} is None:")
        # (an int too large to read back is left to the codec, which refuses it)
        src.add(indent + 2, f"if {_INT_LOW} < {value} < {_INT_HIGH}:")
        put(src, indent + 3, pre, f"str({value})", "\"'\"")
        src.add(indent + 2, "else:")
        src.add(indent + 3, general)
        src.add(indent + 1, "else:")
        put(src, indent + 2, known)
    elif kind is HexIntCodec:
        # Most values are small (PCI slots, functions, buses): their whole text is in a
        # table made once, the rest are formatted.
        table = src.const(_hex_texts(prefix, codec.width), "m")
        spec = src.const(f"0{codec.width}x", "s")
        hex_pre = src.const(prefix + "0x", "p")
        known = src.local("k")
        src.add(indent, f"if {value}.__class__ is int and {value} >= 0:")
        src.add(indent + 1, f"{known} = {table}.get({value})")
        src.add(indent + 1, f"if {known} is None:")
        src.add(indent + 2, f"if {value} < {_INT_HIGH}:")
        src.add(indent + 3, f"{known} = {hex_pre} + format({value}, {spec}) + \"'\"")
        src.add(indent + 2, "else:")
        src.add(indent + 3, f"{known} = {pre} + attr_value({t}, {value}) + \"'\"")
        put(src, indent + 1, known)
    elif kind is BoolCodec:
        yes = src.const(f"{prefix}{escape_attr(codec.true)}'", "s")
        no = src.const(f"{prefix}{escape_attr(codec.false)}'", "s")
        src.add(indent, f"if {value} is True:")
        src.add(indent + 1, f"out.append({yes})")
        src.add(indent, f"elif {value} is False:")
        src.add(indent + 1, f"out.append({no})")
    elif kind is EnumCodec:
        table = src.const(_member_texts(codec.enum_type, prefix), "m")
        enum_type = src.const(codec.enum_type, "e")
        known = src.local("k")
        src.add(indent, f"{known} = {table}.get({value}) if {value}.__class__ is {enum_type} "
                        f"else None")
        src.add(indent, f"if {known} is not None:")
        src.add(indent + 1, f"out.append({known})")
    elif _verbatim(codec):
        # Spellings the codec writes as they are (a size unit's KiB): no call for them.
        src.add(indent, f"if {value}.__class__ is str and {value} in "
                        f"{src.const(_verbatim(codec), 'w')}:")
        put(src, indent + 1, pre, value, "\"'\"")
    else:
        src.add(indent, general)
        return
    src.add(indent, "else:")
    src.add(indent + 1, general)


def _verbatim(codec: Any) -> frozenset[str]:
    """A codec's `verbatim` strings (read and written as they stand) that need no escaping."""
    return frozenset(value for value in getattr(codec, "verbatim", ())
                     if value.__class__ is str and escape_attr(value) == value)


# Integers written as they are: the ones the codecs read back (larger ones the codec
# refuses, through the general lines).
_INT_LOW, _INT_HIGH = str(-(2 ** MAX_INT_BITS)), str(2 ** MAX_INT_BITS)

# (both quotes, in text too: libvirt escapes them everywhere, and its style is ours)
_MARKUP = "&<>'\""


def _clean(value: str, markup: str) -> str:
    """A condition true when the string `value` is written as it is: no `markup` character
    and nothing the writers escape or refuse (a control character, a surrogate, U+FFFE:
    none is printable). Two thirds of the strings are letters and digits (`virtio`),
    which isalnum() says first; for the rest a few C scans cost a third less than the
    escaping regex's search (paths, `pc-q35-9.0`)."""
    absent = " and ".join(f"{char!r} not in {value}" for char in markup)
    return f"({value}.isalnum() or ({value}.isprintable() and {absent}))"


def put(src: Source, indent: int, *pieces: str) -> None:
    """Append each piece to `out` on its own: cheaper than concatenating them first (no
    string made in between; the list append is specialised by the interpreter)."""
    for piece in pieces:
        src.add(indent, f"out.append({piece})")


@functools.cache
def _int_texts(prefix: str) -> dict[int, str]:
    """` name="n"` for 0..255, by attribute prefix: shared by all writers."""
    return {number: f"{prefix}{number}'" for number in range(256)}


def _member_texts(enum_type: Any, prefix: str, escape: Any = escape_attr,
                  suffix: str = "'") -> dict[Any, str]:
    texts = {}
    for member in enum_type:
        try:
            texts[member] = f'{prefix}{escape(str(member.value))}{suffix}'
        except ValueError:
            pass   # a value XML cannot carry: the general path reports it
    return texts


@functools.cache
def _hex_texts(prefix: str, width: int) -> dict[int, str]:
    """` name="0x.."` for 0..255, by attribute prefix and width: shared by all writers."""
    return {number: f"{prefix}0x{number:0{width}x}'" for number in range(256)}


def text_lines(src: Source, target: Any, value: str, result: str, indent: int) -> None:
    """Set `result` to the escaped text of `value` (a local that is not None)."""
    t = src.const(target, f"t_{target.fname}_")
    kind = inline_kind(target.codec, "format")
    if kind is StrCodec:
        src.add(indent, f"if {value}.__class__ is str and {_clean(value, _MARKUP)}:")
        src.add(indent + 1, f"{result} = {value}")
    elif kind is IntCodec:
        src.add(indent, f"if {value}.__class__ is int and {_INT_LOW} < {value} < {_INT_HIGH}:")
        src.add(indent + 1, f"{result} = str({value})")
    elif kind is EnumCodec:
        enum_type = target.codec.enum_type
        table = src.const(_member_texts(enum_type, "", escape_text, ""), "m")
        src.add(indent, f"{result} = {table}.get({value}) if {value}.__class__ is "
                        f"{src.const(enum_type, 'e')} else None")
        src.add(indent, f"if {result} is None:")
        src.add(indent + 1, f"{result} = text_value({t}, {value})")
        return
    else:
        src.add(indent, f"{result} = text_value({t}, {value})")
        return
    src.add(indent, "else:")
    src.add(indent + 1, f"{result} = text_value({t}, {value})")

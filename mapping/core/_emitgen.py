"""Generated text writers: one Python function per mapped class.

The plain writer (`ClassPlan.emit` with `emit_content`) loops over a class's fields and
handlers for every object. The generated function unrolls that loop for one class: each
attribute becomes a few lines that read the field, format it the way its codec would
(with a precomputed text for enum members and booleans) and append it; path-reached
elements are written inline. Objects holding unknown XML go back to the plain writer.

The source is registered in `linecache` under `<mapping writer Class>`, so tracebacks
and debuggers show it; tests hold generated, plain and lxml output equal.
"""
from __future__ import annotations

import functools
from typing import Any

from ._codegen import Source
from .codecs import MAX_INT_BITS, BoolCodec, EnumCodec, HexIntCodec, IntCodec, StrCodec
from ._writer import attr_value, escape_attr, escape_text, text_value, wrong_type


def _new_source() -> Source:
    return Source({
        "attr_value": attr_value, "text_value": text_value, "wrong_type": wrong_type,
        "escape_attr": escape_attr,
        "isinstance": isinstance, "str": str, "len": len, "enumerate": enumerate,
        "format": format,
    })


def _attr_lines(src: Source, target: Any, value: str, indent: int) -> None:
    """Append attribute `target` holding `value` (a local that is not None) to `out`."""
    codec = target.codec
    t = src.const(target, "t")
    prefix = target.attr_prefix
    pre = src.const(prefix, "p")
    general = f"out.append({pre} + attr_value({t}, {value}) + '\"')"
    kind = type(codec)
    if kind is StrCodec:
        src.add(indent, f"if {value}.__class__ is str and {_clean(value, _ATTR_MARKUP)}:")
        _put(src, indent + 1, pre, value, "'\"'")
    elif kind is IntCodec:
        # Small numbers (indexes, ports, unit numbers) from a table, as hex ones below.
        known = src.local("k")
        src.add(indent, f"if {value}.__class__ is int:")
        src.add(indent + 1, f"{known} = {src.const(_int_texts(prefix), 'm')}.get({value})")
        src.add(indent + 1, f"if {known} is None:")
        # (an int too large to read back is left to the codec, which refuses it)
        src.add(indent + 2, f"if {_INT_LOW} < {value} < {_INT_HIGH}:")
        _put(src, indent + 3, pre, f"str({value})", "'\"'")
        src.add(indent + 2, "else:")
        src.add(indent + 3, general)
        src.add(indent + 1, "else:")
        _put(src, indent + 2, known)
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
        src.add(indent + 3, f"{known} = {hex_pre} + format({value}, {spec}) + '\"'")
        src.add(indent + 2, "else:")
        src.add(indent + 3, f"{known} = {pre} + attr_value({t}, {value}) + '\"'")
        _put(src, indent + 1, known)
    elif kind is BoolCodec:
        yes = src.const(f'{prefix}{escape_attr(codec.true)}"', "s")
        no = src.const(f'{prefix}{escape_attr(codec.false)}"', "s")
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
        _put(src, indent + 1, pre, value, "'\"'")
    else:
        src.add(indent, general)
        return
    src.add(indent, "else:")
    src.add(indent + 1, general)


def _verbatim(codec: Any) -> frozenset[str]:
    """A codec's `verbatim` strings (read and written as they stand) that need no escaping."""
    return frozenset(value for value in getattr(codec, "verbatim", ())
                     if value.__class__ is str and escape_attr(value) == value)


def _exact_class(codec: Any) -> type | None:
    """The class whose values a codec surely writes (others are asked to the codec)."""
    kind = type(codec)
    if kind is EnumCodec:
        return codec.enum_type
    return {StrCodec: str, IntCodec: int, BoolCodec: bool}.get(kind)


# Integers written as they are: the ones the codecs read back (larger ones the codec
# refuses, through the general lines).
_INT_LOW, _INT_HIGH = str(-(2 ** MAX_INT_BITS)), str(2 ** MAX_INT_BITS)

_ATTR_MARKUP = '&<>"'
_TEXT_MARKUP = "&<>"


def _clean(value: str, markup: str) -> str:
    """A condition true when the string `value` is written as it is: no `markup` character
    and nothing the writers escape or refuse (a control character, a surrogate, U+FFFE:
    none is printable). Two thirds of the strings are letters and digits (`virtio`),
    which isalnum() says first; for the rest a few C scans cost a third less than the
    escaping regex's search (paths, `pc-q35-9.0`)."""
    absent = " and ".join(f"{char!r} not in {value}" for char in markup)
    return f"({value}.isalnum() or ({value}.isprintable() and {absent}))"


def _put(src: Source, indent: int, *pieces: str) -> None:
    """Append each piece to `out` on its own: cheaper than concatenating them first (no
    string made in between; the list append is specialised by the interpreter)."""
    for piece in pieces:
        src.add(indent, f"out.append({piece})")


@functools.cache
def _int_texts(prefix: str) -> dict[int, str]:
    """` name="n"` for 0..255, by attribute prefix: shared by all writers."""
    return {number: f'{prefix}{number}"' for number in range(256)}


def _member_texts(enum_type: Any, prefix: str, escape: Any = escape_attr,
                  suffix: str = '"') -> dict:
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
    return {number: f'{prefix}0x{number:0{width}x}"' for number in range(256)}


def _text_lines(src: Source, target: Any, value: str, result: str, indent: int) -> None:
    """Set `result` to the escaped text of `value` (a local that is not None)."""
    t = src.const(target, "t")
    kind = type(target.codec)
    if kind is StrCodec:
        src.add(indent, f"if {value}.__class__ is str and {_clean(value, _TEXT_MARKUP)}:")
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


def _content(src: Source, plan: Any, indent: int, nl: str, scope: str, close: str,
             bare: str | None, me: str = "obj") -> None:
    """Attributes, text and children of an element whose open tag is already in `out`.

    `bare`: a local set to False once something is written (path-reached elements are
    left out when bare), or None when the element is written anyway. `me`: the local
    holding the object (another than `obj` when a leaf class is written inline).
    """
    src.depth += 1   # names the locals of this element and of its children's lines
    _content_lines(src, plan, indent, nl, scope, close, bare, me)
    src.depth -= 1


def _content_lines(src: Source, plan: Any, indent: int, nl: str, scope: str,
                   close: str, bare: str | None, me: str) -> None:
    for target in plan.attrs.values():
        value = src.local("a")
        src.add(indent, f"{value} = {me}.{target.fname}")
        src.add(indent, f"if {value} is not None:")
        if bare is not None:
            src.add(indent + 1, f"{bare} = False")
        union = target.union
        if union is not None:
            handler = src.const(union, "u")
            pre = src.const(target.attr_prefix, "p")
            # The attribute says which variant the union's value is: for a class that is
            # the variant of one key only, its text is known before writing.
            texts = src.const({cls: f'{target.attr_prefix}{escape_attr(keys[0])}"'
                               for cls, keys in union.keys_by_class.items()
                               if len(keys) == 1}, "m")
            variant, known = src.local("u"), src.local("k")
            src.add(indent + 1, f"{variant} = {me}.{union.fname}")
            src.add(indent + 1, f"if {variant} is not None:")
            # The value is not written, but one its codec cannot write is refused, as
            # the lxml builder (which formats it first) refuses it.
            exact = _exact_class(target.codec)
            t = src.const(target, "t")
            if exact is None:
                src.add(indent + 2, f"attr_value({t}, {value})")
            else:
                src.add(indent + 2, f"if {value}.__class__ is not {src.const(exact, 'e')}:")
                src.add(indent + 3, f"attr_value({t}, {value})")
            src.add(indent + 2, f"{known} = {texts}.get({variant}.__class__)")
            src.add(indent + 2, f"if {known} is None:")
            src.add(indent + 3, f"{known} = {pre} + escape_attr({handler}.key({me})) + '\"'")
            src.add(indent + 2, f"out.append({known})")
            src.add(indent + 1, "else:")
            _attr_lines(src, target, value, indent + 2)
        else:
            _attr_lines(src, target, value, indent + 1)
    text = None
    if plan.text is not None:
        text = src.local("text")
        value = src.local("tv")
        src.add(indent, f"{text} = None")
        src.add(indent, f"{value} = {me}.{plan.text.fname}")
        src.add(indent, f"if {value} is not None:")
        _text_lines(src, plan.text, value, text, indent + 1)
        if plan.hints:
            hints = "".join(f' {qname}="{escape_attr(hint)}"' for qname, hint in plan.hints.items())
            src.add(indent + 1, f"out.append({src.const(hints, 's')})")
    for union in plan.by_unions:
        handler = src.const(union, "u")
        key = src.local("key")
        src.add(indent, f"if {me}.{union.by.fname} is None and {me}.{union.fname} is not None:")
        src.add(indent + 1, f"{key} = {handler}.key({me})")
        src.add(indent + 1, f"if {key} != {src.const(union.default, 'd')}:")
        if bare is not None:
            src.add(indent + 2, f"{bare} = False")
        pre = src.const(union.by.attr_prefix, "p")
        src.add(indent + 2, f"out.append({pre} + escape_attr({key}) + '\"')")
    if not plan.writers:
        if text is None:
            src.add(indent, "out.append('/>')")
            return
        src.add(indent, f"if {text} is None:")
        src.add(indent + 1, "out.append('/>')")
        src.add(indent, "else:")
        _put(src, indent + 1, "'>'", text, close)
        if bare is not None:
            src.add(indent + 1, f"{bare} = False")
        return
    mark = src.local("mark")
    src.add(indent, f"{mark} = len(out)")
    src.add(indent, "out.append('>')")
    inner = src.local("nl")
    src.add(indent, f"{inner} = {nl} + step")
    for writer in plan.writers:
        _child(src, writer, indent, inner, scope)
    src.add(indent, f"if len(out) == {mark} + 1:")
    if text is None:
        src.add(indent + 1, f"out[{mark}] = '/>'")
    else:
        src.add(indent + 1, f"if {text} is None:")
        src.add(indent + 2, f"out[{mark}] = '/>'")
        src.add(indent + 1, "else:")
        src.add(indent + 2, f"out[{mark}] = '>' + {text} + {close}")
        if bare is not None:
            src.add(indent + 2, f"{bare} = False")
    src.add(indent, "else:")
    if bare is not None:
        src.add(indent + 1, f"{bare} = False")
    if text is not None:
        # lxml keeps text before the first child as it is, and does not indent that child
        src.add(indent + 1, f"if {text} and not (step and {text}.isspace()):")
        src.add(indent + 2, f"out[{mark}] = '>' + {text}")
        src.add(indent + 2, f"out[{mark} + 1] = ''")
    src.add(indent + 1, f"out.append({nl})")
    src.add(indent + 1, f"out.append({close})")


def _child(src: Source, writer: Any, indent: int, nl: str, scope: str) -> None:
    from ._handlers import (ChoiceHandler, FlagHandler, GroupHandler, NestedHandler,
                            NestedListHandler, UnionHandler)

    kind = type(writer)
    if kind is NestedHandler:
        plan, site = src.const(writer.plan, "P"), src.const(writer.site, "S")
        where = src.const(writer.where, "w")
        value = src.local("v")
        src.add(indent, f"{value} = obj.{writer.fname}")
        src.add(indent, f"if {value} is not None:")
        call = f"{plan}.fn({value}, {site}, {where}, out, {nl}, step, {scope})"
        _nested_value(src, writer, value, call, indent + 1, nl, scope)
    elif kind is NestedListHandler:
        plan, site = src.const(writer.plan, "P"), src.const(writer.site, "S")
        where = src.const(writer.where, "w")
        items, index, value = src.local("items"), src.local("i"), src.local("v")
        src.add(indent, f"{items} = obj.{writer.fname}")
        src.add(indent, f"if {items}:")
        src.add(indent + 1, f"for {index}, {value} in enumerate({items}):")
        call = f"{plan}.fn({value}, {site}, ({where}, {index}), out, {nl}, step, {scope})"
        _nested_value(src, writer, value, call, indent + 2, nl, scope)
    elif kind is GroupHandler and writer.site.plain:
        _group(src, writer, indent, nl, scope)
    elif kind is FlagHandler and writer.site.plain:
        # `<acpi/>`: the owner holds no unknown XML here, so the flag's element holds none
        # (only True: a flag set to "no" must not write the element; `present` refuses it)
        value = src.local("v")
        src.add(indent, f"{value} = obj.{writer.fname}")
        src.add(indent, f"if {value} is True:")
        _put(src, indent + 1, nl, src.const(writer.site.head + '/>', 's'))
        src.add(indent, f"elif {value} is not None and {value} is not False:")
        src.add(indent + 1, f"{src.const(writer, 'h')}.present(obj)")
    elif kind is UnionHandler:
        handler, site = src.const(writer, "h"), src.const(writer.site, "S")
        where = src.const(writer.where, "w")
        value, entry = src.local("v"), src.local("entry")
        src.add(indent, f"{value} = obj.{writer.fname}")
        src.add(indent, f"if {value} is not None:")
        inner = indent + 1
        if writer.site.plain:
            for key, plan in writer.variants.items():
                if len(writer.keys_by_class[plan.cls]) != 1 or not _inlinable(plan, writer.site):
                    continue
                disc = writer.discriminators.get(key)
                head = writer.site.head + (disc[2] if disc else "")
                _inline_leaf(src, plan, head, writer.site.close, value, indent + 1, nl, scope,
                             first=inner == indent + 1)
                inner = indent + 2
            if inner != indent + 1:
                src.add(indent + 1, "else:")
        src.add(inner, f"{entry} = {handler}.entries.get({value}.__class__) "
                       f"or {handler}.entry(obj, {value})")
        src.add(inner, f"out.append({nl})")
        src.add(inner, f"{entry}[0].fn({value}, {site}, {where}, out, {nl}, step, {scope}, "
                       f"{entry}[1])")
    elif kind is ChoiceHandler:
        handler, where = src.const(writer, "h"), src.const(writer.where, "w")
        items, index, value, entry = (src.local("items"), src.local("i"), src.local("v"),
                                      src.local("entry"))
        src.add(indent, f"{items} = obj.{writer.fname}")
        src.add(indent, f"if {items}:")
        src.add(indent + 1, f"entries = {handler}.entries")
        src.add(indent + 1, f"for {index}, {value} in enumerate({items}):")
        src.add(indent + 2, f"{entry} = entries.get({value}.__class__) "
                            f"or {handler}.entry({value}, {index})")
        src.add(indent + 2, f"out.append({nl})")
        src.add(indent + 2, f"{entry}[0].fn({value}, {entry}[1], ({where}, {index}), out, {nl}, "
                            f"step, {scope})")
    else:
        handler = src.const(writer, "h")
        src.add(indent, f"{handler}.emit(obj, out, {nl}, step, {scope}, None)")


def _nested_value(src: Source, writer: Any, value: str, call: str, indent: int, nl: str,
                  scope: str) -> None:
    """Write `value` (a local that is not None) of a nested or nested-list writer: inline
    when its class is a leaf, otherwise (and for objects the inline lines do not take)
    through `call`."""
    if _inlinable(writer.plan, writer.site):
        _inline_leaf(src, writer.plan, writer.site.head, writer.site.close, value, indent,
                     nl, scope)
        src.add(indent, "else:")
        indent += 1
    src.add(indent, f"out.append({nl})")
    src.add(indent, call)


def _inlinable(plan: Any, site: Any) -> bool:
    """A class without children, written where its tag needs no namespace: its few lines
    go into the parent's writer instead of a call."""
    return site.plain and not plan.writers and not plan.text_via_lxml


def _inline_leaf(src: Source, plan: Any, head: str, close: str, value: str, indent: int,
                 nl: str, scope: str, first: bool = True) -> None:
    """`if <value is exactly the class, holding nothing unknown>: <write it>`; the caller
    adds the `else:` that calls the class's writer."""
    cls = src.const(plan.cls, "cls")
    keyword = "if" if first else "elif"
    src.add(indent, f"{keyword} {value}.__class__ is {cls} and {value}.extras is None:")
    _put(src, indent + 1, nl, src.const(head, 's'))
    _content(src, plan, indent + 1, nl, scope, src.const(close, "s"), None, me=value)


def _group(src: Source, group: Any, indent: int, nl: str, scope: str) -> None:
    """A path-reached element, written inline when one of its fields is set."""
    leaf = group.plan
    if not leaf.attrs and not leaf.writers and not leaf.hints and leaf.text is not None:
        # `<name>text</name>`: written whole, or not at all
        value, text = src.local("v"), src.local("gt")
        src.add(indent, f"{value} = obj.{leaf.text.fname}")
        src.add(indent, f"if {value} is not None:")
        _text_lines(src, leaf.text, value, text, indent + 1)
        head = src.const(group.site.head + ">", "s")
        _put(src, indent + 1, nl, head, text, src.const(group.site.close, 's'))
        return
    present = " or ".join(f"obj.{name} is not None" for name in group.field_names)
    src.add(indent, f"if {present}:")
    if leaf.text is None and not leaf.writers and not leaf.hints:
        # `<model name="x"/>`: attributes only, so one of them set means it is written
        _put(src, indent + 1, nl, src.const(group.site.head, 's'))
        _content(src, leaf, indent + 1, nl, scope, src.const(group.site.close, "s"), None)
        return
    start, bare = src.local("start"), src.local("bare")
    src.add(indent + 1, f"{start} = len(out)")
    src.add(indent + 1, f"out.append({nl})")
    src.add(indent + 1, f"out.append({src.const(group.site.head, 's')})")
    src.add(indent + 1, f"{bare} = True")
    _content(src, group.plan, indent + 1, nl, scope, src.const(group.site.close, "s"), bare)
    src.add(indent + 1, f"if {bare}:")
    src.add(indent + 2, f"del out[{start}:]")


def generate_writer(plan: Any) -> Any:
    """The generated writer of a class plan (same signature as `ClassPlan.emit`)."""
    src = _new_source()
    cls, me = src.const(plan.cls, "cls"), src.const(plan, "plan")
    src.add(0, "def emit(obj, site, where, out, nl, step, scope, discriminator=None):")
    src.add(1, f"if obj.__class__ is not {cls} and not isinstance(obj, {cls}):")
    src.add(2, f"wrong_type({me}, where, obj)")
    if plan.text_via_lxml:
        src.add(1, f"return {me}.emit(obj, site, where, out, nl, step, scope, discriminator)")
    else:
        src.add(1, "if obj.extras is not None:")
        src.add(2, f"return {me}.emit(obj, site, where, out, nl, step, scope, discriminator)")
        src.add(1, "if site.plain:")
        src.add(2, "out.append(site.head)")
        src.add(2, "close = site.close")
        src.add(2, "inner = scope")
        src.add(1, "else:")
        src.add(2, "head, close, inner = site.open(scope)")
        src.add(2, "out.append(head)")
        src.add(1, "if discriminator is not None:")
        src.add(2, "out.append(discriminator[2])")
        _content(src, plan, 1, "nl", "inner", "close", None)
    return src.define("emit", f"<mapping writer {plan.name}>", f"emit_{plan.cls.__name__}")
